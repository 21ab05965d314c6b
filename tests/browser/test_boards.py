"""Board pages as a visitor's phone gets them: light, readable without JavaScript."""

import gzip

import pytest
import yaml

from tests.browser.conftest import serve
from tests.conftest import Site, markdown

LIMIT = 60 * 1024  # everything the first view fetches, gzipped


@pytest.fixture(scope="module")
def boards(tmp_path_factory):
    site = Site(tmp_path_factory.mktemp("boards"))
    site.config["plugins"] = [
        p if p != "qingfeng/boards" else {"qingfeng/boards": {"pdf": False}} for p in site.config["plugins"]
    ]
    site.save_config()
    site.write(
        "site_config/parks.yml",
        yaml.safe_dump({"parks": [{"id": "kushan", "name": "枯山湿地公园"}]}, allow_unicode=True),
    )
    text = "东汉时，羊续出任南阳太守，府丞送来鲜鱼，他挂在院中，再送时指给对方看。" * 4
    for n, title in enumerate(("羊续悬鱼", "于谦拒礼", "焦裕禄"), start=1):
        site.write(
            f"content/park/kushan/{n}.md",
            markdown({"board": f"KS0{n}", "title": title, "theme": "廉洁典故", "location": "健康跑道"}, text),
        )
    for n in range(30):  # a site with some weight: the board page must not carry it
        site.case(f"2025-case-{n}")
    url, stop = serve(site.built())
    yield url
    stop()


def weight(page, url):
    sizes = {}

    def record(response):
        try:
            sizes[response.url] = len(gzip.compress(response.body()))
        except Exception:  # redirects have no body
            sizes[response.url] = 0

    page.on("response", record)
    page.goto(url, wait_until="networkidle")
    return sizes


def test_first_view_weighs_at_most_60kb_gzipped_and_loads_no_search(page, boards):
    sizes = weight(page, boards + "b/KS02/")
    assert sum(sizes.values()) <= LIMIT, sizes
    assert not any("search" in url or url.endswith(".js") for url in sizes), sizes


def test_readable_without_javascript_with_large_text_and_an_enlarge_control(browser, boards):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(boards + "b/KS02/")
    assert page.locator("h1").inner_text() == "于谦拒礼"
    assert page.get_by_text("羊续出任南阳太守").first.is_visible()

    def size():
        return float(page.evaluate("getComputedStyle(document.querySelector('.qf-text p')).fontSize")[:-2])

    assert size() >= 18
    page.get_by_text("大字").click()
    assert size() >= 24
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_role("link", name="下一块：焦裕禄 →").click()
    assert page.url.endswith("/b/KS03/")
    page.get_by_role("link", name="枯山湿地公园：全部展板").click()
    assert page.url.endswith("/park/kushan/")
    context.close()


def test_enlarge_control_works_by_keyboard(page, boards):
    page.goto(boards + "b/KS01/")
    page.keyboard.press("Tab")  # the first stop on the page
    large = page.get_by_label("大字")
    assert large.evaluate("control => control === document.activeElement")
    page.keyboard.press("Space")
    assert large.is_checked()


def test_text_has_high_contrast(page, boards):
    page.goto(boards + "b/KS01/")
    colours = page.evaluate("""() => {
        const p = getComputedStyle(document.querySelector('.qf-text p'));
        const b = getComputedStyle(document.body);
        return [p.color, b.backgroundColor];
    }""")
    assert colours == ["rgb(17, 17, 17)", "rgb(255, 255, 255)"]
