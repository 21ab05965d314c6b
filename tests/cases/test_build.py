"""Real builds of small sites: case pages and the case library."""

import re

import pytest

from tests.conftest import BODY, case_body, library_data, search_docs, shared

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
    titles = re.findall(r'class="qf-case-item__title" href="([^"]+)"[^>]*>([^<]+)<', html)
    assert [t for _, t in titles] == ["新案", "中案", "旧案"]
    assert [h for h, _ in titles] == ["2025-new/", "2024-mid/", "2023-old/"]
    assert "data-qf-count>3<" in html
    data = library_data(site.root / "site")
    assert [case["t"] for case in data["cases"]] == ["新案", "中案", "旧案"]
    assert [case["u"] for case in data["cases"]] == ["2025-new/", "2024-mid/", "2023-old/"]
    sector = data["keys"].index("sector")
    assert data["cases"][0]["f"][sector] == ["医疗卫生"]  # filters compare one script
    for facet in ('name="sector"', 'name="role"', 'name="region"', 'name="year"'):
        assert facet in html


def test_case_pages_stay_out_of_the_navigation(pages):
    html = pages.html("cases/2025-case-0/index.html")
    nav = html[html.index('<nav class="md-nav md-nav--primary"') : html.index("</nav>", html.index("md-nav--primary"))]
    assert "2025-case-1" not in nav and "案例库" in nav
    assert 'href="../2025-xss/"' in nav  # a case the nav names is there: the check above can see links
    assert "2025-case-1" not in pages.html("index.html")


def test_front_matter_values_are_text_everywhere(pages):
    for page in ("cases/2025-xss/index.html", "cases/index.html", "tags/index.html"):
        html = pages.html(page)
        assert "<script>alert(1)" not in html and "<img src=x" not in html, page
    data = (pages.root / "site/cases/library.data.js").read_text(encoding="utf-8")
    assert "<" not in data and ">" not in data  # escaped; library.js puts them in as text
    assert PAYLOAD in [case["t"] for case in library_data(pages.root / "site")["cases"]]
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


def test_library_is_paged_and_its_data_holds_every_case(site):
    site.options("qingfeng/cases", library_page_size=2)
    for n, year in enumerate(range(2025, 2020, -1), start=1):
        site.case(f"{year}-c{n}", date=str(year), title=f"案{n}", sector=["教育"])
    root = site.built()

    def listed(rel):
        return re.findall(r'class="qf-case-item__title" href="[^"]+"[^>]*>([^<]+)<', site.html(rel))

    assert listed("cases/index.html") == ["案1", "案2"]
    assert listed("cases/page_2/index.html") == ["案3", "案4"]
    assert listed("cases/page_3/index.html") == ["案5"]
    assert not (root / "cases/page_4").exists() and not (root / "cases/page_1").exists()
    second = site.html("cases/page_2/index.html")
    assert "<title>案例库（第 2 页）" in second
    assert "data-qf-count>5<" in second and "本页是第 3–4 件" in second
    assert '<a href="../" rel="prev">上一页</a>' in second
    assert '<a href="../page_3/" rel="next">下一页</a>' in second
    assert '<strong aria-current="page">2</strong>' in second
    first = site.html("cases/index.html")
    assert '上一页' not in first and '<a href="page_2/" rel="next">' in first
    assert '下一页' not in site.html("cases/page_3/index.html")
    # Every page filters among all cases: they share one data file.
    assert [case["t"] for case in library_data(root)["cases"]] == [f"案{n}" for n in range(1, 6)]
    assert 'data-qf-library-data="../library.data.js"' in second
    assert not any(doc["u"].startswith("cases/page_") for doc in search_docs(root))
    assert [case["t"] for case in library_data(root, mirror=True)["cases"]] == [f"案{n}" for n in range(1, 6)]
    mirrored = library_data(root, mirror=True)["cases"][0]
    assert mirrored["dt"] == "2025年" and mirrored["f"][library_data(root)["keys"].index("sector")] == ["教育"]
    assert "本頁是第 3–4 件" in (root / "zh-hant/cases/page_2/index.html").read_text(encoding="utf-8")


def test_a_library_on_one_page_has_no_pager(pages):
    assert "qf-pager" not in pages.html("cases/index.html")
    assert not (pages.root / "site/cases/page_2").exists()


@pytest.mark.parametrize("size", [0, -3, "五十"])
def test_a_page_size_that_is_not_a_count_is_refused_in_chinese(site, size):
    site.options("qingfeng/cases", library_page_size=size)
    result = site.build()
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "library_page_size" in result.stderr and "应是正整数（如 50）" in result.stderr


def test_tags_page_lists_every_filter_value_with_its_count_into_the_library(site):
    site.case("2025-a", sector=["教育", "校园餐"], violations=["受贿"], date="2025-03")
    site.case("2024-b", sector=["醫療衛生"], violations=["受贿", "违反廉洁纪律"], date="2024")
    root = site.built()
    html = site.html("tags/index.html")
    assert "<h1>标签</h1>" in html
    expected = (("教育", 1, "sector=教育"), ("医疗卫生", 1, "sector=医疗卫生"), ("受贿", 2, "violations=受贿"))
    for value, count, query in expected:
        assert f'href="../cases/?{query}">{value}<span class="qf-tags__count">（{count}）</span></a>' in html
    assert 'href="../cases/?year=2024">2024' in html
    mirrored = (root / "zh-hant/tags/index.html").read_text(encoding="utf-8")
    assert 'href="../cases/?sector=醫療衛生">醫療衛生' in mirrored


def test_a_sites_own_tags_page_is_kept(site):
    site.case("2025-a")
    site.write("content/tags.md", "# 我们的标签\n\n自己写的页面。\n")
    site.built()
    html = site.html("tags/index.html")
    assert "自己写的页面" in html and "qf-tags" not in html
