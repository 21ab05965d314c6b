"""Typed readers for YAML mappings that report, never raise."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import Any

from .paths import excerpt
from .problems import Problems
from .schema import PartialDate
from .script import fold

ID_PATTERN = re.compile(r"[a-z0-9-]+")
ID_RULE = "只能由小写字母 a-z、数字和连字符“-”组成"
ID_MAX = 80  # ids become file names and URLs (…/<id>-print.pdf): well within any file system's 255 bytes
_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
MISSING = object()
# Word and WPS turn typed quotes into these pairs; YAML reads them as part of the text,
# so “教育” would silently become a tag of its own.
_WORD_QUOTES = re.compile(r"^([“‘「『\"'])(.*)([”’」』\"'])$", re.S)
# Editors write a list as prose: 教育、校园餐 is two tags, not one; so are 【教育, 校园餐】 and 教育，校园餐.
_PROSE_MARKS = {"、": "顿号“、”", "，": "全角逗号“，”"}
_OPEN_BRACKETS, _CLOSE_BRACKETS = "【［〔", "】］〕"


def _closest(key: str, candidates: set[str]) -> str | None:
    """The allowed key a typo most likely means (tittle, Id, sourse), if one is close."""
    lowered = {c.lower(): c for c in candidates}
    if key.lower() in lowered:
        return lowered[key.lower()]
    found = difflib.get_close_matches(key.lower(), list(lowered), n=1, cutoff=0.75)
    return lowered[found[0]] if found else None


def type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "数字"
    if isinstance(value, str):
        return "文本"
    if isinstance(value, list):
        return "列表"
    if isinstance(value, dict):
        return "映射"
    if value is None:
        return "空值"
    return type(value).__name__


def parse_date(value: Any) -> PartialDate | None:
    """YYYY, YYYY-MM or YYYY-MM-DD, checked against the calendar."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    match = _DATE.fullmatch(str(value).strip())
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        return PartialDate.of(year, month, day)
    except ValueError:
        return None


class Fields:
    """Reads one YAML mapping; every problem names the file and the field."""

    def __init__(self, data: dict, path: str, problems: Problems, prefix: str = ""):
        self.data = data
        self.path = path
        self.problems = problems
        self.prefix = prefix
        self.misspelt: set[str] = set()  # allowed keys an unknown key was taken for: not also "missing"

    def where(self, key: str) -> str:
        return f"字段 {self.prefix}{key}"

    def error(self, key: str, message: str) -> None:
        self.problems.add(self.path, self.where(key), message)

    def raw(self, key: str, required: bool) -> Any:
        value = self.data.get(key, MISSING)
        if value is MISSING or value is None or value == "" or value == []:
            if required and not (value is MISSING and key in self.misspelt):  # reported with the typo
                self.error(key, "缺少必填字段" if value is MISSING else "不能为空")
            return MISSING
        return value

    def unknown(self, allowed: Iterable[str]) -> None:
        """Report keys that are not allowed; a typo names the key it most likely means."""
        allowed = set(allowed)
        for key in self.data:
            if key in allowed:
                continue
            meant = _closest(str(key), allowed - set(self.data))
            if meant is not None:
                self.misspelt.add(meant)
                message = f"未知字段，是不是“{meant}”？请改成 {meant}"
            else:
                message = f"未知字段（可能拼写有误），可用字段：{'、'.join(sorted(allowed))}"
            self.problems.add(self.path, f"字段 {self.prefix}{key}", message)

    def text(self, key: str, required: bool = True, max_length: int | None = None) -> str | None:
        value = self.raw(key, required)
        if value is MISSING:
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.error(key, f"应为文本，实际是{type_name(value)}")
            return None
        text = str(value).strip()
        if max_length is not None and len(text) > max_length:
            self.error(key, f"不能超过 {max_length} 个字，现有 {len(text)} 个字")
        return text

    def identifier(self, key: str, pattern: re.Pattern = ID_PATTERN, rule: str = "") -> str | None:
        value = self.text(key)
        if value is not None and not pattern.fullmatch(value) and self.quoted(key, value):
            return None
        if value is not None and not pattern.fullmatch(value):
            rule = rule or ID_RULE
            self.error(key, f"“{excerpt(value)}”格式不对：{rule}")
            return None
        if value is not None and len(value) > ID_MAX:
            self.error(key, f"太长（{len(value)} 个字符）：用作网址和文件名，不能超过 {ID_MAX} 个字符")
            return None
        return value

    def text_list(self, key: str, required: bool = True, prose_list: bool = False) -> tuple[str, ...]:
        """A list of texts; a single text is a one-item list. Items may not repeat.

        With `prose_list` (a set of tags), a list written as prose is an error, never one odd tag:
        【教育, 校园餐】, 教育、校园餐, [教育，校园餐].
        """
        value = self.raw(key, required)
        if value is MISSING:
            return ()
        if prose_list and isinstance(value, str) and self.prose(key, key, value.strip()):
            return ()
        items = value if isinstance(value, list) else [value]
        result = []
        for index, item in enumerate(items):
            where = f"{key}[{index + 1}]"
            if isinstance(item, bool) or not isinstance(item, (str, int, float)) or not str(item).strip():
                self.error(where, f"应为非空文本，实际是{type_name(item)}")
                continue
            text = str(item).strip()
            # Quotes around a tag make another tag; an option or a provision may be a quotation.
            mistaken = prose_list and (self.quoted(where, text) or self.prose(key, where, text))
            if not mistaken and text in result:
                self.error(where, f"“{excerpt(text)}”重复出现：请删去一个")
            result.append(text)  # kept when reported: quiz answers count the options by position
        return tuple(result)

    def prose(self, key: str, where: str, text: str) -> bool:
        """Report a tag list written the way Chinese prose writes lists."""
        if len(text) > 1 and text[0] in _OPEN_BRACKETS and text[-1] in _CLOSE_BRACKETS:
            problem = f"方括号写成了“{text[0]}{text[-1]}”"
            text = text[1:-1]
        elif any(mark in text for mark in _PROSE_MARKS):
            mark = next(mark for mark in _PROSE_MARKS if mark in text)
            problem = f"“{excerpt(text)}”用{_PROSE_MARKS[mark]}分隔，会被当成一个取值"
        else:
            return False
        parts = excerpt(", ".join(part.strip() for part in re.split("[、，,]", text) if part.strip()))
        if where == key:
            self.error(where, f"{problem}：多个取值请写成列表 {key}: [{parts}]（半角方括号和逗号）")
        else:  # one item of a list
            self.error(where, f"{problem}：列表里的各项请用半角逗号分开：{parts}")
        return True

    def quoted(self, where: str, text: str) -> bool:
        """Report a value wrapped in quotes that YAML kept as part of the text."""
        match = _WORD_QUOTES.match(text)
        if not match or not match.group(2).strip():
            return False
        inner = match.group(2).strip()
        fix = f"请去掉引号，写成 {excerpt(inner)}"
        self.error(where, f"值 {excerpt(text)} 两边带着引号（Word 粘贴时常见），会被当成另一个取值：{fix}")
        return True

    def choice(self, key: str, values: tuple[str, ...], required: bool = True) -> str | None:
        """An enumerated value in either script; returns the canonical form."""
        value = self.text(key, required)
        if value is None:
            return None
        folded = fold(value)
        if folded in values:
            return folded
        if self.quoted(key, value):
            return None
        self.error(key, f"未知的取值“{excerpt(value)}”，可选：{'、'.join(values)}")
        return None

    def date(self, key: str, required: bool = True) -> PartialDate | None:
        value = self.raw(key, required)
        if value is MISSING:
            return None
        parsed = parse_date(value)
        if parsed is None and isinstance(value, str) and _DATE.fullmatch(value.strip()):
            self.error(key, f"日期“{excerpt(value)}”不存在（月份 1–12，日子不超过当月天数）")
        elif parsed is None:
            self.error(key, f"日期“{excerpt(value)}”无效，应写作 YYYY、YYYY-MM 或 YYYY-MM-DD")
        return parsed

    def integer(self, key: str, minimum: int, maximum: int | None = None, required: bool = False) -> int | None:
        value = self.raw(key, required)
        if value is MISSING:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(key, f"应为整数，实际是{type_name(value)}“{excerpt(value)}”")
            return None
        if value < minimum or (maximum is not None and value > maximum):
            bound = f"{minimum} 到 {maximum}" if maximum is not None else f"不小于 {minimum}"
            self.error(key, f"数值 {value} 超出范围（{bound}）")
            return None
        return value

    def boolean(self, key: str, default: bool = False) -> bool:
        value = self.raw(key, False)
        if value is MISSING:
            return default
        if not isinstance(value, bool):
            self.error(key, f"应为 true 或 false，实际是“{excerpt(value)}”")
            return default
        return value

    def mapping(self, key: str, required: bool = True) -> dict | None:
        value = self.raw(key, required)
        if value is MISSING:
            return None
        if not isinstance(value, dict):
            self.error(key, f"应为映射（键: 值），实际是{type_name(value)}")
            return None
        return value

    def nested(self, key: str, data: dict) -> Fields:
        return Fields(data, self.path, self.problems, f"{self.prefix}{key}.")
