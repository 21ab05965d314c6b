"""Chinese full-text search with jieba segmentation, in the browser."""

import pytest

from tests.browser.conftest import serve
from tests.conftest import BODY, Site, case_body

WORD = "巡察"


@pytest.fixture(scope="module")
def search_site(tmp_path_factory):
    site = Site(tmp_path_factory.mktemp("search"))
    facts = "2024年底，县委" + WORD + "组进驻该校，发现其前妻名下公司长期承揽学校业务，且消毒房项目付款明显高于中标价。"
    site.case("2025-target", title="目标案例：某中学原书记受贿案", body=case_body({**BODY, "案情": facts}))
    for n in range(4):
        site.case(f"2024-other-{n}", title=f"其他案例{n}", date="2024")
    url, stop = serve(site.built())
    yield url
    stop()


def test_a_word_in_the_middle_of_a_case_body_finds_that_case(page, search_site):
    page.goto(search_site)
    page.locator("label[for='__search']:visible").first.click()
    query = page.locator("input.md-search__input")
    query.fill(WORD)
    query.press("End")  # Material searches on keyup, which an input method fires when it commits
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=15000)
    text = page.locator(".md-search-result__list").inner_text().replace("\u200b", "")
    assert "目标案例：某中学原书记受贿案" in text
    assert "其他案例" not in text
    link = page.locator(".md-search-result__link").first.get_attribute("href")
    assert "cases/2025-target/" in link
