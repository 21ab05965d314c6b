"""Raw HTML is allowed only as markup (CONTENT-FORMAT 1, 9, 10): nothing that runs, loads or leaves content/.

A Markdown body is read the way a browser would read it: tags come from html5lib's WHATWG tokenizer (never
from regular expressions over HTML), links, images, reference definitions and attribute lists from
Python-Markdown's own parsing code. The whole body is tokenized, code spans included: being conservative is
the point, and the message says how to write a literal `<`. Every construct is reported at its file line so
that authors learn; nothing is silently dropped. `check_html` applies the same policy to the HTML that
Python-Markdown produced (a backstop for the build), `check_svg` to an SVG file published from content/.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote
from xml.parsers import expat

from html5lib._tokenizer import HTMLTokenizer
from html5lib.constants import tokenTypes
from markdown.blockprocessors import ReferenceProcessor
from markdown.extensions.attr_list import get_attrs_and_remainder, sanitize_name
from markdown.inlinepatterns import AUTOLINK_RE, AUTOMAIL_RE, LINK_RE, LinkInlineProcessor, ReferenceInlineProcessor

from .paths import content_path, excerpt
from .problems import Problems


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
    """class id title lang dir align valign width height border cellpadding cellspacing bgcolor color face size
    colspan rowspan span scope headers abbr alt src srcset sizes media href target rel name start reversed value
    type controls poster preload muted loop playsinline kind srclang label default open datetime cite style role
    markdown loading decoding"""
)
TYPE_ELEMENTS = frozenset({"ol", "ul", "li", "source", "track"})
# Attributes whose value the browser fetches and shows: only files under content/.
LOAD_ATTRIBUTES = frozenset({"src", "poster"})
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

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")
_URL_STRIP = "".join(map(chr, range(0x21)))
_URL_DROP = str.maketrans("", "", "\t\n\r")
_CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|$)", re.DOTALL)
_CSS_SPACE = re.compile(r"\s+")
_LT_HINT = "如要显示尖括号本身，请写 &lt;（例如 &lt;script&gt;）"
_TAG_HINT = "正文只能用排版标签，不能嵌入脚本、框架、表单或样式"

# Could a body hold raw HTML, an autolink, an attribute list, a link, an image or a reference at all?
_NEEDS = re.compile(r"<[A-Za-z!/?]|<[^<> !\n]+@|\{|\]\s?[(\[:]|!\[")
_HAS_TAG = re.compile(r"<[A-Za-z!/?]")
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


def check_svg(data: bytes, rel: str, problems: Problems) -> None:
    """An SVG under content/ is published as is: no script, event attribute, foreignObject, external reference
    or DOCTYPE/entity declaration (XML bombs); it must be well-formed XML."""
    _SvgChecker(rel, problems).run(data)


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
    references: dict[str, str] = {}
    for m in _REFERENCE_DEF.finditer(text):
        link = m.group(2).lstrip("<").rstrip(">")
        references.setdefault(m.group(1).strip().lower(), link)
        yield from _url(link, m.start(2), policy, load=False)
    # Python-Markdown finds inline links within a block (no scan runs past a blank line), after backslash
    # escapes: an escaped bracket is no bracket. Escapes are masked with placeholders of the same length.
    position = 0
    for block_end in [*(m.start() for m in _BLANK_LINE.finditer(text)), len(text)]:
        block = _ESCAPE.sub(_escaped, text[position:block_end])
        yield from _block_links(block, position, references, policy)
        position = block_end


def _escaped(m: re.Match[str]) -> str:
    return "\x02" + chr(0xE000 + ord(m.group(1)))


def _unescaped(text: str) -> str:
    return _PLACEHOLDER.sub(lambda m: chr(ord(m.group(1)) - 0xE000), text) if "\x02" in text else text


def _block_links(block: str, offset: int, references: dict[str, str], policy: _Policy) -> Iterator[_Issue]:
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
                yield from _url(_unescaped(href), offset + start, policy, load=image)
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
        if key in references:
            for issue in _url(references[key], offset + m.start(), policy, load=True):
                yield _Issue(issue.pos, issue.needle, f"图片引用 [{excerpt(key, 20)}]：{issue.message}")


def _attr_list_issues(text: str, policy: _Policy) -> Iterator[_Issue]:
    """Attribute lists `{: … }` / `{ .cls #id key=value }`, parsed by attr_list itself.

    attr_list's pattern runs from a "{" to the last "}" of its line; that is computed once per line.
    """
    budget = _ATTR_BUDGET
    line_start = 0
    for line in text.split("\n"):
        last = line.rfind("}")
        if last > 0:
            for brace in _BRACE.finditer(line, 0, last):
                at = brace.start()
                start = at + 1
                if line.startswith(":", start):
                    start += 1
                while line.startswith(" ", start):
                    start += 1
                if start >= last:
                    continue
                before = line[at - 1] if at else "\n"
                if before not in _ATTR_LIST_AFTER and not _ATTR_LIST_END.match(line, last + 1):
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


def _html_issues(text: str, policy: _Policy, depth: int = 0) -> Iterator[_Issue]:
    tokenizer = _Tokenizer(text)
    tokenizer.run()
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
            yield from _url(text, pos, policy, load=True)
        elif low == "srcset":
            for candidate in _srcset(text):
                yield from _url(candidate, pos, policy, load=True)
        elif low in LINK_ATTRIBUTES:
            yield from _url(text, pos, policy, load=False)


def _style(what: str, value: str, pos: int) -> Iterator[_Issue]:
    css = _CSS_SPACE.sub("", _CSS_COMMENT.sub("", value)).lower()
    for needle, shown in STYLE_FORBIDDEN:
        if needle in css:
            why = "可能遮盖页面" if needle.startswith("position") else "它会加载或运行外部内容"
            yield _Issue(pos, "style", f"{what}的 style 含有 {shown}，不允许（{why}）：“{excerpt(value)}”")
            return


def _srcset(value: str) -> list[str]:
    """The URLs of a srcset, split the way browsers split it (descriptors may hold commas in parentheses)."""
    urls: list[str] = []
    i, n = 0, len(value)
    while i < n:
        while i < n and (value[i].isspace() or value[i] == ","):
            i += 1
        start = i
        while i < n and not value[i].isspace():
            i += 1
        url = value[start:i]
        trailing = len(url) - len(url.rstrip(","))
        if trailing:
            url = url.rstrip(",")
        else:
            depth = 0
            while i < n and (depth or value[i] != ","):
                depth += {"(": 1, ")": -1}.get(value[i], 0) if depth or value[i] == "(" else 0
                i += 1
        if url:
            urls.append(url)
    return urls


def _clean_url(value: str) -> str:
    """The URL as a browser reads it: entities decoded, outer controls and spaces, tabs and newlines removed."""
    return html.unescape(value).strip(_URL_STRIP).translate(_URL_DROP)


def _url(value: str, pos: int, policy: _Policy, *, load: bool) -> Iterator[_Issue]:
    """A link (`load` False: followed when clicked) or the source of an image or video (`load` True)."""
    url = _clean_url(value)
    shown = excerpt(url or value)
    needle = value.strip()[:80] or value
    scheme = _SCHEME.match(url)
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
    kind = "图片/视频" if load else "链接"
    if _CONTROL.search(path):
        yield _Issue(pos, needle, f"{kind}：路径“{shown}”含控制字符")
        return
    try:
        resolved = content_path(path, policy.docs_dir, policy.base, must_exist=load)
    except (OSError, ValueError):  # a name too long for the file system
        yield _Issue(pos, needle, f"{kind}：路径“{shown}”无法读取")
        return
    if resolved.problem:
        yield _Issue(pos, needle, f"{kind}：{resolved.problem}")


# ---------------------------------------------------------------------------------------------- SVG

_SVG = "http://www.w3.org/2000/svg"
_XHTML = "http://www.w3.org/1999/xhtml"
_XML_BASE = "http://www.w3.org/XML/1998/namespace base"
_SVG_FORBIDDEN = {
    "script": "脚本 <script>",
    "handler": "脚本 <handler>",
    "listener": "事件 <listener>",
    "foreignobject": "<foreignObject>（可嵌入任意网页内容）",
    "iframe": "框架 <iframe>",
    "embed": "<embed>",
    "object": "<object>",
}
_ANIMATIONS = frozenset({"set", "animate", "animatetransform", "animatemotion", "animatecolor"})
_CSS_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.DOTALL | re.IGNORECASE)
_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})[ \t\n\r\f]?|(.))", re.DOTALL)
_DECLARATION = re.compile(rb"<!\s*(doctype|entity)", re.IGNORECASE)


class _Refused(Exception):
    pass


class _SvgChecker:
    def __init__(self, rel: str, problems: Problems):
        self.rel = rel
        self.problems = problems
        self.parser = None
        self.root = True
        self.style: list[str] | None = None
        self.style_line = 0
        self.depth = 0
        self.style_depth = 0

    def add(self, line: int | None, message: str) -> None:
        self.problems.add(self.rel, f"第 {line} 行" if line else "文件", message)

    def run(self, data: bytes) -> None:
        bomb = (
            "SVG 文件不能含 <!DOCTYPE> 或 <!ENTITY> 声明（可能是“XML 炸弹”）："
            "请删除这一声明（通常是文件开头的 <!DOCTYPE svg …> 一行），或导出为不带 DOCTYPE 的普通 SVG"
        )
        declared = _DECLARATION.search(data)
        if declared:
            self.add(data.count(b"\n", 0, declared.start()) + 1, bomb)
            return
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.StartDoctypeDeclHandler = self._refuse
        parser.EntityDeclHandler = self._refuse
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CharacterDataHandler = self._text
        parser.ProcessingInstructionHandler = self._instruction
        self.parser = parser
        try:
            parser.Parse(data, True)
        except _Refused:
            self.add(parser.CurrentLineNumber, bomb)
        except expat.ExpatError as error:
            self.add(error.lineno, f"SVG 文件不是有效的 XML，无法检查：{expat.ErrorString(error.code)}")
        except (ValueError, UnicodeError) as error:
            self.add(None, f"SVG 文件无法读取：{error}")

    @property
    def line(self) -> int:
        return self.parser.CurrentLineNumber

    def _refuse(self, *_args) -> None:
        raise _Refused

    def _instruction(self, target: str, data: str) -> None:
        if target.lower() == "xml-stylesheet":
            self.add(self.line, f"SVG 文件不能引用样式表（<?xml-stylesheet {excerpt(data)}?>）")

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        namespace, _, local = name.rpartition(" ")
        low = local.lower()
        line = self.line
        self.depth += 1
        if self.root:
            self.root = False
            if namespace != _SVG or local != "svg":
                self.add(line, f"不是 SVG 文件：根元素是 <{excerpt(local, 20)}>，应为 SVG 命名空间中的 <svg>")
        if low in _SVG_FORBIDDEN:
            self.add(line, f"SVG 文件含有{_SVG_FORBIDDEN[low]}，不能发布：请删除后重新导出")
        elif namespace == _XHTML:
            self.add(line, f"SVG 文件不能嵌入 HTML 元素 <{excerpt(local, 20)}>")
        if low == "style" and self.style is None:
            self.style, self.style_line, self.style_depth = [], line, self.depth
        for attribute, value in attrs.items():
            self._attribute(low, attribute, value, line)

    def _attribute(self, element: str, attribute: str, value: str, line: int) -> None:
        local = attribute.rpartition(" ")[2]
        low = local.lower()
        if low.startswith("on"):
            self.add(line, f"SVG 文件的 <{element}> 含有事件属性 {excerpt(local, 20)}，不能运行脚本")
        elif attribute == _XML_BASE:
            self.add(line, "SVG 文件不能用 xml:base 改变引用的地址")
        elif low in ("href", "src"):
            problem = _svg_reference(value)
            if problem:
                self.add(line, f"SVG 文件的 <{element}> 引用了 {problem}：“{excerpt(value)}”")
        elif element in _ANIMATIONS and low == "attributename":
            target = value.rpartition(":")[2].strip().lower()
            if target in ("href", "src") or target.startswith("on"):
                self.add(line, f"SVG 文件的 <{element}> 不能用动画修改 {excerpt(value, 20)}")
        # Presentation attributes (fill, filter, mask, cursor…) take CSS values too: url() may load.
        if low == "style" or "\\" in value or "url(" in value.lower() or "@import" in value.lower():
            for problem in _svg_css(value):
                self.add(line, f"SVG 文件的 <{element}> 的 {excerpt(local, 20)} {problem}")

    def _text(self, data: str) -> None:
        if self.style is not None:
            self.style.append(data)

    def _end(self, _name: str) -> None:
        if self.style is not None and self.depth == self.style_depth:
            for problem in _svg_css("".join(self.style)):
                self.add(self.style_line, f"SVG 文件的 <style> {problem}")
            self.style = None
        self.depth -= 1


def _css_char(m: re.Match[str]) -> str:
    if m.group(1):
        code = int(m.group(1), 16)
        return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
    return m.group(2)


def _svg_reference(value: str) -> str | None:
    """What is wrong with a reference inside an SVG: only `#id` and files next to it are allowed."""
    url = _clean_url(value)
    scheme = _SCHEME.match(url)
    if scheme:
        name = scheme.group(1).lower()
        return f"{name}: 地址" if name in ("javascript", "vbscript", "data", "file") else "其他网站或外部地址"
    if url.replace("\\", "/").startswith("//"):
        return "其他网站"
    return None


def _svg_css(css: str) -> list[str]:
    """Problems in SVG CSS (a <style> element or a style/presentation attribute): `url(#id)` is fine.

    Drawing programs escape CJK font names (`font-family:'\\5FAE\\8F6F'`): escapes are decoded, not refused.
    """
    text = _CSS_ESCAPE.sub(_css_char, _CSS_COMMENT.sub("", css))
    low = _CSS_SPACE.sub("", text).lower()
    problems = []
    for needle, shown in (
        ("@import", "@import"),
        ("expression", "expression"),
        ("behavior", "behavior"),
        ("-moz-binding", "-moz-binding"),
        ("javascript:", "javascript:"),
        ("image-set(", "image-set()"),
        ("image(", "image()"),
        ("src(", "src()"),
    ):
        if needle in low:
            problems.append(f"含有 {shown}，不允许")
    for m in _CSS_URL.finditer(text):
        problem = _svg_reference(m.group(2))
        if problem:
            problems.append(f"用 url() 引用了 {problem}：“{excerpt(m.group(2))}”")
    return problems
