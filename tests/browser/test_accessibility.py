"""Accessibility of the sample site in Chromium.

axe-core (pinned in tests/a11y/package-lock.json, installed by scripts/test.sh)
must find nothing "serious" or "critical" on any page type, and pages must
reflow at 200% zoom on a 360 px phone (a 180 CSS px viewport) without
horizontal scrolling. A new page type is covered by adding its path to PAGES.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import search, serve

AXE = Path(__file__).resolve().parents[1] / "a11y" / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = ("serious", "critical")

# One page of each type of the sample site, relative to the site root.
PAGES = [
    "",  # home
    "cases/",  # case library
    "cases/2025-jlp-hongguang/",  # case page
    "packs/jiaoyu-2026/",  # 以案四说 pack
    "quizzes/lianzheng-2026/",  # online quiz
    "quizzes/lianzheng-2026/paper/",  # printable quiz paper
    "jiafeng/zhuzi-jiaxun/",  # 家风 page
    "park/",  # park index
    "park/kushan/",  # one park's boards (light page)
    "b/KS01/",  # board page a QR code opens (light page)
    "downloads/",  # PDFs
    "jiafeng/",  # 家风 index by kind
    "analysis/",  # 类案分析 charts
    "cases/confessions/",  # 忏悔录
    "films/",  # 警示教育片 (video with poster and subtitles)
    "zh-hant/cases/2025-jlp-hongguang/",  # the 繁體 mirror
]
VIEWPORTS = {"phone": 360, "desktop": 1280}
BOARDS = ["b/KS01/", "park/kushan/"]  # the light pages with the 大字 toggle

# Visible elements whose right edge is past the viewport, except inside a box
# that scrolls sideways by design (Material's wrapper around wide tables).
OVERFLOWING = """() => {
  const width = window.innerWidth;
  const contained = (el) => {
    for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
      if (["auto", "scroll"].includes(getComputedStyle(box).overflowX)) return true;
    }
    return false;
  };
  const out = [];
  for (const el of document.body.querySelectorAll("*")) {
    const rect = el.getBoundingClientRect();
    if (!rect.width || !rect.height || getComputedStyle(el).visibility === "hidden") continue;
    if (rect.right > width + 0.5 && !contained(el)) {
      const name = el.tagName.toLowerCase() + [...el.classList].map((c) => "." + c).join("");
      out.push(`${name} (right edge at ${Math.round(rect.right)} px)`);
    }
  }
  return out;
}"""


@pytest.fixture(scope="module")
def sample_url(sample):
    if not AXE.is_file():
        pytest.fail(f"axe-core missing: run `bash scripts/test.sh` (npm ci --prefix tests/a11y), expected {AXE}")
    url, stop = serve(sample)
    yield url
    stop()


def serious_violations(page) -> list[dict]:
    """Run axe-core on the page as it is now, once its transitions have ended (axe reads colours as
    drawn: mid-fade, as the search dialog opens, they are lighter); its serious and critical findings."""
    page.wait_for_function(
        "document.getAnimations().every(a => a.playState !== 'running'"
        " || a.effect.getComputedTiming().endTime === Infinity)"
    )
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run({resultTypes: ['violations']})")
    return [v for v in result["violations"] if v["impact"] in SERIOUS]


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            reasons = " / ".join(line.strip() for line in node["failureSummary"].splitlines()[1:])
            lines.append(f"    {' '.join(map(str, node['target']))}: {reasons}")
    return "\n".join(lines)


@pytest.fixture(scope="module", params=list(VIEWPORTS), ids=list(VIEWPORTS))
def viewport_page(request, browser):
    """One tab a width, each test opening its page in it as a reader follows links: what axe checks
    does not depend on the page before or on what is cached."""
    context = browser.new_context(viewport={"width": VIEWPORTS[request.param], "height": 800}, locale="zh-CN")
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", PAGES, ids=lambda path: "/" + path)
def test_axe_finds_nothing_serious(viewport_page, sample_url, path):
    viewport_page.goto(sample_url + path)
    violations = serious_violations(viewport_page)
    assert not violations, f"/{path}\n" + describe(violations)


def test_axe_finds_nothing_serious_in_the_open_search_dialog(viewport_page, sample_url):
    page = viewport_page
    page.goto(sample_url + "cases/")
    search(page, "受贿")
    violations = serious_violations(page)
    assert not violations, describe(violations)


def test_axe_finds_nothing_serious_in_quiz_feedback(page, sample_url):
    page.goto(sample_url + "quizzes/lianzheng-2026/")
    questions = page.locator("[data-qf-question]:visible")
    questions.first.locator("input").first.check()
    page.get_by_role("button", name="提交").click()  # the unanswered questions are pointed out
    assert page.locator("[aria-invalid=true]").count() > 0
    violations = serious_violations(page)
    assert not violations, describe(violations)
    for question in questions.all():
        question.locator("input").first.check()
    page.get_by_role("button", name="提交").click()  # right and wrong marks, explanations, the score
    page.get_by_role("status").filter(has_text="得分").wait_for()
    violations = serious_violations(page)
    assert not violations, describe(violations)


def assert_reflows(page, path: str) -> None:
    width = page.evaluate("window.innerWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width, f"/{path} scrolls sideways"
    outside = page.evaluate(OVERFLOWING)
    assert not outside, f"/{path}: " + "; ".join(outside[:20])


@pytest.fixture(scope="module")
def zoomed_page(browser):
    """A 360 px phone at 200% zoom: 180 CSS px wide. One tab for all pages, opened one after
    another as a reader follows links: none of these tests changes what the site remembers."""
    context = browser.new_context(viewport={"width": 180, "height": 400}, locale="zh-CN")
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", PAGES, ids=lambda path: "/" + path)
def test_page_reflows_at_200_percent_zoom_on_a_phone(zoomed_page, sample_url, path):
    zoomed_page.goto(sample_url + path)
    assert_reflows(zoomed_page, path)


@pytest.mark.parametrize("path", BOARDS, ids=lambda path: "/" + path)
def test_board_with_large_text_reflows_at_200_percent_zoom(zoomed_page, sample_url, path):
    zoomed_page.goto(sample_url + path)
    zoomed_page.get_by_text("大字", exact=True).click()
    assert zoomed_page.get_by_label("大字").is_checked()
    assert_reflows(zoomed_page, path)
