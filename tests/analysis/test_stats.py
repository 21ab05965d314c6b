"""类案分析 figures and chart geometry, computed without a build; and the library's facets beside them."""

import dataclasses
import itertools
import unicodedata

import pytest
from qingfeng.analysis import stats
from qingfeng.cases.library import facets

# The page's CSS sets labels at 13px and values at 12px (analysis.css); a wide character is one em.
LABEL_PX, VALUE_PX = 13, 12


def text_width(text: str, px: float) -> float:
    """Generous: wide characters an em, others 0.6 em (digits of a serif face are narrower)."""
    return sum(px if unicodedata.east_asian_width(ch) in "WF" else 0.6 * px for ch in text)


def cases_of(site, rows):
    """rows: (sectors, role, violations, amount, date)."""
    for n, (sectors, role, violations, amount, date) in enumerate(rows):
        site.case(f"{date[:4]}-c{n}", sector=sectors, role=role, violations=violations, amount=amount, date=date)
    return site.load().cases


# Counts: 教育 3; 医疗卫生 and 工程建设 2 each (a tie: code-point order, 医 U+533B before 工 U+5DE5).
# Roles: 一般干部 is the most common but ROLES ranks it last.
ROWS = [
    (["教育"], "一般干部", ["受贿"], 2_000_000, "2025-01"),
    (["教育", "工程建设"], "一般干部", ["受贿"], 500_000, "2024-01"),
    (["教育", "医疗卫生"], "一般干部", ["贪污"], None, "2024-05"),
    (["工程建设"], "关键岗位", ["贪污"], 9_000, "2022-03"),
    (["医疗卫生"], "一把手", ["滥用职权"], 1_250_000, "2020-07"),
]


@pytest.fixture
def cases(site):
    return cases_of(site, ROWS)


def chart(charts, key):
    [found] = [c for c in charts if c.key == key]
    return found


def test_counts_are_ordered_alike_in_the_library_and_the_charts(cases):
    charts = stats.charts(cases)
    library = {facet.key: [value for value, _ in facet.values] for facet in facets(cases)}
    expected = {
        "sector": ["教育", "医疗卫生", "工程建设"],  # most common first, ties by code point
        "role": ["一把手", "关键岗位", "一般干部"],  # by rank, not by count
        "violations": ["受贿", "贪污", "滥用职权"],  # 受 U+53D7 before 贪 U+8D2A
    }
    for key, order in expected.items():
        assert [bar.label for bar in chart(charts, key).bars] == order, key
        assert library[key] == order, key
    assert library["year"] == ["2025", "2024", "2022", "2020"]  # the library lists the newest first
    assert [bar.label for bar in chart(charts, "year").bars] == ["2020", "2022", "2024", "2025"]  # time runs right


def test_roles_outside_the_ranks_follow_them_in_code_point_order(cases):
    # The model only lets ROLES through; a role it might learn later still sorts the same everywhere.
    odd = [dataclasses.replace(cases[0], role="甲"), dataclasses.replace(cases[1], role="乙"), *cases[2:]]
    order = ["一把手", "关键岗位", "一般干部", "乙", "甲"]  # 乙 U+4E59 before 甲 U+7532
    assert [bar.label for bar in chart(stats.charts(odd), "role").bars] == order
    assert [value for value, _ in facets(odd)[1].values] == order


def test_bars_open_the_library_with_chinese_as_written(cases):
    charts = stats.charts(cases)
    # Chinese is left as characters so the traditional mirror converts the link with the page.
    assert chart(charts, "sector").bars[0].query == "sector=教育"
    assert chart(charts, "role").bars[0].query == "role=一把手"
    assert chart(charts, "year").bars[0].query == "year=2020"
    # 教育 2,500,000 yuan, 医疗卫生 1,250,000, 工程建设 509,000: the largest total first.
    totals = chart(charts, "amount-total").bars
    assert [bar.query for bar in totals] == ["sector=教育", "sector=医疗卫生", "sector=工程建设"]
    assert [bar.cases for bar in totals] == [3, 2, 2]  # what the library shows: amount or not


def test_rows_sit_in_their_rows_and_fit_the_drawing(cases):
    for chart_ in stats.charts(cases):
        if chart_.vertical:
            continue
        longest = max(mark.bar.value for mark in chart_.marks)
        widest = max(mark.width for mark in chart_.marks)
        for index, mark in enumerate(chart_.marks):
            top, bottom = index * stats.ROW, (index + 1) * stats.ROW
            label, value = mark.label, mark.value
            assert label.x == mark.x == 0 and chart_.anchor == "start"
            assert top + LABEL_PX <= label.y < mark.y < mark.y + mark.height <= bottom, (chart_.key, index)
            assert mark.y < value.y <= mark.y + mark.height  # printed level with its bar
            assert value.x > mark.x + mark.width  # after the bar's end
            assert value.x + text_width(mark.bar.text, VALUE_PX) <= chart_.width, mark.bar.text
            assert text_width(mark.bar.label, LABEL_PX) <= chart_.width
            assert mark.width == pytest.approx(widest * mark.bar.value / longest, abs=0.1)
            assert mark.height > 0
        assert chart_.height >= len(chart_.marks) * stats.ROW


def test_the_trend_stands_on_one_baseline_in_equal_columns(cases):
    trend = chart(stats.charts(cases), "year")
    column = trend.width / len(trend.marks)
    base = trend.marks[0].y + trend.marks[0].height
    tallest = max(mark.height for mark in trend.marks)
    most = max(mark.bar.value for mark in trend.marks)
    assert trend.anchor == "middle"
    for index, mark in enumerate(trend.marks):
        middle = (index + 0.5) * column
        assert mark.y + mark.height == pytest.approx(base, abs=0.1)
        assert mark.x + mark.width / 2 == pytest.approx(middle, abs=0.1)  # centred in its column
        assert index * column < mark.x and mark.x + mark.width < (index + 1) * column  # bars do not touch
        assert mark.value.x == mark.label.x == pytest.approx(middle, abs=0.05)
        assert VALUE_PX <= mark.value.y < mark.y  # above its bar, inside the drawing
        assert base + LABEL_PX <= mark.label.y <= trend.height  # the years under the bars
        assert mark.height == pytest.approx(tallest * mark.bar.value / most, abs=0.1)
    assert trend.height - LABEL_PX > base


@pytest.mark.parametrize("years", [1, 4, 8, 9, 12, 17, 24])
def test_the_trend_names_as_many_years_as_have_room(site, years):
    rows = [(["教育"], "一把手", ["受贿"], None, f"{2000 + n}-01") for n in range(years)]
    trend = chart(stats.charts(cases_of(site, rows)), "year")
    named = [index for index, mark in enumerate(trend.marks) if mark.label]
    column = trend.width / years
    assert named[0] == 0 and named[-1] == years - 1  # the first and the latest year
    if column >= stats.YEAR_WIDTH:
        assert named == list(range(years))  # room for every year
    regular = named[:-1] or named
    steps = {b - a for a, b in itertools.pairwise(regular)}
    assert len(steps) <= 1  # evenly spaced
    for step in steps:
        assert step * column >= stats.YEAR_WIDTH >= text_width("2025", LABEL_PX)  # room between them
        assert (step - 1) * column < stats.YEAR_WIDTH  # and no more years left out than need be
