"""What search reads of a page: the text a reader sees in its body, in reading order.

Left out: what the browser runs or draws rather than shows as text (scripts, styles, icons),
the ¶ links of headings, and every element marked `data-search-exclude`, as Material's own
search has it (the pinyin above 家风 characters).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_UNREAD = frozenset({"script", "style", "template", "svg", "noscript", "textarea", "select"})
# Elements that start a new line for a reader: their text never runs into a neighbour's.
_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "legend", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "ul",
})  # fmt: skip
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track"})
_SPACE = re.compile(r"\s+")


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping: str | None = None  # the element being left out, and how deep inside it
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipping is not None:
            if tag == self.skipping:
                self.depth += 1
            return
        if tag in _BLOCKS:
            self.parts.append("\n")
        if tag in _VOID:
            return
        names = dict(attrs)
        heading_link = tag == "a" and "headerlink" in (names.get("class") or "")
        if tag in _UNREAD or "data-search-exclude" in names or heading_link:
            self.skipping, self.depth = tag, 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipping is None and tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self.skipping is not None:
            if tag == self.skipping:
                self.depth -= 1
                if self.depth == 0:
                    self.skipping = None
            return
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.skipping is None:
            self.parts.append(data)


def page_text(html: str) -> str:
    """The text of an HTML fragment, one space where a reader sees a break or a space."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return _SPACE.sub(" ", "".join(reader.parts)).strip()
