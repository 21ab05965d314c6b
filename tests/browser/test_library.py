"""Case library filters work in the browser, without a server: on the main site and on the mirror."""

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.conftest import SCRIPTS, serve
from tests.conftest import Site

MIRROR = SCRIPTS["mirror"]


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    """The served build: the main site at the root, its mirror under zh-hant/ of the same folder."""
    site = Site(tmp_path_factory.mktemp("library"))
    site.case("2025-a", title="甲案", sector=["教育", "校园餐"], role="一把手", region="重庆市九龙坡区", date="2025-03")
    site.case("2025-b", title="乙案", sector=["醫療衛生"], role="班子成員", region="贵州省某县", date="2025-01")
    site.case("2024-c", title="丙案", sector=["医疗卫生"], role="一把手", region="贵州省某县", date="2024-06")
    site.case("2023-d", title="丁案", sector=["教育"], role="一般干部", region="江西省上饶市", date="2023")
    url, stop = serve(site.built())
    yield url
    stop()


@pytest.fixture
def cases(library, script):
    return library + script.prefix + "cases/"


def visible_titles(page):
    return [t for t in page.locator(".qf-case-item:visible .qf-case-item__title").all_inner_texts()]


def test_all_cases_newest_first_with_count(page, cases, script):
    page.goto(cases)
    assert visible_titles(page) == [script.t(title) for title in ("甲案", "乙案", "丙案", "丁案")]
    assert page.locator("[data-qf-count]").inner_text() == "4"


def test_filters_combine_and_ignore_script(page, cases, script):
    page.goto(cases)
    page.select_option("select[name=sector]", script.t("医疗卫生"))  # one written 醫療衛生, one 医疗卫生
    assert visible_titles(page) == [script.t("乙案"), script.t("丙案")]
    assert page.locator("[data-qf-count]").inner_text() == "2"
    page.select_option("select[name=role]", script.t("一把手"))
    assert visible_titles(page) == [script.t("丙案")]
    assert "sector=" in page.url and "role=" in page.url
    assert page.url.startswith(cases + "?")
    page.select_option("select[name=year]", "2023")
    assert visible_titles(page) == []
    assert page.locator("[data-qf-empty]").inner_text() == script.t("没有符合条件的案例，请调整或清除筛选。")
    page.click("[data-qf-filters] button[type=reset]")
    page.wait_for_function("document.querySelector('[data-qf-count]').textContent === '4'")
    assert len(visible_titles(page)) == 4


def test_region_and_year_filters_from_the_address(page, cases, script):
    page.goto(cases + f"?region={script.t('贵州省某县')}&year=2025")
    assert visible_titles(page) == [script.t("乙案")]
    assert page.locator("select[name=region]").input_value() == script.t("贵州省某县")
    assert page.locator("[data-qf-count]").inner_text() == "1"


def test_the_mirror_filters_from_an_address_in_traditional_script(page, library):
    # Known by hand, not from OpenCC: the mirror really shows, and filters by, traditional text.
    page.goto(library + MIRROR.prefix + "cases/?sector=醫療衛生")
    assert visible_titles(page) == ["乙案", "丙案"]
    assert page.locator("[data-qf-count]").inner_text() == "2"
    assert page.locator("select[name=sector]").input_value() == "醫療衛生"
    options = page.locator("select[name=sector] option").all_inner_texts()
    assert "醫療衛生（2）" in options and "校園餐（1）" in options
    assert not any("医疗" in option for option in options)


def test_case_page_links_back_into_filtered_library(page, cases, script):
    page.goto(cases + "2025-a/")
    page.get_by_label("案件要素").get_by_role("link", name=script.t("校园餐")).click()
    page.wait_for_url(cases + "?sector=*")
    assert visible_titles(page) == [script.t("甲案")]
    assert page.locator("select[name=sector]").input_value() == script.t("校园餐")
    assert page.locator("[data-qf-count]").inner_text() == "1"


def test_a_chip_on_a_mirror_case_page_opens_the_mirror_library_filtered(page, library):
    cases = library + MIRROR.prefix + "cases/"
    page.goto(cases + "2024-c/")
    page.get_by_label("案件要素").get_by_role("link", name="醫療衛生").click()
    page.wait_for_url(cases + "?sector=*")
    assert parse_qs(urlsplit(page.url).query) == {"sector": ["醫療衛生"]}
    assert visible_titles(page) == ["乙案", "丙案"]
    assert page.locator("[data-qf-count]").inner_text() == "2"


def test_without_javascript_the_full_list_is_shown(browser, cases):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(cases)
    assert len(visible_titles(page)) == 4
    assert not page.locator("[data-qf-filters]").is_visible()
    context.close()
