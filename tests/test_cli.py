"""`qingfeng check`: same validation and messages as the build, no site."""

from tests.conftest import markdown


def test_check_passes_on_valid_content(site):
    site.case("2025-a")
    result = site.check()
    assert result.returncode == 0, result.stderr
    assert "1 个案例" in result.stdout
    assert not (site.root / "site").exists()


def test_check_reports_the_same_lines_as_the_build(site):
    site.case("2025-a", role="局长")
    site.write("content/packs/p.md", markdown({"pack": "p", "title": "包", "select": {"sector": "金融"}}))
    check, build = site.check(), site.build()
    assert check.returncode == 1 and build.returncode != 0
    lines = [line for line in check.stderr.splitlines() if line.startswith(("cases/", "content/"))]
    assert len(lines) == 2
    for line in lines:
        assert line in build.stderr


def test_check_reads_plugin_options_from_mkdocs_yml(site):
    site.config["plugins"][0] = {"qingfeng/core": {"cases_dir": "anli"}}
    site.save_config()
    site.case("2025-a", file="anli/a.md")
    assert "1 个案例" in site.check().stdout
