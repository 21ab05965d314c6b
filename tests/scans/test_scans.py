"""`qingfeng scans` on logs written here in the three formats servers write, with every kind of line
that must not count, and the counts known from how the lines were made."""

from __future__ import annotations

import csv
import datetime
import gzip
import io
import json
import re
import subprocess
import sys
from pathlib import Path
from unittest.mock import patch

import html5lib
import pytest
from qingfeng.scans.codes import Boards, Known
from qingfeng.scans.count import Day
from qingfeng.scans.report import csv_text
from qingfeng.scans.scan import scan

from tests.conftest import FORKER, Site
from tests.scans.logmaker import (
    ANDROID,
    BEIJING,
    BINGBOT,
    GOOGLEBOT,
    HUAWEI,
    IIS_FIELDS,
    IPHONE,
    SAFARI,
    UTC,
    combined,
    iis,
    project,
    write,
)

# Visitors: an address and a user agent. D shares A's address (one Wi-Fi), with another phone.
A = ("203.0.113.5", IPHONE)
B = ("2001:db8::7", ANDROID)
C = ("198.51.100.9", HUAWEI)
D = ("203.0.113.5", SAFARI)
E = ("198.51.100.20", 'Mozilla/5.0 (Linux; Android 14) "quoted" \\ Chrome/120.0 Mobile Safari/537.36')
F = ("192.0.2.44", "Mozilla/5.0 (Linux; Android 11; \xb2\xe2\xca\xd4) Chrome/90.0 Mobile Safari/537.36")  # GBK bytes
ADDRESSES = sorted({v[0] for v in (A, B, C, D, E, F)} | {"66.249.66.1", "157.55.39.1", "100.64.0.99"})


def bj(day: int, hour: int, minute: int = 0, second: int = 0) -> datetime.datetime:
    return datetime.datetime(2025, 3, day, hour, minute, second, tzinfo=BEIJING)


def at(visitor, when, path, **options) -> str:
    return combined(visitor[0], when, path, agent=visitor[1], **options)


GARBAGE = [
    "this is not a log line",
    '203.0.113.5 - - [01/Mar/2025:09:30:00 +0800] "GET /lian/b/KS01/ HTTP/1.1" 200',  # cut short
    '203.0.113.5 - - [01/Xyz/2025:09:30:00 +0800] "GET /lian/b/KS01/ HTTP/1.1" 200 5 "-" "x"',  # no such month
    "",
]


def nginx_lines() -> list[str | bytes]:
    """nginx, +0800. Each line's fate in its comment."""
    return [
        at(A, bj(1, 9), "/lian/b/KS01/"),  # scan KS01 (A)
        at(B, bj(1, 9, 0, 30), "/lian/zh-hant/b/KS01/"),  # scan KS01 (B), on the mirror
        at(B, bj(1, 9, 1), "/lian/b/KS01/"),  # repeat: B switched back to simplified
        at(C, bj(1, 9, 5), "/lian/b/KS01/", method="HEAD"),  # HEAD
        at(("66.249.66.1", GOOGLEBOT), bj(1, 9, 6), "/lian/b/KS01/"),  # bot
        at(C, bj(1, 9, 7), "/lian/b/KS09/", status=404),  # unknown code
        at(D, bj(1, 9, 9), "/lian/b/ks02/index.html"),  # scan KS02 (D): lower case, the file by name
        at(C, bj(1, 9, 8), "/lian/b/KS02"),  # scan KS02 (C), no slash; a minute out of order
        at(A, bj(1, 9, 10), "/lian/b/KS01/"),  # repeat (10 minutes)
        at(C, bj(1, 9, 20), "/lian/b/%4B%5302/?from=x"),  # repeat of C's KS02, percent-encoded
        *GARBAGE[:2],
        at(A, bj(1, 9, 35), "/lian/b/KS01/?from=x"),  # repeat: 25 minutes after A's previous load
        at(A, bj(1, 9, 40), "/lian/assets/style.css", referer="https://host.qingfeng.test/lian/b/KS01/"),  # other
        at(A, bj(1, 10, 10), "/lian/b/KS01/", status=304),  # scan KS01 (A): 35 minutes after the previous load
        at(A, bj(1, 10, 11), "/b/KS01/"),  # another site's path: not ours
        at(C, bj(1, 10, 12), "/lian/b/../../etc/passwd", status=400),  # a probe: unknown
        at(C, bj(1, 10, 13), "/lian/b/", status=403),  # the folder itself: unknown
        GARBAGE[2],
        at(A, bj(1, 11), "/lian/b/OLD1/"),  # scan OLD1 (A): retired, forwards to KS02
        at(A, bj(1, 11, 0, 1), "/lian/b/KS02/"),  # repeat: the forward
        at(B, bj(1, 11, 5), "/lian/b/OLD2/"),  # scan OLD2 (B): retired to a page, no park
        at(C, bj(1, 12), "/lian/b/LH01/", status=500),  # failed
        at(C, bj(1, 12, 1), "/lian/b/LH01/"),  # scan LH01 (C)
        at(C, bj(1, 12, 2), "/lian/b/LH01/", method="POST"),  # other method
        GARBAGE[3],
        at(B, bj(1, 23, 50), "/lian/b/KS01/"),  # scan KS01 (B): hours after B's last load
        at(B, bj(2, 0, 10), "/lian/b/KS01/"),  # repeat, on the next day: 20 minutes later
        at(F, bj(2, 11), "/lian/b/LH01/").encode("latin-1"),  # scan LH01 (F): an agent not in UTF-8
    ]


def apache_lines() -> list[str]:
    """Apache vhost_combined, UTC: escaped quotes in E's agent."""
    return [
        at(C, datetime.datetime(2025, 2, 28, 16, 30, tzinfo=UTC), "/lian/b/LH01/", vhost="host:443"),  # 1 Mar 00:30
        at(E, datetime.datetime(2025, 3, 1, 2, 0, tzinfo=UTC), "/lian/b/LH01/", vhost="host:443"),  # scan LH01 (E)
        at(E, datetime.datetime(2025, 3, 2, 1, 0, tzinfo=UTC), "/lian/b/KS01/", vhost="host:443"),  # 2 Mar: KS01 (E)
    ]


def iis_lines() -> list[str]:
    """IIS, UTC, CRLF; the #Fields change in the middle of the file."""
    other = "date time c-ip cs-method cs-uri-stem sc-status cs(User-Agent) time-taken"
    return [
        "#Software: Microsoft Internet Information Services 10.0",
        "#Version: 1.0",
        "#Date: 2025-03-01 15:00:00",
        f"#Fields: {IIS_FIELDS}",
        iis(IIS_FIELDS, C, bj(1, 23, 59, 59), "/lian/b/LH01/"),  # scan LH01 (C), the day's last second
        iis(IIS_FIELDS, A, bj(2, 10), "/lian/b/KS01/"),  # 2 Mar: scan KS01 (A), the agent's spaces as +
        iis(IIS_FIELDS, ("157.55.39.1", BINGBOT), bj(2, 10, 1), "/lian/b/KS01/"),  # bot
        "2025-03-02 02:02:00 10.0.0.1 GET /lian/b/KS01/",  # too few fields
        f"#Fields: {other}",
        iis(other, B, bj(2, 10, 5), "/lian/b/LH01/"),  # 2 Mar: scan LH01 (B)
    ]


SKIPPED = len(GARBAGE) + 1  # and the IIS line with too few fields

# date, park, code, title, scans, visitors: from the comments above.
EXPECTED = [
    ["2025-03-01", "枯山湿地公园", "KS01", "羊续悬鱼", "4", "2"],  # A 09:00, 10:10; B 09:00:30, 23:50
    ["2025-03-01", "枯山湿地公园", "KS02", "颜氏家训", "2", "2"],  # C, D
    ["2025-03-01", "枯山湿地公园", "OLD1", "已停用，转至 KS02：颜氏家训", "1", "1"],  # A, in KS02's park
    ["2025-03-01", "莲湖公园", "LH01", "黄大发", "4", "2"],  # C 00:30, 12:01, 23:59:59; E
    ["2025-03-01", "", "OLD2", "已停用，转至 index.md", "1", "1"],  # B
    ["2025-03-02", "枯山湿地公园", "KS01", "羊续悬鱼", "2", "2"],  # E, A
    ["2025-03-02", "莲湖公园", "LH01", "黄大发", "2", "2"],  # F, B
]
LEFT_OUT = {
    "同一访客 30 分钟内重复打开": 6,
    "爬虫和程序": 2,
    "HEAD 请求": 1,
    "其他请求方法（POST 等）": 1,
    "未成功（不是 200 或 304）": 1,
    "项目中没有的编码（输错或探测）": 3,
}
VISITORS = 5 + 4  # a day's different visitors: 1 Mar A B C D E, 2 Mar A B E F
SVG = "{http://www.w3.org/2000/svg}"


def scans(site: Site, *args: str):
    return FORKER.run("qingfeng", ["scans", *args, "-f", str(site.root / "mkdocs.yml")], cwd=site.root)


@pytest.fixture
def logs(tmp_path):
    folder = tmp_path / "logs"
    folder.mkdir()
    return [
        write(folder / "access.log", nginx_lines()),
        write(folder / "other_vhosts_access.log.1.gz", apache_lines(), gz=True),
        write(folder / "u_ex250301.log", iis_lines(), crlf=True),
    ]


@pytest.fixture
def site(tmp_path):
    return project(Site(tmp_path / "project"))


def rows(out: Path) -> list[list[str]]:
    raw = (out / "scans.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # so that Excel and WPS take it as UTF-8
    with open(out / "scans.csv", encoding="utf-8-sig", newline="") as file:
        return list(csv.reader(file))


def test_counts_scans_per_board_and_day(site, logs, tmp_path):
    out = tmp_path / "report"
    result = scans(site, *map(str, logs), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert rows(out) == [["date", "park", "code", "title", "scans", "visitors"], *EXPECTED]
    total = sum(len(_text(path).splitlines()) for path in logs)
    summary = result.stdout
    assert f"读取 3 个日志文件，共 {total} 行，跳过格式不符的 {SKIPPED} 行" in summary
    assert "access.log：跳过第 11、12、19、26 行" in summary  # by number, never by content
    assert "u_ex250301.log：跳过第 8 行" in summary
    assert f"计入扫码 16 次、访客 {VISITORS} 人次（按日计），涉及 5 块展板，2025-03-01 至 2025-03-02" in summary
    for label, n in LEFT_OUT.items():
        assert f"{label} {n} 次" in summary
    assert "不在统计期内" not in summary


def _text(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def test_the_order_of_the_files_does_not_matter(site, logs, tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    assert scans(site, *map(str, logs), "--out", str(first)).returncode == 0
    assert scans(site, *map(str, reversed(logs)), "--out", str(second)).returncode == 0
    assert rows(first) == rows(second) == [rows(first)[0], *EXPECTED]


def test_one_file_after_another_is_one_log(site, tmp_path):
    """A log rotated in the middle of a reading: the load after the rotation is still a repeat."""
    lines = nginx_lines()
    head, tail = write(tmp_path / "access.log.1", lines[:3]), write(tmp_path / "access.log", lines[3:])
    out = tmp_path / "report"
    assert scans(site, str(tail), str(head), "--out", str(out)).returncode == 0
    whole = tmp_path / "whole"
    assert scans(site, str(write(tmp_path / "all.log", lines)), "--out", str(whole)).returncode == 0
    assert rows(out) == rows(whole)


def test_since_and_until_keep_the_days_the_whole_run_gives(site, logs, tmp_path):
    out = tmp_path / "report"
    result = scans(site, *map(str, logs), "--out", str(out), "--since", "2025-03-02", "--until", "2025-03-02")
    assert result.returncode == 0, result.stderr
    # B's load at 00:10 on 2 March still repeats the scan of 23:50 before it.
    assert rows(out)[1:] == [row for row in EXPECTED if row[0] == "2025-03-02"]
    assert "2025-03-02 至 2025-03-02" in result.stdout
    assert re.search(r"不在统计期内 \d+ 次", result.stdout)


def test_the_report_shows_the_figures_offline(site, logs, tmp_path):
    out = tmp_path / "report"
    assert scans(site, *map(str, logs), "--out", str(out)).returncode == 0
    assert sorted(p.name for p in out.iterdir()) == ["index.html", "scans.csv"]
    page = html5lib.parse((out / "index.html").read_bytes(), namespaceHTMLElements=False)
    text = lambda element: " ".join("".join(element.itertext()).split())  # noqa: E731
    assert text(page.find(".//h1")) == "展板扫码统计"
    totals = [text(dd) for dd in page.iter("dd")]
    assert totals == ["16 次", f"{VISITORS} 人次", "5 块"]
    figures = {figure.get("id"): figure for figure in page.iter("figure")}
    assert list(figures) == ["parks", "boards", "weeks"]
    for figure in figures.values():
        assert figure.find(f".//{SVG}svg") is not None
    # Bars and table rows of each chart: the parks, most scanned first in the bars, in parks.yml's order in the table.
    park_bars = [text(t) for t in figures["parks"].iter(f"{SVG}text")]
    assert park_bars == ["枯山湿地公园", "9 次", "莲湖公园", "6 次", "未归属公园", "1 次"]
    park_rows = [[text(cell) for cell in row] for row in figures["parks"].find(".//tbody")]
    assert park_rows == [["枯山湿地公园", "9", "6"], ["莲湖公园", "6", "4"], ["未归属公园", "1", "1"]]
    board_rows = [[text(cell) for cell in row] for row in figures["boards"].find(".//tbody")]
    assert board_rows == [
        ["KS01 羊续悬鱼", "枯山湿地公园", "6", "4"],
        ["KS02 颜氏家训", "枯山湿地公园", "2", "2"],
        ["OLD1 已停用，转至 KS02：颜氏家训", "枯山湿地公园", "1", "1"],
        ["LH01 黄大发", "莲湖公园", "6", "4"],
        ["OLD2 已停用，转至 index.md", "未归属公园", "1", "1"],
    ]
    week_rows = [[text(cell) for cell in row] for row in figures["weeks"].find(".//tbody")]
    assert week_rows == [["2025-02-24 至 2025-03-02", "16", str(VISITORS)]]  # 1 and 2 March: a Saturday and Sunday
    # Each board's days, and every link of the page leads to something on it.
    ids = {element.get("id") for element in page.iter() if element.get("id")}
    ks01 = next(table for table in page.iter("table") if table.get("id") == "?KS01")
    assert [[text(cell) for cell in row] for row in ks01.find("tbody")] == [
        ["2025-03-01", "4", "2"],
        ["2025-03-02", "2", "2"],
    ]
    links = [a.get("href") for a in [*page.iter("a"), *page.iter(f"{SVG}a")]]
    assert links and all(href.startswith("#") and href[1:] in ids for href in links)
    assert "#?KS01" in links and "#?park-lianhu" in links and "#?week-2025-02-24" in links
    bars = [a.get("href") for a in figures["boards"].iter(f"{SVG}a")]
    assert bars == ["#?KS01", "#?LH01", "#?KS02", "#?OLD1", "#?OLD2"]  # most scanned first; ties by code
    # Readable offline: nothing fetched, no scripts.
    assert not [e for e in page.iter() if e.tag in ("script", "link", "img", "iframe") and e.get("rel") != "icon"]
    sections = list(page.find(".//main"))
    heading = next(n for n, element in enumerate(sections) if element.get("id") == "left-out")
    left_out = text(sections[heading + 1])
    for label, n in LEFT_OUT.items():
        assert f"{label}：{n} 次" in left_out


def test_no_address_and_no_agent_is_written_or_shown(site, logs, tmp_path):
    out = tmp_path / "report"
    result = scans(site, *map(str, logs), "--out", str(out))
    assert result.returncode == 0
    written = "\n".join([result.stdout, result.stderr, *(p.read_text(encoding="utf-8-sig") for p in out.iterdir())])
    for address in ADDRESSES:
        assert address not in written
    for agent in (IPHONE, ANDROID, HUAWEI, "MicroMessenger", "Googlebot"):
        assert agent not in written
    assert sorted(p.name for p in out.iterdir()) == ["index.html", "scans.csv"]  # no leftovers either


def test_a_cut_gzip_counts_what_it_holds(site, tmp_path):
    """A rotated log still being compressed, or copied in part: read to where it stops, and said."""
    lines = [at(A, bj(3, 9), "/lian/b/KS01/"), at(B, bj(3, 9, 1), "/lian/b/KS02/")]
    lines += [at(C, bj(3, 10, n // 60, n % 60), f"/lian/cases/{n}/") for n in range(3000)]
    whole = gzip.compress("\n".join(lines).encode() + b"\n", mtime=0)
    cut = tmp_path / "access.log.2.gz"
    cut.write_bytes(whole[: len(whole) // 2])
    out = tmp_path / "report"
    result = scans(site, str(cut), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "access.log.2.gz：压缩文件不完整" in result.stdout
    assert [row[2:] for row in rows(out)[1:]] == [["KS01", "羊续悬鱼", "1", "1"], ["KS02", "颜氏家训", "1", "1"]]


def test_no_scans_still_makes_a_report(site, tmp_path):
    log = write(tmp_path / "access.log", [at(A, bj(1, 9), "/lian/cases/")])
    out = tmp_path / "report"
    result = scans(site, str(log), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert rows(out) == [["date", "park", "code", "title", "scans", "visitors"]]
    assert "没有可计入的展板扫码" in (out / "index.html").read_text(encoding="utf-8")
    assert "计入扫码 0 次" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.log"], "missing.log：找不到这个日志文件"),
        (["logs"], "这是文件夹"),
        (["logs/a.log", "--since", "2025-3-1"], "--since 的日期“2025-3-1”无效"),
        (["logs/a.log", "--until", "2025-02-30"], "--until 的日期“2025-02-30”无效"),
        (["logs/a.log", "--since", "2025-03-02", "--until", "2025-03-01"], "晚于"),
        (["logs/a.log", "--out", "site/stats"], "在网站文件夹 site/ 中"),
        (["logs/a.log", "--out", "content/stats"], "在内容文件夹 content/ 中"),
    ],
)
def test_a_wrong_command_says_what_is_wrong(site, args, message):
    write_to = site.root / "logs"
    write_to.mkdir()
    write(write_to / "a.log", [at(A, bj(1, 9), "/lian/b/KS01/")])
    if "--out" not in args:
        args = [*args, "--out", str(site.root.parent / "report")]
    result = scans(site, *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not (site.root / "site").exists() and not (site.root.parent / "report").exists()


def test_logs_put_together_out_of_order_are_counted_and_said(site, tmp_path):
    """`cat access.log access.log.1 > all.log`: the older day after the newer."""
    newer = [at(A, bj(2, 9), "/lian/b/KS01/")]
    older = [at(A, bj(1, 9), "/lian/b/KS01/"), at(A, bj(1, 9, 5), "/lian/b/KS01/"), at(B, bj(1, 10), "/lian/b/KS01/")]
    out = tmp_path / "report"
    result = scans(site, str(write(tmp_path / "all.log", newer + older)), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert [row[0:1] + row[4:] for row in rows(out)[1:]] == [["2025-03-01", "2", "2"], ["2025-03-02", "1", "1"]]
    assert "注意：有 2 次扫码在日志中的位置比时间晚 10 分钟以上" in result.stdout


PARTS = """
import json, sys
from pathlib import Path
from qingfeng.model import load_project
from qingfeng.render.parallel import forkable
from qingfeng.scans.codes import Boards
from qingfeng.scans.scan import scan

root, *logs = sys.argv[1:]
boards = Boards(load_project(root, docs_dir="content", site_url="https://host.qingfeng.test/lian/", writes_lock=False))
answers = []
for chunk in (1 << 30, 1024):  # whole files, in this process; parts of 1 KB, in forked workers
    counts, files = scan([Path(log) for log in logs], boards, chunk=chunk)
    rows = [[str(d.date), d.board.code, d.scans, d.visitors] for d in counts.days]
    answers.append([rows, dict(counts.left_out), [[f.lines, f.skipped, f.skipped_at] for f in files]])
print(json.dumps({"forkable": forkable(), "answers": answers}))
"""


def test_parts_read_side_by_side_count_the_same(site, logs):
    """The logs in parts of a kilobyte, read by forked workers in batches, merged again: the same counts."""
    result = subprocess.run(
        [sys.executable, "-c", PARTS, str(site.root), *map(str, logs)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["forkable"]
    whole, split = answer["answers"]
    assert split == whole
    assert [[row[0], row[1], str(row[2]), str(row[3])] for row in whole[0]] == [
        [r[0], r[2], r[4], r[5]] for r in EXPECTED
    ]


def test_a_file_named_twice_is_counted_once(site, logs, tmp_path):
    out = tmp_path / "report"
    again = site.root.parent / "logs" / ".." / "logs" / logs[0].name
    result = scans(site, *map(str, logs), str(again), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert rows(out)[1:] == EXPECTED
    assert "读取 3 个日志文件" in result.stdout


def test_counted_in_this_process_too(site, logs):
    """Where forking is unsafe (threads running, or no fork), everything runs in the calling process."""
    boards = Boards(site.load())
    with patch("threading.active_count", return_value=2):
        counts, files = scan(logs, boards)
    assert [[str(d.date), d.board.code, str(d.scans), str(d.visitors)] for d in counts.days] == [
        [r[0], r[2], r[4], r[5]] for r in EXPECTED
    ]
    assert [f.skipped for f in files] == [4, 0, 1]


def test_a_name_from_the_content_is_text_in_the_spreadsheet_not_a_formula():
    board = Known("KS01", '=HYPERLINK("https://evil.example/","点击")', "kushan", "@SUM(1)公园", "KS01")
    rows = list(csv.reader(io.StringIO(csv_text([Day(datetime.date(2025, 3, 1), board, 3, 2)]).lstrip("\ufeff"))))
    assert rows[1] == ["2025-03-01", "'@SUM(1)公园", "KS01", "'" + board.title, "3", "2"]
