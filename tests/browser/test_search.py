"""Chinese full-text search in the browser (qingfeng/search), on the main site and on the mirror:
what it finds, what it loads, how a reader drives it."""

import re

import pytest

from tests.browser.conftest import search, search_text, serve
from tests.conftest import BODY, Site, case_body

# Words only the target case has, in the middle of its body: 巡察 reads the same in both scripts,
# 承揽 does not (承攬 on the mirror).
WORDS = ("巡察", "承揽")
TITLE = "目标案例：某中学原书记受贿案"
HOSTILE = '<img src=x onerror="window.__pwned=1">某所原所长"稽核"案&amp;'


@pytest.fixture(scope="module")
def search_site(tmp_path_factory):
    site = Site(tmp_path_factory.mktemp("search"))
    facts = "2024年底，县委巡察组进驻该校，发现其前妻名下公司长期承揽学校业务，且消毒房项目付款明显高于中标价。"
    site.case("2025-target", title=TITLE, body=case_body({**BODY, "案情": facts}))
    for n in range(4):
        site.case(f"2024-other-{n}", title=f"其他案例{n}", date="2024")
    site.case("2023-hostile", title=HOSTILE, body=case_body({**BODY, "案情": "该所财务稽核流于形式。"}), date="2023")
    url, stop = serve(site.built())
    yield url
    stop()


def hrefs(links) -> list[str]:
    return links.evaluate_all("links => links.map(a => a.href.split('?')[0])")


@pytest.mark.parametrize("word", WORDS)
def test_a_word_in_the_middle_of_a_case_body_finds_that_case(page, search_site, script, word):
    page.goto(search_site + script.prefix)
    links = search(page, script.t(word))
    text = search_text(page)
    assert script.t(TITLE) in text
    assert script.t("其他案例") not in text
    assert hrefs(links) == [search_site + script.prefix + "cases/2025-target/"]  # on the same site


def test_the_mirror_finds_a_case_by_a_word_in_traditional_script(page, search_site):
    page.goto(search_site + "zh-hant/")
    # Known by hand, not from OpenCC: the mirror's index is in traditional script.
    search(page, "承攬")
    assert "目標案例：某中學原書記受賄案" in search_text(page)


@pytest.mark.parametrize("query", ["巡察组进驻该校", "巡察 承揽", "消", "2024年底"])
def test_longer_shorter_and_several_words_find_the_case_that_has_them(page, search_site, query):
    page.goto(search_site)
    assert search_site + "cases/2025-target/" in hrefs(search(page, query))


def test_a_query_nothing_has_says_so(page, search_site):
    page.goto(search_site)
    search(page, "巡察")  # the index is loaded
    page.get_by_role("textbox", name="搜索").fill("量子计算")
    status = page.get_by_role("dialog").get_by_role("status")
    status.filter(has_text="没有找到符合条件的结果").wait_for()
    assert page.get_by_role("dialog").get_by_role("link").count() == 0


def test_a_first_view_loads_no_search_data_and_a_query_only_what_it_needs(page, search_site):
    loaded = []
    page.on("request", lambda request: loaded.append(request.url))
    page.goto(search_site + "cases/2025-target/", wait_until="networkidle")
    assert not [url for url in loaded if "/search/" in url]
    search(page, "巡察")
    index = [url for url in loaded if "/search/" in url]
    assert len([url for url in index if "/search/index.js" in url]) == 1
    assert len([url for url in index if re.search(r"/search/\w+/\d+\.js$", url)]) == 1  # one term, one shard
    assert len([url for url in index if "/d/" in url]) == 1  # the one result's page


def test_a_result_opens_its_page_with_the_words_marked(page, search_site, script):
    page.goto(search_site + script.prefix)
    search(page, script.t("承揽")).first.click()
    page.wait_for_url(re.compile(r"/cases/2025-target/\?h="))
    marks = page.locator("article mark[data-md-highlight]")
    assert marks.count() >= 1
    assert set(marks.all_inner_texts()) == {script.t("承揽")}


def test_titles_and_texts_are_shown_as_text(page, search_site):
    page.goto(search_site)
    search(page, "稽核")
    dialog = page.get_by_role("dialog")
    assert HOSTILE in dialog.inner_text()
    assert dialog.locator("img").count() == 0
    assert page.evaluate("window.__pwned") is None


def test_search_by_keyboard_alone(page, search_site):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(search_site)
    page.keyboard.press("/")
    page.keyboard.type("巡察")
    first = page.get_by_role("dialog").get_by_role("link").first
    first.wait_for()
    page.keyboard.press("ArrowDown")
    assert first.evaluate("a => a === document.activeElement")
    page.keyboard.press("Escape")
    assert not page.locator("#__search").is_checked()  # the results are closed
    page.keyboard.press("/")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/cases/2025-target/"))
