"""Case library filters work in the browser, without a server."""

import pytest

from tests.browser.conftest import serve
from tests.conftest import Site


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    site = Site(tmp_path_factory.mktemp("library"))
    site.case("2025-a", title="甲案", sector=["教育", "校园餐"], role="一把手", region="重庆市九龙坡区", date="2025-03")
    site.case("2025-b", title="乙案", sector=["醫療衛生"], role="班子成員", region="贵州省某县", date="2025-01")
    site.case("2024-c", title="丙案", sector=["医疗卫生"], role="一把手", region="贵州省某县", date="2024-06")
    site.case("2023-d", title="丁案", sector=["教育"], role="一般干部", region="江西省上饶市", date="2023")
    url, stop = serve(site.built())
    yield url + "cases/"
    stop()


def visible_titles(page):
    return [t for t in page.locator(".qf-case-item:visible .qf-case-item__title").all_inner_texts()]


def test_all_cases_newest_first_with_count(page, library):
    page.goto(library)
    assert visible_titles(page) == ["甲案", "乙案", "丙案", "丁案"]
    assert page.locator("[data-qf-count]").inner_text() == "4"


def test_filters_combine_and_ignore_script(page, library):
    page.goto(library)
    page.select_option("select[name=sector]", "医疗卫生")  # one written 醫療衛生, one 医疗卫生
    assert visible_titles(page) == ["乙案", "丙案"]
    assert page.locator("[data-qf-count]").inner_text() == "2"
    page.select_option("select[name=role]", "一把手")
    assert visible_titles(page) == ["丙案"]
    assert "sector=" in page.url and "role=" in page.url
    page.select_option("select[name=year]", "2023")
    assert visible_titles(page) == []
    assert page.locator("[data-qf-empty]").is_visible()
    page.click("[data-qf-filters] button[type=reset]")
    page.wait_for_function("document.querySelector('[data-qf-count]').textContent === '4'")
    assert len(visible_titles(page)) == 4


def test_region_and_year_filters_from_the_address(page, library):
    page.goto(library + "?region=贵州省某县&year=2025")
    assert visible_titles(page) == ["乙案"]
    assert page.locator("select[name=region]").input_value() == "贵州省某县"


def test_case_page_links_back_into_filtered_library(page, library):
    page.goto(library + "2025-a/")
    page.click(".qf-facts a:has-text('校园餐')")
    page.wait_for_url("**/cases/?sector=*")
    assert visible_titles(page) == ["甲案"]


def test_without_javascript_the_full_list_is_shown(browser, library):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(library)
    assert len(visible_titles(page)) == 4
    assert not page.locator("[data-qf-filters]").is_visible()
    context.close()
