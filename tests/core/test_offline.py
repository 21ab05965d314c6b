"""The offline edition (downloads/offline.zip): the whole site in one folder, every link naming a file."""

import re
import zipfile
from posixpath import dirname, join, normpath

import pytest
from qingfeng.core.offline import pages_by_file

from tests.conftest import Site, case_body

LINK = re.compile(r"""\s(?:href|src)="([^"]*)\"""")


@pytest.mark.parametrize(
    ("link", "offline"),
    [
        ("../", "../index.html"),
        (".", "./index.html"),
        ("..", "../index.html"),
        ("./", "./index.html"),
        ("../..", "../../index.html"),
        ("a/.", "a/./index.html"),
        ("a.b/", "a.b/index.html"),
        ("cases/x/", "cases/x/index.html"),
        ("cases/x/#anqing", "cases/x/index.html#anqing"),
        ("../?sector=教育", "../index.html?sector=教育"),
        ("x.html", "x.html"),
        ("#a", "#a"),
        ("?q=1", "?q=1"),
        ("", ""),
        ("https://lian.example.gov.cn/cases/x/", "https://lian.example.gov.cn/cases/x/"),
        ("/cases/x/", "/cases/x/"),
        ("data:text/plain,a/", "data:text/plain,a/"),
        ("mailto:a@b.cn/", "mailto:a@b.cn/"),
    ],
    ids=str,
)
def test_folder_links_name_the_folders_page(link, offline):
    html = f'<a href="{link}">甲</a><img src="{link}"><p data-href="{link}">'
    assert pages_by_file(html) == f'<a href="{offline}">甲</a><img src="{offline}"><p data-href="{link}">'


def relative_links(html: str):
    for link in LINK.findall(re.sub(r"<!--.*?-->", "", html, flags=re.S)):
        path = re.split(r"[?#]", link, maxsplit=1)[0]
        if path and not re.match(r"[a-z][a-z0-9+.-]*:|/", path):
            yield path


def test_the_sample_sites_edition_opens_every_link_from_disk(sample):
    with zipfile.ZipFile(sample / "downloads/offline.zip") as archive:
        names = set(archive.namelist())
        folders = {name.split("/", 1)[0] for name in names}
        assert folders == {"lian.example.gov.cn"}  # one folder, named after the site
        top = "lian.example.gov.cn/"
        assert {f"{top}index.html", f"{top}zh-hant/index.html", f"{top}search/index.js"} <= names
        assert f"{top}downloads/offline.zip" not in names
        assert any(name.endswith(".pdf") for name in names) and any("/b/" in name for name in names)
        dead = set()
        for name in sorted(n for n in names if n.endswith(".html") and not n.endswith("404.html")):
            for path in relative_links(archive.read(name).decode("utf-8")):
                target = normpath(join(dirname(name), path))
                if target not in names:
                    dead.add(f"{name}: {path}")
        assert not dead, sorted(dead)[:20]


def test_the_downloads_pages_list_it_with_its_size(sample):
    size = (sample / "downloads/offline.zip").stat().st_size
    assert (sample / "zh-hant/downloads/offline.zip").read_bytes() == (sample / "downloads/offline.zip").read_bytes()
    shown = f"{size / 1024 / 1024:.1f} MB"
    for page in ("downloads/index.html", "zh-hant/downloads/index.html"):
        html = (sample / page).read_text(encoding="utf-8")
        link = '<a href="https://lian.example.gov.cn/downloads/offline.zip">'  # works in the edition too
        assert re.search(f"{link}整(个网站的离线|個網站的離線)版", html), page
        assert f"<td>{shown}</td>" in html, page


def test_offline_false_writes_none(tmp_path):
    site = Site(tmp_path)
    site.config["plugins"][0] = {"qingfeng/core": {"offline": False}}
    site.save_config()
    site.case("2025-a", body=case_body())
    site_dir = site.built()
    assert not (site_dir / "downloads/offline.zip").exists()
    assert "离线版" not in (site_dir / "downloads/index.html").read_text(encoding="utf-8")
