"""`qingfeng scans`: how many people scanned each board, per park, per board, per day, from the
web server's access logs, with nobody's address kept.

The report is the office's: it is written only where the user says, never into the site or the
content (the next build would publish it).
"""

from __future__ import annotations

import datetime
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

from ..model import ContentError, Project
from ..model.lock import write
from ..model.paths import printable
from . import report
from .codes import Boards
from .count import BOT, FAILED, HEAD, OTHER_METHOD, OUTSIDE, REPEAT, UNKNOWN_CODE, Counts
from .logs import SHOWN_LINES, FileReading
from .scan import scan

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Why requests for boards' pages were left out, as the summary and the report name them.
REASONS = {
    REPEAT: "同一访客 30 分钟内重复打开",
    BOT: "爬虫和程序",
    HEAD: "HEAD 请求",
    OTHER_METHOD: "其他请求方法（POST 等）",
    FAILED: "未成功（不是 200 或 304）",
    UNKNOWN_CODE: "项目中没有的编码（输错或探测）",
    OUTSIDE: "不在统计期内",
}


def _date(value: str | None, option: str) -> tuple[datetime.date | None, str | None]:
    if value is None:
        return None, None
    try:
        if not _DATE.fullmatch(value):
            raise ValueError
        return datetime.date.fromisoformat(value), None
    except ValueError:
        return None, f"{option} 的日期“{printable(value)[:40]}”无效：应写作 YYYY-MM-DD，如 2025-03-01"


def _unreadable(path: Path) -> str | None:
    shown = printable(str(path))
    if not path.exists():
        return f"{shown}：找不到这个日志文件"
    if path.is_dir():
        return f"{shown}：这是文件夹，请给出其中的日志文件（如 {shown}/access.log*）"
    try:
        with open(path, "rb") as file:
            file.read(1)
    except OSError as error:
        return f"{shown}：无法读取（{error.strerror or error}）"
    return None


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or path.is_relative_to(folder)


def run(
    logs: list[Path],
    out: Path,
    since: str | None,
    until: str | None,
    config_file: Path,
    config: dict,
    load: Callable[[], Project],
) -> int:
    """0 when the report is written; 2 if the command was given wrongly, 1 if the content has errors."""
    started = time.perf_counter()
    (first, since_problem), (last, until_problem) = _date(since, "--since"), _date(until, "--until")
    problems = [problem for problem in (since_problem, until_problem) if problem]
    if first and last and first > last:
        problems.append(f"--since {first} 晚于 --until {last}")
    root = config_file.parent
    out = out.resolve()
    for folder, what in ((config.get("site_dir", "site"), "网站"), (config.get("docs_dir", "docs"), "内容")):
        if _inside(out, (root / folder).resolve()):
            shown = printable(str(out))
            problems.append(f"--out {shown} 在{what}文件夹 {folder}/ 中：扫码统计只供本单位使用，请写到别处")
    problems += [message for message in map(_unreadable, logs) if message]
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 2
    try:
        project = load()
    except ContentError as error:
        print(error.report(), file=sys.stderr)
        print("内容有错误，请先改正（qingfeng check）再统计扫码", file=sys.stderr)
        return 1
    boards = Boards(project)
    once: dict[Path, Path] = {}  # `access.log*` and `access.log` on one line: each file counted once
    for path in logs:
        once.setdefault(path.resolve(), path)
    logs = list(once.values())
    counts, readings = scan(logs, boards, first, last)
    dates = [day.date for day in counts.days]
    period = (first or min(dates), last or max(dates)) if dates or (first and last) else None
    reasons = [(label, counts.left_out[key]) for key, label in REASONS.items() if counts.left_out[key]]
    context = {"site_name": config.get("site_name") or "", "period": period, "reasons": reasons}
    try:
        out.mkdir(parents=True, exist_ok=True)
        write(out / report.CSV_NAME, report.csv_text(counts.days))
        write(out / report.HTML_NAME, report.html(counts, list(boards.known.values()), context))
    except OSError as error:
        print(f"{printable(str(out))}：无法写入报告（{error.strerror or error}）", file=sys.stderr)
        return 2
    print(_summary(readings, counts, reasons, period, time.perf_counter() - started))
    print(f"报告：{printable(str(out / report.HTML_NAME))}")
    print(f"数据：{printable(str(out / report.CSV_NAME))}")
    return 0


def _summary(readings: list[FileReading], counts: Counts, reasons: list, period: tuple | None, seconds: float) -> str:
    lines = [
        f"读取 {len(readings)} 个日志文件，共 {sum(r.lines for r in readings):,} 行，"
        f"跳过格式不符的 {sum(r.skipped for r in readings):,} 行，用时 {seconds:.1f} 秒。"
    ]
    for reading in readings:
        if reading.skipped:
            at = "、".join(map(str, reading.skipped_at))
            more = f"等 {reading.skipped:,} 行" if reading.skipped > SHOWN_LINES else ""
            lines.append(f"  {printable(reading.name)}：跳过第 {at} 行{more}")
        if reading.broken:
            lines.append(f"  {printable(reading.name)}：{reading.broken}")
    boards = len({day.board.code for day in counts.days})
    where = f"，{period[0]} 至 {period[1]}（北京时间）" if period else ""
    visitors = sum(counts.visitors.values())
    lines.append(f"计入扫码 {counts.scans:,} 次、访客 {visitors:,} 人次（按日计），涉及 {boards} 块展板{where}。")
    lines.append("未计入：" + ("；".join(f"{label} {n:,} 次" for label, n in reasons) if reasons else "无") + "。")
    if counts.late:
        lines.append(
            f"注意：有 {counts.late:,} 次扫码在日志中的位置比时间晚 10 分钟以上（日志可能是拼接而成），"
            "已计入，但其访客可能重复计算"
        )
    return "\n".join(lines)
