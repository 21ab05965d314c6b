"""Parks, boards and the QR lock (CONTENT-FORMAT 5 and 7)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .fields import Fields, type_name
from .frontmatter import Document
from .problems import Problems
from .schema import THEMES, Board, LockEntry, Park
from .selection import PAGE_KEYS

CODE = re.compile(r"[A-Z0-9]{2,8}")
CODE_RULE = "只能由 2 到 8 位大写字母 A-Z 和数字组成"
SIZE = re.compile(r"(\d{2,5})\s*[xX×*]\s*(\d{2,5})")
BOARD_KEYS = ("board", "title", "theme", "location", "size", *PAGE_KEYS)
DEFAULT_SIZE = (600, 900)


def parse_parks(data: Any, path: str, problems: Problems) -> list[Park]:
    if data is None:
        return []
    if not isinstance(data, dict) or not isinstance(data.get("parks"), list):
        problems.add(path, "字段 parks", "应为公园列表（parks: - id: … name: …）")
        return []
    Fields(data, path, problems).unknown(("parks",))
    parks: dict[str, Park] = {}
    for index, entry in enumerate(data["parks"], start=1):
        label = f"parks[{index}]"
        if not isinstance(entry, dict):
            problems.add(path, f"字段 {label}", f"应为映射（id、name、place），实际是{type_name(entry)}")
            continue
        p = Fields(entry, path, problems, f"{label}.")
        p.unknown(("id", "name", "place"))
        park_id, name, place = p.identifier("id"), p.text("name"), p.text("place", required=False)
        if park_id in parks:
            p.error("id", f"公园 id“{park_id}”重复")
        elif park_id and name:
            parks[park_id] = Park(park_id, name, place)
    return list(parks.values())


def parse_board(doc: Document, path: str, src_uri: str, park: str, f: Fields) -> Board | None:
    f.unknown(BOARD_KEYS)
    code = f.identifier("board", CODE, CODE_RULE)
    title = f.text("title")
    theme = f.choice("theme", THEMES)
    location = f.text("location", required=False)
    size = DEFAULT_SIZE
    raw_size = f.text("size", required=False)
    if raw_size is not None:
        match = SIZE.fullmatch(raw_size)
        if not match or not all(50 <= int(n) <= 10000 for n in match.groups()):
            f.error("size", f"尺寸“{raw_size}”无效，应写作“宽x高”（毫米），如 600x900")
            return None
        size = (int(match.group(1)), int(match.group(2)))
    if not doc.body.strip():
        f.problems.add(path, "正文", "展板正文为空")
        return None
    if None in (code, title, theme):
        return None
    return Board(code, path, src_uri, park, title, theme, location, size)


def parse_lock(data: Any, path: str, problems: Problems) -> dict[str, LockEntry]:
    if data is None:
        return {}
    if not isinstance(data, dict) or not isinstance(data.get("boards", {}), dict):
        problems.add(path, "字段 boards", "应为“编码: {url, first_built}”形式的映射")
        return {}
    Fields(data, path, problems).unknown(("boards",))
    entries = {}
    for code, entry in (data.get("boards") or {}).items():
        if not isinstance(code, str) or not CODE.fullmatch(code):
            problems.add(path, f"字段 boards.{code}", f"编码格式不对：{CODE_RULE}")
            continue
        if not isinstance(entry, dict):
            problems.add(path, f"字段 boards.{code}", f"应为映射（url、first_built），实际是{type_name(entry)}")
            continue
        e = Fields(entry, path, problems, f"boards.{code}.")
        e.unknown(("url", "first_built", "retired"))
        url, first_built = e.text("url"), e.date("first_built")
        retired = e.text("retired", required=False)
        if url and first_built:
            entries[code] = LockEntry(code, url, first_built, retired)
    return entries


def check_lock(
    lock: dict[str, LockEntry], boards: dict[str, Board], docs_dir: Path, path: str, problems: Problems
) -> None:
    """Printed codes never break: every locked code still resolves."""
    for code, entry in lock.items():
        where = f"字段 boards.{code}"
        if entry.retired is None:
            if code not in boards:
                problems.add(
                    path,
                    where,
                    f"展板编码 {code} 已印制（在锁定文件中），但找不到对应的展板；"
                    "若该展板已撤下，请写 retired: 指向新的展板编码或页面",
                )
            continue
        if code in boards:
            problems.add(boards[code].path, "字段 board", f"编码 {code} 已停用（retired），不能再用于新展板")
        target = entry.retired
        if CODE.fullmatch(target):
            if target not in boards:
                problems.add(path, f"{where}.retired", f"转向的展板 {target} 不存在")
        elif not (target.endswith(".md") and (docs_dir / target).is_file()):
            problems.add(path, f"{where}.retired", f"转向的页面“{target}”不存在（路径相对于 {docs_dir.name}/）")
