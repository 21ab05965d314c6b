"""Case write-ups: one test per error kind of CONTENT-FORMAT section 1."""

from pathlib import Path

import pytest

from tests.conftest import BODY, MEDIA_HEADS, case_body, find

PATH = "cases/2025-test-case.md"
REQUIRED = [
    "id",
    "title",
    "summary",
    "subject",
    "position",
    "role",
    "region",
    "sector",
    "violations",
    "outcome",
    "date",
    "source",
]


def test_a_valid_case_loads_with_typed_values(site):
    site.case(sector="教育", rules=["《中国共产党纪律处分条例》第一百零四条"])
    case = site.load().cases[0]
    assert case.sector == ("教育",)  # a single string is a one-item list
    assert case.amount_text == "161.0万元"
    assert str(case.date) == "2025-03"
    assert [s.kind.heading for s in case.sections] == ["案情", "以案说德", "以案说纪", "以案说法", "以案说责"]


@pytest.mark.parametrize("field", REQUIRED)
def test_missing_required_field(site, field):
    site.case(**{field: None}, file=PATH)
    assert "缺少" in find(site.problems(), PATH, f"字段 {field}").message


@pytest.mark.parametrize("field", ["publisher", "date"])
def test_missing_source_field(site, field):
    source = {"publisher": "某某日报", "date": "2026-01-22"}
    del source[field]
    site.case(source=source)
    assert "缺少" in find(site.problems(), PATH, f"字段 source.{field}").message


@pytest.mark.parametrize(
    "field, value",
    [
        ("title", ["列表"]),
        ("sector", {"a": 1}),
        ("amount", "一百万"),
        ("amount", 1.5),
        ("source", "重庆日报"),
    ],
)
def test_wrong_type(site, field, value):
    site.case(**{field: value})
    assert find(site.problems(), PATH, f"字段 {field}").message


@pytest.mark.parametrize("value", ["2025-13", "2025-02-30", "去年", "25-03", 202503, "2025/03"])
def test_bad_date(site, value):
    site.case(date=value)
    assert "日期" in find(site.problems(), PATH, "字段 date").message


@pytest.mark.parametrize("value", [2025, "2025", "2025-03", "2025-3-1", "2024-02-29"])
def test_good_dates(site, value):
    site.case(date=value)
    assert site.load().cases[0].date.year in (2024, 2025)


def test_bad_source_date(site):
    site.case(source={"publisher": "某某日报", "date": "2026-1-32"})
    find(site.problems(), PATH, "字段 source.date")


def test_unknown_role(site):
    site.case(role="局长")
    problem = find(site.problems(), PATH, "字段 role")
    assert "局长" in problem.message and "一把手" in problem.message


@pytest.mark.parametrize(
    "written, canonical", [("班子成員", "班子成员"), ("關鍵崗位", "关键岗位"), ("一般幹部", "一般干部")]
)
def test_role_in_traditional_script(site, written, canonical):
    site.case(role=written)
    assert site.load().cases[0].role == canonical


def test_duplicate_id_names_both_files(site):
    site.case("2025-same", file="cases/a.md")
    site.case("2025-same", file="cases/b.md")
    problem = find(site.problems(), "cases/b.md", "字段 id")
    assert "cases/a.md" in problem.message


@pytest.mark.parametrize("value", ["2025_Test", "案例一", "2025 test", "ABC"])
def test_id_pattern(site, value):
    site.case(value, file=PATH)
    assert "格式" in find(site.problems(), PATH, "字段 id").message


def test_summary_counts_characters_not_bytes(site):
    site.case(summary="字" * 120)
    site.load()
    site.case(summary="字" * 121)
    assert "120" in find(site.problems(), PATH, "字段 summary").message


@pytest.mark.parametrize("heading", ["案情", "以案说德", "以案说纪", "以案说法", "以案说责"])
def test_missing_required_heading(site, heading):
    sections = {h: t for h, t in BODY.items() if h != heading}
    site.case(body=case_body(sections))
    assert "缺少" in find(site.problems(), PATH, f"## {heading}").message


def test_duplicate_heading_even_across_scripts(site):
    site.case(body=case_body() + "## 以案說德\n\n再写一遍。\n")
    # Content is read in simplified script, so the heading is quoted so, with its line.
    problem = find(site.problems(), PATH, "## 以案说德")
    assert "重复" in problem.message and "行" in problem.where


def test_unknown_heading(site):
    site.case(body=case_body() + "## 以案说得\n\n笔误。\n")
    assert "未知" in find(site.problems(), PATH, "## 以案说得").message


def test_empty_required_section(site):
    site.case(body=case_body({**BODY, "以案说法": ""}))
    assert "空" in find(site.problems(), PATH, "## 以案说法").message


def test_traditional_headings_any_order_and_heading_inside_code_is_ignored(site):
    body = (
        "## 以案說責\n\n責任。\n\n## 案情\n\n事实。\n\n```\n## 以案说德\n```\n\n## 以案說德\n\n德。\n\n"
        "## 以案說紀\n\n紀。\n\n## 以案說法\n\n法。\n\n## 討論\n\n- 問題一？\n- 問題二？\n\n## 懺悔\n\n> 悔。\n"
    )
    site.case(body=body)
    case = site.load().cases[0]
    assert [s.kind.key for s in case.sections] == [
        "anqing",
        "shuo-de",
        "shuo-ji",
        "shuo-fa",
        "shuo-ze",
        "taolun",
        "chanhui",
    ]
    assert case.discussion == ("问题一？", "问题二？")  # the main site is in simplified script
    assert "## 以案说德" in case.section("anqing").markdown


def test_unknown_front_matter_key(site):
    site.case(sumary="拼错的字段")
    assert "未知字段" in find(site.problems(), PATH, "字段 sumary").message


def test_negative_amount(site):
    site.case(amount=-5)
    find(site.problems(), PATH, "字段 amount")


@pytest.mark.parametrize("field", ["file", "poster", "captions"])
def test_video_files_must_exist(site, field):
    for name in ("film.mp4", "film.jpg", "film.vtt"):
        site.write(f"content/media/{name}", MEDIA_HEADS[Path(name).suffix])
    video = {"file": "media/film.mp4", "title": "警示教育片", "poster": "media/film.jpg", "captions": "media/film.vtt"}
    site.case(video=video)
    assert site.load().cases[0].video.captions == "media/film.vtt"
    video[field] = "media/missing" + {"file": ".mp4", "poster": ".jpg", "captions": ".vtt"}[field]
    site.case(video=video)
    assert "不存在" in find(site.problems(), PATH, f"字段 video.{field}").message


def test_video_must_be_mp4_or_webm(site):
    site.write("content/media/film.avi", b"x")
    site.case(video={"file": "media/film.avi"})
    find(site.problems(), PATH, "字段 video.file")


def test_cases_sort_newest_first_then_by_id(site):
    site.case("b-2024", date="2024-12-01")
    site.case("a-2025", date="2025")
    site.case("c-2025", date="2025-01")
    site.case("b-2025", date="2025-01")
    assert [c.id for c in site.load().cases] == ["b-2025", "c-2025", "a-2025", "b-2024"]
