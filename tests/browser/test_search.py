"""Chinese full-text search with jieba segmentation, in the browser: on the main site and on the mirror."""

import pytest

from tests.browser.conftest import search, search_text, serve
from tests.conftest import BODY, Site, case_body

# Words only the target case has, in the middle of its body: 巡察 reads the same in both scripts,
# 承揽 does not (承攬 on the mirror).
WORDS = ("巡察", "承揽")
TITLE = "目标案例：某中学原书记受贿案"


@pytest.fixture(scope="module")
def search_site(tmp_path_factory):
    site = Site(tmp_path_factory.mktemp("search"))
    facts = "2024年底，县委巡察组进驻该校，发现其前妻名下公司长期承揽学校业务，且消毒房项目付款明显高于中标价。"
    site.case("2025-target", title=TITLE, body=case_body({**BODY, "案情": facts}))
    for n in range(4):
        site.case(f"2024-other-{n}", title=f"其他案例{n}", date="2024")
    url, stop = serve(site.built())
    yield url
    stop()


@pytest.mark.parametrize("word", WORDS)
def test_a_word_in_the_middle_of_a_case_body_finds_that_case(page, search_site, script, word):
    page.goto(search_site + script.prefix)
    links = search(page, script.t(word))
    text = search_text(page)
    assert script.t(TITLE) in text
    assert script.t("其他案例") not in text
    hrefs = links.evaluate_all("links => links.map(a => a.href)")
    assert hrefs[0] == search_site + script.prefix + "cases/2025-target/", hrefs  # on the same site


def test_the_mirror_finds_a_case_by_a_word_in_traditional_script(page, search_site):
    page.goto(search_site + "zh-hant/")
    # Known by hand, not from OpenCC: the mirror's index is in traditional script.
    search(page, "承攬")
    assert "目標案例：某中學原書記受賄案" in search_text(page)
