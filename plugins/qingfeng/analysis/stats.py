"""类案分析: figures computed from all cases, and where each mark of their charts is drawn."""

from __future__ import annotations

import math
import statistics
from collections import Counter
from dataclasses import dataclass

from ..model.schema import Case, chinese_amount, facet_counts
from ..model.urls import query

# Chart drawing units (the SVG viewBox); the SVG scales to the width of the page.
# Text positions are baselines; the page's CSS sets the text 12-13 units high.
WIDTH = 320

# Bar charts: one row per bar, its label above it, its value printed after its end.
ROW = 36
LABEL = 14  # the label's baseline, from the top of its row
GAP = 5  # from the label's baseline down to the bar, and from the bar's end to its value
BAR = 12  # thickness
MIN_BAR = 2  # a tiny figure still shows a bar
FOOT = 4  # under the last row
COUNT_ROOM = 60  # what the longest bar leaves of WIDTH for its value: "12 件"
AMOUNT_ROOM = 90  # "161.0万元"

# The trend: years across, counts up; each year a column, its bar centred in it.
TREND_HEIGHT = 180
AXIS = 24  # under the bars, for the years
YEAR_BASELINE = 6  # above the bottom edge
VALUE_GAP = 6  # from a bar's top up to its value's baseline
HEADROOM = 26  # over the tallest bar, for its value
BAR_SHARE = 0.6  # of its column
YEAR_WIDTH = 36  # room a year's label needs: narrower columns name only every so many years


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str  # the value as printed
    query: str  # the case library's query string that shows these cases
    cases: int  # how many cases the library shows for it


@dataclass(frozen=True)
class Point:
    x: float
    y: float


@dataclass(frozen=True)
class Mark:
    """One bar as the SVG draws it: its rectangle, and where its value and its label are printed."""

    bar: Bar
    x: float
    y: float
    width: float
    height: float
    value: Point
    label: Point | None  # None: the label is left out for want of room


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    unit: str
    marks: tuple[Mark, ...]
    height: float  # of the drawing
    vertical: bool = False  # the trend
    width: float = WIDTH

    @property
    def bars(self) -> tuple[Bar, ...]:
        return tuple(mark.bar for mark in self.marks)

    @property
    def anchor(self) -> str:
        """How texts align on their point: centred on the trend's columns, else from the start."""
        return "middle" if self.vertical else "start"


def _at(n: float) -> float:
    return round(n, 1)  # a tenth of a unit is finer than any screen shows


def _scale(bars: list[Bar], room: float) -> list[float]:
    """Each bar's length, the longest `room` long."""
    top = max((bar.value for bar in bars), default=0) or 1
    return [room * bar.value / top for bar in bars]


def rows_chart(key: str, title: str, unit: str, bars: list[Bar], reserve: float) -> Chart:
    marks = []
    for index, (bar, length) in enumerate(zip(bars, _scale(bars, WIDTH - reserve), strict=True)):
        top, length = index * ROW, max(length, MIN_BAR)
        bar_y = top + LABEL + GAP
        # The value's baseline just inside the bar's lower edge, so it reads level with the bar.
        value = Point(_at(length + GAP), bar_y + BAR - 1)
        marks.append(Mark(bar, 0, bar_y, _at(length), BAR, value, Point(0, top + LABEL)))
    return Chart(key, title, unit, tuple(marks), ROW * len(bars) + FOOT)


def trend_chart(bars: list[Bar]) -> Chart:
    column = WIDTH / max(1, len(bars))
    every = max(1, math.ceil(YEAR_WIDTH / column))
    base = TREND_HEIGHT - AXIS
    marks = []
    for index, (bar, length) in enumerate(zip(bars, _scale(bars, base - HEADROOM), strict=True)):
        left, middle = index * column, _at(index * column + column / 2)
        named = index % every == 0 or index == len(bars) - 1  # the latest year is always named
        marks.append(
            Mark(
                bar,
                _at(left + column * (1 - BAR_SHARE) / 2),
                _at(base - length),
                _at(column * BAR_SHARE),
                _at(length),
                Point(middle, _at(base - length - VALUE_GAP)),
                Point(middle, TREND_HEIGHT - YEAR_BASELINE) if named else None,
            )
        )
    return Chart("year", "历年案件数", "件", tuple(marks), TREND_HEIGHT, vertical=True)


def _count_chart(cases: list[Case], key: str, title: str) -> Chart:
    bars = [Bar(v, n, f"{n} 件", query(**{key: v}), n) for v, n in facet_counts(cases, key)]
    return rows_chart(key, title, "件", bars, COUNT_ROOM)


def charts(cases: list[Case]) -> list[Chart]:
    """The 类案分析 charts, in the order the page shows them."""
    years = Counter(case.year for case in cases)
    trend = [Bar(str(y), years[y], str(years[y]), query(year=y), years[y]) for y in sorted(years)]
    result = [
        trend_chart(trend),
        _count_chart(cases, "sector", "各领域案件数"),
        _count_chart(cases, "role", "各类人员案件数"),
        _count_chart(cases, "violations", "各类违纪违法行为"),
    ]
    totals, medians = [], []
    for sector, amounts in amounts_by_sector(cases).items():
        link, count = query(sector=sector), sum(sector in c.filter_values("sector") for c in cases)
        total, median = sum(amounts), statistics.median(amounts)
        totals.append(Bar(sector, total, chinese_amount(total), link, count))
        medians.append(Bar(sector, median, chinese_amount(round(median)), link, count))
    totals.sort(key=lambda b: (-b.value, b.label))
    medians.sort(key=lambda b: (-b.value, b.label))
    result += [
        rows_chart("amount-total", "各领域涉案金额合计", "元", totals, AMOUNT_ROOM),
        rows_chart("amount-median", "各领域涉案金额中位数", "元", medians, AMOUNT_ROOM),
    ]
    return [chart for chart in result if chart.marks]


def amounts_by_sector(cases: list[Case]) -> dict[str, list[int]]:
    """The amounts of the cases that give one, by sector (a case counts in each of its sectors)."""
    amounts: dict[str, list[int]] = {}
    for case in cases:
        if case.amount is not None:
            for sector in dict.fromkeys(case.filter_values("sector")):
                amounts.setdefault(sector, []).append(case.amount)
    return amounts
