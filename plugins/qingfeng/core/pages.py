"""Helpers for generated pages: where they live, their front matter, literal text in Markdown."""

from __future__ import annotations

import json
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from .reuse import Kept

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~<>&-])")


def move(file: File, dest_uri: str) -> None:
    """Publish a Markdown file at `dest_uri` (model/urls.py): a pack's URL comes from its id, not its file name."""
    file.dest_uri = dest_uri
    for derived in ("url", "abs_dest_path"):
        file.__dict__.pop(derived, None)


def markdown_text(value: str) -> str:
    """Front-matter text placed into generated Markdown stays literal text."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(value))


# What a YAML double-quoted text may not hold as it is: control characters, YAML's own line breaks
# (U+0085, U+2028/9), lone surrogates, the byte-order mark and the non-characters.
_NOT_IN_YAML = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")


def front_matter(meta: dict) -> str:
    """The front matter of a generated page; its values are escaped later, like any page's.

    Written as JSON, which is YAML too, and many times faster to write than YAML's own form (a
    page per case); what JSON leaves as it is but YAML would not read back the same is escaped.
    """
    text = _NOT_IN_YAML.sub(lambda found: f"\\u{ord(found.group()):04x}", json.dumps(meta, ensure_ascii=False))
    return f"---\n{text}\n---\n"


class CarriedPage(Page):
    """A page the preview takes from its last build (core/reuse.py): its front matter as read then,
    no Markdown to read or render; plugins see it as the page it was. Its HTML is the old one."""

    def __init__(self, file: File, config: MkDocsConfig, kept: Kept) -> None:
        super().__init__(None, file, config)  # becomes file.page: the build reads and builds this one
        self.kept = kept

    def read_source(self, config: MkDocsConfig) -> None:
        self.markdown, self.meta = "", _copied(self.kept.meta)  # plugins change this build's copy only

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content, self.toc = "", get_toc([])
        self._title_from_render = self.kept.title
        self.present_anchor_ids = set(self.kept.anchors)


def _copied(value: object) -> object:
    """Front matter (mappings and lists of plain values) copied, faster than copy.deepcopy."""
    if isinstance(value, dict):
        return {key: _copied(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copied(item) for item in value]
    return value
