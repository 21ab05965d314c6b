"""Study packs and case filters (CONTENT-FORMAT section 3)."""

import pytest

from tests.conftest import find, markdown

PATH = "content/packs/pack.md"


def write_pack(site, **meta):
    site.write(PATH, markdown({"pack": "jiaoyu-2026", "title": "教育系统警示教育学习包", **meta}, "会议议程"))


@pytest.fixture
def cases(site):
    q = [{"id": "q1", "type": "judge", "stem": "对吗？", "answer": True}]
    site.case("2025-a", sector=["醫療衛生"], role="一把手", date="2025-05", questions=q)
    site.case("2024-b", sector=["医疗卫生", "国企"], role="班子成员", date="2024")
    site.case("2025-c", sector=["教育"], role="一把手", date="2025-05")
    return site


def test_explicit_list_keeps_its_order(cases):
    write_pack(cases, cases=["2024-b", "2025-a"])
    assert cases.load().packs[0].cases == ("2024-b", "2025-a")


def test_filter_ignores_script_and_sorts_newest_first_then_id(cases):
    write_pack(cases, select={"sector": "医疗卫生"})
    assert cases.load().packs[0].cases == ("2025-a", "2024-b")


def test_every_key_must_match_and_a_list_means_any(cases):
    write_pack(cases, select={"sector": ["教育", "醫療衛生"], "role": "一把手", "year": 2025})
    assert cases.load().packs[0].cases == ("2025-a", "2025-c")


def test_neither_cases_nor_select(cases):
    write_pack(cases)
    find(cases.problems(), PATH, "cases/select")


def test_both_cases_and_select(cases):
    write_pack(cases, cases=["2025-a"], select={"sector": "教育"})
    find(cases.problems(), PATH, "cases/select")


def test_unknown_case_id(cases):
    write_pack(cases, cases=["2025-a", "2099-x"])
    assert "2099-x" in find(cases.problems(), PATH, "字段 cases").message


def test_filter_that_selects_nothing(cases):
    write_pack(cases, select={"sector": "金融"})
    assert "没有选中" in find(cases.problems(), PATH, "字段 select").message


def test_unknown_filter_key(cases):
    write_pack(cases, select={"sectors": "教育"})
    find(cases.problems(), PATH, "字段 select.sectors")


def test_quiz_when_cases_have_no_questions(cases):
    write_pack(cases, cases=["2024-b", "2025-c"], quiz=True)
    assert "题目" in find(cases.problems(), PATH, "字段 quiz").message


def test_quiz_draw_count(cases):
    write_pack(cases, cases=["2025-a"], quiz=1)
    assert cases.load().packs[0].quiz == 1
    write_pack(cases, cases=["2025-a"], quiz=5)
    find(cases.problems(), PATH, "字段 quiz")


def test_required_pack_fields(cases):
    cases.write(PATH, markdown({"cases": ["2025-a"]}, ""))
    problems = cases.problems()
    find(problems, PATH, "字段 pack")
    find(problems, PATH, "字段 title")
