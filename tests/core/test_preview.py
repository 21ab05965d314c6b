"""`mkdocs serve` with content errors: the build finishes with one page listing every problem."""


from jinja2 import Environment, FileSystemLoader
from qingfeng.core import serve
from qingfeng.core.plugin import TEMPLATES
from qingfeng.model import Problem

from tests.conftest import BODY, case_body, serve_builds

XSS = "<img src=x onerror=alert(1)>"
HOOK = """
def on_page_content(html, page, config, files):
    return html + '<iframe src="https://evil.example/"></iframe>'
"""


def preview(site):
    """The first build of `mkdocs serve`, and the folder it serves."""
    return serve_builds(site.root, [], site.root / "preview"), site.root / "preview/0"


def test_content_errors_become_the_only_page_of_the_preview(site):
    site.case("2025-good")
    site.case("2025-bad", role=XSS, file="cases/bad.md")
    result, folder = preview(site)
    assert result.returncode == 0, result.stderr
    assert "内容检查发现" in result.stderr and "cases/bad.md: 字段 role" in result.stderr
    assert "Traceback" not in result.stderr
    # MkDocs' dev server answers every address it has no file for with 404.html.
    assert sorted(p.name for p in folder.iterdir()) == ["404.html"]
    html = (folder / "404.html").read_text(encoding="utf-8")
    assert "<h1>内容有错，预览暂停</h1>" in html
    assert "<td><code>cases/bad.md</code></td><td>字段 role" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and XSS not in html
    assert "/livereload/" in html
    assert not (site.root / "site").exists()


def test_problems_found_while_building_are_shown_too(site):
    """The rendered page is checked again: here a site's own hook adds what the source never held."""
    site.case("2025-good", body=case_body({**BODY, "案情": "见[通报](https://lian.qingfeng.test/)。"}))
    site.write("hook.py", HOOK)
    site.config["hooks"] = ["hook.py"]
    site.save_config()
    result, folder = preview(site)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["404.html"]
    html = (folder / "404.html").read_text(encoding="utf-8")
    assert "<td><code>cases/2025-good.md</code></td>" in html
    assert "&lt;iframe&gt;" in html


def test_the_page_escapes_whatever_it_is_given():
    env = Environment(loader=FileSystemLoader(TEMPLATES))  # as MkDocs makes it: no autoescape of its own
    html = serve.render(env, [Problem("cases/<b>.md", "第 2 行", "<script>alert(1)</script>")], "清风<i>")
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "cases/&lt;b&gt;.md" in html and "清风&lt;i&gt;" in html
    assert html.count("<script>") == 1  # the page's own reload script
