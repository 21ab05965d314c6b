"""Real builds of small sites: case pages and the case library."""

import json
import re
from html import unescape

import pytest

from tests.conftest import BODY, case_body, search_docs, shared

PAYLOAD = "</title><script>alert(1)</script><img src=x onerror=alert(2)> & 公司"


def sections(html: str) -> list[str]:
    return re.findall(r'<h2 id="([a-z-]+)"', html)


@pytest.fixture(scope="module")
def pages(new_site):
    """One site holding what each page test below reads, built once: every test reads its own pages.

    The library test, which counts every case, and the failing build have sites of their own.
    """
    site = new_site("pages")
    body = "## 讨论\n\n- 问题一？\n\n" + case_body(dict(reversed(list(BODY.items()))))
    site.case(
        "2025-hongguang",
        body=body,
        rules=["《中华人民共和国刑法》第三百八十五条"],
        source={"publisher": "重庆日报", "date": "2026-01-22", "url": "https://example.cn/a.html"},
    )
    body = "".join(f"## {h}\n\n內容。\n\n" for h in ("案情", "以案說德", "以案說紀", "以案說法", "以案說責", "討論"))
    site.case("2024-fanti", body=body, role="班子成員", sector=["醫療衛生"])
    for n in range(5):
        site.case(f"2025-case-{n}", title=f"案例{n}")
    site.case("2025-xss", title=PAYLOAD, summary=PAYLOAD, subject=PAYLOAD, sector=[PAYLOAD])
    site.write(
        "content/quizzes/bank.yml",
        "id: b\ntitle: 题库\nquestions:\n  - {id: q, type: judge, stem: 对吗, answer: true}\n",
    )
    site.write("content/data/extra.yaml", "a: 1\n")
    site.write("content/about.md", '---\ntitle: "<img src=x onerror=alert(1)> 关于"\n---\n\n正文\n')
    site.config["nav"] += [{"案例": "cases/2025-xss.md"}, "about.md"]
    site.save_config()
    with shared(site):
        yield site


def test_case_page_has_facts_card_and_lessons_in_order(pages):
    html = pages.html("cases/2025-hongguang/index.html")
    assert sections(html) == ["anqing", "shuo-de", "shuo-ji", "shuo-fa", "shuo-ze", "taolun", "rules"]
    for heading in ("以案说德", "以案说纪", "以案说法", "以案说责"):
        assert f">{heading}</h2>" in html
    assert html.count('class="qf-section qf-section--shuo') == 4
    assert "161.0万元" in html
    assert "2025年3月" in html
    assert 'href="https://example.cn/a.html"' in html
    assert "第三百八十五条" in html


def test_traditional_case_shows_canonical_headings(pages):
    html = pages.html("cases/2024-fanti/index.html")
    assert ">以案说纪</h2>" in html and ">讨论</h2>" in html
    assert "班子成员" in html  # canonical role


def test_library_lists_cases_newest_first_with_count_and_filters(site):
    site.case("2023-old", date="2023-05", title="旧案")
    site.case("2025-new", date="2025-01", title="新案", sector=["醫療衛生"])
    site.case("2024-mid", date="2024", title="中案", role="一般干部")
    site.built()
    html = site.html("cases/index.html")
    titles = re.findall(r'class="qf-case-item__title" href="([^"]+)">([^<]+)<', html)
    assert [t for _, t in titles] == ["新案", "中案", "旧案"]
    assert [h for h, _ in titles] == ["2025-new/", "2024-mid/", "2023-old/"]
    assert "data-qf-count>3<" in html
    items = re.findall(r"data-sector='([^']*)'", html)
    assert json.loads(unescape(items[0])) == ["医疗卫生"]  # filters compare one script
    for facet in ('name="sector"', 'name="role"', 'name="region"', 'name="year"'):
        assert facet in html


def test_case_pages_stay_out_of_the_navigation(pages):
    html = pages.html("cases/2025-case-0/index.html")
    nav = html[html.index('<nav class="md-nav md-nav--primary"') : html.index("</nav>", html.index("md-nav--primary"))]
    assert "2025-case-1" not in nav and "案例库" in nav
    assert 'href="../2025-xss/"' in nav  # a case the nav names is there: the check above can see links
    assert "2025-case-1" not in pages.html("index.html")


def test_front_matter_values_are_text_everywhere(pages):
    for page in ("cases/2025-xss/index.html", "cases/index.html"):
        html = pages.html(page)
        assert "<script>alert(1)" not in html and "<img src=x" not in html, page
    html = pages.html("cases/2025-xss/index.html")
    assert "<title>&lt;/title&gt;&lt;script&gt;" in html
    assert "&lt;img src=x onerror=alert(2)&gt; &amp; 公司</h1>" in html
    titles = [doc["t"] for doc in search_docs(pages.root / "site") if doc["u"] == "cases/2025-xss/"]
    assert titles == [PAYLOAD]  # the page's own title, not the menu's; text, which search shows as text


def test_source_yaml_is_never_published(pages):
    published = [p.name for p in (pages.root / "site").rglob("*") if p.suffix in (".yml", ".yaml")]
    assert published == []
    assert (pages.root / "site/quizzes/b/index.html").exists()  # the bank was read, not skipped


def test_titles_of_ordinary_pages_are_text_too(pages):
    html = pages.html("about/index.html")
    assert "<img src=x" not in html
    assert "<title>&lt;img src=x onerror=alert(1)&gt; 关于" in html


def test_cases_plugin_without_core_says_what_to_do(site):
    site.config["plugins"] = [p for p in site.config["plugins"] if p != "qingfeng/core"]
    site.save_config()
    result = site.build()
    assert result.returncode != 0
    assert "qingfeng/core" in result.stderr and "Traceback" not in result.stderr
