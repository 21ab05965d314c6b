"""简体/繁體 switch, search and pinyin on 家风 pages, on the main site and the mirror: the sample site in Chromium."""

import pytest

from tests.browser.conftest import SCRIPTS, search, serve


@pytest.fixture
def site(sample):
    url, stop = serve(sample)
    yield url
    stop()


@pytest.mark.parametrize("path", ["cases/2025-jlp-hongguang/", "b/KS01/"])
def test_the_switch_goes_to_the_same_page_in_the_other_script_and_back(page, site, script, path):
    other = SCRIPTS["main" if script is SCRIPTS["mirror"] else "mirror"]
    page.goto(site + script.prefix + path)
    assert (page.evaluate("document.documentElement.lang") == "zh-Hant") == (script is SCRIPTS["mirror"])
    assert not page.get_by_role("link", name=script.label).is_visible()  # no link to the page itself
    page.get_by_role("link", name=other.label).click()
    page.wait_for_url(site + other.prefix + path)  # the next page loaded, not this one still
    assert (page.evaluate("document.documentElement.lang") == "zh-Hant") == (other is SCRIPTS["mirror"])
    assert not page.get_by_role("link", name=other.label).is_visible()
    page.get_by_role("link", name=script.label).click()
    page.wait_for_url(site + script.prefix + path)


def test_search_finds_cases_in_the_script_of_its_site(page, site, script):
    page.goto(site + script.prefix)
    links = search(page, script.t("监督")).evaluate_all("links => links.map(a => a.href)")  # 監督 on the mirror
    assert any(link.startswith(f"{site}{script.prefix}cases/") for link in links), links
    assert all(link.startswith(site + script.prefix) for link in links), links  # never the other site


def test_pinyin_shows_over_the_text_and_can_be_hidden_for_good(page, site, script):
    page.goto(site + script.prefix + "jiafeng/zhuzi-jiaxun/")
    first = page.locator(".md-content rt").first
    assert first.is_visible() and first.inner_text() == "lí"
    button = page.get_by_role("button", name=script.t("隐藏拼音"))
    button.click()
    assert not first.is_visible()
    page.reload()  # the choice is remembered on this device
    assert not page.locator(".md-content rt").first.is_visible()
    page.get_by_role("button", name=script.t("显示拼音")).click()
    assert page.locator(".md-content rt").first.is_visible()
