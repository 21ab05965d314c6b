"""Pinyin over Han characters: readings from pypinyin, the site's overrides first."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from pypinyin import Style, lazy_pinyin

from ..model.script import HAN

# Headings feed the table of contents and titles; code is code.
SKIPPED = {"h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "script", "style", "ruby", "rt"}


def readings(text: str, overrides: dict[str, tuple[str, ...]]) -> list[tuple[str, str | None]]:
    """The text in pieces: each Han character with its syllable, any other run with None."""
    phrases = re.compile("|".join(map(re.escape, sorted(overrides, key=len, reverse=True)))) if overrides else None
    pieces: list[tuple[str, str | None]] = []
    position = 0
    for run in HAN.finditer(text):
        if run.start() > position:
            pieces.append((text[position : run.start()], None))
        pieces += _han(run.group(), overrides, phrases)
        position = run.end()
    if position < len(text):
        pieces.append((text[position:], None))
    return pieces


def _han(run: str, overrides: dict[str, tuple[str, ...]], phrases: re.Pattern | None) -> list[tuple[str, str | None]]:
    pieces: list[tuple[str, str | None]] = []
    position = 0
    for match in phrases.finditer(run) if phrases else ():
        pieces += _guessed(run[position : match.start()])
        pieces += zip(match.group(), overrides[match.group()], strict=True)
        position = match.end()
    return pieces + _guessed(run[position:])


def _guessed(run: str) -> list[tuple[str, str | None]]:
    """pypinyin reads a run of Han characters as words, which settles most polyphonic characters."""
    if not run:
        return []
    syllables = lazy_pinyin(run, style=Style.TONE)
    if len(syllables) != len(run):  # no reading it can align character by character
        return [(run, None)]
    return list(zip(run, syllables, strict=True))


class RubyTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, extension: RubyExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        if self.extension.overrides is not None:
            self._walk(root)

    def _walk(self, element: etree.Element) -> None:
        for child in list(element):
            if child.tag not in SKIPPED:
                self._walk(child)
        if element.text and element.tag not in SKIPPED:
            text, element.text = element.text, None
            for index, node in enumerate(self._nodes(text, element, None)):
                element.insert(index, node)
        for child in list(element):
            if child.tail:
                tail, child.tail = child.tail, None
                position = list(element).index(child)
                for offset, node in enumerate(self._nodes(tail, element, child), start=1):
                    element.insert(position + offset, node)

    def _nodes(self, text: str, parent: etree.Element, before: etree.Element | None) -> list[etree.Element]:
        """<ruby> elements for the text; plain pieces go into the previous node's tail."""
        nodes: list[etree.Element] = []
        for piece, reading in readings(text, self.extension.overrides):
            if reading is None:
                if nodes:
                    nodes[-1].tail = (nodes[-1].tail or "") + piece
                elif before is not None:
                    before.tail = (before.tail or "") + piece
                else:
                    parent.text = (parent.text or "") + piece
                continue
            ruby = etree.Element("ruby")
            ruby.text = piece
            rt = etree.SubElement(ruby, "rt")
            rt.text = reading
            rt.set("data-search-exclude", "")  # search finds the characters, not the pinyin
            nodes.append(ruby)
        return nodes


class RubyExtension(Extension):
    """Adds pinyin to a page while `overrides` is set (the plugin sets it per page)."""

    def __init__(self) -> None:
        super().__init__()
        self.overrides: dict[str, tuple[str, ...]] | None = None

    def extendMarkdown(self, md: Markdown) -> None:
        # After every other tree processor (attr_list, toc...), on the finished tree.
        md.treeprocessors.register(RubyTreeprocessor(md, self), "qingfeng_ruby", 1)
