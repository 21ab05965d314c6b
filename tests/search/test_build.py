"""qingfeng/search in a real build: which pages it holds, the mirror's own index, and the set of plugins."""

from tests.conftest import BODY, Site, case_body, markdown, search_docs


def test_the_index_holds_the_pages_a_reader_can_open_with_their_own_titles_and_tags(site):
    site.case("2025-a", title="甲案", sector=["工程建设"], body=case_body({**BODY, "案情": "某局长违规承揽工程。"}))
    site.write("content/about.md", markdown({"title": "关于本站", "tags": ["说明"]}, "本站说明。"))
    site.write("content/hidden.md", markdown({"title": "不进搜索", "search": {"exclude": True}}, "不该被找到。"))
    site.config["nav"].append({"菜单里的名字": "about.md"})
    site.save_config()
    docs = {doc["u"]: doc for doc in search_docs(site.built())}
    assert docs["about/"]["t"] == "关于本站" and docs["about/"]["g"] == ["说明"]  # not the menu's name
    assert "hidden/" not in docs
    case = docs["cases/2025-a/"]
    assert case["t"] == "甲案" and "工程建设" in case["g"] and "违规承揽工程" in case["x"]


# A hook that rewrites a page's HTML after it was read, once MkDocs is about to write it.
REWRITING_HOOK = """
from mkdocs.plugins import event_priority

@event_priority(50)  # before search reads the page for the menu's context
def on_page_context(context, page, config, nav):
    if page.url == "cases/2025-a/":
        page.content = page.content.replace("违规承揽工程", "收受购物卡")
    return context
"""


def test_the_index_holds_a_page_as_it_is_written_when_a_plugin_changes_it_late(site):
    site.case("2025-a", title="甲案", body=case_body({**BODY, "案情": "某局长违规承揽工程。"}))
    site.write("hooks.py", REWRITING_HOOK)
    site.config["hooks"] = ["hooks.py"]
    site.save_config()
    site_dir = site.built()
    text = {doc["u"]: doc for doc in search_docs(site_dir)}["cases/2025-a/"]["x"]
    assert "收受购物卡" in text and "违规承揽工程" not in text
    assert "收受購物卡" in {doc["u"]: doc for doc in search_docs(site_dir, mirror=True)}["cases/2025-a/"]["x"]


def test_the_mirror_has_its_own_index_and_no_copy_of_the_main_one(site):
    site.case("2025-a", title="某县原局长受贿案")
    site_dir = site.built()
    main = [p.name for p in (site_dir / "search").iterdir() if p.is_dir()]
    mirror = [p.name for p in (site_dir / "zh-hant/search").iterdir() if p.is_dir()]
    assert len(main) == 1 and len(mirror) == 1 and main != mirror
    titles = [doc["t"] for doc in search_docs(site_dir, mirror=True)]
    assert "某縣原局長受賄案" in titles
    assert "某县原局长受贿案" not in str(search_docs(site_dir, mirror=True))


def test_a_site_without_the_plugin_has_no_box_and_no_index(site):
    site.config["plugins"] = [p for p in site.config["plugins"] if p != "qingfeng/search"]
    site.save_config()
    site_dir = site.built()
    assert not (site_dir / "search").exists()
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    assert "data-qf-search" not in html and "search.js" not in html


def test_materials_search_beside_it_stops_the_build_in_one_chinese_line(tmp_path):
    site = Site(tmp_path)
    site.config["plugins"].append("search")
    site.save_config()
    result = site.build()
    assert result.returncode != 0
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 1 and "请删去 search" in errors[0], result.stderr
    assert "Traceback" not in result.stderr
    assert not (site.root / "site").exists()
