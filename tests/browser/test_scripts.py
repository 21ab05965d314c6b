"""简体/繁體 switch, search in the mirror, pinyin on 家风 pages: the sample site in Chromium."""

import pytest

from tests.browser.conftest import serve


@pytest.fixture
def site(sample):
    url, stop = serve(sample)
    yield url
    stop()


@pytest.mark.parametrize("path", ["cases/2025-jlp-hongguang/", "b/KS01/"])
def test_the_switch_goes_to_the_same_page_in_the_other_script_and_back(page, site, path):
    page.goto(site + path)
    page.get_by_role("link", name="繁體").click()
    assert page.url == f"{site}zh-hant/{path}"
    assert page.evaluate("document.documentElement.lang") == "zh-Hant"
    assert not page.get_by_role("link", name="繁體").is_visible()
    page.get_by_role("link", name="简体").click()
    assert page.url == site + path


def test_searching_the_mirror_in_traditional_script_finds_cases(page, site):
    page.goto(site + "zh-hant/")
    page.locator("label[for='__search']:visible").first.click()
    query = page.locator("input.md-search__input")
    query.fill("監督")
    query.press("End")
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    links = page.locator(".md-search-result__link").evaluate_all("links => links.map(a => a.href)")
    assert any(f"{site}zh-hant/cases/" in link for link in links), links


def test_pinyin_shows_over_the_text_and_can_be_hidden_for_good(page, site):
    page.goto(site + "jiafeng/zhuzi-jiaxun/")
    first = page.locator(".md-content rt").first
    assert first.is_visible() and first.inner_text() == "lí"
    button = page.get_by_role("button", name="隐藏拼音")
    button.click()
    assert not first.is_visible()
    page.reload()  # the choice is remembered on this device
    assert not page.locator(".md-content rt").first.is_visible()
    page.get_by_role("button", name="显示拼音").click()
    assert page.locator(".md-content rt").first.is_visible()
