"""The 繁體 mirror under /zh-hant/ and the simplified main site, built for real and read back."""

import re
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import BODY, Site, case_body, markdown, search_docs
from tests.qr_decode import decode


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    site = Site(tmp_path_factory.mktemp("mirror"))
    site.write("site_config/names.yml", "names:\n  - 陈乾坤\n")
    # Written in traditional script: simplified on the main site, its subject 宋宇峯 included.
    site.case(
        "2025-trad",
        title="某縣原局長宋宇峯受賄案",
        subject="宋宇峯",
        body=case_body({**BODY, "案情": "宋宇峯長期缺乏監督，與陳乾坤勾結，收受財物。"}),
    )
    # Written in simplified script; s2t and s2hk would turn the subject 宋宇峰 into the variant 宋宇峯.
    site.case("2024-simp", title="某镇原站长宋宇峰贪污案", subject="宋宇峰", date="2024")
    site.write("content/quote.md", markdown({"script": "keep"}, "# 原文\n\n書中自有黃金屋。简体不转。\n"))
    site.case(
        "2023-keep",
        title="某縣原局長受賄案",
        date="2023",
        script="keep",
        body=case_body({**BODY, "案情": "原文照錄，简体不转。"}),
    )
    site.write("site_config/parks.yml", "parks:\n  - {id: p, name: 测试公园}\n")
    site.write(
        "content/park/p/1.md", markdown({"board": "TP01", "title": "廉洁发展", "theme": "廉洁典故"}, "监督发展。\n")
    )
    return site.built()


def read(site_dir: Path, path: str) -> str:
    return (site_dir / path).read_text(encoding="utf-8")


def test_the_main_site_is_simplified_names_included(built):
    html = read(built, "cases/2025-trad/index.html")
    assert "某县原局长宋宇峰受贿案" in html and "缺乏监督" in html and "陈乾坤" in html
    assert "監督" not in html and "宋宇峯" not in html


def test_every_page_is_mirrored_in_traditional_script_with_names_kept(built):
    html = read(built, "zh-hant/cases/2024-simp/index.html")
    assert '<html lang="zh-Hant"' in html
    assert "某鎮原站長宋宇峰貪汙案" in html  # 宋宇峰 kept, not 宋宇峯; 汙 is Taiwan's form
    html = read(built, "zh-hant/cases/2025-trad/index.html")
    assert "缺乏監督" in html and "宋宇峰" in html and "宋宇峯" not in html  # the mirror converts the main site
    assert "陳乾坤" in html and "陈乾坤" not in html  # 陈 is simplified only: it takes its pair
    assert 'rel="canonical" href="https://lian.qingfeng.test/zh-hant/cases/2025-trad/"' in html
    mirrored = {p.relative_to(built / "zh-hant") for p in (built / "zh-hant").rglob("index.html")}
    main = {p.relative_to(built) for p in built.rglob("index.html") if "zh-hant" not in p.parts}
    assert mirrored == main


def test_script_keep_pages_stay_as_written_on_both_sites(built):
    for path in ("quote/index.html", "zh-hant/quote/index.html"):
        assert "書中自有黃金屋。简体不转。" in read(built, path)
    for path in ("cases/2023-keep/index.html", "zh-hant/cases/2023-keep/index.html"):
        assert "原文照錄，简体不转。" in read(built, path)


def test_the_mirror_has_its_own_search_index(built):
    hits = [doc["u"] for doc in search_docs(built, mirror=True) if "監督" in doc["x"]]
    assert "cases/2025-trad/" in hits
    assert not any("監督" in doc["x"] for doc in search_docs(built))


def _target(site_dir: Path, page: str, href: str) -> Path:
    url = (Path(page).parent / href).as_posix()
    parts: list[str] = []
    for part in url.split("/"):
        if part == "..":
            parts.pop()
        elif part not in (".", ""):
            parts.append(part)
    return site_dir.joinpath(*parts, "index.html")


@pytest.mark.parametrize("page", ["index.html", "cases/2025-trad/index.html", "b/TP01/index.html"])
def test_the_switch_leads_to_the_same_page_in_the_other_script(built, page):
    hant = re.search(r'class="qf-script__hant" href="([^"]+)"', read(built, page)).group(1)
    assert _target(built, page, hant) == built / "zh-hant" / page
    hans = re.search(r'class="qf-script__hans" href="([^"]+)"', read(built, f"zh-hant/{page}")).group(1)
    assert _target(built, f"zh-hant/{page}", hans) == built / page
    assert ">简体</a>" in read(built, f"zh-hant/{page}")  # the labels are not converted
    # Each page links only what exists: no link to 简体 on the main site, none to 繁體 on the mirror.
    main = re.sub(r"<!--.*?-->", "", read(built, page), flags=re.DOTALL)
    assert re.findall(r'<a class="qf-script__(\w+)"', main) == ["hant"]
    assert re.findall(r'<a class="qf-script__(\w+)"', read(built, f"zh-hant/{page}")) == ["hans"]


def test_board_qr_codes_keep_pointing_at_the_main_site(built):
    html = read(built, "zh-hant/b/TP01/index.html")
    assert "監督發展" in html
    image = Image.open(built / "zh-hant/qr/TP01.png").convert("L")
    assert decode(image) == ["https://lian.qingfeng.test/b/TP01/"]
    assert not (built / "zh-hant/sitemap.xml").exists()


def test_the_mirror_can_be_turned_off(tmp_path):
    site = Site(tmp_path)
    site.config["plugins"][0] = {"qingfeng/core": {"traditional": False}}
    site.save_config()
    site.case(title="某縣原局長受賄案")
    site_dir = site.built()
    assert not (site_dir / "zh-hant").exists()
    html = read(site_dir, "cases/2025-test-case/index.html")
    assert "qf-script" not in html and "某县原局长受贿案" in html  # still simplified
