"""类案分析, 忏悔录, films, the feed and the sitemap: built for real and read back."""

import io
import re
import statistics
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image
from qingfeng.analysis import stats
from qingfeng.model import load_project

from tests.conftest import BODY, Site, built_once, case_body, find

# (id, sectors, role, violations, amount in yuan or None, date); computed from here, not from Qingfeng.
CASES = [
    ("2025-a", ["教育"], "一把手", ["受贿"], 1_200_000, "2025-05"),
    ("2025-b", ["教育", "工程建设"], "班子成员", ["受贿", "滥用职权"], 800_000, "2025-02"),
    ("2024-c", ["工程建设"], "一把手", ["贪污"], 3_000_000, "2024-11"),
    ("2024-d", ["医疗卫生"], "关键岗位", ["受贿"], None, "2024-06"),
    ("2023-e", ["教育"], "一般干部", ["违反中央八项规定精神"], 50_000, "2023-09"),
    ("2022-f", ["工程建设"], "一把手", ["受贿"], 450_000, "2022-01"),
]
ATOM = "{http://www.w3.org/2005/Atom}"


def _make(root: Path) -> dict:
    site = Site(root)
    for case_id, sectors, role, violations, amount, date in CASES:
        sections = dict(BODY)
        if case_id in ("2025-b", "2023-e"):
            sections["忏悔"] = f"> {case_id} 的忏悔：我对不起组织。"
        video = None
        if case_id == "2024-c":
            video = {
                "file": "media/film.mp4",
                "title": "警示教育片《贪欲之祸》",
                "poster": "media/film.jpg",
                "captions": "media/film.vtt",
            }
        site.case(
            case_id,
            title=f"案例{case_id}",
            sector=sectors,
            role=role,
            violations=violations,
            amount=amount,
            date=date,
            body=case_body(sections),
            video=video,
        )
    poster = io.BytesIO()
    Image.new("RGB", (160, 90), "darkred").save(poster, "JPEG")
    site.write("content/media/film.jpg", poster.getvalue())
    site.write("content/media/film.mp4", b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 4096)
    site.write("content/media/film.vtt", "WEBVTT\n\n00:00.000 --> 00:02.000\n贪欲之祸\n")
    site.write("site_config/parks.yml", "parks:\n  - {id: p, name: 测试公园}\n")
    site.write("content/park/p/1.md", "---\nboard: TA01\ntitle: 展板\ntheme: 廉洁典故\n---\n\n正文。\n")
    site.built()
    return {}


@pytest.fixture(scope="session")
def built(tmp_path_factory, worker_id):
    """One build for these tests and the browser's (tests/browser/test_analysis.py)."""
    with built_once(tmp_path_factory, worker_id, "analysis", _make) as (root, _):
        yield root / "site"


def tables(html: str) -> dict[str, dict[str, str]]:
    """Each chart's table: label -> printed value."""
    result = {}
    for key, body in re.findall(r'<figure class="qf-chart" id="([^"]+)">(.*?)</figure>', html, re.S):
        rows = re.findall(r'<th scope="row">([^<]+)</th><td><a href="[^"]+">([^<]+)</a>', body)
        result[key] = dict(rows)
    return result


def test_statistics_match_the_cases(built):
    html = (built / "analysis/index.html").read_text(encoding="utf-8")
    assert "全部 <strong>6</strong> 件案例" in html and "生成" in html
    found = tables(html)
    counts = {}
    for key, index in (("sector", 1), ("role", 2), ("violations", 3)):
        values = [v for case in CASES for v in (case[index] if isinstance(case[index], list) else [case[index]])]
        counts[key] = {v: f"{values.count(v)} 件" for v in set(values)}
    years = [case[5][:4] for case in CASES]
    counts["year"] = {y: str(years.count(y)) for y in set(years)}
    for key, expected in counts.items():
        assert found[key] == expected, key
    amounts = {}
    for case in CASES:
        for sector in case[1]:
            if case[4] is not None:
                amounts.setdefault(sector, []).append(case[4])
    assert found["amount-total"] == {s: f"{sum(a) / 10000:.1f}万元" for s, a in amounts.items()}
    assert found["amount-median"] == {s: f"{statistics.median(a) / 10000:.1f}万元" for s, a in amounts.items()}
    assert list(found["amount-total"]) == ["工程建设", "教育"]  # largest first; 医疗卫生 gave no amount
    assert list(found["year"]) == ["2022", "2023", "2024", "2025"]  # the trend runs in time order


def test_charts_are_svg_with_their_labels(built):
    html = (built / "analysis/index.html").read_text(encoding="utf-8")
    svgs = re.findall(r"<svg class=\"qf-chart__svg.*?</svg>", html, re.S)
    assert len(svgs) == 6
    for svg, (key, rows) in zip(svgs, tables(html).items(), strict=True):
        root = ET.fromstring(svg)
        labels = {t.text for t in root.iter("{http://www.w3.org/2000/svg}text")}
        assert set(rows) <= labels, key
        assert len(list(root.iter("{http://www.w3.org/2000/svg}rect"))) == len(rows)


def test_each_chart_draws_the_marks_it_was_given(built):
    svg_ns = "{http://www.w3.org/2000/svg}"
    project = load_project(built.parent, site_url="https://lian.qingfeng.test/")
    html = (built / "analysis/index.html").read_text(encoding="utf-8")
    svgs = re.findall(r"<svg class=\"qf-chart__svg.*?</svg>", html, re.S)
    for svg, chart in zip(svgs, stats.charts(project.cases), strict=True):
        root = ET.fromstring(svg)
        assert root.get("viewBox") == f"0 0 {chart.width} {chart.height}"
        for link, mark in zip(root.iter(f"{svg_ns}a"), chart.marks, strict=True):
            assert link.get("href").endswith(f"cases/?{mark.bar.query}")
            rect = link.find(f"{svg_ns}rect")
            assert [float(rect.get(k)) for k in ("x", "y", "width", "height")] == [
                mark.x,
                mark.y,
                mark.width,
                mark.height,
            ]
            texts = {t.get("class"): t for t in link.iter(f"{svg_ns}text")}
            placed = {"qf-chart__value": (mark.value, mark.bar.text), "qf-chart__label": (mark.label, mark.bar.label)}
            assert set(texts) == {name for name, (point, _) in placed.items() if point}
            for name, text in texts.items():
                point, words = placed[name]
                assert (float(text.get("x")), float(text.get("y")), text.text) == (point.x, point.y, words)
                assert text.get("text-anchor") == chart.anchor


def test_chart_links_are_converted_on_the_mirror(built):
    # The library there lists 工程建設: a bar must ask for that, not for the simplified 工程建设.
    for page, sector in (("analysis/index.html", "工程建设"), ("zh-hant/analysis/index.html", "工程建設")):
        html = (built / page).read_text(encoding="utf-8")
        assert html.count(f'cases/?sector={sector}"') == 2 * 3, page  # bar and table row, in three charts


def test_confessions_page_newest_first_with_links(built):
    html = (built / "cases/confessions/index.html").read_text(encoding="utf-8")
    quoted = re.findall(r"(20\d\d-[a-z]) 的忏悔", html)
    assert quoted == ["2025-b", "2023-e"]
    assert 'href="../2025-b/"' in html and 'href="../2023-e/"' in html
    case = (built / "cases/2025-b/index.html").read_text(encoding="utf-8")
    assert 'class="qf-section qf-section--chanhui"' in case and "2025-b 的忏悔" in case


def test_reserved_case_id(tmp_path):
    site = Site(tmp_path)
    site.case("confessions")
    assert "已用作网址" in find(site.problems(), "cases/confessions.md", "字段 id").message


def test_a_case_film_is_self_hosted_and_not_preloaded(built):
    html = (built / "cases/2024-c/index.html").read_text(encoding="utf-8")
    video = re.search(r"<video[^>]*>.*?</video>", html, re.S).group(0)
    assert 'preload="none"' in video and 'poster="../../media/film.jpg"' in video
    assert '<source src="../../media/film.mp4" type="video/mp4">' in video
    assert '<track kind="subtitles" src="../../media/film.vtt" srclang="zh"' in video
    assert "警示教育片《贪欲之祸》" in html
    films = (built / "films/index.html").read_text(encoding="utf-8")
    assert "警示教育片《贪欲之祸》" in films and 'href="../cases/2024-c/"' in films
    assert films.count("<video") == 1


def test_the_feed_is_atom_with_the_newest_cases(built):
    root = ET.parse(built / "feed.xml").getroot()
    assert root.tag == f"{ATOM}feed"
    assert root.find(f"{ATOM}id").text == "https://lian.qingfeng.test/"
    entries = root.findall(f"{ATOM}entry")
    newest = sorted(CASES, key=lambda c: c[5], reverse=True)
    assert [e.find(f"{ATOM}title").text for e in entries] == [f"案例{c[0]}" for c in newest]
    first = entries[0]
    assert first.find(f"{ATOM}link").get("href") == "https://lian.qingfeng.test/cases/2025-a/"
    assert first.find(f"{ATOM}updated").text == "2025-05-01T00:00:00+08:00"
    assert first.find(f"{ATOM}summary").text
    assert root.find(f"{ATOM}updated").text == first.find(f"{ATOM}updated").text
    head = (built / "cases/2025-a/index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate feed" type="application/atom+xml"' in head and 'href="../../feed.xml"' in head


def test_the_sitemap_lists_every_page_boards_and_the_mirror_included(built):
    root = ET.parse(built / "sitemap.xml").getroot()
    locs = {loc.text for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    pages = {
        "https://lian.qingfeng.test/" + Path(p.relative_to(built)).parent.as_posix().removeprefix(".") + "/"
        for p in built.rglob("index.html")
        if "404" not in p.parts
    }
    pages = {p.replace(".test//", ".test/") for p in pages}
    assert "https://lian.qingfeng.test/b/TA01/" in locs and "https://lian.qingfeng.test/zh-hant/b/TA01/" in locs
    assert pages <= locs, sorted(pages - locs)
