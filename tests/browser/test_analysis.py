"""类案分析 links and films in Chromium, on the analysis test site."""

from urllib.parse import parse_qs, urljoin, urlsplit

from tests.analysis.test_build import CASES, built, tables  # noqa: F401 - `built` is the shared site fixture
from tests.browser.conftest import serve


def test_every_chart_link_opens_the_library_with_that_many_cases(built, browser):  # noqa: F811
    url, stop = serve(built)
    page = browser.new_context(viewport={"width": 360, "height": 800}).new_page()
    fields = {
        "sector": lambda c: c[1],
        "role": lambda c: [c[2]],
        "violations": lambda c: c[3],
        "year": lambda c: [c[5][:4]],
    }
    try:
        page.goto(url + "analysis/")
        hrefs = page.locator(".qf-chart a").evaluate_all("links => links.map(a => a.href.baseVal || a.href)")
        assert len(hrefs) == 2 * sum(len(rows) for rows in tables(page.content()).values())  # bar and table row
        for href in hrefs:
            target = urljoin(url + "analysis/", href)
            [(key, [value])] = parse_qs(urlsplit(target).query).items()
            expected = sum(value in fields[key](case) for case in CASES)
            page.goto(target)
            assert page.locator("[data-qf-count]").inner_text() == str(expected), target
    finally:
        page.context.close()
        stop()


def test_a_film_is_not_downloaded_until_started(built, browser):  # noqa: F811
    url, stop = serve(built)
    page = browser.new_context(viewport={"width": 360, "height": 800}).new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    try:
        for path in ("cases/2024-c/", "films/"):
            page.goto(url + path, wait_until="networkidle")
            assert page.locator("video").get_attribute("preload") == "none"
        assert not any(r.endswith(".mp4") for r in requested)
        assert any(r.endswith("film.jpg") for r in requested)  # the poster shows
    finally:
        page.context.close()
        stop()
