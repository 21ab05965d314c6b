"""Attack 11: every page of the hostile-text build (attack 3) in Chromium: no payload runs, nothing leaves.

Visits every page, answers a quiz, searches and filters the library; after
each step no `window.__pwned…` may exist, and no request may go anywhere but
the local server.
"""

import contextlib
import re
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import serve
from tests.security.payloads import CASE

PWNED = "Object.getOwnPropertyNames(window).filter(k => k.startsWith('__pwned'))"


@pytest.fixture(scope="module")
def served(payload_site):
    assert payload_site.build.returncode == 0, payload_site.build.stderr[-4000:]
    url, stop = serve(payload_site.site)
    yield url, payload_site.site
    stop()


class Visit:
    def __init__(self, browser, base_url):
        self.base = base_url
        self.origin = urlsplit(base_url).netloc
        self.foreign: list[str] = []
        self.dialogs: list[str] = []
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
        self.context.on("request", self._request)
        self.page = self.context.new_page()
        self.page.on("dialog", self._dialog)

    def _request(self, request):
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob", "about"):
            return
        if parts.netloc != self.origin:
            self.foreign.append(request.url)

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def pwned(self) -> list[str]:
        found = self.page.evaluate(PWNED)
        for frame in self.page.frames[1:]:
            with contextlib.suppress(Exception):
                found += frame.evaluate(PWNED)
        return found

    def close(self):
        self.context.close()


@pytest.fixture
def visit(browser, served):
    visit = Visit(browser, served[0])
    yield visit
    visit.close()


def pages(site_dir):
    out = []
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir).as_posix()
        out.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return out


def test_every_page(visit, served):
    url, site_dir = served
    urls = pages(site_dir)
    assert any(u.startswith("cases/") for u in urls), urls
    bad = {}
    for rel in urls:
        visit.page.goto(url + rel, wait_until="load")
        visit.page.wait_for_timeout(50)  # let onload/onerror handlers fire
        found = visit.pwned()
        if found:
            bad[rel] = found
    assert not bad, bad
    assert not visit.dialogs, visit.dialogs
    assert not visit.foreign, sorted(set(visit.foreign))[:20]


@pytest.mark.parametrize("quiz", ["quizzes/xss/", f"cases/{CASE}/", "packs/xss/"])
def test_answer_a_quiz(visit, served, quiz):
    url, site_dir = served
    if not (site_dir / quiz / "index.html").exists():
        quizzes = [p for p in pages(site_dir) if "quiz" in p]
        pytest.fail(f"no quiz page at /{quiz}; quiz pages: {quizzes}")
    visit.page.goto(url + quiz)
    questions = visit.page.locator("[data-qf-question]:visible")
    assert questions.count() > 0, "no question shown"
    for n in range(questions.count()):
        questions.nth(n).locator("input").first.check()
    visit.page.get_by_role("button", name="提交").click()
    visit.page.locator("[data-qf-score]").wait_for()
    visit.page.wait_for_timeout(200)
    assert visit.pwned() == []
    assert not visit.foreign, visit.foreign


QUERIES = {"marker": "pwned", "bold-text": "粗", "script": "script", "bank-title": "题库"}


@pytest.mark.parametrize("query", list(QUERIES.values()), ids=list(QUERIES))
def test_search(visit, served, query):
    url, _ = served
    visit.page.goto(url + "cases/")
    visit.page.keyboard.press("/")
    visit.page.get_by_role("textbox", name="搜索").fill(query)
    status = visit.page.get_by_role("dialog").get_by_role("status")
    status.filter(has_text=re.compile("找到")).wait_for(timeout=15000)  # its results, or that there are none
    visit.page.wait_for_timeout(300)
    assert visit.pwned() == []
    assert not visit.foreign, visit.foreign


def test_library_filters(visit, served):
    url, _ = served
    visit.page.goto(url + "cases/")
    controls = visit.page.locator("select:visible, input[type=checkbox]:visible, button[data-qf-filter]:visible")
    for n in range(min(controls.count(), 12)):
        control = controls.nth(n)
        tag = control.evaluate("e => e.tagName")
        if tag == "SELECT":
            for value in control.locator("option").evaluate_all("os => os.map(o => o.value)"):
                control.select_option(value)
        else:
            control.click()
    visit.page.wait_for_timeout(200)
    assert visit.pwned() == []
    assert not visit.foreign, visit.foreign
