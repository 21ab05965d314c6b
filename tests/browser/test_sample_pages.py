"""The sample site in the browser: own origin only, phone width, print."""

import pytest

from tests.browser.conftest import serve


@pytest.mark.parametrize(
    "path", ["", "cases/", "cases/2025-jlp-hongguang/", "cases/2023-gz-yiyuan/", "tags/", "zh-hant/cases/"]
)
def test_pages_fetch_only_from_their_own_origin_and_only_what_they_show(browser, sample, path):
    url, stop = serve(sample)
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url + path, wait_until="networkidle")
    first_view = list(requests)
    page.locator("label[for='__search']:visible").first.click()  # opens search
    page.wait_for_load_state("networkidle")
    context.close()
    stop()
    assert requests and all(r.startswith(url) or r.startswith("data:") for r in requests), requests
    # Nothing the page does not show: no search data before search is opened, no sitemap ever.
    assert not [r for r in first_view if "/search/" in r or "sitemap" in r], first_view
    opened = [r.split("?")[0] for r in requests[len(first_view) :]]
    site = "zh-hant/" if path.startswith("zh-hant/") else ""  # each site has its own index
    assert opened == [f"{url}{site}search/index.js"], opened  # which index is current


def test_case_page_fits_a_360px_phone_and_prints_without_chrome(browser, sample):
    url, stop = serve(sample)
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.goto(url + "cases/2025-jlp-hongguang/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.get_by_label("案件要素").is_visible()
    page.emulate_media(media="print")
    assert not page.get_by_role("banner").is_visible()  # the header with the site's name and search
    assert not page.get_by_role("navigation", name="导航栏").is_visible()
    assert page.locator("#shuo-ze").is_visible()
    context.close()
    stop()
