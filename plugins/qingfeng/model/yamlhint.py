"""Explain a YAML syntax error to an author: the line of the mistake, in Chinese.

PyYAML reports where its parser gave up, in English. Editors who paste from Word
or WPS make a handful of mistakes over and over (a Tab or full-width spaces in
the indentation, a full-width colon after a key, a quote closed by a Chinese
quote); this module finds the line where the mistake is and names it.

Pure functions over the text and the error; called only after parsing failed,
so good files cost nothing. `explain` never raises.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any

import yaml

# What Word and WPS put where a space belongs. YAML treats only " " (and Tab in places) as space.
_WIDE = {"\u3000": "全角空格", "\xa0": "不换行空格（常见于从 Word 复制）"}
_BLANK = " \t\u3000\xa0"
_KEY = r"[A-Za-z_][A-Za-z0-9_-]*"  # keys are English (CONTENT-FORMAT)
_LINE = re.compile(
    rf"(?P<indent>[{_BLANK}]*)(?P<dash>(?:-(?:[{_BLANK}]+|$))*)"
    rf"(?:(?P<key>{_KEY})(?:[{_BLANK}]*(?P<colon>：)|[{_BLANK}]*(?P<ascii>:)(?=[{_BLANK}]|$))[{_BLANK}]*)?"
    r"(?P<value>.*)"
)
_BLOCK_SCALAR = re.compile(r"[|>][-+0-9]{0,2}[ \t]*(?:#.*)?")
_KEY_ONLY = re.compile(rf"[{_BLANK}]*(?:-[{_BLANK}]+)*(?P<key>{_KEY})[{_BLANK}]*")
_CLOSERS = {'"': "”“", "'": "’‘"}  # Chinese quotes an author may have typed instead of the ASCII one
_BRACKETS = {"[": ("]", "】］"), "{": ("}", "｝")}
_QUOTE = "“{}”"


@dataclass(frozen=True)
class Hint:
    """Where the mistake is (0-based line of the YAML text) and what to do, in Chinese."""

    line: int
    message: str


@dataclass(frozen=True)
class _Finding:
    line: int
    kind: str  # "tab", "wide", "colon", "quote"
    key: str | None
    keylike: bool = True  # the line reads as "key: value" or "- item"
    quote: str = ""  # for "quote": the quote character
    column: int = 0  # for "quote": where it opens
    until: int | None = None  # for "quote": the line where it was closed by accident (None: never)


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

    findings = [f for f in _scan(text, lines, at) if f.keylike or f.line in (at, start)]
    covering = [f for f in findings if f.kind == "quote" and (f.until is None or f.until >= at)]
    if covering:
        return _say(lines, covering[0])
    if findings:
        order = ("tab", "wide", "colon", "quote")
        nearest = max(f.line for f in findings)
        return _say(lines, min((f for f in findings if f.line == nearest), key=lambda f: order.index(f.kind)))
    return _by_message(lines, problem, context, at, col, start, error)


def _control_character(text: str, error: yaml.reader.ReaderError) -> Hint:
    code = error.character if isinstance(error.character, int) else 0
    index = text.find(chr(code)) if code else -1
    line = text.count("\n", 0, index) if index >= 0 else 0
    return Hint(line, f"这一行有看不见的控制字符（U+{code:04X}），常见于从 Word 或网页复制：请删除它")


def _scan(text: str, lines: list[str], last: int) -> list[_Finding]:
    """Lines up to `last` that hold an editor's usual mistake, skipping block scalars and multi-line quotes.

    The parser gives up at or after the mistake, never before it: later lines are not read.
    """
    findings: list[_Finding] = []
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    block: int | None = None  # indentation of the key that opened a block scalar (`|`, `>`)
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
        keylike = bool(key and (m["colon"] or m["ascii"])) or bool(dash)
        if "\t" in m["indent"] + dash:
            findings.append(_Finding(index, "tab", key, keylike))
        if any(c in m["indent"] for c in _WIDE):
            findings.append(_Finding(index, "wide", key, keylike))
        if m["colon"]:
            findings.append(_Finding(index, "colon", key))
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
    return findings


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
    return _unclosed_quote(lines, f.line, f.column)


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
    if problem.startswith("mapping values are not allowed"):
        return _colon_in_value(lines, at, col)
    if "could not find expected ':'" in problem:
        return _missing_colon(lines, start)
    if "flow sequence" in context or "flow mapping" in context:
        return _flow(lines, start, error.context_mark.column if error.context_mark else 0, at, here)
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
        at = next((i for i, ln in enumerate(lines) if ln.startswith("%")), at)
        return Hint(at, "行首的“%”在 YAML 里有特殊含义：请给整个值加上引号")
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
    first = re.match(rf"[{_BLANK}]*(?:-[{_BLANK}]+)*({_KEY})[ \t]+\S", text)
    if first:
        key = first[1]
        return Hint(at, f"{_QUOTE.format(key)}后面缺少半角冒号“:”：应写成“{key}: 值”（冒号后有一个空格）")
    return Hint(at, "这一行不是“键: 值”的形式：请补上半角冒号“:”；若它是上一行的值写不下折过来的，请在行首加空格缩进")


def _flow(lines: list[str], start: int, column: int, at: int, here: str) -> Hint:
    text = lines[start]
    opener = text[column] if column < len(text) and text[column] in _BRACKETS else "["
    closer, chinese = _BRACKETS[opener]
    what = "方括号" if opener == "[" else "花括号"
    if at == start and here.strip():  # the bracket closes, something inside is wrong
        if here == ":":
            return Hint(at, f"{what}里的项含有半角冒号“:”：请给这一项加上引号，或改成全角冒号“：”")
        return Hint(at, f"{what}里的写法有误：各项之间用半角逗号“,”分隔，末尾是“{closer}”")
    wrong = next((c for c in reversed(text.rstrip()) if c in chinese), None)
    if wrong:
        return Hint(start, f"{what}“{opener}”没有闭合，结尾是中文括号“{wrong}”：请改成半角的“{closer}”")
    return Hint(start, f"{what}“{opener}”没有闭合：请在末尾补上半角的“{closer}”")


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
