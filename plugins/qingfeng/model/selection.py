"""Case selection for study packs and booklets (CONTENT-FORMAT 3 and 6)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .fields import ID_PATTERN, MISSING, Fields, type_name
from .frontmatter import Document
from .paths import content_path, excerpt
from .pending import CASE, PACK, Pending
from .schema import (
    FILTER_KEYS,
    IMPOSITIONS,
    PAPERS,
    ROLES,
    Booklet,
    BookletItem,
    Case,
    Filter,
    Pack,
)
from .script import fold

# `script: keep` (checked when the file is read) keeps a page in the script it is written in.
PAGE_KEYS = ("title", "description", "hide", "search", "tags", "icon", "status", "subtitle", "script")
PACK_KEYS = ("pack", "title", "cases", "select", "quiz", *PAGE_KEYS)
BOOKLET_KEYS = ("id", "title", "subtitle", "issuer", "paper", "imposition", "contents")
ITEM_KINDS = ("cases", "pack", "page", "confessions")
HIDE = ("navigation", "toc", "footer", "feedback", "tags", "path")  # what Material's `hide:` knows
_ICON = re.compile(r"[a-z0-9-]+(?:/[a-z0-9-]+)+")


def page_fields(f: Fields, typed: bool = False) -> None:
    """The page keys every Markdown page may carry: text is text, the theme's switches have their known values.

    `typed`: a pack, board or 家风 page, whose own parser checks its keys and title.
    """
    if not typed:
        f.unknown(PAGE_KEYS)
        f.text("title", required=False)
    for key in ("description", "subtitle"):
        f.text(key, required=False)
    f.text_list("tags", required=False, prose_list=True)
    for key, pattern in (("icon", _ICON), ("status", ID_PATTERN)):
        if f.text(key, required=False) is not None:
            f.identifier(key, pattern, "应为主题图标或状态的名称，如 material/book-open")
    hide = f.raw("hide", False)
    if hide is not MISSING and not (isinstance(hide, list) and all(h in HIDE for h in hide)):
        f.error("hide", f"应为列表，取值只能是 {'、'.join(HIDE)}，实际是“{excerpt(hide)}”")
    search = f.raw("search", False)
    if search is not MISSING and not (isinstance(search, dict) and set(search) <= {"exclude", "boost"}):
        f.error("search", f"应写作 search: {{exclude: true}} 或 {{boost: 2}}，实际是“{excerpt(search)}”")


def parse_filter(f: Fields, key: str, value: Any) -> Filter | None:
    if not isinstance(value, dict):
        f.error(key, f"筛选条件应为映射（如 {{sector: 教育}}），实际是{type_name(value)}")
        return None
    terms = []
    ok = True
    for name, wanted in value.items():
        where = f"{key}.{name}"
        if name not in FILTER_KEYS:
            f.error(where, f"未知的筛选键，可用：{'、'.join(FILTER_KEYS)}")
            ok = False
            continue
        items = wanted if isinstance(wanted, list) else [wanted]
        if not items or any(isinstance(i, bool) or not isinstance(i, (str, int)) for i in items):
            f.error(where, f"筛选值应为文本或文本列表，实际是“{excerpt(wanted)}”")
            ok = False
            continue
        if any(f.quoted(where, str(item).strip()) or f.prose(name, where, str(item).strip()) for item in items):
            ok = False
            continue
        folded = frozenset(fold(str(item)) for item in items)
        unknown_roles = folded - set(ROLES) if name == "role" else set()
        if unknown_roles:
            f.error(where, f"未知的身份“{'、'.join(sorted(unknown_roles))}”，可选：{'、'.join(ROLES)}")
            ok = False
        elif name == "year" and not all(v.isdigit() and len(v) == 4 for v in folded):
            f.error(where, f"年份应为四位数字，实际是“{excerpt(wanted)}”")
            ok = False
        else:
            terms.append((name, folded))
    return Filter(tuple(terms)) if ok else None


def select_cases(
    f: Fields, key: str, value: Any, cases: list[Case], known: dict[str, Case], pending: Pending
) -> tuple[str, ...] | None:
    """A list of case ids or a filter: the ids in the order pages show them.

    A case that may be in an unreadable file is not called missing (`pending` says so once).
    """
    if isinstance(value, dict):
        chosen = parse_filter(f, key, value)
        if chosen is None:
            return None
        ids = tuple(case.id for case in cases if chosen.matches(case))
        if not ids:
            if not pending.any(CASE):
                f.error(key, "筛选条件没有选中任何案例")
            return None
        return ids
    if isinstance(value, str) and f.prose(key, key, value.strip()):
        return None
    items = value if isinstance(value, list) else [value]
    absent = [i for i in items if not isinstance(i, str) or i not in known]
    missing = [str(i) for i in absent if not pending.excuses(CASE, i)]
    if missing:
        f.error(key, f"案例不存在：{'、'.join(missing)}")
    if absent:
        return None
    if not items:
        f.error(key, "案例列表为空")
        return None
    return tuple(dict.fromkeys(items))


def parse_pack(
    doc: Document, path: str, src_uri: str, f: Fields, cases: list[Case], known: dict[str, Case], pending: Pending
) -> Pack | None:
    f.unknown(PACK_KEYS)
    page_fields(f, typed=True)
    pack_id = f.identifier("pack")
    title = f.text("title")
    listed, select = doc.meta.get("cases"), doc.meta.get("select")
    chosen = None
    if (listed is None) == (select is None):
        f.error("cases/select", "必须且只能写 cases（案例列表）或 select（筛选条件）其中之一")
    elif select is not None and not isinstance(select, dict):
        f.error("select", f"筛选条件应为映射（如 {{sector: 教育}}），实际是{type_name(select)}")
    elif listed is not None:
        chosen = select_cases(f, "cases", listed, cases, known, pending)
    else:
        chosen = select_cases(f, "select", select, cases, known, pending)
    quiz = f.raw("quiz", False)
    if quiz is MISSING:
        quiz = False
    elif isinstance(quiz, bool) or (isinstance(quiz, int) and quiz >= 1):
        if quiz is not False and chosen:
            total = sum(len(known[c].questions) for c in chosen)
            if not total:
                f.error("quiz", "所选案例都没有题目（questions），无法组成测试")
            elif quiz is not True and quiz > total:
                f.error("quiz", f"每次抽取 {quiz} 题，但所选案例共有 {total} 题")
    else:
        f.error("quiz", f"应为 true、false 或正整数（每次抽题数），实际是“{excerpt(quiz)}”")
    if None in (pack_id, title, chosen):
        return None
    return Pack(pack_id, path, src_uri, title, chosen, quiz, doc.body)


def parse_booklet(
    b: Fields, cases: list[Case], known: dict[str, Case], packs: set[str], docs_dir: Path, pending: Pending
) -> Booklet | None:
    b.unknown(BOOKLET_KEYS)
    booklet_id, title = b.identifier("id"), b.text("title")
    paper = (b.text("paper", required=False) or "A5").upper()
    if paper not in PAPERS:
        b.error("paper", f"未知的纸张“{paper}”，可选：A5、A4")
    imposition = b.text("imposition", required=False)
    if imposition is not None and imposition.lower() not in IMPOSITIONS:
        b.error("imposition", f"未知的拼版方式“{imposition}”，可选：saddle（骑马钉）")
    contents = b.raw("contents", True)
    items: list[BookletItem | None] = []
    if contents is not MISSING and not isinstance(contents, list):
        b.error("contents", f"应为列表，实际是{type_name(contents)}")
    elif contents is not MISSING:
        items = [
            _booklet_item(b, f"contents[{index}]", entry, cases, known, packs, docs_dir, pending)
            for index, entry in enumerate(contents, start=1)
        ]
    bad_imposition = imposition is not None and imposition.lower() not in IMPOSITIONS
    if None in (booklet_id, title, *items) or not items or paper not in PAPERS or bad_imposition:
        return None
    return Booklet(
        booklet_id,
        title,
        b.text("subtitle", required=False),
        b.text("issuer", required=False),
        paper,
        imposition.lower() if imposition else None,
        tuple(items),
    )


def _booklet_item(
    b: Fields,
    key: str,
    entry: Any,
    cases: list[Case],
    known: dict[str, Case],
    packs: set[str],
    docs_dir: Path,
    pending: Pending,
) -> BookletItem | None:
    if not isinstance(entry, dict) or len(entry) != 1 or next(iter(entry)) not in ITEM_KINDS:
        b.error(key, f"每一项应写成一个键：{'、'.join(ITEM_KINDS)}（如“- pack: jiaoyu-2026”）")
        return None
    kind, value = next(iter(entry.items()))
    where = f"{key}.{kind}"
    if kind == "pack":
        if not isinstance(value, str) or value not in packs:
            if not pending.excuses(PACK, value):
                b.error(where, f"学习包“{excerpt(value)}”不存在")
            return None
        return BookletItem(kind, pack=value)
    if kind == "page":
        # Resolved as the build resolves it: ./x.md and x.md are one page, nothing outside content/.
        resolved = content_path(value, docs_dir) if isinstance(value, str) else None
        if resolved is None or not value.strip().lower().endswith(".md"):
            b.error(where, f"应为 content/ 中的 .md 页面路径，实际是“{excerpt(value)}”")
            return None
        if resolved.problem:
            b.error(where, resolved.problem)
            return None
        return BookletItem(kind, page=resolved.path)
    ids = select_cases(b, where, value, cases, known, pending)
    if ids is None:
        return None
    if kind == "confessions":
        ids = tuple(i for i in ids if known[i].section("chanhui"))
        if not ids:
            b.error(where, "所选案例都没有“## 忏悔”部分")
            return None
    return BookletItem(kind, cases=ids)
