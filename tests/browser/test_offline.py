"""The offline edition opened from disk in Chromium, as an office hands it out on a USB stick:
the sample site's downloads/offline.zip, unpacked, every page by file://."""

import re
import zipfile

import pytest

from tests.browser.conftest import search, search_text


@pytest.fixture(scope="module")
def offline(sample, tmp_path_factory):
    folder = tmp_path_factory.mktemp("usb")
    with zipfile.ZipFile(sample / "downloads/offline.zip") as archive:
        archive.extractall(folder)
    (top,) = folder.iterdir()
    return top


@pytest.fixture
def disk_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN")
    page = context.new_page()
    page.requests, page.errors = [], []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()
    assert not [url for url in page.requests if not url.startswith(("file:", "data:"))], page.requests
    assert page.errors == []


def test_menu_search_result_and_script_switch_work_from_disk(disk_page, offline):
    page = disk_page
    page.goto((offline / "index.html").as_uri())
    page.get_by_role("navigation", name="导航栏").get_by_role("link", name="案例库").click()
    assert page.url == (offline / "cases/index.html").as_uri()
    assert page.get_by_role("heading", level=1).inner_text() == "案例库"  # the page, not a folder listing
    first = search(page, "监督").first
    title = first.locator("h1").inner_text()
    first.click()
    assert re.fullmatch(re.escape((offline / "cases").as_uri()) + r"/[^/]+/index\.html\?h=.*", page.url)
    assert page.get_by_role("heading", level=1).first.inner_text() == title
    assert page.locator("article mark[data-md-highlight]").count() > 0
    page.get_by_role("link", name="繁體").first.click()
    assert "/zh-hant/cases/" in page.url and page.url.split("?")[0].endswith("/index.html")
    assert page.locator("html").get_attribute("lang") == "zh-Hant"
    search(page, "監督")
    assert "監督" in search_text(page)


def test_a_quiz_is_taken_and_its_case_links_open_from_disk(disk_page, offline):
    page = disk_page
    page.goto((offline / "index.html").as_uri())
    page.get_by_role("navigation", name="导航栏").get_by_role("link", name="廉政知识测试").click()
    page.locator("article").get_by_role("link").first.click()
    groups = page.locator("form").get_by_role("group").filter(visible=True)
    cases = page.locator("[data-qf-case]:visible a")  # the case a wrongly answered question comes from
    for _ in range(10):  # sets are drawn at random: until one has a case to point to
        groups.first.wait_for(state="visible")  # the quiz's script draws the set after the page loads
        count = groups.count()
        assert count > 0
        groups.evaluate_all("groups => groups.forEach(g => [...g.querySelectorAll('label')].pop().click())")
        page.get_by_role("button", name="提交").click()
        assert re.fullmatch(rf"\d+ / {count}（\d+%）", page.locator("[data-qf-score]").inner_text())
        if cases.count():
            break
        page.get_by_role("button", name="再测一次").click()
    assert cases.first.get_attribute("href").endswith("/index.html")  # a page, not a folder
    cases.first.click()
    assert page.url.endswith("/index.html") and "/cases/" in page.url
    page.get_by_label("案件要素").wait_for(state="visible")  # the URL changes before the page has loaded
