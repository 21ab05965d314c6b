"""The report: scans.csv for Excel and WPS, index.html to read offline and on a phone.

The charts are 类案分析's: analysis/stats.py lays them out and analysis/templates draws them
(chart.html, analysis.css), here in a page of their own. Each bar leads to its rows below.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime
import io
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

from ..analysis import stats
from ..model.paths import excerpt
from .codes import Known
from .count import LOCAL, Counts, Day

TEMPLATES = Path(__file__).parent / "templates"
CSV_NAME, HTML_NAME = "scans.csv", "index.html"
COLUMNS = ("date", "park", "code", "title", "scans", "visitors")
WEEKS_CHARTED = 12  # more columns than this and their figures run into each other
LABEL_CHARS = 20  # a board's bar label: code and title, cut to the chart's width
_SUNDAY = datetime.timedelta(days=6)  # after a week's Monday


@dataclass(frozen=True)
class Line:
    """A row of one of the tables under the charts; `anchor` is the id of the rows it sums."""

    anchor: str
    label: str
    scans: int
    visitors: int
    note: str = ""


@dataclass(frozen=True)
class Board:
    """A board's days, in the daily tables."""

    known: Known
    anchor: str
    days: list[Day]

    @property
    def scans(self) -> int:
        return sum(day.scans for day in self.days)

    @property
    def visitors(self) -> int:
        return sum(day.visitors for day in self.days)


@dataclass(frozen=True)
class Park:
    anchor: str
    name: str
    boards: list[Board]


def _park_anchor(park_id: str) -> str:
    return f"park-{park_id}" if park_id else "park"  # ids are [a-z0-9-]: "park" is no park's


def _week(date: datetime.date) -> datetime.date:
    return date - datetime.timedelta(days=date.weekday())  # its Monday


def _bar(line: Line, label: str) -> stats.Bar:
    return stats.Bar(label, line.scans, f"{line.scans} 次", line.anchor, line.scans)


def tables(counts: Counts, known: list[Known]) -> dict:
    """What the page shows: the parks and boards with their days, and the three charts with their tables."""
    by_board: defaultdict[str, list[Day]] = defaultdict(list)
    for day in counts.days:
        by_board[day.board.code].append(day)
    parks: dict[str, Park] = {}
    for board in known:
        if board.code in by_board:
            park = parks.setdefault(board.park_id, Park(_park_anchor(board.park_id), board.park or "未归属公园", []))
            park.boards.append(Board(board, board.code, by_board[board.code]))
    park_visitors: defaultdict[str, int] = defaultdict(int)
    for (_, park_id), n in counts.park_visitors.items():
        park_visitors[park_id] += n
    park_lines = [
        Line(park.anchor, park.name, sum(b.scans for b in park.boards), park_visitors[park_id])
        for park_id, park in parks.items()
    ]
    board_lines = [
        Line(b.anchor, f"{b.known.code} {b.known.title}", b.scans, b.visitors, park.name)
        for park in parks.values()
        for b in park.boards
    ]
    weeks: defaultdict[datetime.date, list[int]] = defaultdict(lambda: [0, 0])
    for day in counts.days:
        weeks[_week(day.date)][0] += day.scans
    for date, n in counts.visitors.items():
        weeks[_week(date)][1] += n
    week_lines = [
        Line(f"week-{monday}", f"{monday.month}/{monday.day}", scans, visitors, f"{monday} 至 {monday + _SUNDAY}")
        for monday, (scans, visitors) in sorted(weeks.items())
    ]
    # Most scanned first in the bars, as 类案分析 sorts its categories; the tables keep the parks' order.
    ranked = sorted(park_lines, key=lambda line: -line.scans)
    park_chart = stats.rows_chart("parks", "各公园扫码次数", "次", [_bar(x, x.label) for x in ranked], stats.COUNT_ROOM)
    ranked = sorted(board_lines, key=lambda line: -line.scans)
    bars = [_bar(x, excerpt(x.label, LABEL_CHARS)) for x in ranked]
    board_chart = stats.rows_chart("boards", "各展板扫码次数", "次", bars, stats.COUNT_ROOM)
    trend = stats.trend_chart([_bar(x, x.label) for x in week_lines[-WEEKS_CHARTED:]])
    title = "每周扫码次数" if len(week_lines) <= WEEKS_CHARTED else f"每周扫码次数（最近 {WEEKS_CHARTED} 周）"
    week_chart = dataclasses.replace(trend, key="weeks", title=title, unit="次")
    charts = [
        (park_chart, park_lines, "公园"),
        (board_chart, board_lines, "展板"),
        (week_chart, week_lines, "周"),
    ]
    return {"parks": list(parks.values()), "charts": [chart for chart in charts if chart[0].marks]}


def _environment() -> Environment:
    analysis = Path(stats.__file__).parent / "templates"
    loader = ChoiceLoader([FileSystemLoader(TEMPLATES), FileSystemLoader(analysis)])
    env = Environment(loader=loader, autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    # chart.html links each bar into the case library through MkDocs; here to its rows on this page.
    env.globals.update(qf_url=lambda place: "#", qf_place=SimpleNamespace(LIBRARY=None))
    env.filters["url"] = lambda url: url
    return env


def html(counts: Counts, known: list[Known], context: dict) -> str:
    """The page; `context`: site_name, period (first, last date), reasons (label, count)."""
    generated = datetime.datetime.now(LOCAL)
    template = _environment().get_template("qingfeng/scans-report.html")
    return template.render(
        **context,
        **tables(counts, known),
        counts=counts,
        generated=generated,
        boards_scanned=len({day.board.code for day in counts.days}),
        visitors=sum(counts.visitors.values()),
    )


def csv_text(days: list[Day]) -> str:
    """With a byte order mark, so that Excel and WPS read it as UTF-8."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)  # \r\n line ends, as Excel writes them
    writer.writerow(COLUMNS)
    for day in days:
        board = day.board
        park, title = _text(board.park), _text(board.title)
        writer.writerow([day.date.isoformat(), park, board.code, title, day.scans, day.visitors])
    return out.getvalue()


def _text(value: str) -> str:
    """A name from the content as text to Excel and WPS, which run a cell that opens with = + - @
    as a formula (a board titled =HYPERLINK(…) would be a link out of the report): a leading
    apostrophe, which they show as nothing."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
