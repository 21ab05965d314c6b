"""Raw HTML is allowed only as markup (CONTENT-FORMAT 1, 9, 10): nothing that runs, loads or leaves content/.

A Markdown body is read the way a browser would read it: tags come from html5lib's WHATWG tokenizer (never
from regular expressions over HTML), links, images, reference definitions and attribute lists from
Python-Markdown's own parsing code. The whole body is tokenized, code spans included: being conservative is
the point, and the message says how to write a literal `<`. Every construct is reported at its file line so
that authors learn; nothing is silently dropped. `check_html` applies the same policy to the HTML that
Python-Markdown produced (a backstop for the build); `check_limits` bounds the nesting that the Markdown and PDF
renderers would recurse into. SVG files are checked in `svg.py`, with the URL and CSS helpers public here.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from html5lib._tokenizer import HTMLTokenizer
from html5lib.constants import tokenTypes
from markdown.blockprocessors import ReferenceProcessor
from markdown.extensions.attr_list import get_attrs_and_remainder, sanitize_name
from markdown.inlinepatterns import AUTOLINK_RE, AUTOMAIL_RE, LINK_RE, LinkInlineProcessor, ReferenceInlineProcessor

from .paths import content_path, excerpt
from .problems import Problems

# Where Markdown, HTML, our YAML and the search index name files: a conversion between scripts leaves
# these as written, or 現場.png would be looked for as 现场.png. Only path-shaped targets (a "." or "/"
# in them, nothing a sentence holds), each after a fixed marker: a #fragment names a heading, whose id is
# converted with the text, a ?query holds words (a library filter), and link labels, titles and footnotes
# are text.
_PATH = r"[^\s\"'<>#?()（）\[\]]{0,500}[./][^\s\"'<>#?()（）\[\]]{0,500}"
_BEFORE_PATH = (
    r"\]\(",  # [text](target, ![alt](target
    r"\]: ",  # [label]: target
    *(f"{name}=\"" for name in ("src", "href", "poster", "srcset", "data")),
    *(f"{name}: " for name in ("file", "poster", "captions", "page")),  # video.file, a booklet's page:
    '"location":"',  # the search index
)
FILE_REFERENCES = "(?:" + "|".join(_BEFORE_PATH) + ")" + _PATH  # the ASCII marker is kept too: it reads the same


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Markup elements an author may use. Everything else is an error naming the element.
ALLOWED_ELEMENTS = _words(
    """p br hr span div section article aside header footer b i u s strong em mark small sub sup abbr cite q
    dfn kbd code samp var del ins blockquote pre h1 h2 h3 h4 h5 h6 ul ol li dl dt dd table caption colgroup col
    thead tbody tfoot tr th td img figure figcaption picture source video audio track a details summary ruby rt
    rp center font time wbr address"""
)
# Elements that run, embed, submit or restyle: named in their own message.
FORBIDDEN_ELEMENTS = _words(
    """script style iframe frame frameset object embed applet form input button textarea select option optgroup
    datalist fieldset output keygen base meta link svg math template noscript portal slot dialog canvas xmp
    plaintext title noembed noframes html head body marquee isindex"""
)
# Harmless attributes: names, presentation, table structure, media controls, accessibility.
ALLOWED_ATTRIBUTES = _words(
    """class id title lang align valign width height border cellpadding cellspacing bgcolor color face size
    colspan rowspan span scope headers abbr alt src srcset sizes media href target rel name start reversed value
    type controls poster preload muted loop playsinline kind srclang label default open datetime cite style role
    markdown loading decoding"""
)
TYPE_ELEMENTS = frozenset({"ol", "ul", "li", "source", "track"})
# Attributes whose value the browser fetches and shows: only files under content/.
LOAD_ATTRIBUTES = frozenset({"src", "poster"})
LOADS = LOAD_ATTRIBUTES | {"srcset"}  # every attribute whose URLs the browser loads
# Attributes that are followed only when clicked: outbound links are fine.
LINK_ATTRIBUTES = frozenset({"href", "cite"})
REL_TOKENS = _words("nofollow noopener noreferrer external license tag author help bookmark next prev ugc sponsored")
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# data-* attributes that the theme's and the site's own scripts act on.
RESERVED_DATA = ("data-md-", "data-qf-")
# What a style attribute must not contain (after comments and white space are removed).
STYLE_FORBIDDEN = (
    ("\\", "CSS 转义“\\”"),
    ("url(", "url()"),
    ("image(", "image()"),
    ("image-set(", "image-set()"),
    ("src(", "src()"),
    ("@import", "@import"),
    ("expression", "expression"),
    ("behavior", "behavior"),
    ("-moz-binding", "-moz-binding"),
    ("javascript:", "javascript:"),
    ("position:fixed", "position:fixed"),
    ("position:absolute", "position:absolute"),
)
# What a style attribute must not contain because it displays text in another order than it is written (a number
# written reversed would read as the real one, and the personal-data guard reads the source in order).
STYLE_REORDERS = (
    ("unicode-bidi", "unicode-bidi"),
    ("direction", "direction"),
    ("row-reverse", "row-reverse"),
    ("column-reverse", "column-reverse"),
    ("wrap-reverse", "wrap-reverse"),
    ("box-ordinal-group", "box-ordinal-group"),
)
# The `order` property (also `-ms-flex-order`), not `border`: a property name that is "order" or ends in "-order".
_STYLE_ORDER = re.compile(r"(?:^|[;{}])(?:[a-z0-9-]*-)?order:")

# Shared with svg.py: a URL's scheme, and CSS comments and white space (removed before CSS is checked).
URL_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")
_URL_STRIP = "".join(map(chr, range(0x21)))
_URL_DROP = str.maketrans("", "", "\t\n\r")
CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|$)", re.DOTALL)
CSS_SPACE = re.compile(r"\s+")
_HTML_SPACE = "\t\n\f\r "
_LT_HINT = "如要显示尖括号本身，请写 &lt;（例如 &lt;script&gt;）"
_TAG_HINT = "正文只能用排版标签，不能嵌入脚本、框架、表单或样式"

# Could a body hold raw HTML, an autolink, an attribute list, a link, an image or a reference at all?
_NEEDS = re.compile(r"<[A-Za-z!/?]|<[^<> !\n]+@|\{|\]\s?[(\[:]|!\[")
_HAS_TAG = re.compile(r"<[A-Za-z!/?]")
# Nesting that Python-Markdown and WeasyPrint recurse into, one level per call: past these limits a body is an
# error at its line (a deeper one would stop the build with a RecursionError).
MAX_NESTING = 20  # block quotes and lists
MAX_RUN = 50  # "*", "_" or "~" in a row (emphasis)
MAX_HTML_DEPTH = 100  # HTML elements inside each other
_DEEP_PREFIX = re.compile(rf"^(?:[ \t]*(?:>|(?:[*+-]|\d{{1,9}}[.)])(?=[ \t]))){{{MAX_NESTING + 1},}}", re.MULTILINE)
_DEEP_INDENT = re.compile(
    rf"^(?:[ \t]*>)*([ \t]{{{MAX_NESTING},}})(?=(?:[*+-]|\d{{1,9}}[.)])(?:[ \t]|$)|!!!|\?\?\?)", re.MULTILINE
)  # a list item or an admonition (`!!! note`, `??? note`) indented by MAX_NESTING levels
_LONG_RUN = re.compile(rf"\*{{{MAX_RUN + 1},}}|_{{{MAX_RUN + 1},}}|~{{{MAX_RUN + 1},}}")
_PREFIX_MARKER = re.compile(r">|(?:[*+-]|\d{1,9}[.)])(?=[ \t])")
_RULE = re.compile(r"[ \t]*(?:[-*_][ \t]*)+")  # `- - -`, `* * *`: a horizontal rule, not lists
# Elements that do not nest (the next one closes them) or have no content: not counted in the HTML depth.
_FLAT_ELEMENTS = _words(
    """p li dt dd tr td th thead tbody tfoot caption colgroup rt rp option optgroup area base br col embed hr img
    input link meta param source track wbr keygen"""
)
_HAS_LINK = re.compile(r"\]\s?[(\[:]|!\[")
_AUTOLINK = re.compile(AUTOLINK_RE)
_AUTOMAIL = re.compile(AUTOMAIL_RE)
_PLAIN_AUTOLINK = re.compile(r"[^\s\"'<>=`]+")
_LINK_START = re.compile(r"!?\[")
_REFERENCE_DEF = ReferenceProcessor.RE
_ID_SPACE = ReferenceInlineProcessor.NEWLINE_CLEANUP_RE
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_BRACE = re.compile(r"\{")
_BRACKET = re.compile(r"[\[\]]")
_ATTR_LIST_END = re.compile(r"[ \t]*(?:\||$)")
_CLOSING_HASHES = re.compile(r"[ \t]*#+[ \t]*$")  # `## 标题 { … } ##`: the closing hashes are not the heading's text
# What a line's containers put before its content: block quote markers, list markers, and the indentation of list
# items, admonitions and tabs. Reference definitions and headings are found after it.
_CONTAINER_PREFIX = re.compile(r"(?:[ \t]*(?:>|(?:[*+-]|\d{1,9}[.)])(?=[ \t])))*[ \t]*")
# Python-Markdown's backslash escapes (md.ESCAPED_CHARS), and the placeholders they are masked with.
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()>#+\-.!])")
_PLACEHOLDER = re.compile("\x02([\ue000-\ue0ff])")
# Characters that link parsing may scan in one block, and attribute-list parsing in one body, before they give
# up (and say so): pathological input must not stall the check.
_SCAN_BUDGET = 1_000_000
_ATTR_BUDGET = 100_000
# An attribute list applies after an inline element (link, image, emphasis, code, line break) or at the end
# of a block, heading or table cell; anywhere else braces are plain text.
_ATTR_LIST_AFTER = frozenset(")]*_`>~^=|\n")


@dataclass(frozen=True)
class Finding:
    """One unsafe construct in rendered HTML: a short string to look for in the source, and what is wrong."""

    needle: str
    message: str


@dataclass(frozen=True)
class _Issue:
    pos: int  # offset in the checked text
    needle: str
    message: str


class _Policy:
    """Where local paths are checked: under docs_dir relative to base (Markdown), or not at all (rendered HTML)."""

    def __init__(self, docs_dir: Path | None = None, base: str = "", source: bool = True):
        self.docs_dir = docs_dir
        self.base = base
        self.source = source  # the author's text (differentials with Python-Markdown matter), not rendered HTML


class _LinkParser(LinkInlineProcessor):
    """Python-Markdown's own `[text](url "title")` parsing, without a Markdown instance."""

    def unescape(self, text: str) -> str:
        return text


_LINKS = _LinkParser(LINK_RE)


# ---------------------------------------------------------------------------------------------- public API


def needs_check(body: str) -> bool:
    """Fast test: could this body contain raw HTML, attribute lists or links/images at all?"""
    return _NEEDS.search(body) is not None


def check_markdown(body: str, rel: str, first_line: int, problems: Problems, docs_dir: Path, base: str) -> None:
    """Report every unsafe construct in a Markdown body at its file line: problems.add(rel, "第 N 行", message)."""
    if not needs_check(body):
        return
    text = body.replace("\r\n", "\n").replace("\r", "\n")
    starts = [0, *(m.end() for m in re.finditer("\n", text))]
    seen: set[tuple[int, str]] = set()
    for issue in sorted(_markdown_issues(text, _Policy(docs_dir, base)), key=lambda i: i.pos):
        line = first_line + bisect_right(starts, issue.pos) - 1
        if (line, issue.message) not in seen:
            seen.add((line, issue.message))
            problems.add(rel, f"第 {line} 行", issue.message)


def check_html(html: str) -> list[Finding]:
    """The same policy over a rendered HTML fragment (what Python-Markdown produced from a body).

    Local paths are not checked (MkDocs has rewritten them); elements, attributes, URL schemes and loads from
    other hosts are. Markup that Python-Markdown and our Markdown templates generate (permalinks, footnotes,
    tables, admonitions, `<section class="qf-section">`, ruby) passes.
    """
    findings: list[Finding] = []
    seen: set[Finding] = set()
    text = html.replace("\r\n", "\n").replace("\r", "\n")
    for issue in sorted(_html_issues(text, _Policy(source=False)), key=lambda i: i.pos):
        finding = Finding(issue.needle, issue.message)
        if finding not in seen:
            seen.add(finding)
            findings.append(finding)
    return findings


def rewrite_urls(html_text: str, change: Callable[[str], str | None], names: frozenset[str] = LOADS) -> str:
    """`html_text` with the URLs in these attributes replaced where `change(url)` gives another one.

    Tags are found as a browser finds them (the tokenizer of the checks), each URL is given to `change` as
    the browser reads it (entities decoded), and only the values are replaced, written again in double
    quotes; the rest of the text stays as it is. An attribute whose value cannot be found exactly where the
    tokenizer read it is left alone. Comments are not rewritten.
    """
    low = html_text.lower()
    if "<" not in html_text or not any(name in low for name in names):
        return html_text
    text = html_text.replace("\r\n", "\n").replace("\r", "\n")
    tokenizer = _Tokenizer(text)
    tokenizer.run()
    edits: list[tuple[int, int, str]] = []
    for tag in tokenizer.tags:
        if tag.end_tag:
            continue
        for name, value, pos in tag.attrs:
            if name.lower() not in names or not value:
                continue
            span = _value_span(text, pos, name, value, tag.end)
            if span is None:
                continue
            replaced = rewrite_value(name, value, change)
            if replaced != value:
                edits.append((*span, '"' + html.escape(replaced, quote=True) + '"'))
    for start, end, new in reversed(edits):
        text = text[:start] + new + text[end:]
    return text if edits else html_text


def rewrite_value(name: str, value: str, change: Callable[[str], str | None]) -> str:
    """An attribute's value (decoded) with its URL, or each URL of a srcset, replaced where `change` says."""
    if name.lower() != "srcset":
        new = change(clean_url(value))
        return value if new is None else new
    parts, done = [], 0
    for start, end in _srcset_spans(value):
        new = change(clean_url(value[start:end]))
        parts += [value[done:start], value[start:end] if new is None else new]
        done = end
    return "".join(parts) + value[done:]


def _value_span(text: str, at: int, name: str, value: str, end: int) -> tuple[int, int] | None:
    """Where the value of the attribute whose name starts at `at` is written, quotes included; None if it is not
    exactly `value` there (the tokenizer decodes entities the way `html.unescape` does for every value we make)."""
    if text[at : at + len(name)].lower() != name.lower():
        return None
    i = at + len(name)
    while i < end and text[i] in _HTML_SPACE:
        i += 1
    if i >= end or text[i] != "=":
        return None
    i += 1
    while i < end and text[i] in _HTML_SPACE:
        i += 1
    if i < end and text[i] in "\"'":
        close = text.find(text[i], i + 1, end)
        if close < 0:
            return None
        start, stop, raw = i, close + 1, text[i + 1 : close]
    else:
        stop = i
        while stop < end and text[stop] not in _HTML_SPACE and text[stop] != ">":
            stop += 1
        start, raw = i, text[i:stop]
    return (start, stop) if html.unescape(raw) == value else None


# Bounded runs, so no input makes the search slow; the target looks like a path or a web address,
# so prose such as [1]（新华社） is left alone.
_WIDE_LINK = re.compile(r"(!?)\[[^\[\]\n]{0,200}\]（([^（）\n]{1,300})）")
_LIKE_TARGET = re.compile(r"^[\w./~%-]+\.[A-Za-z0-9]{1,5}$|^https?[:：]|/")


def check_typing(body: str, rel: str, first_line: int, problems: Problems) -> None:
    """A link or image typed with full-width brackets, ![照片]（media/x.jpg）: Markdown shows it as text."""
    if "]（" not in body:
        return
    line, counted = first_line, 0
    for m in _WIDE_LINK.finditer(body):
        if not (m.group(1) or _LIKE_TARGET.search(m.group(2))):
            continue
        line += body.count("\n", counted, m.start())
        counted = m.start()
        kind = "图片" if m.group(1) else "链接"
        fixed = excerpt(m.group().replace("（", "(").replace("）", ")"), 60)
        problems.add(rel, f"第 {line} 行", f"{kind}的括号写成了全角“（）”，会显示成文字：请改成半角，写成 {fixed}")


def check_limits(body: str, rel: str, first_line: int, problems: Problems) -> None:
    """Report nesting too deep to render at its file line: block quotes or lists deeper than MAX_NESTING, more
    than MAX_RUN emphasis characters in a row. Runs on every body, so these are C-level regular expressions.

    HTML elements nested deeper than MAX_HTML_DEPTH are reported by `check_markdown`, where the tokenizer runs
    (any body with a tag needs that check).
    """
    text = body.replace("\r\n", "\n").replace("\r", "\n") if "\r" in body else body
    found: list[tuple[int, str, int]] = []  # (offset, kind, depth)
    for m in _DEEP_PREFIX.finditer(text):
        end = text.find("\n", m.end())
        if not _RULE.fullmatch(text, m.start(), len(text) if end < 0 else end):
            found.append((m.start(), "quote", len(_PREFIX_MARKER.findall(text, m.start(), m.end() + 1))))
    for m in _DEEP_INDENT.finditer(text):
        indent = m.group(1)
        columns = len(indent) + 3 * indent.count("\t")
        if columns >= 4 * MAX_NESTING:
            found.append((m.start(), "list", columns // 4 + 1))
    # A substring search first: the pattern's three alternatives cost half of this check on every body.
    for m in _LONG_RUN.finditer(text) if any(mark * (MAX_RUN + 1) in text for mark in "*_~") else ():
        found.append((m.start(), m.group()[0], len(m.group())))
    if not found:
        return
    starts = [0, *(m.end() for m in re.finditer("\n", text))]
    runs: dict[tuple[str, int], int] = {}  # (kind, first line of a run of lines) -> deepest
    last: dict[str, tuple[int, int]] = {}  # kind -> (first line of its current run, its last line)
    for pos, kind, depth in sorted(found):
        line = first_line + bisect_right(starts, pos) - 1
        first, previous = last.get(kind, (line, line))
        if line - previous > 1:
            first = line  # one message for consecutive deep lines (a deep list), one more for another
        last[kind] = (first, line)
        runs[kind, first] = max(depth, runs.get((kind, first), 0))
    for (kind, line), depth in sorted(runs.items(), key=lambda item: item[0][1]):
        if kind == "quote":
            message = f"引用（>）或列表嵌套太深（{depth}层），请简化：最多 {MAX_NESTING} 层"
        elif kind == "list":
            message = f"列表或提示框嵌套太深（{depth}层，缩进太多），请简化：最多 {MAX_NESTING} 层"
        else:
            message = f"连续 {depth} 个“{kind}”：强调嵌套太深（{depth}层），请简化：最多连续 {MAX_RUN} 个"
        problems.add(rel, f"第 {line} 行", message)


# ---------------------------------------------------------------------------------------------- Markdown


def _markdown_issues(text: str, policy: _Policy) -> Iterator[_Issue]:
    # Autolinks (`<https://…>`, `<a@b.cn>`) are links for Python-Markdown, not tags: check, then blank them out.
    # One with spaces, quotes or "=" stays in: inside a raw HTML block it would be a tag with attributes.
    masked = None
    for pattern in (_AUTOLINK, _AUTOMAIL):
        for m in pattern.finditer(text):
            if pattern is _AUTOLINK:
                yield from _url(m.group(1), m.start(1), policy, load=False)
            if (pattern is _AUTOMAIL and "/" in m.group(1)) or not _PLAIN_AUTOLINK.fullmatch(m.group(1)):
                continue
            masked = masked or list(text)
            masked[m.start() : m.end()] = [c if c == "\n" else " " for c in m.group()]
    markup = "".join(masked) if masked else text
    if _HAS_TAG.search(markup):
        yield from _html_issues(markup, policy)
    if _HAS_LINK.search(text):
        yield from _link_issues(text, policy)
    if "{" in text:
        yield from _attr_list_issues(text, policy)


def _link_issues(text: str, policy: _Policy) -> Iterator[_Issue]:
    """Inline links and images, reference definitions, and images that use a reference."""
    references: dict[str, list[str]] = {}
    for label, url, pos in _definitions(text):
        link = url.lstrip("<").rstrip(">")
        references.setdefault(label.strip().lower(), []).append(link)  # every definition of a label is checked
        yield from _url(link, pos, policy, load=False)
    # Python-Markdown finds inline links within a block (no scan runs past a blank line), after backslash
    # escapes: an escaped bracket is no bracket. Escapes are masked with placeholders of the same length.
    position = 0
    for block_end in [*(m.start() for m in _BLANK_LINE.finditer(text)), len(text)]:
        block = _ESCAPE.sub(_escaped, text[position:block_end])
        yield from _block_links(block, position, references, policy)
        position = block_end


def _definitions(text: str) -> Iterator[tuple[str, str, int]]:
    """Reference definitions `[label]: url` as (label, url, offset of the url in text).

    Python-Markdown finds them in block quotes, list items and admonitions too (after their markers and
    indentation are removed), and records them for the whole page: they are found the same way here.
    """
    if "]:" not in text:
        return
    parts: list[str] = []
    starts: list[int] = []  # where each line starts in the text without prefixes
    origins: list[int] = []  # and where its content starts in the text
    at = origin = 0
    for line in text.split("\n"):
        cut = _CONTAINER_PREFIX.match(line).end()
        parts.append(line[cut:])
        starts.append(at)
        origins.append(origin + cut)
        at += len(line) - cut + 1
        origin += len(line) + 1
    for m in _REFERENCE_DEF.finditer("\n".join(parts)):
        index = bisect_right(starts, m.start(2)) - 1
        yield m.group(1), m.group(2), origins[index] + m.start(2) - starts[index]


def _escaped(m: re.Match[str]) -> str:
    return "\x02" + chr(0xE000 + ord(m.group(1)))


def _unescaped(text: str) -> str:
    return _PLACEHOLDER.sub(lambda m: chr(ord(m.group(1)) - 0xE000), text) if "\x02" in text else text


def _block_links(block: str, offset: int, references: dict[str, list[str]], policy: _Policy) -> Iterator[_Issue]:
    closing: dict[int, int] = {}  # "[" -> its "]", nested brackets matched the way getText matches them
    rights: list[int] = []
    stack: list[int] = []
    for m in _BRACKET.finditer(block):
        if m.group() == "[":
            stack.append(m.start())
        else:
            rights.append(m.start())
            if stack:
                closing[stack.pop()] = m.start()
    budget = _SCAN_BUDGET
    for m in _LINK_START.finditer(block):
        opening = m.end() - 1
        close = closing.get(opening)
        if close is None:
            continue
        image = m.group().startswith("!")
        index = close + 1
        if block.startswith("(", index):
            href, _title, end, handled = _LINKS.getLink(block, index)
            budget -= (end if handled else len(block)) - index
            if budget < 0:
                yield _Issue(
                    offset + m.start(), "[", "这一段的方括号、圆括号太多，无法检查其中的链接和图片：请拆成几段"
                )
                return
            if handled:
                start = index + 1
                while start < len(block) and block[start] in " \t\n<":
                    start += 1
                yield from _url(_unescaped(href), offset + start, policy, load=image, kind="图片" if image else None)
                continue
        if not image:
            continue  # a reference link: its definition was checked as a link
        label = block[opening + 1 : close]
        after = index + 1 if index < len(block) and block[index].isspace() else index
        if block.startswith("[", after):
            at = bisect_right(rights, after)
            if at < len(rights) and rights[at] > after + 1:
                label = block[after + 1 : rights[at]]
        key = _ID_SPACE.sub(" ", _unescaped(label).lower())
        for link in references.get(key, ()):
            for issue in _url(link, offset + m.start(), policy, load=True, kind=""):
                yield _Issue(issue.pos, issue.needle, f"图片引用 [{excerpt(key, 20)}]：{issue.message}")


def _attr_list_issues(text: str, policy: _Policy) -> Iterator[_Issue]:
    """Attribute lists `{: … }` / `{ .cls #id key=value }`, parsed by attr_list itself.

    attr_list's pattern runs from a "{" to the last "}" of its line; that is computed once per line.
    """
    budget = _ATTR_BUDGET
    line_start = 0
    for line in text.split("\n"):
        last = line.rfind("}")
        while last > 0 and _backslashed(line, last):  # "\}" is text to Markdown before attr_list runs
            last = line.rfind("}", 0, last)
        if last > 0:
            for brace in _BRACE.finditer(line, 0, last):
                at = brace.start()
                if _backslashed(line, at):
                    continue
                start = at + 1
                if line.startswith(":", start):
                    start += 1
                while line.startswith(" ", start):
                    start += 1
                if start >= last:
                    continue
                before = line[at - 1] if at else "\n"
                if (
                    before not in _ATTR_LIST_AFTER
                    and not _ATTR_LIST_END.match(line, last + 1)
                    and not (_CLOSING_HASHES.match(line, last + 1) and _heading(line))
                ):
                    continue
                content = line[start:last]
                budget -= len(content)
                if budget < 0:
                    yield _Issue(line_start + at, "{", "这一部分的花括号太多，无法检查其中的属性列表：请删去多余的“{”")
                    return
                attrs, _remainder = get_attrs_and_remainder(content)
                what = f"属性列表“{excerpt(line[at : last + 1], 30)}”"
                named = []
                for key, raw in attrs:
                    name = "class" if key == "." else key
                    # The serializer keeps entities (`&#40;`) in attribute values: the browser decodes them.
                    value = html.unescape(raw) if raw and "&" in raw else raw
                    named.append((name, value, line_start + at))
                    cleaned = sanitize_name(name)
                    if cleaned != name:
                        named.append((cleaned, value, line_start + at))
                yield from _attributes(what, None, named, policy)
        line_start += len(line) + 1


def _backslashed(line: str, at: int) -> bool:
    """Whether the character at `at` follows an odd number of backslashes (Markdown's escape)."""
    run = at
    while run and line[run - 1] == "\\":
        run -= 1
    return (at - run) % 2 == 1


def _heading(line: str) -> bool:
    """An ATX heading (`## 标题`), also in a list item or a block quote."""
    return line.startswith("#", _CONTAINER_PREFIX.match(line).end())


# ---------------------------------------------------------------------------------------------- HTML


class _Tag:
    __slots__ = ("attrs", "end", "end_tag", "name", "start")

    def __init__(self, name: str, start: int, end: int, attrs: list[tuple[str, str, int]], end_tag: bool):
        self.name, self.start, self.end, self.attrs, self.end_tag = name, start, end, attrs, end_tag


class _Tokenizer(HTMLTokenizer):
    """html5lib's tokenizer, noting where each tag and each attribute starts and where each tag ends."""

    def __init__(self, text: str):
        super().__init__(text)
        self.text = text
        self.starts = [0, *(m.end() for m in re.finditer("\n", text))]
        self.tags: list[_Tag] = []
        self.comments: list[tuple[int, int]] = []
        self.unclosed: _Tag | None = None
        self._open = 0
        self._attr_pos: list[int] = []
        self._pending: dict | None = None

    def offset(self) -> int:
        line, column = self.stream.position()
        return self.starts[line - 1] + column

    def run(self) -> None:
        comment = tokenTypes["Comment"]
        for token in self:
            if token["type"] == comment:
                self.comments.append((self._open, self.offset()))
        if self._pending is not None:
            # Whatever follows the fragment would close this tag: check it as written so far, and report it.
            self.unclosed = self._tag(self._pending, len(self.text))

    def tagOpenState(self) -> bool:
        self._open = self.offset()  # just after "<"
        before = self.currentToken
        result = super().tagOpenState()
        self._new_tag(before)
        return result

    def closeTagOpenState(self) -> bool:
        before = self.currentToken
        result = super().closeTagOpenState()
        self._new_tag(before)
        return result

    def _new_tag(self, before: dict | None) -> None:
        token = self.currentToken
        if token is not before and token is not None and token["type"] in _TAG_TYPES:
            self._pending = token
            self._attr_pos = []

    def beforeAttributeNameState(self) -> bool:
        return self._attribute_may_start(super().beforeAttributeNameState)

    def afterAttributeNameState(self) -> bool:
        return self._attribute_may_start(super().afterAttributeNameState)

    def _attribute_may_start(self, state) -> bool:
        token = self.currentToken
        count = len(token["data"]) if isinstance(token.get("data"), list) else -1
        result = state()
        if count >= 0 and isinstance(token["data"], list) and len(token["data"]) > count:
            self._attr_pos.append(self.offset() - 1)
        return result

    def emitCurrentToken(self) -> None:
        token = self.currentToken
        if token["type"] in _TAG_TYPES:
            self.tags.append(self._tag(token, self.offset()))
            self._pending = None
        super().emitCurrentToken()

    def _tag(self, token: dict, end: int) -> _Tag:
        raw = token["data"]
        positions = self._attr_pos + [self._open] * (len(raw) - len(self._attr_pos))
        attrs = [(name, value, pos) for (name, value), pos in zip(raw, positions, strict=False)]
        name = token["name"].translate(_LOWER)
        return _Tag(name, self._open - 1, end, attrs, token["type"] == tokenTypes["EndTag"])


_TAG_TYPES = (tokenTypes["StartTag"], tokenTypes["EndTag"])
_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _html_depth(tags: list[_Tag]) -> Iterator[_Issue]:
    """Elements nested deeper than MAX_HTML_DEPTH: reported where they first do, with how deep they go."""
    depth = deepest = 0
    at = None
    for tag in tags:
        if tag.name in _FLAT_ELEMENTS:
            continue
        if tag.end_tag:
            depth = max(depth - 1, 0)
            continue
        depth += 1
        if depth > deepest:
            deepest = depth
            if at is None and depth > MAX_HTML_DEPTH:
                at = tag
    if at is not None:
        yield _Issue(
            at.start, "<" + at.name[:20], f"HTML 标签嵌套太深（{deepest}层），请简化：最多 {MAX_HTML_DEPTH} 层"
        )


def _html_issues(text: str, policy: _Policy, depth: int = 0) -> Iterator[_Issue]:
    tokenizer = _Tokenizer(text)
    tokenizer.run()
    if policy.source and depth == 0 and len(tokenizer.tags) > MAX_HTML_DEPTH:
        yield from _html_depth(tokenizer.tags)  # Python-Markdown and WeasyPrint recurse into nested elements
    for tag in tokenizer.tags:
        if policy.source:
            # Python-Markdown may escape this tag's "<" and pass the rest as markup: no "<" or ">" inside a tag.
            raw = text[tag.start + 1 : tag.end - 1]
            if "<" in raw or ">" in raw:
                yield _Issue(
                    tag.start,
                    "<" + tag.name[:20],
                    f"HTML 标签“{excerpt(text[tag.start : tag.end])}”里面又有“<”或“>”：属性值里请写 &lt; 和 &gt;",
                )
                continue
        if not tag.end_tag:
            yield from _element(tag, policy)
    tag = tokenizer.unclosed
    if tag:
        yield _Issue(tag.start, "<" + tag.name[:20], f"HTML 标签 <{excerpt(tag.name, 20)}> 没有结束的“>”；{_LT_HINT}")
        if not tag.end_tag:
            yield from _element(tag, policy)
    if policy.source and depth < 8:
        # A comment for html5lib may not be one for Python-Markdown (which then passes what is inside as
        # markup): tags inside comments are checked too.
        for start, end in tokenizer.comments:
            inner = text[start:end]
            if _HAS_TAG.search(inner):
                for issue in _html_issues(inner, policy, depth + 1):
                    yield _Issue(start + issue.pos, issue.needle, issue.message)


def _element(tag: _Tag, policy: _Policy) -> Iterator[_Issue]:
    name = tag.name
    shown = excerpt(name, 20)
    if name in ALLOWED_ELEMENTS:
        yield from _attributes(f"标签 <{name}> ", name, tag.attrs, policy)
        return
    if name in FORBIDDEN_ELEMENTS:
        yield _Issue(tag.start, "<" + name, f"不允许使用 HTML 标签 <{shown}>：{_TAG_HINT}；{_LT_HINT}")
    else:
        yield _Issue(
            tag.start,
            "<" + name[:20],
            f"不允许使用 HTML 标签 <{shown}>：它不是允许的排版标签（如 p、b、strong、em、span、div、table、img、a）；"
            f"{_LT_HINT}",
        )
    # Whatever the element, an event handler is named too (an unknown element runs it as well).
    events = [attr for attr in tag.attrs if attr[0].lower().startswith("on")]
    yield from _attributes(f"标签 <{shown}> ", name, events, policy)


def _attributes(
    what: str, tag: str | None, attrs: Iterable[tuple[str, str | None, int]], policy: _Policy
) -> Iterator[_Issue]:
    """The attribute policy, for an HTML tag (`tag` is its name) or an attribute list (`tag` is None)."""
    for name, value, pos in attrs:
        low = name.lower()
        shown = excerpt(name, 30)
        text = value or ""
        if low.startswith("on"):
            yield _Issue(pos, name, f"{what}的属性 {shown} 是事件处理（on…），不允许：正文不能运行脚本")
        elif low.startswith(RESERVED_DATA):
            yield _Issue(pos, name, f"{what}不允许使用属性 {shown}：它由网站自身的脚本使用")
        elif not (low in ALLOWED_ATTRIBUTES or low.startswith(("data-", "aria-"))):
            yield _Issue(pos, name, f"{what}不允许使用属性 {shown}")
        elif low == "type" and tag is not None and tag not in TYPE_ELEMENTS:
            yield _Issue(pos, name, f"{what}不允许使用属性 type（只能用于 ol、ul、li、source、track）")
        elif low == "style":
            yield from _style(what, text, pos)
        elif low == "rel":
            for token in text.lower().split():
                if token not in REL_TOKENS:
                    yield _Issue(pos, name, f"{what}的 rel 不允许“{excerpt(token, 20)}”")
        elif low in LOAD_ATTRIBUTES:
            yield from _url(text, pos, policy, load=True, kind=_load_kind(tag, low))
        elif low == "srcset":
            for candidate in _srcset(text):
                yield from _url(candidate, pos, policy, load=True, kind=_load_kind(tag, low))
        elif low in LINK_ATTRIBUTES:
            yield from _url(text, pos, policy, load=False)


def _style(what: str, value: str, pos: int) -> Iterator[_Issue]:
    css = CSS_SPACE.sub("", CSS_COMMENT.sub("", value)).lower()
    for needle, shown in STYLE_FORBIDDEN:
        if needle in css:
            why = "可能遮盖页面" if needle.startswith("position") else "它会加载或运行外部内容"
            yield _Issue(pos, "style", f"{what}的 style 含有 {shown}，不允许（{why}）：“{excerpt(value)}”")
            return
    shown = next((shown for needle, shown in STYLE_REORDERS if needle in css), None)
    if shown is None and _STYLE_ORDER.search(css):
        shown = "order"
    if shown:
        yield _Issue(pos, "style", f"{what}的 style 含有 {shown}，不允许（它会改变文字的显示顺序）：“{excerpt(value)}”")


def _load_kind(tag: str | None, attribute: str) -> str:
    """What a load attribute loads, as messages name it."""
    if tag in ("img", "picture") or attribute in ("poster", "srcset"):
        return "图片"
    if tag == "track":
        return "字幕"
    return "视频/音频" if tag in ("video", "audio", "source") else "图片/视频"


def _srcset(value: str) -> list[str]:
    """The URLs of a srcset, split the way browsers split it (descriptors may hold commas in parentheses)."""
    return [value[start:end] for start, end in _srcset_spans(value)]


def _srcset_spans(value: str) -> list[tuple[int, int]]:
    """Where the URLs of a srcset are in it."""
    urls: list[tuple[int, int]] = []
    i, n = 0, len(value)
    while i < n:
        while i < n and (value[i].isspace() or value[i] == ","):
            i += 1
        start = i
        while i < n and not value[i].isspace():
            i += 1
        url = value[start:i]
        trailing = len(url) - len(url.rstrip(","))
        if not trailing:
            depth = 0
            while i < n and (depth or value[i] != ","):
                depth += {"(": 1, ")": -1}.get(value[i], 0) if depth or value[i] == "(" else 0
                i += 1
        if len(url) > trailing:
            urls.append((start, start + len(url) - trailing))
    return urls


def clean_url(value: str) -> str:
    """The URL as a browser reads it: entities decoded, outer controls and spaces, tabs and newlines removed."""
    return html.unescape(value).strip(_URL_STRIP).translate(_URL_DROP)


def _url(value: str, pos: int, policy: _Policy, *, load: bool, kind: str | None = None) -> Iterator[_Issue]:
    """A link (`load` False: followed when clicked) or the source of an image or video (`load` True).

    `kind` names what a local path is in messages ("图片"); empty when the caller names it.
    """
    url = clean_url(value)
    shown = excerpt(url or value)
    needle = value.strip()[:80] or value
    scheme = URL_SCHEME.match(url)
    external = f"不能加载其他网站的图片/视频：{shown}，请把文件放进 content/media/"
    if scheme:
        name = scheme.group(1).lower()
        if name in ("javascript", "vbscript", "data", "file"):
            yield _Issue(pos, needle, f"地址“{shown}”不允许：不能用 {name}: 地址（会运行脚本、嵌入内容或读取本机文件）")
        elif name not in LINK_SCHEMES:
            yield _Issue(pos, needle, f"地址“{shown}”不允许：链接只能用 http、https、mailto、tel 或 content/ 中的文件")
        elif load and name in ("http", "https"):
            yield _Issue(pos, needle, external)
        elif load:
            yield _Issue(pos, needle, f"图片/视频地址“{shown}”不是 content/ 中的文件")
        return
    if url.replace("\\", "/").startswith("//"):
        if load:
            yield _Issue(pos, needle, external)
        return
    if policy.docs_dir is None or (not load and url.startswith("#")):
        return
    path = unquote(url) if "%" in url else url
    if not path and not load:
        return
    if kind is None:
        kind = "图片/视频" if load else "链接"
    what = f"{kind}：" if kind else ""
    if _CONTROL.search(path):
        yield _Issue(pos, needle, f"{what}路径“{shown}”含控制字符")
        return
    try:
        resolved = content_path(path, policy.docs_dir, policy.base, must_exist=load)
    except (OSError, ValueError):  # a name too long for the file system
        yield _Issue(pos, needle, f"{what}路径“{shown}”无法读取")
        return
    if resolved.problem:
        yield _Issue(pos, needle, f"{what}{resolved.problem}")
    elif load and (policy.docs_dir / resolved.path).is_dir():
        yield _Issue(pos, needle, f"{what}“{shown}”是文件夹，不是文件")
