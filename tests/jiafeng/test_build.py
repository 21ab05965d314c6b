"""家风 pages: pinyin ruby with the site's corrections, and the /jiafeng/ index by kind."""

import re

import pytest
from qingfeng.jiafeng.ruby import readings

from tests.conftest import Site, find, markdown, search_docs

ZHUZI = "# 朱子家训\n\n居身务期质朴，教子要有义方。\n\n## 读后\n\n勤俭持家。\n"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    site = Site(tmp_path_factory.mktemp("jiafeng"))
    site.write("site_config/pinyin.yml", "质朴: zhì pǔ\n")
    site.write(
        "content/jiafeng/zhuzi.md", markdown({"kind": "家训", "author": "朱柏庐", "era": "明", "pinyin": True}, ZHUZI)
    )
    site.write("content/jiafeng/shu.md", markdown({"kind": "家書"}, "# 一封家书\n\n见字如面。\n"))
    site.write("content/jiafeng/gushi.md", markdown({"kind": "家风故事"}, "# 一张戏票\n\n看戏要买票。\n"))
    site.write("content/jiafeng/xun2.md", markdown({"kind": "家训"}, "# 另一篇家训\n\n勤俭。\n"))
    return site.built()


def test_a_pinyin_page_shows_ruby_with_the_sites_corrections(built):
    html = (built / "jiafeng/zhuzi/index.html").read_text(encoding="utf-8")
    assert '<ruby>朴<rt data-search-exclude="">pǔ</rt></ruby>' in html
    assert '<ruby>居<rt data-search-exclude="">jū</rt></ruby>' in html
    # pypinyin alone reads 质朴 wrong: the correction file is what makes it right.
    assert dict(readings("质朴", {}))["朴"] == "piáo"
    headings = re.findall(r"<h[12][^>]*>(.*?)</h[12]>", html)
    assert headings and not any("<ruby>" in h for h in headings)  # titles and the TOC stay plain
    assert 'class="md-button qf-pinyin-toggle"' in html


def test_pages_without_pinyin_have_none(built):
    assert "<ruby>" not in (built / "jiafeng/shu/index.html").read_text(encoding="utf-8")


def test_search_finds_the_characters_not_the_pinyin(built):
    text = next(d["x"] for d in search_docs(built) if d["u"] == "jiafeng/zhuzi/")
    assert "居身务期质朴" in text and "pǔ" not in text


def test_the_index_groups_the_pages_by_kind_in_order(built):
    html = (built / "jiafeng/index.html").read_text(encoding="utf-8")
    kinds = re.findall(r'<h2 id="qf-kind-\d+">(.*?)</h2>', html)
    assert kinds == ["家训", "家书", "家风故事"]  # 家書 is the same kind; 其他 is empty and left out
    groups = re.split(r'<h2 id="qf-kind-\d+">', html)[1:]
    titles = re.findall(r'<a href="[^"]+">([^<]+)</a>', groups[0])
    assert titles == ["另一篇家训", "朱子家训"]  # in the order of their files: xun2.md, zhuzi.md
    assert "（明·朱柏庐）" in groups[0]
    for href in re.findall(r'<a href="([^"]+)">', "".join(groups)):
        assert (built / "jiafeng" / href / "index.html").resolve().is_file(), href


def test_the_mirror_keeps_the_pinyin_over_traditional_characters(built):
    html = (built / "zh-hant/jiafeng/zhuzi/index.html").read_text(encoding="utf-8")
    assert '<ruby>質<rt data-search-exclude="">zhì</rt></ruby>' in html


def test_corrections_must_match_their_phrases(tmp_path):
    site = Site(tmp_path)
    site.write("site_config/pinyin.yml", "质朴: zhì\nabc: a b c\n")
    problems = site.problems()
    assert "2 个音节" in find(problems, "site_config/pinyin.yml", "质朴").message
    assert "汉字" in find(problems, "site_config/pinyin.yml", "abc").message
