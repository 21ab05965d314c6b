"""Where features meet: plugin sets, URL schemes, a site's own templates.

Each capability is tested on its own elsewhere, on the default configuration; these builds
change the configuration around them and check what a reader and a printed code get.
"""

from __future__ import annotations

import posixpath
import re
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from PIL import Image

from tests.conftest import MKDOCS_YML, Site, markdown
from tests.qr_decode import decode

EVERY = MKDOCS_YML["plugins"]


def content(site: Site) -> None:
    """A little of everything: cases with a quiz, a bank, a pack, a park with two boards."""
    site.case(
        "2025-a",
        title="甲案",
        questions=[{"id": "q1", "type": "judge", "stem": "收受财物违纪吗？", "answer": True, "explain": "违纪。"}],
    )
    site.case("2025-b", title="乙案", sector=["工程建设"])
    question = {"id": "j", "type": "judge", "stem": "对吗？", "answer": True}
    bank = {"id": "bank", "title": "知识测试", "questions": [question]}
    site.write("content/quizzes/bank.yml", yaml.safe_dump(bank, allow_unicode=True))
    site.write("site_config/parks.yml", yaml.safe_dump({"parks": [{"id": "ks", "name": "清风园"}]}, allow_unicode=True))
    for code, title in (("KS01", "羊续悬鱼"), ("KS02", "颜氏家训")):
        board = {"board": code, "title": title, "theme": "廉洁典故"}
        site.write(f"content/park/ks/{code.lower()}.md", markdown(board, "为官清廉。"))


def with_plugins(site: Site, plugins: list) -> Site:
    site.config["plugins"] = plugins
    site.save_config()
    return site


def errors(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("ERROR")]


# Plugin sets ----------------------------------------------------------------------------------


def lock_sections(site: Site) -> dict:
    return yaml.safe_load((site.root / "site_config/qr-lock.yml").read_text(encoding="utf-8"))


def test_cases_alone_build_case_pages_and_lock_only_cases(site):
    content(site)
    site_dir = with_plugins(site, ["qingfeng/core", "qingfeng/cases"]).built()
    assert "甲案" in site.html("cases/2025-a/index.html")
    assert "甲案" in site.html("cases/index.html")
    assert not (site_dir / "b").exists() and not (site_dir / "quizzes").exists()
    assert not (site_dir / "park/ks").exists()  # board pages are not published as plain pages either
    assert "data-qf-quiz" not in site.html("cases/2025-a/index.html")
    assert set(lock_sections(site)) == {"cases"}  # no board page was built, so no code is locked


def test_cases_with_quiz_build_quizzes_on_case_and_bank_pages(site):
    content(site)
    with_plugins(site, ["qingfeng/core", "qingfeng/cases", "qingfeng/quiz"]).built()
    assert "收受财物违纪吗？" in site.html("cases/2025-a/index.html")
    assert "对吗？" in site.html("quizzes/bank/index.html")


def test_boards_alone_build_boards_codes_and_artwork(site):
    content(site)
    site.config["nav"] = [{"首页": "index.md"}, {"公园": "park/index.md"}]
    site_dir = with_plugins(site, ["qingfeng/core", "qingfeng/boards"]).built()
    assert "羊续悬鱼" in site.html("b/KS01/index.html")
    assert decode(Image.open(site_dir / "qr/KS02.png")) == ["https://lian.qingfeng.test/b/KS02/"]
    assert (site_dir / "print/boards/KS01.pdf").is_file()
    assert not (site_dir / "cases").exists()
    assert set(lock_sections(site)) == {"boards"}


def test_a_plugin_switched_off_is_not_built(site):
    content(site)
    plugins = [{"qingfeng/quiz": {"enabled": False}} if p == "qingfeng/quiz" else p for p in EVERY]
    site_dir = with_plugins(site, plugins).built()
    assert not (site_dir / "quizzes").exists()
    assert "data-qf-quiz" not in site.html("cases/2025-a/index.html")
    assert (site_dir / "cases/2025-a/index.html").is_file() and (site_dir / "b/KS01/index.html").is_file()


@pytest.mark.parametrize(
    ("plugins", "named"),
    [
        (["qingfeng/core", "qingfeng/packs"], ("qingfeng/packs 需要 qingfeng/cases", "加上（或启用）qingfeng/cases")),
        (["qingfeng/core", "qingfeng/booklets"], ("qingfeng/booklets 需要 qingfeng/cases",)),
        (["qingfeng/cases", "qingfeng/boards"], ("需要 qingfeng/core", "加上（或启用）qingfeng/core")),
        (
            [{"qingfeng/cases": {"enabled": False}} if p == "qingfeng/cases" else p for p in EVERY],
            ("qingfeng/packs、qingfeng/quiz、qingfeng/booklets、qingfeng/analysis 需要 qingfeng/cases",),
        ),
    ],
    ids=["packs-without-cases", "booklets-without-cases", "without-core", "cases-switched-off"],
)
def test_a_set_that_cannot_build_stops_in_one_chinese_line(site, plugins, named):
    content(site)
    result = with_plugins(site, plugins).build()
    assert result.returncode != 0
    assert len(errors(result)) == 1, result.stderr
    for words in named:
        assert words in errors(result)[0], result.stderr
    assert "Traceback" not in result.stderr and "TemplateNotFound" not in result.stderr
    assert not (site.root / "site").exists()


# URL schemes ----------------------------------------------------------------------------------

SITE_URL = "https://host.qingfeng.test/lian/"
_LINK = re.compile(r'\b(?:href|src)="([^"]*)"')


def local_links(html: str) -> list[str]:
    """The relative URLs a page links or loads."""
    links = []
    for raw in _LINK.findall(re.sub(r"<!--.*?-->", "", html, flags=re.DOTALL)):
        url = unescape(raw)
        if not url or url.startswith(("#", "//", "data:", "javascript:", "mailto:", "tel:")) or urlsplit(url).scheme:
            continue
        links.append(url)
    return links


def target(site_dir: Path, page: Path, url: str) -> Path:
    path = unquote(urlsplit(url).path)
    if not path:
        return page
    if path.startswith("/"):  # 404.html links from the site's root: it is sent for any address
        assert path.startswith(urlsplit(SITE_URL).path), (page, url)
        return target(site_dir, site_dir / "index.html", path[len(urlsplit(SITE_URL).path) :])
    joined = posixpath.normpath(posixpath.join(page.parent.relative_to(site_dir).as_posix(), path))
    return site_dir / joined / "index.html" if path.endswith("/") or path in (".", "..") else site_dir / joined


def built_page(site_dir: Path, url: str) -> Path:
    """The file a web server sends for an absolute URL of this site."""
    assert url.startswith(SITE_URL), url
    rest = url[len(SITE_URL) :]
    return site_dir / rest / "index.html" if rest.endswith("/") or not rest else site_dir / rest


@pytest.fixture(scope="module")
def flat(tmp_path_factory) -> tuple[Site, Path]:
    """Every plugin, `use_directory_urls: false` (as Material's offline plugin sets it), a site_url with a path."""
    site = Site(tmp_path_factory.mktemp("flat"))
    site.config.update(use_directory_urls=False, site_url=SITE_URL)
    site.config["nav"] = [{"首页": "index.md"}, {"案例库": "cases/index.md"}, {"一案": "cases/2025-a.md"}]
    site.save_config()
    content(site)
    site.write("content/packs/p.md", markdown({"pack": "p", "title": "学习包", "cases": ["2025-a", "2025-b"]}))
    booklets = {"booklets": [{"id": "jsl", "title": "警示录", "contents": [{"cases": ["2025-a"]}]}]}
    site.write("site_config/booklets.yml", yaml.safe_dump(booklets, allow_unicode=True))
    # Printed before: a board taken down and a case renamed, both forwarding.
    lock = {
        "boards": {"KS09": {"url": f"{SITE_URL}b/KS09/", "first_built": "2026-01-01", "retired": "KS01"}},
        "cases": {"2024-old": {"url": f"{SITE_URL}cases/2024-old/", "first_built": "2026-01-01", "retired": "2025-b"}},
    }
    site.write("site_config/qr-lock.yml", yaml.safe_dump(lock, allow_unicode=True))
    return site, site.built()


def test_every_printed_code_opens_a_built_page(flat):
    site, site_dir = flat
    codes = sorted((site_dir / "qr").glob("*.png"))
    assert [c.stem for c in codes] == ["KS01", "KS02"]
    for code in codes:
        (url,) = decode(Image.open(code))
        assert url == f"{SITE_URL}b/{code.stem}/"
        assert code.stem in built_page(site_dir, url).read_text(encoding="utf-8")
    printed = [entry["url"] for section in lock_sections(site).values() for entry in section.values()]
    assert f"{SITE_URL}cases/2025-a/" in printed and f"{SITE_URL}b/KS02/" in printed
    for url in printed:  # what booklets and boards print, retired ones included
        assert built_page(site_dir, url).is_file(), url


def test_every_link_of_every_page_is_a_built_file_and_names_it(flat):
    _, site_dir = flat
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        for url in local_links(page.read_text(encoding="utf-8")):
            assert target(site_dir, page, url).is_file(), (page.relative_to(site_dir), url)
            # Without directory URLs a link names its file, so that the site also opens from disk.
            path = urlsplit(url).path
            assert not path or (not path.endswith("/") and path not in (".", "..")), (page.relative_to(site_dir), url)


def test_pages_are_where_the_scheme_puts_them(flat):
    _, site_dir = flat
    for page in ("packs/p.html", "quizzes/bank/paper.html", "quizzes/bank/paper/b.html", "park/ks/index.html"):
        assert (site_dir / page).is_file(), page
    # Printed addresses are folders in either scheme: the board page itself, no redirect.
    assert "羊续悬鱼" in (site_dir / "b/KS01/index.html").read_text(encoding="utf-8")
    assert "甲案" in (site_dir / "cases/2025-a/index.html").read_text(encoding="utf-8")
    assert (site_dir / "downloads/jsl.pdf").is_file()


def test_feed_and_canonical_urls_keep_the_site_path(flat):
    _, site_dir = flat
    feed = (site_dir / "feed.xml").read_text(encoding="utf-8")
    assert f"<id>{SITE_URL}cases/2025-a/</id>" in feed
    assert f'href="{SITE_URL}feed.xml"' in feed
    head = (site_dir / "cases/index.html").read_text(encoding="utf-8")
    assert 'rel="alternate feed" type="application/atom+xml"' in head and 'href="../feed.xml"' in head


# A site's own templates -----------------------------------------------------------------------

OWN_MAIN = """{% extends "base.html" %}
{% block extrahead %}<meta name="office" content="own-main">{% endblock %}
"""


def own_theme(site: Site, files: dict[str, str], **extra) -> None:
    for name, text in files.items():
        site.write(f"overrides/{name}", text)
    site.config["theme"] = {**site.config["theme"], "custom_dir": "overrides"}
    site.config["extra"] = extra
    site.save_config()


def switch_links(html: str) -> list[str]:
    """The scripts the page's switch leads to (the mirror's link back is a comment on the main site)."""
    return re.findall(r'<a class="qf-script__(hant|hans)"', re.sub(r"<!--.*?-->", "", html, flags=re.DOTALL))


def test_own_main_and_languages_keep_feed_switch_and_styles(site):
    site.case("2025-a", title="甲案")
    languages = [{"name": "English", "link": "/en/", "lang": "en"}]
    own_theme(site, {"main.html": OWN_MAIN}, alternate=languages)
    site_dir = site.built()
    for page in ("index.html", "cases/2025-a/index.html", "zh-hant/index.html"):
        html = (site_dir / page).read_text(encoding="utf-8")
        assert '<meta name="office" content="own-main">' in html, page
        assert 'type="application/atom+xml"' in html, page
        assert "assets/qingfeng/qingfeng.css" in html, page
        assert switch_links(html) == (["hans"] if page.startswith("zh-hant/") else ["hant"]), page
        assert 'hreflang="en"' in html, page  # the office's own language list stays
        assert html.count('class="qf-script"') == 1, page


def test_own_language_partial_keeps_the_switch_above_the_page(site):
    site.case("2025-a", title="甲案")
    own_theme(site, {"partials/alternate.html": '<div class="office-alt">本单位</div>'})
    site_dir = site.built()
    for page in ("index.html", "cases/2025-a/index.html"):
        html = (site_dir / page).read_text(encoding="utf-8")
        assert 'class="office-alt"' in html, page
        assert switch_links(html) == ["hant"] and 'class="qf-script-bar"' in html, page
