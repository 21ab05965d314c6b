"""Read content files strictly: UTF-8 only, YAML errors with their line.

MkDocs' own front-matter reader drops broken YAML silently; authors must
instead be told which file and line to fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from . import yamlhint
from .paths import excerpt
from .problems import Problems

try:  # libyaml is much faster; the pure-Python loader behaves the same
    _Base = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Base = yaml.SafeLoader


class StrictLoader(_Base):  # type: ignore[misc, valid-type]
    """Safe YAML that refuses duplicate keys and keeps dates as text.

    Dates stay strings so that 2025, 2025-03 and 2025-03-01 are validated by
    one rule, and an impossible date is a clear error, not a traceback.
    """


StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}


def _construct(loader: StrictLoader, node: yaml.Node) -> Any:
    # Most front matter values are text: the value of a str scalar is that text, without the
    # constructor's bookkeeping (a third of reading a large project went there).
    if node.tag == yaml.resolver.BaseResolver.DEFAULT_SCALAR_TAG and isinstance(node, yaml.ScalarNode):
        return node.value
    return loader.construct_object(node, deep=True)


def _construct_mapping(loader: StrictLoader, node: yaml.MappingNode) -> dict:
    loader.flatten_mapping(node)
    mapping: dict = {}
    for key_node, value_node in node.value:
        key = _construct(loader, key_node)
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            raise yaml.constructor.ConstructorError(None, None, "键必须是简单文本", key_node.start_mark)
        if key in mapping:
            raise yaml.constructor.ConstructorError(None, None, f"键“{key}”重复出现", key_node.start_mark)
        mapping[key] = _construct(loader, value_node)
    return mapping


StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)

FENCE = re.compile(r"^---[ \t]*$")
MAX_TEXT_BYTES = 2 * 1024 * 1024  # bounded inputs: no author writes more text than this in one file
END = re.compile(r"^(---|\.\.\.)[ \t]*$")


@dataclass
class Document:
    """A Markdown file split into its front matter and body."""

    text: str  # the whole file, decoded
    meta: dict[str, Any]
    body: str
    body_line: int  # 1-based line of the first body line in the file
    has_front_matter: bool


def read_text(path: Path, rel: str, problems: Problems) -> str | None:
    """Decode a content file, accepting a BOM and CRLF; report anything else."""
    try:
        if path.stat().st_size > MAX_TEXT_BYTES:
            problems.add(rel, "文件", f"文件太大（超过 {MAX_TEXT_BYTES // 1024 // 1024} MB），内容文件应为较短的文本")
            return None
        data = path.read_bytes()
    except OSError as error:
        problems.add(rel, "文件", f"无法读取：{error.strerror}")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        problems.add(
            rel,
            f"第 {line} 行",
            "文件不是 UTF-8 编码（可能是 GBK），请用 UTF-8 另存后再试",
        )
        return None
    if "\x00" in text:
        problems.add(rel, "文件", "文件包含二进制内容，不是文本文件")
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        problems.add(rel, "文件", "文件是空的")
        return None
    return text


def _anchors(text: str, rel: str, problems: Problems, first_line: int) -> bool:
    """Report anchors and aliases (`&a`, `*a`): not part of the format, and the way to a YAML bomb.

    Read as events, before anything is built, so a 600-byte bomb costs nothing.
    """
    found = False
    try:
        for event in yaml.parse(text, Loader=_Base):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                found = True
                kind = "别名（*）" if isinstance(event, yaml.AliasEvent) else "锚点（&）"
                problems.add(
                    rel,
                    f"第 {first_line + event.start_mark.line} 行",
                    f"YAML {kind}“{excerpt(event.anchor, 20)}”不属于内容格式：请把内容直接写出来",
                )
    except yaml.YAMLError:
        return False  # a syntax error: the parse below reports it at its line
    return found


def parse_yaml(text: str, rel: str, problems: Problems, first_line: int = 1) -> tuple[bool, Any]:
    """Parse YAML strictly; on error report the file line and return (False, None).

    `first_line` is the file line of the text's first line (2 for front matter).
    """
    if ("&" in text or "*" in text) and _anchors(text, rel, problems, first_line):
        return False, None
    hidden = yamlhint.invisible(text)  # zero-width characters: an error whether or not YAML parses
    try:
        data = yaml.load(text, Loader=StrictLoader)
    except RecursionError:  # brackets nested hundreds deep: no author writes that
        problems.add(rel, f"第 {first_line} 行", "YAML 语法错误：方括号或花括号嵌套太深，请直接写出内容")
        return False, None
    except yaml.YAMLError as error:
        line, message = _diagnose(text, error)
        found = [(hint.line, hint.message) for hint in hidden]
        if not hidden or line < hidden[0].line:  # after an invisible character, the error is its doing
            found.append((line, message))
        for line, message in sorted(found):
            problems.add(rel, f"第 {first_line + line} 行", f"YAML 语法错误：{message}")
        return False, None
    # Mistakes that YAML accepts with another meaning: full-width spaces read as part of a key,
    # a full-width colon inside a key, list items folded into one text, a topic "#…#" read as a comment.
    hints = sorted(hidden + yamlhint.parsed(text, data), key=lambda hint: hint.line)
    for hint in hints:
        problems.add(rel, f"第 {first_line + hint.line} 行", f"YAML 语法错误：{hint.message}")
    if hints:
        return False, None
    return True, data


def _diagnose(text: str, error: yaml.YAMLError) -> tuple[int, str]:
    """The 0-based line of the mistake and a Chinese message, PyYAML's words as a detail at the end."""
    own = yamlhint.untranslated(error)  # our constructor's messages are Chinese already
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line = mark.line if mark else 0
    if own:
        return line, own
    hint = yamlhint.explain(text, error)
    english = yamlhint.detail(error)
    if hint is not None:
        line, chinese = hint.line, hint.message
    else:
        chinese = _REASONS.get(next((k for k in _REASONS if english.startswith(k)), ""), _UNKNOWN)
    return line, f"{chinese}（{english}）" if english else chinese


# PyYAML's words (libyaml's and the pure-Python loader's) for what yamlhint has no better reading of.
_UNKNOWN = "这一行无法按 YAML 解析：请检查缩进、半角冒号“: ”和引号是否成对"
_REASONS = {
    "mapping values are not allowed": "这里不能出现“: ”：含半角冒号的值请加引号，或改用全角冒号“：”",
    "could not find expected ':'": "缺少半角冒号“:”：应写成“键: 值”",
    "found character '\\t' that cannot start any token": "缩进里有制表符（Tab）：请改用空格",
    "found a tab character": "缩进里有制表符（Tab）：请改用空格",
    "found character that cannot start any token": "这里有 YAML 不认识的字符：请给整个值加上引号",
    "found undefined alias": "值以“*”开头，YAML 会把它当成别名：请给整个值加上引号",
    "found duplicate anchor": "值以“&”开头，YAML 会把它当成锚点：请给整个值加上引号",
    "expected <block end>": "缩进不一致：同一层的键要左对齐",
    "did not find expected key": "缩进不一致：同一层的键要左对齐",
    "did not find expected '-' indicator": "列表的每一项都要以“- ”开头",
    "found unexpected end of stream": "引号或括号没有闭合",
    "found unknown escape character": "双引号里的“\\”不是合法的转义：请改用单引号",
    "did not find expected ',' or ']'": "方括号“[”没有闭合，或各项之间缺少半角逗号“,”",
    "expected ',' or ']'": "方括号“[”没有闭合，或各项之间缺少半角逗号“,”",
    "did not find expected ',' or '}'": "花括号“{”没有闭合，或各项之间缺少半角逗号“,”",
    "expected ',' or '}'": "花括号“{”没有闭合，或各项之间缺少半角逗号“,”",
    "but found another document": "一个 YAML 文件只能有一份内容：请删除多余的“---”",
}


# The closing `---` typed with a Chinese keyboard: em dashes, full-width hyphens, two hyphens.
_SPACES = " \t\u3000\xa0"
_LOOKALIKE_END = re.compile(r"^(?!---[ \t]*$)[\u3000\xa0]*[-－—–―]{2,6}[ \t\u3000\xa0]*$")
_HEADING = re.compile(r"#{1,6}[ \t]+\S")
_TOP_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*:(?:[ \t]|$)")  # front matter keys are English


def _body_start(lines: list[str], end: int) -> int | None:
    """The first line before `end` that reads as the Markdown body, not front matter: the closing `---` is missing.

    A heading (`## 案情`) or a paragraph after a blank line, with no `key:` line after it.
    A `# 注释` alone is a YAML comment; it counts only when a paragraph follows.
    """
    found = candidate = None  # candidate: a `# …` line that a paragraph must confirm as a heading
    blank = False
    for index in range(1, end):
        line = lines[index]
        if not line.strip():
            blank = True
            continue
        if _HEADING.match(line) and blank and line.startswith("##"):
            found = index if candidate is None else candidate
            break
        if _HEADING.match(line):
            candidate = index if candidate is None and (blank or line.startswith("##")) else candidate
        elif _prose(line) and (blank or candidate is not None):
            found = index if candidate is None else candidate
            break
        else:
            candidate = None
        blank = False
    if found is None:
        return None
    if any(_TOP_KEY.match(line) for line in lines[found:end]):
        return None
    return found


def _prose(line: str) -> bool:
    """A Markdown paragraph line: not indented, not YAML syntax, no `key: value`."""
    text = line.strip()
    return (
        line[:1] not in " \t#-[{\"'|>&*!%@?`"
        and len(text) >= 8
        and ": " not in text
        and not text.endswith(":")
        and not re.match(r"[A-Za-z0-9_-]+[ \t]*：", text)
    )


def _fails_at(text: str, line: int) -> bool:
    """True if the YAML does not parse, at or after 0-based `line` (the body read as YAML)."""
    try:
        yaml.load(text, Loader=StrictLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        return mark is None or mark.line >= line
    return False


def read_document(path: Path, rel: str, problems: Problems) -> Document | None:
    """Read a Markdown file with optional YAML front matter."""
    text = read_text(path, rel, problems)
    return None if text is None else parse_document(text, rel, problems)


def parse_document(text: str, rel: str, problems: Problems) -> Document | None:
    """Split a Markdown text into its YAML front matter and body."""
    lines = text.split("\n")
    if not FENCE.match(lines[0]):
        return Document(text, {}, text, 1, False)
    for index in range(1, len(lines)):
        if END.match(lines[index]):
            break
        if _LOOKALIKE_END.match(lines[index]):  # "——" or "－－－" typed with a Chinese keyboard, " ---"
            fence = lines[index].strip(_SPACES)
            if fence == "---":
                words = "“---”前后不能有空格：这一行只写三个半角减号“---”，头信息到这一行结束"
            else:
                words = f"“{fence}”应写成三个半角减号“---”：头信息到这一行结束"
            problems.add(rel, f"第 {index + 1} 行", words)
            return None
    else:
        body = _body_start(lines, len(lines))
        if body is None:
            problems.add(rel, "第 1 行", "front matter 没有结束：缺少第二个“---”行")
        else:  # reported where it opens, the line it must close before named
            problems.add(rel, "第 1 行", f"头信息没有结束：第 {body + 1} 行之前缺少“---”行")
        return None
    front = "\n".join(lines[1:index])
    body = _body_start(lines, index)
    if body is not None and _fails_at(front, body - 1):  # the `---` found is a rule in the Markdown
        problems.add(rel, f"第 {body + 1} 行", f"头信息没有结束：第 {body + 1} 行之前缺少“---”行")
        return None
    ok, meta = parse_yaml(front, rel, problems, first_line=2)
    if not ok:
        return None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        problems.add(rel, "第 2 行", "front matter 必须是“键: 值”形式的 YAML 映射")
        return None
    return Document(text, meta, "\n".join(lines[index + 1 :]), index + 2, True)
