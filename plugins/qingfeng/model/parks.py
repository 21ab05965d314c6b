"""Parks, boards and the QR lock (CONTENT-FORMAT 5 and 7)."""

from __future__ import annotations

import re
from typing import Any

from .fields import Fields, type_name
from .frontmatter import Document
from .paths import excerpt
from .problems import Problems
from .schema import THEMES, Board, Park
from .selection import PAGE_KEYS, page_fields

CODE = re.compile(r"[A-Z0-9]{2,8}")
CODE_RULE = "只能由 2 到 8 位大写字母 A-Z 和数字组成"
SIZE = re.compile(r"(\d{2,5})\s*[xX×*]\s*(\d{2,5})")
BOARD_KEYS = ("board", "title", "theme", "location", "size", *PAGE_KEYS)
DEFAULT_SIZE = (600, 900)
# Board artwork (boards/artwork.py lays it out): the printed code, quiet zone included, is at
# least QR_MIN_MM wide so that it scans from a path, with at least MARGIN_MIN_MM round it; a
# board's short side must hold both.
QR_MIN_MM = 80
MARGIN_MIN_MM = 10
SHORT_MIN_MM = QR_MIN_MM + 2 * MARGIN_MIN_MM
PARK_KEYS = ("id", "name", "place")


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
        p.unknown(PARK_KEYS)
        park_id, name, place = p.identifier("id"), p.text("name"), p.text("place", required=False)
        if park_id in parks:
            p.error("id", f"公园 id“{park_id}”重复")
        elif park_id and name:
            parks[park_id] = Park(park_id, name, place)
    return list(parks.values())


def parse_board(doc: Document, path: str, src_uri: str, park: str, f: Fields) -> Board | None:
    f.unknown(BOARD_KEYS)
    page_fields(f, typed=True)
    code = f.identifier("board", CODE, CODE_RULE)
    title = f.text("title")
    theme = f.choice("theme", THEMES)
    location = f.text("location", required=False)
    size = DEFAULT_SIZE
    raw_size = f.text("size", required=False)
    if raw_size is not None:
        match = SIZE.fullmatch(raw_size)
        if not match or not all(int(n) <= 10000 for n in match.groups()):
            f.error("size", f"尺寸“{excerpt(raw_size)}”无效，应写作“宽x高”（毫米），如 600x900")
            return None
        size = (int(match.group(1)), int(match.group(2)))
        if min(size) < SHORT_MIN_MM:
            f.error(
                "size",
                f"展板尺寸 {size[0]}x{size[1]} 太小：二维码至少 {QR_MIN_MM} 毫米，"
                f"加上边距，展板的短边至少要 {SHORT_MIN_MM} 毫米",
            )
            return None
    if not doc.body.strip():
        f.problems.add(path, "正文", "展板正文为空")
        return None
    if None in (code, title, theme):
        return None
    return Board(code, path, src_uri, park, title, theme, location, size)
