"""类案分析: figures computed from all cases, and the bar geometry of their charts."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from ..model.schema import ROLES, Case, chinese_amount

# Chart drawing units (the SVG viewBox); the SVG scales to the width of the page.
WIDTH = 320
ROW = 36  # one bar with its label above it
BAR = 12
LABEL = 14
TREND_HEIGHT = 180


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str  # the value as printed
    query: str  # the case library's query string that shows these cases
    cases: int  # how many cases the library shows for it
    length: float = 0  # in drawing units


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    unit: str
    bars: tuple[Bar, ...]
    vertical: bool = False  # the trend: years across, counts up

    @property
    def height(self) -> int:
        return TREND_HEIGHT if self.vertical else ROW * len(self.bars) + 4

    @property
    def column(self) -> float:
        return WIDTH / max(1, len(self.bars))


def _scaled(bars: list[Bar], room: float) -> tuple[Bar, ...]:
    top = max((bar.value for bar in bars), default=0) or 1
    return tuple(replace(bar, length=room * bar.value / top) for bar in bars)


def _count_chart(cases: list[Case], key: str, title: str) -> Chart:
    counts = Counter(value for case in cases for value in set(case.filter_values(key)))
    if key == "role":
        order = sorted(counts, key=lambda v: (ROLES.index(v) if v in ROLES else len(ROLES), v))
    else:
        order = sorted(counts, key=lambda v: (-counts[v], v))
    bars = [Bar(v, counts[v], f"{counts[v]} 件", urlencode({key: v}), counts[v]) for v in order]
    return Chart(key, title, "件", _scaled(bars, WIDTH - 60))


def charts(cases: list[Case]) -> list[Chart]:
    """The 类案分析 charts, in the order the page shows them."""
    years = Counter(case.year for case in cases)
    trend = [Bar(str(y), years[y], str(years[y]), urlencode({"year": y}), years[y]) for y in sorted(years)]
    result = [
        Chart("year", "历年案件数", "件", _scaled(trend, TREND_HEIGHT - 50), vertical=True),
        _count_chart(cases, "sector", "各领域案件数"),
        _count_chart(cases, "role", "各类人员案件数"),
        _count_chart(cases, "violations", "各类违纪违法行为"),
    ]
    totals, medians = [], []
    for sector, amounts in amounts_by_sector(cases).items():
        query, count = urlencode({"sector": sector}), sum(sector in c.filter_values("sector") for c in cases)
        total, median = sum(amounts), statistics.median(amounts)
        totals.append(Bar(sector, total, chinese_amount(total), query, count))
        medians.append(Bar(sector, median, chinese_amount(round(median)), query, count))
    totals.sort(key=lambda b: (-b.value, b.label))
    medians.sort(key=lambda b: (-b.value, b.label))
    result += [
        Chart("amount-total", "各领域涉案金额合计", "元", _scaled(totals, WIDTH - 90)),
        Chart("amount-median", "各领域涉案金额中位数", "元", _scaled(medians, WIDTH - 90)),
    ]
    return [chart for chart in result if chart.bars]


def amounts_by_sector(cases: list[Case]) -> dict[str, list[int]]:
    """The amounts of the cases that give one, by sector (a case counts in each of its sectors)."""
    amounts: dict[str, list[int]] = {}
    for case in cases:
        if case.amount is not None:
            for sector in dict.fromkeys(case.filter_values("sector")):
                amounts.setdefault(sector, []).append(case.amount)
    return amounts
