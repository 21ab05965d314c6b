"""What an author sees in the terminal: MkDocs' own findings in Chinese, naming the file; no noise."""

import os
import subprocess

from qingfeng.core.findings import translate

from tests.conftest import BIN


def locate(src_uri: str, needle: str) -> str:
    return f"content/{src_uri}: 第 1 行（{needle}）"


def test_mkdocs_link_findings_are_translated_and_name_the_file():
    assert (
        translate(
            "Doc file 'index.md' contains a link 'media/x.png', but the target is not found among documentation files.",
            locate,
        )
        == "content/index.md: 第 1 行（media/x.png）: 链接或图片 media/x.png 指向的文件不存在"
    )
    assert (
        translate(
            "Doc file 'a/b.md' contains a link '../c.md', but the target 'c.md' is not found among documentation "
            "files. Did you mean 'c/index.md'?",
            locate,
        )
        == "content/a/b.md: 第 1 行（../c.md）: 链接或图片 ../c.md 指向的文件不存在（是不是要写 c/index.md？）"
    )
    assert translate(
        "Doc file 'index.md' contains a link 'packs/x.md#a', but the doc 'packs/x.md' does not contain an anchor '#a'.",
        locate,
    ).endswith("链接 packs/x.md#a 指向的 packs/x.md 中没有 #a 这个位置")
    assert translate(
        "Doc file 'index.md' contains an unrecognized relative link 'packs', it was left as is.", locate
    ).endswith("链接 packs 既不是网址，也不是站内的文件，已原样保留")
    assert translate("Building documentation...", locate) is None


def test_dead_link_warning_is_chinese_and_names_the_file_and_line(site):
    # A backstop: the content check catches missing images itself; links to pages MkDocs checks.
    site.write("content/index.md", "# 首页\n\n详见[学习包](packs/missing.md)。\n")
    result = site.build()
    assert result.returncode == 0, result.stderr
    assert "WARNING -  content/index.md: 第 3 行: 链接或图片 packs/missing.md 指向的文件不存在" in result.stderr
    assert "Doc file" not in result.stderr


def test_menu_entry_for_a_missing_page_is_a_chinese_warning_naming_mkdocs_yml(site):
    site.config["nav"].append({"标签": "tags.md"})
    site.save_config()
    line = (site.root / "mkdocs.yml").read_text(encoding="utf-8").split("\n").index("- 标签: tags.md") + 1
    result = site.build()
    assert result.returncode == 0, result.stderr
    message = f"mkdocs.yml: 第 {line} 行: 菜单（nav）中的“标签”指向 tags.md，但网站里没有这个页面"
    assert f"WARNING -  {message}" in result.stderr
    assert "A reference to" not in result.stderr
    assert site.build("--strict").returncode != 0  # --strict stops on it, as on MkDocs' own warnings


def test_pages_outside_the_menu_are_not_listed_nor_other_noise(site):
    site.case("2025-outside")
    site.write("content/about.md", "# 关于\n\n本站说明。\n")
    result = site.build()
    assert result.returncode == 0, result.stderr
    assert "not included" not in result.stderr
    assert (site.root / "site/about/index.html").exists()


def test_no_end_of_life_banner_without_the_environment_variable(site):
    """The README runs plain `.venv/bin/mkdocs`; nobody sets NO_MKDOCS_2_WARNING by hand."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_MKDOCS_2_WARNING", "DISABLE_MKDOCS_2_WARNING")}
    result = subprocess.run(
        [str(BIN / "mkdocs"), "build"], capture_output=True, text=True, env=env, cwd=site.root, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "end of life" not in result.stderr
    assert "NO_MKDOCS_2_WARNING" not in result.stderr
