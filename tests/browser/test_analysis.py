"""类案分析 links (on the main site and the mirror) and films in Chromium, on the analysis test site."""

from urllib.parse import parse_qs, unquote, urljoin, urlsplit

from tests.analysis.test_build import CASES, built, tables  # noqa: F401 - `built` is the shared site fixture
from tests.browser.conftest import serve


def test_every_chart_link_opens_the_library_with_that_many_cases(built, browser, script):  # noqa: F811
    url, stop = serve(built)
    page = browser.new_context(viewport={"width": 360, "height": 800}).new_page()
    fields = {
        "sector": lambda c: c[1],
        "role": lambda c: [c[2]],
        "violations": lambda c: c[3],
        "year": lambda c: [c[5][:4]],
    }
    try:
        analysis = url + script.prefix + "analysis/"
        page.goto(analysis)
        hrefs = page.locator(".qf-chart a").evaluate_all("links => links.map(a => a.href.baseVal || a.href)")
        assert len(hrefs) == 2 * sum(len(rows) for rows in tables(page.content()).values())  # bar and table row
        values = set()
        # Bars and table rows often link the same view: each view is opened once. (SVG links keep
        # their characters where HTML ones are escaped.)
        targets = {unquote(urljoin(analysis, href)) for href in hrefs}
        for target in sorted(targets):
            assert target.startswith(url + script.prefix + "cases/?"), target  # the library of the same site
            [(key, [value])] = parse_qs(urlsplit(target).query).items()
            values.add(value)
            # The value as the cases' own field shows on this site, whichever script it is written in.
            expected = sum(value in map(script.t, fields[key](case)) for case in CASES)
            assert expected, target
            page.goto(target)
            assert page.locator("[data-qf-count]").inner_text() == str(expected), target
        assert {script.t("工程建设"), script.t("医疗卫生"), script.t("违反中央八项规定精神")} <= values
    finally:
        page.context.close()
        stop()


def test_a_chart_link_on_the_mirror_opens_the_mirror_library_in_traditional_script(built, browser):  # noqa: F811
    url, stop = serve(built)
    page = browser.new_context(viewport={"width": 360, "height": 800}).new_page()
    try:
        page.goto(url + "zh-hant/analysis/")
        # Known by hand, not from OpenCC: the mirror's chart and its link are in traditional script.
        page.locator("#sector th:has-text('工程建設') + td a").click()
        page.wait_for_url(url + "zh-hant/cases/?sector=*")
        assert parse_qs(urlsplit(page.url).query) == {"sector": ["工程建設"]}
        assert page.locator("select[name=sector]").input_value() == "工程建設"
        assert page.locator("[data-qf-count]").inner_text() == "3"
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
