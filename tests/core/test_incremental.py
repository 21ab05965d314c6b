"""The preview's rebuilds (core/reuse.py): after an edit, `mkdocs serve` takes the case pages whose
files did not change from its last build, and serves exactly the site that a first build of the
edited project serves: pages, lists, search index, mirror, sitemap."""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

import pytest

from tests.conftest import BODY as BODY_
from tests.conftest import Site, case_body, case_meta, markdown, search_docs, serve_builds

CASES = ("2025-a", "2025-b", "2024-c", "2024-d", "2023-e", "2023-f")


def preview(root: Path, steps: list[dict], out: Path) -> str:
    """Builds as serve does, once and after each step; the log. OUT/<n> holds what build n served."""
    result = serve_builds(root, steps, out)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-3000:]
    return result.stderr


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def assert_same_site(built: Path, fresh: Path) -> None:
    ours, theirs = files(built), files(fresh)
    assert sorted(ours) == sorted(theirs), set(ours) ^ set(theirs)
    differing = [name for name in ours if ours[name] != theirs[name]]
    assert not differing, differing[:20]


def reused_counts(log: str) -> list[int]:
    return [int(n) for n in re.findall(r"预览：(\d+) 个页面与上次相同", log)]


def edited(path: Path, old: str, new: str) -> str:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    return text.replace(old, new)


@pytest.fixture
def project(tmp_path) -> Site:
    site = Site(tmp_path / "project")
    site.config["plugins"].append("tags")
    site.config["nav"].append({"标签": "tags.md"})
    site.save_config()
    site.write("content/tags.md", "# 标签\n\n<!-- material/tags -->\n")
    for n, case_id in enumerate(CASES):
        sector = ["教育"] if n % 2 else ["医疗卫生"]
        site.case(case_id, title=f"案例{case_id}", date=case_id[:4], sector=sector, body=case_body())
    pack = {"pack": "jiaoyu", "title": "教育学习包", "select": {"sector": "教育"}}
    site.write("content/packs/jiaoyu.md", markdown(pack, "## 导语\n\n学习。\n"))
    return aged(site)


def aged(site: Site) -> Site:
    """Every file saved a minute ago, as a project is when serve starts: a file saved within the
    last seconds counts as changed again (its time may not tell two saves apart)."""
    then = time.time() - 60
    for path in site.root.rglob("*"):
        os.utime(path, (then, then))
    return site


def test_rebuilds_after_edits_serve_what_a_first_build_serves(project, tmp_path):
    root = project.root
    case_a, case_c, case_d = root / "cases/2025-a.md", root / "cases/2024-c.md", root / "cases/2024-d.md"
    pack = root / "content/packs/jiaoyu.md"
    steps = [
        # Only a body: the page, the search index and the mirror of that page change.
        {"cases/2025-a.md": edited(case_a, "问题查实", "问题查实，另查明其违规收受购物卡")},
        # Title and date of a case in no pack: the library's order, the analysis, tags.
        {"cases/2024-c.md": edited(case_c, "title: 案例2024-c", "title: 改过的案例").replace("'2024'", "2025-06")},
        # A sector: the pack, which selects by sector, loses the case; a case page names its packs.
        {"cases/2024-d.md": edited(case_d, "- 教育", "- 医疗卫生")},
        # Shared content: nothing is taken from the last build.
        {"content/packs/jiaoyu.md": edited(pack, "学习。", "认真学习。")},
    ]
    log = preview(root, steps, tmp_path / "preview")
    # Five of the six case pages each time only a case's own page changed; none after the others.
    assert reused_counts(log) == [len(CASES) - 1, len(CASES) - 1], log[-2000:]
    assert "繁体版：1 个文件已转换" in log  # the mirror of the one page that changed
    served = tmp_path / "preview"
    page = (served / "1/cases/2025-a/index.html").read_text(encoding="utf-8")
    assert "违规收受购物卡" in page
    assert "違規收受購物卡" in (served / "1/zh-hant/cases/2025-a/index.html").read_text(encoding="utf-8")
    assert any("购物卡" in doc["x"] for doc in search_docs(served / "1"))
    assert "改过的案例" in (served / "2/cases/index.html").read_text(encoding="utf-8")
    # The project as it is now, built once: the same site as the last rebuild.
    fresh = tmp_path / "fresh"
    assert reused_counts(preview(root, [], fresh)) == []
    assert_same_site(served / str(len(steps)), fresh / "0")


def test_every_rebuild_equals_a_first_build_of_the_same_files(project, tmp_path):
    """Each state on its own, so that a difference is found at the edit that made it."""
    root = project.root
    case_a = root / "cases/2025-a.md"
    states = [
        {"cases/2025-a.md": edited(case_a, "问题查实", "问题查实，并退缴违纪所得")},
        {"cases/2023-f.md": edited(root / "cases/2023-f.md", "- 教育", "- 教育\n- 校园餐")},
    ]
    copy = tmp_path / "copy"
    shutil.copytree(root, copy)
    log = preview(root, states, tmp_path / "preview")
    assert reused_counts(log) == [len(CASES) - 1] * len(states)
    for rel, text in states[0].items():  # the first edit alone
        (copy / rel).write_text(text, encoding="utf-8")
    preview(copy, [], tmp_path / "fresh")
    assert_same_site(tmp_path / "preview/1", tmp_path / "fresh/0")
    preview(root, [], tmp_path / "fresh-both")  # root holds both edits
    assert_same_site(tmp_path / "preview/2", tmp_path / "fresh-both/0")


def test_a_build_with_errors_is_never_a_source_and_a_new_case_rebuilds_all(project, tmp_path):
    root = project.root
    case_a = root / "cases/2025-a.md"
    good = case_a.read_text(encoding="utf-8")
    broken = good.replace("title: 案例2025-a", 'title: "案例2025-a')  # a quote never closed
    new_case = markdown(case_meta("2025-g", title="案例2025-g", date="2025-11", sector=["教育"]), case_body())
    steps = [
        {"cases/2025-a.md": broken},
        {"cases/2025-a.md": good.replace("问题查实", "问题查实无误")},  # after the error page: all built
        {"cases/2025-g.md": new_case},  # the list of cases changed: all built
        {"cases/2025-b.md": edited(root / "cases/2025-b.md", "问题查实", "问题均已查实")},
    ]
    log = preview(root, steps, tmp_path / "preview")
    assert reused_counts(log) == [len(CASES)]  # only the last: seven cases, one changed
    assert sorted(p.name for p in (tmp_path / "preview/1").iterdir()) == ["404.html"]
    fresh = tmp_path / "fresh"
    preview(root, [], fresh)
    assert_same_site(tmp_path / "preview/4", fresh / "0")



HOOK = """
def on_page_content(html, page, config, files):
    return html + '<iframe src="https://evil.example/"></iframe>' if "EVIL" in html else html
"""


def names_file(site: Site) -> list[dict]:
    """The names the mirror keeps as written: its pages and its search index convert anew."""
    site.case("2025-a", subject="叶某", body=case_body({**BODY_, "案情": "叶某在工程项目中收受财物。"}))
    site.write("site_config/names.yml", "names:\n  - 张某\n")
    return [{"site_config/names.yml": "names:\n  - 张某\n  - 葉某\n"}]


def mirror_script(site: Site) -> list[dict]:
    """Hong Kong's forms instead of Taiwan's: every mirror text converts anew."""
    yml = (site.root / "mkdocs.yml").read_text(encoding="utf-8")
    return [{"mkdocs.yml": yml.replace("- qingfeng/core\n", "- qingfeng/core:\n    mirror_script: s2hk\n", 1)}]


def inherited(site: Site) -> list[dict]:
    """A setting of mkdocs.yml's INHERIT parent, which every page shows."""
    site.write("base.yml", "site_name: 旧的站名\n")
    site.config["INHERIT"] = "base.yml"
    site.config.pop("site_name")
    site.save_config()
    return [{"base.yml": "site_name: 新的站名\n"}]


def case_in_menu(site: Site) -> list[dict]:
    """Case pages named in the menu without a title: the menu shows their titles."""
    site.config["nav"] += ["cases/2025-a.md", "cases/2024-c.md"]
    site.save_config()
    return [{"cases/2025-b.md": edited(site.root / "cases/2025-b.md", "问题查实", "问题均已查实")}]


def problems_found_late(site: Site) -> list[dict]:
    """A problem found in a rendered page: the preview is the problems page, and nothing else."""
    site.write("hook.py", HOOK)
    site.config["hooks"] = ["hook.py"]
    site.save_config()
    text = edited(site.root / "cases/2025-a.md", "问题查实", "问题查实 EVIL，见[通报](https://lian.qingfeng.test/)")
    return [{"cases/2025-a.md": text}]


@pytest.mark.parametrize("change", [names_file, mirror_script, inherited, case_in_menu, problems_found_late])
def test_a_rebuild_after_any_change_equals_a_first_build(project, tmp_path, change):
    steps = change(project)
    aged(project)
    preview(project.root, steps, tmp_path / "preview")
    preview(project.root, [], tmp_path / "fresh")
    assert_same_site(tmp_path / "preview" / str(len(steps)), tmp_path / "fresh/0")
