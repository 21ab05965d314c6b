"""Case library filters work in the browser, without a server: on the main site and on the mirror."""

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import SCRIPTS, serve
from tests.conftest import Site

MIRROR = SCRIPTS["mirror"]


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    """The served build: the main site at the root, its mirror under zh-hant/ of the same folder.
    Two cases a page, so that filters must find cases the page does not list."""
    site = Site(tmp_path_factory.mktemp("library")).options("qingfeng/cases", library_page_size=2)
    site.case("2025-a", title="甲案", sector=["教育", "校园餐"], role="一把手", region="重庆市九龙坡区", date="2025-03")
    site.case("2025-b", title="乙案", sector=["醫療衛生"], role="班子成員", region="贵州省某县", date="2025-01")
    site.case("2024-c", title="丙案", sector=["医疗卫生"], role="一把手", region="贵州省某县", date="2024-06")
    site.case("2023-d", title="丁案", sector=["教育"], role="一般干部", region="江西省上饶市", date="2023")
    site.case("2022-e", title="戊案", sector=["教育"], role="一般干部", region="江西省上饶市", date="2022")
    url, stop = serve(site.built())
    yield url
    stop()


@pytest.fixture
def cases(library, script):
    return library + script.prefix + "cases/"


def visible_titles(page):
    return [t for t in page.locator(".qf-case-item:visible .qf-case-item__title").all_inner_texts()]


def filtered(page, select, value, count):
    """The titles listed once a filter's choice shows its count (the data may load first)."""
    page.select_option(f"select[name={select}]", value)
    expect(page.locator("[data-qf-count]")).to_have_text(count)
    return visible_titles(page)


def test_pages_of_cases_newest_first_with_count(page, cases, script):
    loaded = []
    page.on("request", lambda request: loaded.append(request.url))
    page.goto(cases)
    assert visible_titles(page) == [script.t("甲案"), script.t("乙案")]
    count = "共 5 件案例，按处理时间从新到旧排列，本页是第 1–2 件。"
    assert page.locator(".qf-library__count").inner_text() == script.t(count)
    page.get_by_role("navigation", name=script.t("案例库的页")).get_by_role("link", name=script.t("下一页")).click()
    page.wait_for_url(cases + "page_2/")
    assert visible_titles(page) == [script.t("丙案"), script.t("丁案")]
    page.get_by_role("link", name="3", exact=True).click()
    page.wait_for_url(cases + "page_3/")
    assert visible_titles(page) == [script.t("戊案")]
    assert not [url for url in loaded if "library.data" in url]  # only filtering needs every case


def test_filters_combine_and_ignore_script(page, cases, script):
    page.goto(cases)
    # one written 醫療衛生, one 医疗卫生
    assert filtered(page, "sector", script.t("医疗卫生"), "2") == [script.t("乙案"), script.t("丙案")]
    assert filtered(page, "role", script.t("一把手"), "1") == [script.t("丙案")]
    assert "sector=" in page.url and "role=" in page.url
    assert page.url.startswith(cases + "?")
    assert filtered(page, "year", "2023", "0") == []
    assert page.locator("[data-qf-empty]").inner_text() == script.t("没有符合条件的案例，请调整或清除筛选。")
    page.click("[data-qf-filters] button[type=reset]")
    page.wait_for_function("document.querySelector('[data-qf-count]').textContent === '5'")
    assert visible_titles(page) == [script.t("甲案"), script.t("乙案")]  # the page as built again
    assert page.get_by_role("navigation", name=script.t("案例库的页")).is_visible()


def test_a_filter_shows_a_page_of_matches_then_more(page, cases, script):
    page.goto(cases + "page_3/")
    assert filtered(page, "sector", script.t("教育"), "3") == [script.t("甲案"), script.t("丁案")]
    count = "共 3 件案例（全部 5 件），按处理时间从新到旧排列。"
    assert page.locator(".qf-library__count").inner_text() == script.t(count)
    assert not page.get_by_role("navigation", name=script.t("案例库的页")).is_visible()
    page.get_by_role("button", name=script.t("显示更多")).click()
    assert visible_titles(page) == [script.t("甲案"), script.t("丁案"), script.t("戊案")]
    assert not page.get_by_role("button", name=script.t("显示更多")).is_visible()
    page.get_by_role("link", name=script.t("戊案")).click()  # a link made in the browser
    page.wait_for_url(cases + "2022-e/")


def test_a_library_whose_data_cannot_load_says_so(page, cases, script):
    page.route("**/library.data.js", lambda route: route.abort())
    page.goto(cases)
    page.select_option("select[name=sector]", script.t("教育"))
    assert page.get_by_role("alert").inner_text() == script.t("案例数据未能载入，请检查网络后再选一次。")
    assert not page.locator("[data-qf-empty]").is_visible()


def test_region_and_year_filters_from_the_address(page, cases, script):
    page.goto(cases + f"?region={script.t('贵州省某县')}&year=2025")
    expect(page.locator("[data-qf-count]")).to_have_text("1")
    assert visible_titles(page) == [script.t("乙案")]
    assert page.locator("select[name=region]").input_value() == script.t("贵州省某县")


def test_the_mirror_filters_from_an_address_in_traditional_script(page, library):
    # Known by hand, not from OpenCC: the mirror really shows, and filters by, traditional text.
    page.goto(library + MIRROR.prefix + "cases/?sector=醫療衛生")
    expect(page.locator("[data-qf-count]")).to_have_text("2")
    assert visible_titles(page) == ["乙案", "丙案"]
    assert page.locator("select[name=sector]").input_value() == "醫療衛生"
    options = page.locator("select[name=sector] option").all_inner_texts()
    assert "醫療衛生（2）" in options and "校園餐（1）" in options
    assert not any("医疗" in option for option in options)


def test_case_page_links_back_into_filtered_library(page, cases, script):
    page.goto(cases + "2025-a/")
    page.get_by_label("案件要素").get_by_role("link", name=script.t("校园餐")).click()
    page.wait_for_url(cases + "?sector=*")
    expect(page.locator("[data-qf-count]")).to_have_text("1")
    assert visible_titles(page) == [script.t("甲案")]
    assert page.locator("select[name=sector]").input_value() == script.t("校园餐")


def test_a_chip_on_a_mirror_case_page_opens_the_mirror_library_filtered(page, library):
    cases = library + MIRROR.prefix + "cases/"
    page.goto(cases + "2024-c/")
    page.get_by_label("案件要素").get_by_role("link", name="醫療衛生").click()
    page.wait_for_url(cases + "?sector=*")
    assert parse_qs(urlsplit(page.url).query) == {"sector": ["醫療衛生"]}
    expect(page.locator("[data-qf-count]")).to_have_text("2")
    assert visible_titles(page) == ["乙案", "丙案"]


def test_without_javascript_every_page_of_the_list_is_shown(browser, cases, script):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(cases)
    assert visible_titles(page) == [script.t("甲案"), script.t("乙案")]
    assert not page.locator("[data-qf-filters]").is_visible()
    page.get_by_role("link", name=script.t("下一页")).click()
    assert visible_titles(page) == [script.t("丙案"), script.t("丁案")]
    context.close()
