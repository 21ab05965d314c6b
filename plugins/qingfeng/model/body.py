"""Split a case body into its fixed level-2 sections (CONTENT-FORMAT 1)."""

from __future__ import annotations

import re

from .paths import excerpt
from .problems import Problems
from .schema import SECTION_BY_HEADING, SECTIONS, Section, SectionKind
from .script import fold

_HEADING = re.compile(r"^ {0,3}##[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
# A lesson heading an editor meant but did not write as `## 标题`: another level, or no space after the hashes.
_NEAR_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]*(.*?)(?:[ \t]+#+)?[ \t]*$")
# Numbering and colons that Word documents put around a heading: 一、案情 / （一）以案说德 / 1. 以案说纪：
_DECORATION = re.compile(r"^(?:[（(]?[一二三四五六七八九十\d]+[)）.、．]\s*)?(.*?)[:：]?$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,3}[.)、])[ \t]+(.*\S)")


def split_sections(body: str, first_line: int, path: str, problems: Problems) -> tuple[str, tuple[Section, ...]]:
    """Return the lead text and the sections in page order; report bad headings."""
    chunks: list[tuple[str, int, list[str]]] = []  # heading as written, line, lines
    lead: list[str] = []
    fence: str | None = None
    miswritten: set[str] = set()  # lessons written at the wrong level: reported there, not as missing
    for number, line in enumerate(body.split("\n"), start=first_line):
        opening = _FENCE.match(line)
        if opening and (fence is None or opening.group(1).startswith(fence)):
            fence = None if fence else opening.group(1)[:3]
        heading = None if fence else _HEADING.match(line)
        if heading:
            chunks.append((heading.group(1).strip(), number, []))
            continue
        near = None if fence else _near_lesson(line)
        if near:
            miswritten.add(near.key)
            where = f"标题“{excerpt(line.strip())}”（第 {number} 行）"
            problems.add(path, where, f"应写成二级标题“## {near.heading}”（两个 # 加一个空格）")
        if chunks:
            chunks[-1][2].append(line)
        else:
            lead.append(line)

    found: dict[str, Section] = {}
    for written, number, lines in chunks:
        kind = SECTION_BY_HEADING.get(fold(written))
        where = f"标题“## {excerpt(written)}”（第 {number} 行）"
        if kind is None:
            meant = SECTION_BY_HEADING.get(fold(_DECORATION.match(written).group(1).strip()))
            if meant is not None:
                miswritten.add(meant.key)
                problems.add(path, where, f"应写成“## {meant.heading}”（不带编号和冒号）")
            else:
                allowed = "、".join(k.heading for k in SECTIONS)
                problems.add(path, where, f"未知的二级标题，可用：{allowed}（简繁均可）")
        elif kind.key in found:
            problems.add(path, where, "标题重复出现")
        else:
            text = "\n".join(lines).strip("\n")
            if kind.required and not text.strip():
                problems.add(path, where, "标题下面是空的：请写上内容")
            found[kind.key] = Section(kind, written, text)
    for kind in SECTIONS:
        if kind.required and kind.key not in found and kind.key not in miswritten:
            problems.add(path, f"标题“## {kind.heading}”", "缺少必需的二级标题")
    ordered = tuple(found[kind.key] for kind in SECTIONS if kind.key in found)
    return "\n".join(lead).strip("\n"), ordered


def _near_lesson(line: str) -> SectionKind | None:
    """The section a heading line names when it is not written `## 标题`."""
    match = _NEAR_HEADING.match(line)
    if not match or (match.group(1) == "##" and line.lstrip(" ")[2:3] in (" ", "\t")):
        return None
    return SECTION_BY_HEADING.get(fold(_DECORATION.match(match.group(2)).group(1).strip()))


def list_items(markdown: str) -> tuple[str, ...]:
    """The top-level list items of a section (discussion questions)."""
    return tuple(m.group(1) for m in map(_LIST_ITEM.match, markdown.split("\n")) if m)
