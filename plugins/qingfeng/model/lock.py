"""The QR lock: every printed code and case link ever built keeps resolving (CONTENT-FORMAT 5, 11).

`site_config/qr-lock.yml` remembers each board code (`boards:`) and each
case (`cases:`) with the URL its printed QR code carries. The build adds new
entries after it succeeded, never removes one.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from .fields import ID_PATTERN, ID_RULE, Fields, type_name
from .frontmatter import StrictLoader, parse_yaml
from .parks import CODE, CODE_RULE
from .paths import content_path, excerpt
from .pending import BOARD, CASE, Pending
from .problems import Problems
from .schema import Board, LockEntry, PartialDate
from .urls import Place, printed
from .urls import board as board_place
from .urls import case as case_place

HEADER = """# 二维码锁定文件：记录每一个生成过的展板二维码及其网址。
# 展板印制后二维码就不能再变：请把本文件提交到版本库，不要删除其中的条目。
# 展板撤下时，在该条目中写 retired: 新展板编码或页面路径（相对于 content/），旧二维码会自动转到那里。
# 手册上印有案例的二维码（cases:）：案例删除或更改 id 时，写 retired: 新的案例 id 或页面路径。
"""
SECTIONS = ("boards", "cases")
_WIDTH = 1 << 30  # never fold a line


class _PureStrictLoader(yaml.SafeLoader):
    """StrictLoader's rules on the pure-Python parser: a written value must read back with either."""


_PureStrictLoader.yaml_implicit_resolvers = StrictLoader.yaml_implicit_resolvers
_LOADERS = (StrictLoader, _PureStrictLoader)


# Reading ------------------------------------------------------------------------------------------


def parse_lock(data: Any, path: str, problems: Problems) -> dict[str, LockEntry]:
    """The `boards:` entries; reports a malformed file and unknown top-level keys (once, here)."""
    if data is None:
        return {}
    if not isinstance(data, dict):
        problems.add(path, "字段 boards", "应为“编码: {url, first_built}”形式的映射")
        return {}
    Fields(data, path, problems).unknown(SECTIONS)
    return _entries(data, "boards", CODE, f"编码格式不对：{CODE_RULE}", path, problems)


def parse_case_lock(data: Any, path: str, problems: Problems) -> dict[str, LockEntry]:
    """The `cases:` entries (CONTENT-FORMAT 11): LockEntry with `code` holding the case id."""
    if not isinstance(data, dict):
        return {}  # parse_lock reports it
    return _entries(data, "cases", ID_PATTERN, f"案例 id 格式不对：{ID_RULE}", path, problems)


def _entries(data: dict, section: str, pattern, rule: str, path: str, problems: Problems) -> dict[str, LockEntry]:
    mapping = data.get(section)
    if mapping is None:
        return {}
    if not isinstance(mapping, dict):
        key = "编码" if section == "boards" else "案例 id"
        problems.add(
            path, f"字段 {section}", f"应为“{key}: {{url, first_built}}”形式的映射，实际是{type_name(mapping)}"
        )
        return {}
    entries = {}
    for key, entry in mapping.items():
        where = f"字段 {section}.{excerpt(key)}"
        if not isinstance(key, str) or not pattern.fullmatch(key):
            problems.add(path, where, rule)
            continue
        if not isinstance(entry, dict):
            problems.add(path, where, f"应为映射（url、first_built），实际是{type_name(entry)}")
            continue
        e = Fields(entry, path, problems, f"{section}.{key}.")
        e.unknown(("url", "first_built", "retired"))
        url, first_built = e.text("url"), e.date("first_built")
        retired = e.text("retired", required=False)
        if url and first_built:
            entries[key] = LockEntry(key, url, first_built, retired)
    return entries


# Checking -----------------------------------------------------------------------------------------


def _page_target(target: str, docs_dir: Path) -> tuple[str | None, str | None]:
    """A `retired:` page: (normalised docs-relative path, None) or (None, what is wrong)."""
    resolved = content_path(target, docs_dir)
    if resolved.path is None:
        return None, f"转向的页面无效：{resolved.problem}"
    if not resolved.path.lower().endswith(".md") or not (docs_dir / resolved.path).is_file():
        return None, f"转向的“{excerpt(target)}”不是页面：应为 content/ 中的 .md 文件"
    return resolved.path, None


def _url_problem(entry: LockEntry, expected: str, path: str, where: str, problems: Problems) -> None:
    if entry.url != expected:
        problems.add(
            path,
            f"{where}.url",
            f"已印制的二维码指向 {excerpt(entry.url, 80)}，但按当前 site_url 应为 {expected}；"
            "更换网址会使已印制的二维码失效。若这些二维码从未印制，可删除该条目后重新生成",
        )


@dataclass(frozen=True)
class _Section:
    """What differs between the lock's two sections; the rules are the same."""

    name: str  # boards | cases
    noun: str  # how a message names an entry
    key: str  # the field that holds the id in the entry's own file
    place: Callable[[str], Place]  # where an entry's page is (model/urls.py)
    target: re.Pattern  # a `retired:` value that names another entry rather than a page


_BOARDS = _Section("boards", "展板编码", "board", board_place, CODE)
_CASES = _Section("cases", "案例", "id", case_place, ID_PATTERN)


def _check(
    section: _Section,
    entries: dict[str, LockEntry],
    present: Mapping[str, str],
    docs_dir: Path,
    site_url: str | None,
    path: str,
    problems: Problems,
    excused: Callable[[str], bool],
) -> None:
    """Every entry still resolves, at the URL it carries; `present` maps the ids built now to their files.

    `excused` names ids that may be in a file that could not be read: not called gone.

    A `retired:` page is replaced in `entries` by its normalised docs-relative path (`./x.md` -> `x.md`),
    the path the build looks up.
    """
    for key, entry in list(entries.items()):
        where = f"字段 {section.name}.{key}"
        if site_url:
            _url_problem(entry, printed(site_url, section.place(key)), path, where, problems)
        if entry.retired is None:
            if key not in present and not excused(key):
                problems.add(
                    path,
                    where,
                    f"{section.noun} {key} 的二维码已印制（在锁定文件中），但找不到它；"
                    f"若已撤下、删除或改了编号，请写 retired: 指向新的{section.noun}或页面",
                )
            continue
        if key in present:
            problems.add(
                present[key], f"字段 {section.key}", f"{section.noun} {key} 已停用（retired），不能再次使用"
            )
        target = entry.retired
        if not target.lower().endswith(".md") and section.target.fullmatch(target):
            if target not in present and not excused(target):
                problems.add(path, f"{where}.retired", f"转向的{section.noun} {target} 不存在")
            continue
        page, problem = _page_target(target, docs_dir)
        if problem:
            problems.add(path, f"{where}.retired", problem)
        elif page != target:
            entries[key] = replace(entry, retired=page)


def check_lock(
    lock: dict[str, LockEntry],
    boards: dict[str, Board],
    docs_dir: Path,
    site_url: str | None,
    path: str,
    problems: Problems,
    pending: Pending,
) -> None:
    """Printed board codes never break (CONTENT-FORMAT 5)."""
    present = {code: board.path for code, board in boards.items()}
    _check(_BOARDS, lock, present, docs_dir, site_url, path, problems, lambda code: pending.excuses(BOARD, code))


def check_cases(
    lock_cases: dict[str, LockEntry],
    case_files: Mapping[str, str],
    docs_dir: Path,
    site_url: str | None,
    path: str,
    problems: Problems,
    pending: Pending,
) -> None:
    """Printed case links never break (CONTENT-FORMAT 11); `case_files` maps each case id to its file."""
    _check(_CASES, lock_cases, case_files, docs_dir, site_url, path, problems, lambda i: pending.excuses(CASE, i))


# Adding -------------------------------------------------------------------------------------------


PLACEHOLDER = "example"  # the sample's host (lian.example.gov.cn): codes locked for it are printed dead


def placeholder_codes(site_url: str, new_codes: list[str], config_file: str, problems: Problems) -> None:
    """New board codes are about to be locked for the sample's placeholder host (CONTENT-FORMAT 7): an error."""
    host = urlsplit(site_url).hostname or ""
    if new_codes and PLACEHOLDER in host:
        codes = "、".join(sorted(new_codes)[:5]) + ("等" if len(new_codes) > 5 else "")
        problems.add(
            config_file,
            "字段 site_url",
            f"site_url 仍是示例网址（{excerpt(host)}），新展板 {codes} 的二维码会按它记入 qr-lock.yml，"
            "印出来打不开：请改成本单位网站的真实网址",
        )


def _first(today: datetime.date) -> PartialDate:
    return PartialDate(today.year, today.month, today.day)


def new_entries(
    lock: dict[str, LockEntry], boards: list[Board], site_url: str, today: datetime.date
) -> dict[str, LockEntry]:
    """Codes built for the first time now."""
    first = _first(today)
    codes = [b.code for b in boards if b.code not in lock]
    return {code: LockEntry(code, printed(site_url, board_place(code)), first, None) for code in codes}


def new_case_entries(
    lock_cases: dict[str, LockEntry], case_ids: Iterable[str], site_url: str, today: datetime.date
) -> dict[str, LockEntry]:
    """Cases built for the first time now."""
    first = _first(today)
    ids = sorted(set(case_ids) - set(lock_cases))
    return {i: LockEntry(i, printed(site_url, case_place(i)), first, None) for i in ids}


# Writing ------------------------------------------------------------------------------------------


_PLAIN = re.compile(r"[^\s,\[\]{}#&*!|>'\"%@`?:\\]+(?::/[^\s,\[\]{}#&*!|>'\"%@`?:\\]*)*")


def _plain_safe(values: Iterable[str]) -> set[str]:
    """The values that may be written plain: without spaces or YAML indicators (a `:` only in
    `://`), and read back as this very string by both the C and the Python parser. Checked all
    in one document per parser (a lock of 10,000 cases is written at once); one by one if that
    document does not parse."""
    candidates = sorted({value for value in values if _PLAIN.fullmatch(value) and value.isprintable()})
    safe: set[str] = set()
    for loader in _LOADERS:
        if loader is not _LOADERS[0]:  # the two scanners differ only outside ASCII; they share the resolver
            safe |= {value for value in candidates if value.isascii()}
            candidates = [value for value in candidates if not value.isascii()]
        if not candidates:
            break
        document = "{" + ", ".join(f"k{n}: {value}" for n, value in enumerate(candidates)) + "}"
        try:
            data = yaml.load(document, Loader=loader)
        except yaml.YAMLError:
            candidates = [value for value in candidates if _plain_safe_alone(value)]
        else:
            candidates = [value for n, value in enumerate(candidates) if data.get(f"k{n}") == value]
    return safe | set(candidates)


def _plain_safe_alone(value: str) -> bool:
    try:
        return all(yaml.load(f"{{k: {value}}}", Loader=loader) == {"k": value} for loader in _LOADERS)
    except yaml.YAMLError:
        return False


def _scalar(value: str, plain: set[str]) -> str:
    """`value` as a YAML scalar inside a flow mapping: plain if it is in `plain` (_plain_safe), else
    double-quoted by PyYAML's emitter, which escapes line breaks and control characters, so that an
    entry stays on one line."""
    if value in plain:
        return value
    text = yaml.dump(value, Dumper=yaml.SafeDumper, default_style='"', allow_unicode=True, width=_WIDTH)
    return text.removesuffix("\n...\n").rstrip("\n")


def _fields(entry: LockEntry) -> list[tuple[str, str]]:
    fields = [("url", entry.url), ("first_built", str(entry.first_built))]
    if entry.retired:
        fields.append(("retired", entry.retired))
    return fields


def _line(key: str, entry: LockEntry, plain: set[str]) -> str:
    inner = ", ".join(f"{name}: {_scalar(value, plain)}" for name, value in _fields(entry))
    return f"  {_scalar(key, plain)}: {{{inner}}}"


def dump(lock: dict[str, LockEntry], cases: dict[str, LockEntry] | None = None) -> str:
    """The lock file's text: one line per code and per case, sorted, as authors read it.

    `cases` must be every recorded case (old and new): a section left out is a section lost.
    """
    sections = (("boards", lock), ("cases", cases or {}))
    plain = _plain_safe(
        text
        for _, entries in sections
        for key, entry in entries.items()
        for text in (key, *(value for _, value in _fields(entry)))
    )
    lines = [HEADER]
    for section, entries in sections:
        if entries:
            lines.append(f"{section}:")
            lines.extend(_line(key, entries[key], plain) for key in sorted(entries))
    return "\n".join(lines) + "\n"


def dump_checked(lock: dict[str, LockEntry], cases: dict[str, LockEntry] | None = None) -> str:
    """`dump`, read back as the build reads the file; ValueError (one line, Chinese) if anything differs."""
    text = dump(lock, cases)
    problems = Problems()
    ok, data = parse_yaml(text, "qr-lock.yml", problems)
    boards_read = parse_lock(data, "qr-lock.yml", problems) if ok else {}
    cases_read = parse_case_lock(data, "qr-lock.yml", problems) if ok else {}
    if problems or boards_read != lock or cases_read != (cases or {}):
        changed = sorted(k for k in {*lock, *boards_read} if lock.get(k) != boards_read.get(k))
        changed += sorted(k for k in {*(cases or {}), *cases_read} if (cases or {}).get(k) != cases_read.get(k))
        detail = "、".join(excerpt(k, 20) for k in changed[:5]) or "格式"
        raise ValueError(f"二维码锁定文件无法原样写出（{detail}），未写入：请检查其中的条目")
    return text


def write(path: Path, text: str) -> None:
    """Replace the lock file with `text` in one step: a build killed meanwhile leaves the old file whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(partial, "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(partial, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
