"""Explain a YAML syntax error to an author: the line of the mistake, in Chinese.

PyYAML reports where its parser gave up, in English. Editors who paste from Word
or WPS make a handful of mistakes over and over (a Tab or full-width spaces in
the indentation, a full-width colon after a key, no space after the colon, a quote
closed by a Chinese quote, a full-width comma or bracket); this module finds the
line where the mistake is and names it.

Some mistakes parse, with another meaning: a zero-width character in a key, a key
"sector：教育", a list item folded into the one above, a list written with "－" or "·",
a WeChat topic "#以案说纪#" read as a comment. `invisible` and `parsed` find those.

Pure functions over the text and the error. `explain` runs only after parsing failed;
`invisible` and `parsed` start with a substring test, so good files cost (almost) nothing.
None of them raises.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass
from typing import Any

import yaml

# What Word and WPS put where a space belongs. YAML treats only " " (and Tab in places) as space.
_WIDE = {"\u3000": "全角空格", "\xa0": "不换行空格（常见于从 Word 复制）"}
_BLANK = " \t\u3000\xa0"
# A key as an editor writes one: a field name, an id (2023-gz-yiyuan), a Chinese phrase (质朴), not prose.
_NOT_KEY = r"\s:：#,，。；！？、\[\]{}"
_KEY = rf"[^{_NOT_KEY}\"'|>&*!%@`?\-](?:[^{_NOT_KEY[2:]}\t\n]*[^{_NOT_KEY}])?"
_NAME = r"[A-Za-z0-9_][A-Za-z0-9_.-]*"  # an English field name or an id, for "key value" without a colon
_LINE = re.compile(
    rf"(?P<indent>[{_BLANK}]*)(?P<dash>(?:-(?:[{_BLANK}]+|$))*)"
    rf"(?:(?P<key>{_KEY})(?:[{_BLANK}]*(?P<colon>：)|[{_BLANK}]*(?P<ascii>:)(?=[{_BLANK}]|$)|(?P<tight>:)(?=[^\s:/]))"
    rf"(?P<after>[{_BLANK}]*))?"
    r"(?P<value>.*)"
)
_BLOCK_SCALAR = re.compile(r"[|>][-+0-9]{0,2}[ \t]*(?:#.*)?")
_KEY_ONLY = re.compile(rf"[{_BLANK}]*(?:-[{_BLANK}]+)*(?P<key>{_KEY})[{_BLANK}]*")
_CLOSERS = {'"': "”“", "'": "’‘"}  # Chinese quotes an author may have typed instead of the ASCII one
_BRACKETS = {"[": ("]", "】］"), "{": ("}", "｝")}
_WIDE_BRACKETS = {"｛": ("｛｝", "{}", "花括号"), "［": ("［］", "[]", "方括号"), "【": ("【】", "[]", "方括号")}
_QUOTE = "“{}”"
# Characters no one sees, pasted from web pages and WeChat; YAML reads them as text (a key "\u200bid").
_ZERO_WIDTH = {
    "\u200b": "U+200B",
    "\u200c": "U+200C",
    "\u200d": "U+200D",
    "\u2060": "U+2060",
    "\ufeff": "U+FEFF，即 BOM",
}
_ZERO_WIDTH_ANY = re.compile("[" + "".join(_ZERO_WIDTH) + "]")
# A list marker from Word or WPS instead of "- " at the start of a line: the list becomes one text.
_MARKER = re.compile(r"^[ \t\u3000\xa0]*(?:[－·•・‧●▪◦]|[—–―](?![—–―]))", re.MULTILINE)
_HASHTAG = re.compile(r"[ \t]#[^#\n]+#[ \t]*$", re.MULTILINE)  # a WeChat topic "#以案说纪#" after a value


@dataclass(frozen=True)
class Hint:
    """Where the mistake is (0-based line of the YAML text) and what to do, in Chinese."""

    line: int
    message: str


@dataclass(frozen=True)
class _Finding:
    line: int
    kind: str  # "tab", "wide", "colon", "tight" (no space after ":"), "spacer" (a wide space after ":"), "quote"
    key: str | None
    keylike: bool = True  # the line reads as "key: value" or "- item"
    quote: str = ""  # for "quote": the quote character
    column: int = 0  # for "quote": where it opens
    until: int | None = None  # for "quote": the line where it was closed by accident (None: never)
    value: str = ""  # for "tight" and "spacer": what follows the colon


def explain(text: str, error: yaml.YAMLError) -> Hint | None:
    """The line and Chinese explanation of a YAML error, or None if nothing better than PyYAML's is known."""
    try:
        return _explain(text, error)
    except Exception:  # a hint is a courtesy: a bug here must not hide the error itself
        return None


def detail(error: yaml.YAMLError) -> str:
    """PyYAML's own words, for the parenthesis after the Chinese text (empty if they are Chinese)."""
    if isinstance(error, yaml.reader.ReaderError):
        return f"{error.reason}: #x{error.character:04x}" if isinstance(error.character, int) else error.reason
    words = getattr(error, "problem", None) or getattr(error, "context", None) or str(error)
    return "" if _has_chinese(words) else str(words).strip()


def untranslated(error: yaml.YAMLError) -> str | None:
    """The error's own text when it is already Chinese (our constructor's duplicate-key message)."""
    words = getattr(error, "problem", None)
    return words if isinstance(words, str) and _has_chinese(words) else None


def wide_keys(text: str, data: Any) -> list[Hint]:
    """Keys that YAML read with a full-width space in them: the indentation was full-width spaces.

    `　　publisher: 重庆日报` under `source:` parses, as a top-level key "　　publisher";
    the author would then be told that source.publisher is missing. Call only if the
    text holds such a space at all.
    """
    hints: list[Hint] = []
    lines = text.split("\n")
    for key in _keys(data):
        if not isinstance(key, str) or not key.strip(_BLANK) or key.strip(_BLANK) == key:
            continue
        bare = key.strip(_BLANK)
        line = next((i for i, ln in enumerate(lines) if ln.lstrip(" \t").startswith(key)), 0)
        if key[0] in _BLANK:
            hints.append(Hint(line, _wide_indent(_QUOTE.format(bare) + "前面的缩进里有", key)))
        else:
            what = "、".join(dict.fromkeys(_WIDE.get(c, "空格") for c in key[len(bare.rstrip(_BLANK)) :]))
            hints.append(Hint(line, f"{_QUOTE.format(bare)}和冒号之间有{what}：请删除它，写成“{bare}: ”"))
    return sorted(hints, key=lambda hint: hint.line)


def invisible(text: str) -> list[Hint]:
    """Each line holding a zero-width character (U+200B, U+FEFF…): YAML reads it as text, parsed or not.

    A zero-width space before `id:` makes a key "\u200bid", and the author is told that id is missing.
    Costs one regular-expression search when there is none.
    """
    if not _ZERO_WIDTH_ANY.search(text):
        return []
    hints = []
    for index, line in enumerate(text.split("\n")):
        found = [_ZERO_WIDTH[c] for c in dict.fromkeys(_ZERO_WIDTH_ANY.findall(line))]
        if found:
            what = "、".join(found)
            hints.append(Hint(index, f"这一行有看不见的零宽字符（{what}），常见于从网页或微信复制：请删除它"))
    return hints


def parsed(text: str, data: Any) -> list[Hint]:
    """Mistakes that YAML accepts with another meaning: each a Hint at its line, sorted.

    Every check starts with a cheap test on the text or the data, so a file without the
    mistake costs (almost) nothing. Never raises.
    """
    hints: list[Hint] = []
    nodes = _Nodes(text)
    checks = (
        lambda: wide_keys(text, data) if "\u3000" in text or "\xa0" in text else [],
        lambda: _colon_keys(text, data) if "：" in text else [],
        lambda: _markers(text, nodes),
        lambda: _merged_items(data, nodes),
        lambda: _hashtags(text, nodes),
    )
    for check in checks:
        try:
            hints.extend(check())
        except Exception:  # a courtesy: a bug here must not hide the content behind a traceback
            continue
    return sorted(hints, key=lambda hint: hint.line)


def _colon_keys(text: str, data: Any) -> list[Hint]:
    """Keys with a full-width colon: `{sector：教育, role: 一把手}` parses, as a key "sector：教育" with no value."""
    hints = []
    for key in _keys(data):
        if not isinstance(key, str) or "：" not in key:
            continue
        name = key.split("：", 1)[0].strip(_BLANK)
        index = text.find(key)
        if index < 0:
            index = text.find(name + "：")
        line = text.count("\n", 0, index) if index >= 0 else 0
        if name:
            hints.append(Hint(line, f"{_QUOTE.format(name)}后面是全角冒号“：”：请改成半角冒号加空格“{name}: ”"))
        else:
            hints.append(Hint(line, f"{_QUOTE.format(_short(key))}开头多了一个全角冒号“：”：请删除它"))
    return hints


class _Nodes:
    """The scalars of the YAML (node, parent), composed once and only if a check needs them."""

    def __init__(self, text: str):
        self.text = text
        self._scalars: list[tuple[yaml.ScalarNode, yaml.Node | None]] | None = None
        self._lines: list[str] | None = None
        self.marked: set[int] = set()  # scalars already reported as a list with the wrong marker

    @property
    def lines(self) -> list[str]:
        if self._lines is None:
            self._lines = self.text.split("\n")
        return self._lines

    @property
    def scalars(self) -> list[tuple[yaml.ScalarNode, yaml.Node | None]]:
        if self._scalars is None:
            self._scalars = []
            root = yaml.compose(self.text, Loader=_LOADER)
            stack: list[tuple[yaml.Node, yaml.Node | None, int]] = [(root, None, 0)] if root is not None else []
            while stack:
                node, parent, depth = stack.pop()
                if isinstance(node, yaml.ScalarNode):
                    self._scalars.append((node, parent))
                elif depth < 100 and isinstance(node, yaml.SequenceNode):
                    stack.extend((item, node, depth + 1) for item in reversed(node.value))
                elif depth < 100 and isinstance(node, yaml.MappingNode):
                    for key, value in reversed(node.value):
                        stack.append((value, node, depth + 1))
                        stack.append((key, node, depth + 1))
        return self._scalars

    def plain(self) -> list[tuple[yaml.ScalarNode, yaml.Node | None]]:
        """Plain (unquoted, not `|` or `>`) scalars: libyaml calls their style "", PyYAML None."""
        return [(node, parent) for node, parent in self.scalars if not node.style]


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _has_folded_item(data: Any) -> bool:
    """Whether some decoded text holds " - ", the trace of a list item folded into it (one C-level search)."""
    return " - " in json.dumps(data, ensure_ascii=False, default=str, check_circular=False)


def _merged_items(data: Any, nodes: _Nodes) -> list[Hint]:
    """`- 乙` one space off the `- 甲` above: YAML folds it into the text "甲 - 乙"."""
    if not _has_folded_item(data):
        return []
    hints = []
    for node, parent in nodes.plain():
        if " - " not in node.value or id(node) in nodes.marked:
            continue
        lines = range(node.start_mark.line + 1, node.end_mark.line + 1)
        items = [i for i in lines if nodes.lines[i].lstrip(" ")[:2] in ("- ", "-")]
        if not items:
            continue
        if not isinstance(parent, yaml.SequenceNode):
            words = (
                "这一行的“- ”被并进了上一行的值：列表项要写在“键:”的下一行并对齐；若本来就是文字，请给整个值加上引号"
            )
            hints.extend(Hint(index, words) for index in items)
        elif len(items) > 1 and len({_spaces(nodes.lines[i]) for i in items}) == 1:  # the first item is the odd one
            first = node.start_mark.line
            hints.append(Hint(first, "这一项的“- ”比下面的项少缩进，下面的项都被并进了这一项：请让各项的“- ”左对齐"))
        else:
            words = "这一行的缩进与上面的列表项没对齐，被并进了上一项：请让“- ”与上一行的“- ”对齐"
            hints.extend(Hint(index, words) for index in items)
    return hints


def _markers(text: str, nodes: _Nodes) -> list[Hint]:
    """`  － 《条例》` or `  · …` for list items: YAML reads the whole list as one text."""
    if not _MARKER.search(text):
        return []
    hints = []
    for node, _parent in nodes.plain():
        found = []
        for index in range(node.start_mark.line, node.end_mark.line + 1):
            line = nodes.lines[index]
            if index == node.start_mark.line and node.start_mark.column != _spaces(line):
                continue  # the text starts after a key on this line: "title: — 副标题" is fine
            m = _MARKER.match(line)
            if m:
                found.append((index, m[0][-1]))
        if found:
            nodes.marked.add(id(node))
            index, mark = found[0]
            more = "（这个列表的其余各项也一样）" if len(found) > 1 else ""
            hints.append(Hint(index, f"列表项要用半角“- ”开头，这里是“{mark}”：请改成“- ”{more}"))
    return hints


def _hashtags(text: str, nodes: _Nodes) -> list[Hint]:
    """`title: 王某受贿案 #以案说纪#`: YAML reads " #" as the start of a comment and drops the topic."""
    if not _HASHTAG.search(text):
        return []
    spans = [((n.start_mark.line, n.start_mark.column), (n.end_mark.line, n.end_mark.column)) for n, _ in nodes.scalars]
    hints = []
    for index, line in enumerate(nodes.lines):
        if "#" not in line or line.lstrip(_BLANK).startswith("#"):
            continue
        for m in re.finditer(r"(?<=[ \t])#", line):
            where = (index, m.start())
            if any(start <= where < end for start, end in spans):
                continue  # inside a quoted or block text: not a comment
            comment = line[m.start() :].rstrip(_BLANK)
            if len(comment) > 2 and comment.endswith("#") and comment.strip("#").strip(_BLANK):
                words = "在 YAML 里会被当成注释丢掉：整个值请加引号，或把 # 改成全角“＃”"
                hints.append(Hint(index, f"“{_short(comment, 20)}”{words}"))
            break  # the first " #" outside a text starts the comment
    return hints


def _keys(data: Any, depth: int = 0):
    if depth > 50:
        return
    if isinstance(data, dict):
        for key, value in data.items():
            yield key
            yield from _keys(value, depth + 1)
    elif isinstance(data, list):
        for item in data:
            yield from _keys(item, depth + 1)


# ---------------------------------------------------------------------------
# The diagnosis


def _explain(text: str, error: yaml.YAMLError) -> Hint | None:
    lines = text.split("\n")
    if isinstance(error, yaml.reader.ReaderError):
        return _control_character(text, error)
    if not isinstance(error, yaml.MarkedYAMLError) or untranslated(error):
        return None
    problem = error.problem or ""
    context = error.context or ""
    last = len(lines) - 1
    mark = error.problem_mark or error.context_mark
    at = min(mark.line, last) if mark else 0
    col = mark.column if mark and mark.line <= last else len(lines[at])
    start = min(error.context_mark.line, last) if error.context_mark else at

    if "quoted scalar" in context:
        if "escape" in problem:
            return Hint(at, "双引号里的反斜杠“\\”后面不是合法的转义：请把双引号换成单引号，或把“\\”写成“\\\\”")
        return _unclosed_quote(lines, start, error.context_mark.column)

    scanned, structural = _scan(text, lines, at)
    before = max((i for i in structural if i < at), default=None)  # the key or item the parser was in
    key_at = bool(_KEY_ONLY.fullmatch(lines[at][:col]))  # it gave up at the colon of the next key
    findings = [
        f
        for f in scanned
        if (f.keylike or f.line in (at, start))
        and (f.kind not in _COLONS or f.line in (at, start) or (f.line == before and (f.kind == "colon" or key_at)))
    ]
    covering = [f for f in findings if f.kind == "quote" and (f.until is None or f.until >= at)]
    if covering:
        return _say(lines, covering[0])
    if findings:
        order = ("tab", "wide", "colon", "spacer", "tight", "quote")
        nearest = max(f.line for f in findings)
        return _say(lines, min((f for f in findings if f.line == nearest), key=lambda f: order.index(f.kind)))
    return _by_message(lines, problem, context, at, col, start, error)


def _control_character(text: str, error: yaml.reader.ReaderError) -> Hint:
    code = error.character if isinstance(error.character, int) else 0
    index = text.find(chr(code)) if code else -1
    line = text.count("\n", 0, index) if index >= 0 else 0
    return Hint(line, f"这一行有看不见的控制字符（U+{code:04X}），常见于从 Word 或网页复制：请删除它")


_COLONS = ("colon", "tight", "spacer")  # mistakes that turn a "key: value" line into one text


def _scan(text: str, lines: list[str], last: int) -> tuple[list[_Finding], list[int]]:
    """Lines up to `last` that hold an editor's usual mistake, skipping block scalars and multi-line quotes.

    Also the lines that YAML reads as a new key or item (not the continuation of a text).
    The parser gives up at or after the mistake, never before it: later lines are not read.
    """
    findings: list[_Finding] = []
    structural: list[int] = []
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    block: int | None = None  # indentation of the key that opened a block scalar (`|`, `>`)
    plain: int | None = None  # column of the key or item whose plain text more-indented lines continue
    index = 0
    while index <= last:
        line = lines[index]
        if block is not None and (not line.strip() or _spaces(line) > block):
            index += 1
            continue
        block = None
        content = line.lstrip(_BLANK)
        if not content or content.startswith("#"):
            index += 1
            continue
        m = _LINE.fullmatch(line)
        if m is None:  # cannot happen: every group is optional
            index += 1
            continue
        key, dash, value = m["key"], m["dash"], m["value"]
        keylike = bool(key and (m["colon"] or m["ascii"] or m["tight"])) or bool(dash)
        if "\t" in m["indent"] + dash:
            findings.append(_Finding(index, "tab", key, keylike))
        if any(c in m["indent"] for c in _WIDE):
            findings.append(_Finding(index, "wide", key, keylike))
        if plain is not None and _spaces(line) > plain:  # the text of the key above goes on: no key here
            index += 1
            continue
        structural.append(index)
        plain = None
        spacer = bool(m["ascii"]) and m["after"][:1] in _WIDE
        if m["colon"]:
            findings.append(_Finding(index, "colon", key))
        elif m["tight"]:
            findings.append(_Finding(index, "tight", key, value=value))
        elif spacer:
            findings.append(_Finding(index, "spacer", key, value=m["after"] + value))
        if m["colon"] or m["tight"] or spacer or not keylike:  # YAML reads the whole line as one text
            plain = m.start("key") if key else _spaces(line)
            index += 1
            continue
        if not key:  # a list item: "- text"
            if value and value[0] not in "\"'[{|>#":
                plain = m.start("dash") + dash.rstrip(_BLANK).rfind("-")
        elif value and value[0] not in "\"'[{|>#":
            plain = m.start("key")
        if keylike:
            if _BLOCK_SCALAR.fullmatch(value):
                block = _spaces(line)
            elif value[:1] in "\"'[{":
                offset = starts[index] + m.start("value")
                opened = _open_quote(text, offset)
                if opened is not None:
                    column, close = opened
                    until = None if close is None else bisect.bisect_right(starts, close) - 1
                    if until is not None and _legit_after(text, close):
                        index = until + 1  # a quoted value over several lines
                        continue
                    findings.append(
                        _Finding(index, "quote", key, True, text[offset + column], m.start("value") + column, until)
                    )
        index += 1
    return findings, structural


def _spaces(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _open_quote(text: str, offset: int) -> tuple[int, int | None] | None:
    """A quote in the value at `offset` that does not close on its line: (column in value, index of close)."""
    end = text.find("\n", offset)
    end = len(text) if end < 0 else end
    i, token = offset, True  # token: a new scalar may start here
    flow = text[offset] in "[{"
    while i < end:
        ch = text[i]
        if ch in "\"'" and token:
            close = _close(text, i)
            if close is None or close >= end:
                return i - offset, close
            i, token = close + 1, False
            if not flow:
                return None
            continue
        if not flow:
            return None  # a plain value: quotes inside it are text (王某"一把手"案)
        if ch in "[{,":
            token = True
        elif ch == "#" and text[i - 1] in " \t":
            return None
        elif ch not in " \t":
            token = False
        i += 1
    return None


def _close(text: str, start: int) -> int | None:
    """Index of the quote closing the one at `start` (`\\"` escapes in double, `''` in single quotes)."""
    quote, i = text[start], start + 1
    while True:
        i = text.find(quote, i) if quote == "'" else _next_unescaped(text, i)
        if i < 0:
            return None
        if quote == "'" and text.startswith("''", i):
            i += 2
            continue
        return i


def _next_unescaped(text: str, i: int) -> int:
    while True:
        quote = text.find('"', i)
        slash = text.find("\\", i, quote) if quote >= 0 else -1
        if slash < 0:
            return quote
        i = slash + 2


def _legit_after(text: str, close: int) -> bool:
    """After a quote closed on a later line, the line ends (or the flow goes on): a real multi-line value."""
    end = text.find("\n", close)
    rest = text[close + 1 : end if end >= 0 else len(text)].strip(" \t")
    return not rest or rest[0] in "#:,]}"


# ---------------------------------------------------------------------------
# The words


def _say(lines: list[str], f: _Finding) -> Hint:
    line = lines[f.line]
    name = _QUOTE.format(f.key) if f.key else ""
    if f.kind == "tab":
        m = _LINE.fullmatch(line)
        if m and "\t" not in m["indent"]:
            return Hint(f.line, "列表符号“-”后面是制表符（Tab）：请换成一个空格")
        where = f"{name}前面的缩进" if f.key else "这一行的缩进"
        return Hint(f.line, f"{where}里有制表符（Tab），YAML 只能用空格缩进：请把 Tab 换成空格，与同一层的行对齐")
    if f.kind == "wide":
        return Hint(f.line, _wide_indent(f"{name}前面的缩进里有" if f.key else "这一行开头有", line))
    if f.kind == "colon":
        return Hint(f.line, f"{name}后面是全角冒号“：”：请改成半角冒号加空格“{f.key}: ”")
    if f.kind == "tight":
        return Hint(f.line, f"{name}的冒号后面要有一个空格：写成“{f.key}: {_short(f.value)}”")
    if f.kind == "spacer":
        return Hint(
            f.line,
            f"{name}的冒号后面是{_WIDE[f.value[0]]}，YAML 不认：请换成一个半角空格，"
            f"写成“{f.key}: {_short(f.value.lstrip(_BLANK))}”",
        )
    return _unclosed_quote(lines, f.line, f.column)


def _short(value: str, limit: int = 16) -> str:
    value = value.strip(_BLANK)
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _wide_indent(where: str, line: str) -> str:
    lead = line[: len(line) - len(line.lstrip(_BLANK))]
    what = "、".join(dict.fromkeys(_WIDE[c] for c in lead if c in _WIDE)) or "全角空格"
    return f"{where}{what}，YAML 只能用半角空格缩进：请改成半角空格"


def _unclosed_quote(lines: list[str], line: int, column: int) -> Hint:
    text = lines[line]
    quote = text[column] if column < len(text) and text[column] in "\"'" else '"'
    m = _LINE.fullmatch(text)
    if m and m["key"] and column >= m.start("value"):
        name = f"{_QUOTE.format(m['key'])}的值"
    else:
        name = "这一项" if m and m["dash"] else "这里"
    rest = text[column + 1 :].rstrip(" \t")
    chinese = next((c for c in reversed(rest) if c in _CLOSERS[quote]), None)
    if chinese:
        return Hint(
            line,
            f"{name}开头是半角引号“{quote}”，结尾却是中文引号“{chinese}”：请把结尾改成“{quote}”，或去掉开头的“{quote}”",
        )
    return Hint(line, f"{name}开头的半角引号“{quote}”没有闭合：请在值的末尾补上“{quote}”，或去掉开头的“{quote}”")


def _by_message(
    lines: list[str], problem: str, context: str, at: int, col: int, start: int, error: yaml.MarkedYAMLError
) -> Hint | None:
    """No usual mistake found: explain PyYAML's message itself (libyaml's and pure PyYAML's wording)."""
    text = lines[at]
    here = text[col] if col < len(text) else ""
    key = _KEY_ONLY.fullmatch(text[:col])
    name = _QUOTE.format(key["key"]) if key else ""

    if "tab character" in problem or here == "\t":
        if text[:col].strip(_BLANK + "-"):
            return Hint(at, "这里有制表符（Tab）：请换成空格")
        return Hint(at, "这一行的缩进里有制表符（Tab），YAML 只能用空格缩进：请把 Tab 换成空格，与同一层的行对齐")
    wide = _wide_bracket(text)
    if wide:
        return _wide_hint(at, text, wide)
    if problem.startswith("mapping values are not allowed"):
        return _colon_in_value(lines, at, col)
    if "could not find expected ':'" in problem:
        return _missing_colon(lines, start)
    if "flow sequence" in context or "flow mapping" in context:
        return _flow(lines, start, error.context_mark.column if error.context_mark else 0, at, here, col)
    if "block mapping" in context and ("expected key" in problem or "expected <block end>" in problem):
        return _misaligned(lines, at, col)
    if "block collection" in context or "'-' indicator" in problem:
        return Hint(at, "列表里的这一行没有以“- ”开头：列表的每一项都要以“- ”开头，或检查缩进是否与上面的项对齐")
    if "sequence entries are not allowed" in problem:
        owner = _LINE.fullmatch(text)
        name = _QUOTE.format(owner["key"]) if owner and owner["key"] else "这里"
        return Hint(at, f"{name}的值以“- ”开头，会被当成列表：列表项请另起一行并缩进；若是文字，请给整个值加上引号")
    if "anchor" in context or "alias" in context or "undefined alias" in problem:
        mark = error.context_mark or error.problem_mark
        sign = lines[min(mark.line, len(lines) - 1)][mark.column : mark.column + 1] if mark else "*"
        what = "锚点" if sign == "&" or "anchor" in context else "别名"
        return Hint(at, f"值以“{sign or '*'}”开头，YAML 会把它当成{what}：请给整个值加上引号")
    if "tag" in context or "tag" in problem:
        return Hint(at, "值以“!”开头，YAML 会把它当成标签：请给整个值加上引号")
    if "block scalar" in context:
        return Hint(at, "“|”或“>”后面不能直接写文字：请换行后缩进再写内容，或给整个值加上引号")
    if "cannot start any token" in problem and here:
        return Hint(at, f"值不能以“{here}”开头（YAML 的保留符号）：请给整个值加上引号")
    if "directive" in context or "directive" in problem or "<document start>" in problem:
        percent = next((i for i, ln in enumerate(lines) if ln.startswith("%")), None)
        if percent is not None:
            return Hint(percent, "行首的“%”在 YAML 里有特殊含义：请给整个值加上引号")
        return _indented_top(lines, at)
    if "single document" in context or "another document" in problem:
        return Hint(at, "这里出现了第二个“---”，一个 YAML 文件只能有一份内容：请删除多余的“---”")
    if "end of stream" in problem:
        return Hint(at, "文件在这里意外结束：请检查引号和括号是否成对")
    if "node content" in problem:
        return Hint(at, f"{name or '这里'}缺少内容：请检查是否多写了“-”“,”或“:”")
    return None


def _colon_in_value(lines: list[str], at: int, col: int) -> Hint:
    """`mapping values are not allowed`: a ": " inside a value, or a key indented under a key that has a value."""
    text = lines[at]
    key = _KEY_ONLY.fullmatch(text[:col])
    if not key:
        owner = _LINE.fullmatch(text)
        name = _QUOTE.format(owner["key"]) + "的值" if owner and owner["key"] and owner["ascii"] else "这一行的值"
        return Hint(at, f"{name}里有半角冒号加空格“: ”：请改成全角冒号“：”，或给整个值加上引号")
    indent = _spaces(text)
    for above in range(at - 1, -1, -1):
        prev = lines[above]
        if not prev.strip() or prev.lstrip().startswith("#"):
            continue
        m = _LINE.fullmatch(prev)
        if not (m and ((m["key"] and m["ascii"]) or m["dash"])):
            if above == at - 1:
                return _missing_colon(lines, above)
            continue
        if _spaces(prev) < indent and m["value"].strip():
            parent = _QUOTE.format(m["key"]) if m["key"] else "上一行"
            return Hint(
                at,
                f"{_QUOTE.format(key['key'])}的缩进多了：{parent}已经写了值，下面不能再有缩进的键；"
                f"请让{_QUOTE.format(key['key'])}与同一层的键左对齐",
            )
        break
    return Hint(at, f"{_QUOTE.format(key['key'])}这一行的缩进不对：同一层的键要左对齐（前面的空格数相同）")


def _missing_colon(lines: list[str], at: int) -> Hint:
    text = lines[at]
    first = re.match(rf"[{_BLANK}]*(?:-[{_BLANK}]+)*({_NAME})[ \t]+\S", text)
    if first:
        key = first[1]
        return Hint(at, f"{_QUOTE.format(key)}后面缺少半角冒号“:”：应写成“{key}: 值”（冒号后有一个空格）")
    return Hint(at, "这一行不是“键: 值”的形式：请补上半角冒号“:”；若它是上一行的值写不下折过来的，请在行首加空格缩进")


def _flow(lines: list[str], start: int, column: int, at: int, here: str, col: int) -> Hint:
    text = lines[start]
    opener = text[column] if column < len(text) and text[column] in _BRACKETS else "["
    closer, chinese = _BRACKETS[opener]
    what = "方括号" if opener == "[" else "花括号"
    if at == start and here.strip():  # the bracket closes, something inside is wrong
        if here not in "]}" and "，" in (text[column:col] if col > column else text[column:]):
            return Hint(at, f"{what}里各项之间用了全角逗号“，”：请改成半角逗号加空格“, ”")
        if here == ":":
            return Hint(at, f"{what}里的项含有半角冒号“:”：请给这一项加上引号，或改成全角冒号“：”")
        return Hint(at, f"{what}里的写法有误：各项之间用半角逗号“,”分隔，末尾是“{closer}”")
    wrong = next((c for c in reversed(text.rstrip()) if c in chinese), None)
    if wrong:
        return Hint(start, f"{what}“{opener}”没有闭合，结尾是中文括号“{wrong}”：请改成半角的“{closer}”")
    return Hint(start, f"{what}“{opener}”没有闭合：请在末尾补上半角的“{closer}”")


def _wide_bracket(text: str) -> str | None:
    """The full-width bracket (｛ ［ 【) around the whole value of the line, if any (not 【通报】王某…)."""
    m = _LINE.fullmatch(text)
    value = (m["value"] if m else text).strip(_BLANK)
    opener = value[:1]
    return opener if opener in _WIDE_BRACKETS and value[-1] == _WIDE_BRACKETS[opener][0][1] else None


def _wide_hint(line: int, text: str, bracket: str) -> Hint:
    pair, ascii_pair, what = _WIDE_BRACKETS[bracket]
    m = _LINE.fullmatch(text)
    name = _QUOTE.format(m["key"]) + "的值" if m and m["key"] and m["ascii"] else "这一行"
    return Hint(line, f"{name}用了全角{what}“{pair}”，YAML 不认：请改成半角的“{ascii_pair}”")


def _indented_top(lines: list[str], at: int) -> Hint:
    """`expected <document start>`: the outermost mapping ended, and a line less indented follows."""
    first = next((i for i, ln in enumerate(lines) if ln.strip(_BLANK) and not ln.lstrip(_BLANK).startswith("#")), at)
    text = lines[first]
    if first < at and text[:1] in _BLANK:
        key = _KEY_ONLY.match(text)
        name = _QUOTE.format(key["key"]) if key else "第一行"
        return Hint(first, f"{name}前面多了空格，缩进不对：最外层的键要顶格写（行首不能有空格），与下面的键左对齐")
    return Hint(at, "这一行的缩进与上面的键对不齐：同一层的键要左对齐（前面的空格数相同）")


def _misaligned(lines: list[str], at: int, col: int) -> Hint:
    """`did not find expected key`: text after a closed value, a stray list item, or a key out of line."""
    text = lines[at]
    before = text[:col].rstrip(" \t")
    if before.strip(_BLANK + "-"):
        owner = _LINE.fullmatch(text)
        name = _QUOTE.format(owner["key"]) + "的值" if owner and owner["key"] else "这一行的值"
        last = before[-1]
        if text[col : col + 1] in ("]", "}"):
            return Hint(at, f"{name}多了一个“{text[col]}”：请删除它，或检查括号是否成对")
        if last in "\"'])}":
            return Hint(at, f"{name}在“{last}”之后还有文字：请让引号或括号括住整个值，或去掉它们")
        return Hint(at, f"{name}后面多了“{text[col : col + 1]}”：请删除它，或给整个值加上引号")
    content = text.lstrip(_BLANK)
    if content.startswith("-") and content[1:2] not in ("", " ", "\t"):
        return Hint(at, "列表符号“-”后面缺少空格：列表项要写成“- 内容”，并与上面的项对齐")
    if content.startswith("-"):
        return Hint(at, "这一行是列表项“- ”，但它不在某个键的下面：列表项要写在“键:”的下一行，并比键多缩进")
    key = _KEY_ONLY.match(text)
    name = _QUOTE.format(key["key"]) if key else "这一行"
    return Hint(at, f"{name}的缩进与上面同一层的键对不齐：请让同一层的键前面的空格数相同")


def _has_chinese(words: object) -> bool:
    """Our own constructor's messages start in Chinese; PyYAML's may only quote a Chinese character."""
    return isinstance(words, str) and "\u4e00" <= words[:1] <= "\u9fff"
