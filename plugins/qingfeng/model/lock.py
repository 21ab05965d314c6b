"""The QR lock: every code ever built keeps resolving (CONTENT-FORMAT 5).

`site_config/qr-lock.yml` remembers each code with the URL its printed QR
code carries. The build adds new codes after it succeeded, never removes one.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from .fields import Fields, type_name
from .parks import CODE, CODE_RULE
from .problems import Problems
from .schema import Board, LockEntry, PartialDate

HEADER = """# 二维码锁定文件：记录每一个生成过的展板二维码及其网址。
# 展板印制后二维码就不能再变：请把本文件提交到版本库，不要删除其中的条目。
# 展板撤下时，在该条目中写 retired: 新展板编码或页面路径（相对于 content/），旧二维码会自动转到那里。
"""


def board_url(site_url: str, code: str) -> str:
    """What a board's QR code encodes: site_url (keeping its path) + b/<CODE>/."""
    return f"{site_url.rstrip('/')}/b/{code}/"


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
    lock: dict[str, LockEntry],
    boards: dict[str, Board],
    docs_dir: Path,
    site_url: str | None,
    path: str,
    problems: Problems,
) -> None:
    """Printed codes never break: every locked code still resolves, at the URL it carries."""
    for code, entry in lock.items():
        where = f"字段 boards.{code}"
        if site_url and entry.url != board_url(site_url, code):
            problems.add(
                path,
                f"{where}.url",
                f"已印制的二维码指向 {entry.url}，但按当前 site_url 应为 {board_url(site_url, code)}；"
                "更换网址会使已印制的二维码失效。若这些二维码从未印制，可删除该条目后重新生成",
            )
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


def new_entries(
    lock: dict[str, LockEntry], boards: list[Board], site_url: str, today: datetime.date
) -> dict[str, LockEntry]:
    """Codes built for the first time now."""
    first = PartialDate(today.year, today.month, today.day)
    return {b.code: LockEntry(b.code, board_url(site_url, b.code), first, None) for b in boards if b.code not in lock}


def dump(lock: dict[str, LockEntry]) -> str:
    """The lock file's text: one line per code, sorted, as authors read it."""
    lines = [HEADER, "boards:"]
    for code in sorted(lock):
        entry = lock[code]
        retired = f", retired: {entry.retired}" if entry.retired else ""
        lines.append(f"  {code}: {{url: {entry.url}, first_built: {entry.first_built}{retired}}}")
    return "\n".join(lines) + "\n"
