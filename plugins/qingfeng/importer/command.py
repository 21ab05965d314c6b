"""`qingfeng import`: Word documents (.docx) to drafts in the content format, then the check.

A draft is never written over a file: names already used (files, case ids, the lock's codes
and ids, media folders) are skipped, and a document imported before is not imported again.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import yaml

from ..model.paths import printable
from . import draft as drafts
from .word import NotReadable, read

KINDS = {"案例": "case", "case": "case", "家风": "jiafeng", "jiafeng": "jiafeng", "展板": "board", "board": "board"}
_ID_LINE = re.compile(r"^(?:id|board):\s*['\"]?([A-Za-z0-9-]+)", re.MULTILINE)


def run(files: list[Path], kind: str, park: str | None, root: Path, options: dict, docs_dir: str) -> int:
    """Import each file; 2 if the command was given wrongly, 1 if a file could not be imported."""
    docs = root / docs_dir
    if kind == "board":
        if not park or not re.fullmatch(r"[a-z0-9-]+", park):
            print("导入展板需要 --park 公园 id（site_config/parks.yml 中的 id，如 kushan）")
            return 2
        parks = _parks(root / options.get("config_dir", "site_config") / "parks.yml")
        if park not in parks:
            known = f"已登记的有：{'、'.join(parks)}" if parks else "其中还没有公园"
            print(f"公园“{park}”未在 site_config/parks.yml 中登记（{known}）：请先登记，或改正 --park")
            return 2
        folder = docs / "park" / park
    elif kind == "jiafeng":
        folder = docs / "jiafeng"
    else:
        folder = root / options.get("cases_dir", "cases")
    lock = _lock(root / options.get("config_dir", "site_config") / "qr-lock.yml")
    make: Callable = {"case": drafts.case, "jiafeng": drafts.jiafeng, "board": drafts.board}[kind]
    failed = False
    for file in files:
        done, message = _import(file, make, folder, root, docs, lock)
        print(message)
        failed |= not done
    return 1 if failed else 0


def _import(file: Path, make: Callable, folder: Path, root: Path, docs: Path, lock: set[str]) -> tuple[bool, str]:
    """Whether the draft was written, and what to tell the editor."""
    # A name in another encoding (GBK, unpacked on Linux) is shown and recorded with its bytes escaped.
    shown, name = (printable(str(file)), printable(file.name))
    if file.is_dir():
        return False, f"{shown}：这是一个文件夹，请给出其中的 .docx 文件"
    if not file.is_file():
        return False, f"{shown}：找不到这个文件"
    try:
        document = read(file)
    except NotReadable as error:
        return False, f"{shown}：{error}"
    if document.empty:
        return False, f"{shown}：文档没有内容（没有文字、表格或图片），未导入"
    before = _imported_before(folder, name, document.digest)
    if before is not None:
        return False, f"{shown}：已经导入过（{_rel(before, root)}），未重复导入；要重新导入请先删去那个文件"
    taken = _taken(folder, docs) | lock
    made = make(document.blocks, drafts.origin_mark(name, document.digest), taken, _rel(folder, root))
    target = root / made.path
    media = [(docs / path, data) for path, data in made.pictures]
    inside = root.resolve()
    if not all(path.resolve().is_relative_to(inside) for path in [target, *(path for path, _ in media)]):
        return False, f"{shown}：草稿的位置不在项目之内，未写入"  # never, by the names draft.py makes
    text = made.text.encode("utf-8")
    try:
        for path, data in media:
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "xb") as out:  # never over a file that is there
                out.write(data)
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "xb") as out:
            out.write(text)
    except FileExistsError as error:
        return False, f"{shown}：{_rel(Path(error.filename), root)} 已存在，未覆盖"
    except OSError as error:
        return False, f"{shown}：无法写入（{error.strerror or error}）"
    lines = [f"{made.path} ← {name}"]
    if made.filled:
        lines.append("  已填写：" + "、".join(made.filled))
    if made.missing:
        lines.append("  待补充：" + "、".join(made.missing))
    lines += [f"  提示：{note}" for note in [*document.notes, *made.notes]]
    return True, "\n".join(lines)


def _rel(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def _imported_before(folder: Path, name: str, digest: str) -> Path | None:
    """A draft made from this very document: the same name and bytes. Another document of the
    same name (each office has its 通报.docx) is a new draft."""
    mark = drafts.origin_mark(name, digest)
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else ():
        try:
            head = path.read_text(encoding="utf-8-sig", errors="replace")[:500]
        except OSError:
            continue
        if mark in head:
            return path
    return None


def _taken(folder: Path, docs: Path) -> set[str]:
    """Names in use: the folder's files, the ids and codes they declare, media folders."""
    files = sorted(folder.rglob("*.md")) if folder.is_dir() else []
    taken = {path.stem.lower() for path in files}
    # Board codes are unique across all parks.
    for path in files + (sorted((docs / "park").rglob("*.md")) if (docs / "park").is_dir() else []):
        try:
            taken.update(code.lower() for code in _ID_LINE.findall(path.read_text(encoding="utf-8-sig")[:2000]))
        except (OSError, UnicodeDecodeError):
            continue
    if (docs / "media").is_dir():
        taken.update(path.name.lower() for path in (docs / "media").iterdir())
    return taken


def _parks(path: Path) -> list[str]:
    """The ids of the parks site_config/parks.yml registers (the check reports a broken file)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return []
    parks = data.get("parks") if isinstance(data, dict) else None
    return [str(park["id"]) for park in parks or [] if isinstance(park, dict) and "id" in park]


def _lock(path: Path) -> set[str]:
    """Every board code and case id the lock remembers: printed once, never given to another."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return set()  # a broken lock is the check's to report
    if not isinstance(data, dict):
        return set()
    sections = [data.get(section) for section in ("boards", "cases")]
    return {str(key).lower() for section in sections if isinstance(section, dict) for key in section}
