"""What search reads of a page: the text a reader sees in its body, in reading order.

Left out: what the browser runs or draws rather than shows as text (scripts, styles, icons),
the ¶ links of headings, and every element marked `data-search-exclude`, as Material's own
search has it (the pinyin above 家风 characters).

The HTML is the build's own (Python-Markdown's, and authors' raw HTML after the model's
policy), read with one regular expression rather than a parser: four times faster, on every page.
"""

from __future__ import annotations

import re
from html import unescape

_UNREAD = frozenset({"script", "style", "template", "svg", "noscript", "textarea", "select"})
# Their text is never markup, whatever it holds: what ends each.
_RAW = {tag: re.compile(f"</{tag}", re.IGNORECASE) for tag in ("script", "style", "textarea")}
# Elements that start a new line for a reader: their text never runs into a neighbour's.
_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "legend", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "ul",
})  # fmt: skip
_VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
})  # fmt: skip
# A comment, a tag (its attributes may quote ">"), a declaration, or text up to the next "<".
_TOKEN = re.compile(
    r"""<!--.*?(?:-->|$)|<(/?)([a-zA-Z][^\s/>]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|<[!?][^>]*>|([^<]+|<)""", re.S
)
_CLASS = re.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_SPACE = re.compile(r"\s+")


def _left_out(tag: str, attributes: str) -> bool:
    if tag in _UNREAD or "data-search-exclude" in attributes:
        return True
    found = _CLASS.search(attributes) if tag == "a" else None
    return found is not None and "headerlink" in "".join(part or "" for part in found.groups()).split()


def page_text(html: str) -> str:
    """The text of an HTML fragment, one space where a reader sees a break or a space."""
    parts: list[str] = []
    skipping, depth = None, 0  # the element being left out, and how deep inside it
    at = 0
    while (token := _TOKEN.match(html, at)) is not None:
        at = token.end()
        closing, tag, attributes, text = token.groups()
        if text is not None:
            if skipping is None:
                parts.append(text)
            continue
        if tag is None:  # a comment or a declaration
            continue
        tag = tag.lower()
        if skipping is not None:
            if tag == skipping:
                depth += -1 if closing else 1
                if depth == 0:
                    skipping = None
            continue
        if tag in _BLOCKS:
            parts.append("\n")
        if closing or tag in _VOID or attributes.endswith("/"):
            continue
        if tag in _RAW:  # skip to its end tag at once
            end = _RAW[tag].search(html, at)
            at = len(html) if end is None else end.start()
            skipping, depth = tag, 1
        elif _left_out(tag, attributes):
            skipping, depth = tag, 1
    return _SPACE.sub(" ", unescape("".join(parts))).strip()
