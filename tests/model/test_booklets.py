"""Booklets (CONTENT-FORMAT section 6)."""

import pytest
import yaml

from tests.conftest import find, markdown

PATH = "site_config/booklets.yml"


def write(site, **booklet):
    entry = {"id": "jingshilu-2026", "title": "警示录（2026）", "contents": [{"cases": {"sector": "教育"}}], **booklet}
    site.write(
        PATH, yaml.safe_dump({"booklets": [{k: v for k, v in entry.items() if v is not None}]}, allow_unicode=True)
    )


@pytest.fixture
def content(site):
    site.case("2025-a", sector="教育", body=None)
    site.write("content/packs/p.md", markdown({"pack": "jiaoyu", "title": "学习包", "cases": ["2025-a"]}))
    site.write("content/jiafeng/zhuzi.md", "# 朱子家训\n")
    return site


def test_valid_booklet(content):
    write(
        content,
        paper="a4",
        imposition="saddle",
        contents=[{"cases": ["2025-a"]}, {"pack": "jiaoyu"}, {"page": "jiafeng/zhuzi.md"}],
    )
    booklet = content.load().booklets[0]
    assert booklet.paper == "A4" and booklet.imposition == "saddle"
    assert [item.kind for item in booklet.contents] == ["cases", "pack", "page"]


def test_default_paper_is_a5(content):
    write(content)
    assert content.load().booklets[0].paper == "A5"


def test_unknown_paper(content):
    write(content, paper="B5")
    find(content.problems(), PATH, "booklets[1].paper")


def test_unknown_imposition(content):
    write(content, imposition="perfect")
    find(content.problems(), PATH, "booklets[1].imposition")


@pytest.mark.parametrize(
    "item, where",
    [
        ({"pack": "nope"}, "contents[1].pack"),
        ({"cases": ["2099-x"]}, "contents[1].cases"),
        ({"page": "jiafeng/nope.md"}, "contents[1].page"),
        ({"chapter": "x"}, "contents[1]"),
    ],
)
def test_unknown_references(content, item, where):
    write(content, contents=[item])
    find(content.problems(), PATH, where)


def test_duplicate_booklet_id(content):
    entry = {"id": "a", "title": "甲", "contents": [{"pack": "jiaoyu"}]}
    content.write(PATH, yaml.safe_dump({"booklets": [entry, entry]}, allow_unicode=True))
    assert "重复" in find(content.problems(), PATH, "booklets[2].id").message


@pytest.mark.parametrize("field", ["id", "title", "contents"])
def test_required_fields(content, field):
    write(content, **{field: None})
    find(content.problems(), PATH, f"booklets[1].{field}")


def test_confessions_need_a_confession_section(content):
    write(content, contents=[{"confessions": {"sector": "教育"}}])
    assert "忏悔" in find(content.problems(), PATH, "contents[1].confessions").message
