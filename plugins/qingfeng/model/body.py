"""Split a case body into its fixed level-2 sections (CONTENT-FORMAT 1)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from .paths import excerpt
from .problems import Problems
from .schema import SECTION_BY_HEADING, SECTIONS, Section, SectionKind
from .script import fold

_HEADING = re.compile(r" {0,3}##[ \t]+(.*)")  # the closing hashes are cut by _heading_text
# A lesson heading an editor meant but did not write as `## 标题`: another level, no space after
# the hashes, or a line of its own in bold or brackets, as Word documents set headings.
_NEAR_HEADING = re.compile(r"^ {0,3}(#{1,6})([ \t\u3000]*)(.*?)(?:[ \t]+#+)?[ \t]*$")
_SHORT = 24  # a lesson heading with its decoration fits in this; longer lines are never one
# Numbering, colons and emphasis that Word documents put around a heading: 一、案情 / （一）以案说德 / 1. 以案说纪：
_NUMBERING = re.compile(r"[（(]?[一二三四五六七八九十\d]{1,3}[)）.、．]")
_AROUND = "*_【】:： \t\u3000"
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,3}[.)、])[ \t]+(.*\S)")


def split_sections(body: str, first_line: int, path: str, problems: Problems) -> tuple[str, tuple[Section, ...]]:
    """Return the lead text and the sections in page order; report bad headings.

    A required lesson that is missing is explained where the editor wrote it some other way
    (### 以案说纪, ##以案说纪, **以案说纪**, ## 以案说记): one message at that line, not two.
    """
    chunks: list[tuple[str, int, list[str]]] = []  # heading as written, line, lines
    lead: list[str] = []
    for number, line, fenced in _lines(body, first_line):
        heading = None if fenced else _HEADING.match(line)
        if heading:
            chunks.append((_heading_text(heading.group(1)), number, []))
        elif chunks:
            chunks[-1][2].append(line)
        else:
            lead.append(line)

    found: dict[str, Section] = {}
    heading_line: dict[str, int] = {}
    unknown: list[tuple[str, int]] = []
    repeated: set[str] = set()
    for written, number, lines in chunks:
        kind = SECTION_BY_HEADING.get(fold(written))
        if kind is None:
            unknown.append((written, number))
        elif kind.key in found:
            repeated.add(kind.key)
            problems.add(path, f"标题“## {excerpt(written)}”（第 {number} 行）", "标题重复出现")
        else:
            found[kind.key] = Section(kind, written, "\n".join(lines).strip("\n"))
            heading_line[kind.key] = number
    for section in found.values():
        if section.kind.required and not section.markdown.strip() and section.kind.key not in repeated:
            where = f"标题“## {excerpt(section.written)}”（第 {heading_line[section.kind.key]} 行）"
            problems.add(path, where, "标题下面是空的：请写上内容")

    explained: set[str] = set()
    for written, number in unknown:
        where = f"标题“## {excerpt(written)}”（第 {number} 行）"
        meant = _meant(written, found)
        if meant is None:
            allowed = "、".join(k.heading for k in SECTIONS)
            problems.add(path, where, f"未知的二级标题，可用：{allowed}（简繁均可）")
        elif SECTION_BY_HEADING.get(fold(_undecorated(written))) is meant:
            explained.add(meant.key)
            problems.add(path, where, f"应写成“## {meant.heading}”（不带编号、冒号和加粗）")
        else:
            explained.add(meant.key)
            problems.add(path, where, f"未知的二级标题，是不是“## {meant.heading}”？")
    missing = {kind.key for kind in SECTIONS if kind.required} - set(found) - explained
    # Lessons written some other way, looked for only when one is missing (a sub-heading or a
    # paragraph that reads like a lesson is no mistake when the lesson is there).
    for number, line, fenced in _lines(body, first_line) if missing else ():
        kind = None if fenced else _near_lesson(line)
        if kind is None or kind.key not in missing or kind.key in explained:
            continue
        explained.add(kind.key)
        written = line.strip()
        if re.match(r"#+\u3000", written):
            fix = f"“#”后面是全角空格：请改成半角空格，写成“## {kind.heading}”"
        else:
            fix = f"应写成二级标题“## {kind.heading}”（两个 # 加一个半角空格）"
        problems.add(path, f"标题“{excerpt(written)}”（第 {number} 行）", fix)
    for kind in SECTIONS:
        if kind.required and kind.key not in found and kind.key not in explained:
            problems.add(path, f"标题“## {kind.heading}”", "缺少必需的二级标题")
    ordered = tuple(found[kind.key] for kind in SECTIONS if kind.key in found)
    return "\n".join(lead).strip("\n"), ordered


def _lines(body: str, first_line: int) -> Iterator[tuple[int, str, bool]]:
    """Each line of a body with its file line, and whether it is inside a fenced code block."""
    fence: str | None = None
    for number, line in enumerate(body.split("\n"), start=first_line):
        opening = _FENCE.match(line)
        if opening and (fence is None or opening.group(1).startswith(fence)):
            fence = None if fence else opening.group(1)[:3]
            yield number, line, True
            continue
        yield number, line, fence is not None


def _meant(written: str, found: dict[str, Section]) -> SectionKind | None:
    """The section an unknown heading most likely means, of those not written: 一、案情, 以案说记, 以案说纪（纪律）."""
    bare = fold(_undecorated(written))
    if bare in SECTION_BY_HEADING and SECTION_BY_HEADING[bare].key not in found:
        return SECTION_BY_HEADING[bare]
    open_kinds = {kind.heading: kind for kind in SECTIONS if kind.key not in found}
    starts = [kind for heading, kind in open_kinds.items() if bare.startswith(heading)]
    if starts:
        return starts[0]
    close = difflib.get_close_matches(bare, list(open_kinds), n=1, cutoff=0.7)
    return open_kinds[close[0]] if close else None


def _heading_text(text: str) -> str:
    """A heading's text without Markdown's optional closing hashes (`## 案情 ##`), in linear time."""
    text = text.strip(" \t")
    bare = text.rstrip("#")
    return bare.rstrip(" \t") if bare != text and (not bare or bare[-1] in " \t") else text


def _undecorated(text: str) -> str:
    """A heading without the numbering, colons and emphasis Word puts around it (linear, on any input)."""
    text = text.strip(_AROUND)
    numbered = _NUMBERING.match(text)
    return (text[numbered.end() :] if numbered else text).strip(_AROUND)


def _near_lesson(line: str) -> SectionKind | None:
    """The section a line names when it is not written `## 标题`."""
    text = line.strip()
    if len(text) > _SHORT:
        return None
    match = _NEAR_HEADING.match(text)
    if match and match.group(1) == "##" and match.group(2)[:1] in (" ", "\t"):
        return None  # a heading as it should be: _HEADING has it
    return SECTION_BY_HEADING.get(fold(_undecorated(match.group(3) if match else text)))


def list_items(markdown: str) -> tuple[str, ...]:
    """The top-level list items of a section (discussion questions)."""
    return tuple(m.group(1) for m in map(_LIST_ITEM.match, markdown.split("\n")) if m)
