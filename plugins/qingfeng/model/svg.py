"""An SVG under content/ is published as is (CONTENT-FORMAT 10): nothing that runs or loads from elsewhere.

The file is parsed by expat with DOCTYPE and entity declarations refused (XML bombs); every element, attribute and
style sheet is checked, and each problem is reported at its line.
"""

from __future__ import annotations

import re
from xml.parsers import expat

from .markup import CSS_COMMENT, CSS_SPACE, URL_SCHEME, clean_url
from .paths import excerpt
from .problems import Problems


def check_svg(data: bytes, rel: str, problems: Problems) -> None:
    """An SVG under content/ is published as is: no script, event attribute, foreignObject, external reference
    or DOCTYPE/entity declaration (XML bombs); it must be well-formed XML."""
    _SvgChecker(rel, problems).run(data)


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
    url = clean_url(value)
    scheme = URL_SCHEME.match(url)
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
    text = _CSS_ESCAPE.sub(_css_char, CSS_COMMENT.sub("", css))
    low = CSS_SPACE.sub("", text).lower()
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
