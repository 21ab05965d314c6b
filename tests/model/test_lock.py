"""The QR lock as pure functions: parsing, checking, and writing it back safely."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
import yaml
from qingfeng.model import lock as qrlock
from qingfeng.model import urls
from qingfeng.model.frontmatter import parse_yaml
from qingfeng.model.pending import Pending
from qingfeng.model.problems import Problems
from qingfeng.model.schema import Board, LockEntry, PartialDate

SITE = "https://lian.qingfeng.test/"
DAY = PartialDate(2026, 11, 22)
HOSTILE = [
    "a, }",
    '"x"',
    "'y'",
    "#",
    "a #b",
    ": ",
    "k: v",
    "line\nbreak",
    "cr\r\nlf",
    "\u2028sep\x85",
    "tab\there",
    " lead",
    "trail ",
    "~",
    "null",
    "true",
    "2024",
    "0x1f",
    "1e3",
    "- item",
    "? key",
    "&anchor",
    "*alias",
    "!tag",
    "%YAML",
    "@x",
    "`x`",
    "[1]",
    "{a: b}",
    "|",
    ">",
    "---",
    "...",
    "廉洁, 文化}",
    "\\back\\slash",
    "\x00nul\x07",
    "\ufeffbom",
    "😀",
    "x" * 300,
]


def board(code: str, path: str | None = None) -> Board:
    return Board(
        code,
        path or f"content/park/p/{code.lower()}.md",
        f"park/p/{code.lower()}.md",
        "p",
        code,
        "其他",
        None,
        (600, 900),
    )


def boards(*codes: str) -> dict[str, Board]:
    return {code: board(code) for code in codes}


def entry(code: str, retired: str | None = None, url: str | None = None) -> LockEntry:
    return LockEntry(code, url or urls.printed(SITE, urls.board(code)), DAY, retired)


def case_entry(case_id: str, retired: str | None = None) -> LockEntry:
    return LockEntry(case_id, urls.printed(SITE, urls.case(case_id)), DAY, retired)


def read(text: str) -> tuple[dict, dict, Problems]:
    problems = Problems()
    ok, data = parse_yaml(text, "site_config/qr-lock.yml", problems)
    assert ok, problems
    return (
        qrlock.parse_lock(data, "site_config/qr-lock.yml", problems),
        qrlock.parse_case_lock(data, "site_config/qr-lock.yml", problems),
        problems,
    )


def where(problems: Problems) -> list[tuple[str, str, str]]:
    return [(p.path, p.where, p.message) for p in problems.items]


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    (folder / "jiafeng").mkdir(parents=True)
    (folder / "jiafeng" / "zhuzi.md").write_text("# 朱子家训\n")
    (folder / "index.md").write_text("# 首页\n")
    (folder / "photo.png").write_bytes(b"png")
    (tmp_path / "outside.md").write_text("# 外面\n")
    return folder


# Writing ------------------------------------------------------------------------------------------


def test_dump_is_readable_one_line_per_entry():
    text = qrlock.dump({"KS02": entry("KS02", "KS01"), "KS01": entry("KS01")}, {"2025-a": case_entry("2025-a")})
    assert text.startswith(qrlock.HEADER)
    assert "展板撤下时" in text
    body = text[len(qrlock.HEADER) :].splitlines()[1:]  # a blank line after the header, as before
    assert body == [
        "boards:",
        "  KS01: {url: https://lian.qingfeng.test/b/KS01/, first_built: 2026-11-22}",
        "  KS02: {url: https://lian.qingfeng.test/b/KS02/, first_built: 2026-11-22, retired: KS01}",
        "cases:",
        "  2025-a: {url: https://lian.qingfeng.test/cases/2025-a/, first_built: 2026-11-22}",
    ]
    assert yaml.safe_load(text)["boards"]["KS02"]["retired"] == "KS01"


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_round_trip(value: str):
    boards_in = {"KS01": entry("KS01", retired=value), "KS02": entry("KS02", url=f"{SITE}b/{value}")}
    cases_in = {"2025-a": case_entry("2025-a", retired=value)}
    if value.strip() != value:  # the reader strips values: such a value can never read back as itself
        with pytest.raises(ValueError):
            qrlock.dump_checked(boards_in, cases_in)
        return
    text = qrlock.dump_checked(boards_in, cases_in)
    boards_out, cases_out, problems = read(text)
    assert not problems
    assert boards_out == boards_in and cases_out == cases_in
    # One line per entry, whatever the value holds.
    assert len(text[len(qrlock.HEADER) :].strip("\n").splitlines()) == 5
    assert yaml.safe_load(text)["boards"]["KS01"]["retired"] == value


def test_keys_that_yaml_would_read_as_numbers_are_quoted():
    lock = {"2024": entry("2024"), "0777": entry("0777")}
    cases = {"2024": case_entry("2024")}
    text = qrlock.dump_checked(lock, cases)
    assert "  '2024'" in text or '  "2024"' in text
    boards_out, cases_out, _ = read(text)
    assert boards_out == lock and cases_out == cases


def test_partial_dates_round_trip():
    lock = {"KS01": LockEntry("KS01", urls.printed(SITE, urls.board("KS01")), PartialDate(2026), None)}
    assert read(qrlock.dump_checked(lock))[0] == lock


def test_dump_checked_refuses_what_does_not_read_back():
    with pytest.raises(ValueError, match="二维码锁定文件"):
        qrlock.dump_checked({"KS01": entry("KS01", retired="")})  # an empty retired is not written
    with pytest.raises(ValueError) as raised:
        qrlock.dump_checked({"bad code": entry("bad code")})
    assert "\n" not in str(raised.value)


def test_empty_lock_and_empty_sections():
    assert read(qrlock.dump({}))[:2] == ({}, {})
    text = qrlock.dump({}, {"2025-a": case_entry("2025-a")})
    assert "boards:" not in text
    assert read(text)[1] == {"2025-a": case_entry("2025-a")}


# Reading ------------------------------------------------------------------------------------------


def test_cases_section_is_accepted_and_parsed():
    text = (
        "boards:\n  KS01: {url: https://lian.qingfeng.test/b/KS01/, first_built: 2026-11-22}\n"
        "cases:\n  2025-jlp-hongguang: {url: https://lian.qingfeng.test/cases/2025-jlp-hongguang/, "
        "first_built: 2026-12-01}\n"
        "  2024-jlp-tielu: {url: https://lian.qingfeng.test/cases/2024-jlp-tielu/, first_built: 2026-12-01, "
        "retired: 2024-jlp-tielu-2}\n"
    )
    boards_out, cases_out, problems = read(text)
    assert not problems
    assert list(boards_out) == ["KS01"]
    assert cases_out["2024-jlp-tielu"].retired == "2024-jlp-tielu-2"
    assert cases_out["2025-jlp-hongguang"].first_built == PartialDate(2026, 12, 1)


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("cases: [a]\n", "字段 cases"),
        ("cases:\n  Bad_ID: {url: x, first_built: 2026}\n", "字段 cases.Bad_ID"),
        ("cases:\n  a: 3\n", "字段 cases.a"),
        ("cases:\n  a: {url: x, first_built: 2026, colour: red}\n", "字段 cases.a.colour"),
        ("cases:\n  a: {first_built: 2026}\n", "字段 cases.a.url"),
        ("other: 1\n", "字段 other"),
    ],
)
def test_malformed_cases(text: str, field: str):
    _, _, problems = read(text)
    assert field in [w for _, w, _ in where(problems)]


def test_empty_sections_are_empty():
    boards_out, cases_out, problems = read("boards:\ncases:\n")
    assert (boards_out, cases_out) == ({}, {}) and not problems


# Checking boards ----------------------------------------------------------------------------------


def test_retired_page_is_normalised(docs: Path):
    lock = {"KS02": entry("KS02", "./jiafeng/zhuzi.md"), "KS03": entry("KS03", "jiafeng/./x/../zhuzi.md")}
    problems = Problems()
    qrlock.check_lock(lock, boards(), docs, SITE, "site_config/qr-lock.yml", problems, Pending())
    assert not problems
    assert lock["KS02"].retired == "jiafeng/zhuzi.md" and lock["KS03"].retired == "jiafeng/zhuzi.md"


@pytest.mark.parametrize(
    ("target", "words"),
    [
        ("../outside.md", "content/ 之外"),
        ("/etc/passwd", "绝对路径"),
        ("jiafeng/../../outside.md", "content/ 之外"),
        ("file:///etc/passwd", "不是 content/ 中的文件"),
        ("jiafeng/gone.md", "不存在"),
        ("photo.png", "不是页面"),
        ("jiafeng", "不是页面"),
        ("jiafeng\\zhuzi.md", "反斜杠"),
        ("KS09", "不存在"),
    ],
)
def test_retired_target_errors(docs: Path, target: str, words: str):
    lock = {"KS02": entry("KS02", target)}
    problems = Problems()
    qrlock.check_lock(lock, boards(), docs, SITE, "site_config/qr-lock.yml", problems, Pending())
    found = [m for p, w, m in where(problems) if w == "字段 boards.KS02.retired"]
    assert len(found) == 1 and words in found[0], where(problems)
    assert "\n" not in found[0]


def test_retired_to_a_symlink_out_of_content(docs: Path, tmp_path: Path):
    (docs / "link.md").symlink_to(tmp_path / "outside.md")
    lock = {"KS02": entry("KS02", "link.md")}
    problems = Problems()
    qrlock.check_lock(lock, boards(), docs, SITE, "x", problems, Pending())
    assert any("content/ 之外" in m for _, _, m in where(problems))


def test_board_checks_as_before(docs: Path):
    lock = {"KS01": entry("KS01"), "KS02": entry("KS02"), "KS05": entry("KS05", "KS01"), "KS06": entry("KS06", url="x")}
    problems = Problems()
    qrlock.check_lock(lock, boards("KS01", "KS05", "KS06"), docs, SITE, "lock", problems, Pending())
    found = {(p, w) for p, w, _ in where(problems)}
    assert ("lock", "字段 boards.KS02") in found  # locked, no board
    assert ("content/park/p/ks05.md", "字段 board") in found  # retired code reused
    assert ("lock", "字段 boards.KS06.url") in found  # URL changed
    assert len(found) == 3


# Checking cases -----------------------------------------------------------------------------------


def test_cases_that_still_resolve(docs: Path):
    lock = {
        "2025-a": case_entry("2025-a"),
        "2024-old": case_entry("2024-old", "2025-a"),
        "2023-page": case_entry("2023-page", "./jiafeng/zhuzi.md"),
    }
    problems = Problems()
    qrlock.check_cases(lock, {"2025-a": "cases/a.md"}, docs, SITE, "lock", problems, Pending())
    assert not problems
    assert lock["2023-page"].retired == "jiafeng/zhuzi.md"


def test_case_errors(docs: Path):
    lock = {
        "2025-gone": case_entry("2025-gone"),
        "2025-reused": case_entry("2025-reused", "2025-a"),
        "2025-nowhere": case_entry("2025-nowhere", "2025-missing"),
        "2025-escape": case_entry("2025-escape", "../outside.md"),
        "2025-etc": case_entry("2025-etc", "/etc/passwd"),
        "2025-a": LockEntry("2025-a", "https://other.example/cases/2025-a/", DAY, None),
    }
    problems = Problems()
    files = {"2025-a": "cases/a.md", "2025-reused": "cases/r.md"}
    qrlock.check_cases(lock, files, docs, SITE, "lock", problems, Pending())
    found = {(p, w): m for p, w, m in where(problems)}
    assert "2025-gone" in found[("lock", "字段 cases.2025-gone")]
    assert "已停用" in found[("cases/r.md", "字段 id")]
    assert "2025-missing" in found[("lock", "字段 cases.2025-nowhere.retired")]
    assert "content/ 之外" in found[("lock", "字段 cases.2025-escape.retired")]
    assert "绝对路径" in found[("lock", "字段 cases.2025-etc.retired")]
    assert "https://lian.qingfeng.test/cases/2025-a/" in found[("lock", "字段 cases.2025-a.url")]
    assert len(found) == 6


def test_new_entries():
    today = datetime.date(2026, 12, 1)
    added = qrlock.new_case_entries({"2025-a": case_entry("2025-a")}, ["2025-b", "2025-a"], SITE, today)
    assert added == {"2025-b": LockEntry("2025-b", f"{SITE}cases/2025-b/", PartialDate(2026, 12, 1), None)}
    added = qrlock.new_entries({"KS01": entry("KS01")}, [board("KS01"), board("KS02")], SITE, today)
    assert list(added) == ["KS02"] and added["KS02"].url == f"{SITE}b/KS02/"


def test_write_replaces_the_file_whole(tmp_path: Path):
    path = tmp_path / "site_config" / "qr-lock.yml"
    text = qrlock.dump_checked({"KS01": entry("KS01")})
    qrlock.write(path, text)
    qrlock.write(path, text + "# more\n")
    assert path.read_text(encoding="utf-8") == text + "# more\n"
    assert sorted(p.name for p in path.parent.iterdir()) == ["qr-lock.yml"]
