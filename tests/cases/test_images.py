"""Images in case and page bodies: on the web page and on the /zh-hant/ mirror, or an error at their line."""

import posixpath
import re
from html import unescape
from pathlib import Path
from urllib.parse import unquote

import pytest
from PIL import Image

from tests.conftest import BODY, case_body, markdown

CASE = "2025-photo"
RED = (200, 30, 30)


def photo(site, rel: str, colour=RED, size=(60, 40)) -> bytes:
    """A small solid-colour PNG under the project, its bytes."""
    path = site.root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, colour).save(path)
    return path.read_bytes()


def sources(site_dir: Path, page: str) -> dict[str, str]:
    """alt -> src of every <img> of a built page."""
    html = (site_dir / page).read_text(encoding="utf-8")
    images = {}
    for tag in re.findall(r"<img\b[^>]*>", html):
        alt = re.search(r'alt="([^"]*)"', tag)
        images[unescape(alt.group(1)) if alt else ""] = unescape(re.search(r'src="([^"]*)"', tag).group(1))
    return images


def followed(site_dir: Path, page: str, src: str) -> Path:
    """The file a browser loads for `src` on the page at `page` (site-relative file of the page)."""
    assert not re.match(r"^[a-z]+:|^/", src), src  # relative: works whatever site_url's path is
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(src)))
    assert not target.startswith("../"), (page, src)
    return site_dir / target


def case_with_images(site) -> bytes:
    data = photo(site, "content/media/photo.png")
    facts = (
        BODY["案情"]
        + "\n\n![现场照片](media/photo.png)\n\n"
        + '现场 <img src="media/photo.png" alt="内联照片"> 如图。\n\n'
        + '<figure>\n<img src="media/photo.png" alt="块级照片">\n<figcaption>现场</figcaption>\n</figure>\n\n'
        + "![引用照片][现场]\n\n[现场]: media/photo.png\n"
    )
    site.case(CASE, body="![开头照片](media/photo.png)\n\n" + case_body({**BODY, "案情": facts}))
    return data


PAGES = {
    # use_directory_urls, site_url, the case page, the page under content/jiafeng/
    "directory-urls": (True, "https://lian.example.gov.cn/", f"cases/{CASE}/index.html", "jiafeng/jiaxun/index.html"),
    "html-urls-site-path": (
        False,
        "https://host.example.gov.cn/lian/",
        f"cases/{CASE}/index.html",  # printed in booklets: the folder form in either scheme
        "jiafeng/jiaxun.html",
    ),
}


@pytest.mark.parametrize("setup", PAGES.values(), ids=PAGES.keys())
def test_case_images_load_on_the_page_and_the_mirror(site, setup):
    directory_urls, site_url, page, _ = setup
    site.config.update(use_directory_urls=directory_urls, site_url=site_url)
    site.save_config()
    data = case_with_images(site)
    site_dir = site.built()  # no MkDocs warning about the paths either
    for shown in (page, f"zh-hant/{page}"):
        images = sources(site_dir, shown)
        alts = ["开头照片", "现场照片", "内联照片", "块级照片", "引用照片"]
        if shown.startswith("zh-hant/"):
            alts = ["開頭照片", "現場照片", "內聯照片", "塊級照片", "引用照片"]
        assert sorted(images) == sorted(alts), images
        for alt in alts:
            file = followed(site_dir, shown, images[alt])
            assert file.is_file() and file.read_bytes() == data, (shown, alt, images[alt])


@pytest.mark.parametrize("setup", PAGES.values(), ids=PAGES.keys())
def test_page_images_are_relative_to_the_page(site, setup):
    directory_urls, site_url, _, page = setup
    site.config.update(use_directory_urls=directory_urls, site_url=site_url)
    site.save_config()
    data = photo(site, "content/jiafeng/img/jiaxun.png", colour=(30, 30, 200))
    site.write(
        "content/jiafeng/jiaxun.md",
        markdown(
            {"kind": "家训"}, '# 家训一则\n\n![家训图](img/jiaxun.png)\n\n<img src="img/jiaxun.png" alt="原样">\n'
        ),
    )
    site_dir = site.built()
    for shown in (page, f"zh-hant/{page}"):
        images = sources(site_dir, shown)
        assert len(images) == 2, images
        for src in images.values():
            file = followed(site_dir, shown, src)
            assert file.is_file() and file.read_bytes() == data, (shown, src)


def test_confession_images_load_on_the_confessions_page(site):
    data = photo(site, "content/media/photo.png")
    site.case(CASE, body=case_body({**BODY, "忏悔": "> 我辜负了组织。\n>\n> ![悔过书](media/photo.png)"}))
    site_dir = site.built()
    page = "cases/confessions/index.html"
    src = sources(site_dir, page)["悔过书"]
    assert followed(site_dir, page, src).read_bytes() == data


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


MISSING = {
    "markdown": "![现场照片](media/missing.png)",
    "raw-html": '<img src="media/missing.png" alt="现场照片">',
    "reference": "![现场照片][图]\n\n[图]: media/missing.png",
}


@pytest.mark.parametrize("written", MISSING.values(), ids=MISSING.keys())
def test_missing_case_image_stops_the_build_at_its_line(site, written):
    path = site.case(CASE, body=case_body({**BODY, "案情": BODY["案情"] + "\n\n" + written}))
    text = path.read_text(encoding="utf-8")
    what = "图片引用 [图]：" if "[图]" in written else "图片："
    line = line_of(text, "![现场照片]" if "[图]" in written else written)
    expected = f"cases/{CASE}.md: 第 {line} 行: {what}文件“media/missing.png”不存在（应为 content/media/missing.png）"
    result = site.build()
    assert result.returncode != 0
    assert expected in result.stderr.splitlines(), result.stderr
    assert "Traceback" not in result.stderr and "WARNING" not in result.stderr
    checked = site.check()
    assert checked.returncode != 0
    assert expected in (checked.stdout + checked.stderr).splitlines(), checked.stdout + checked.stderr


def test_missing_page_image_is_reported_with_the_other_problems(site):
    site.write("content/jiafeng/jiaxun.md", "---\nkind: 家训\n---\n\n# 家训\n\n![家训图](img/jiaxun.png)\n")
    site.case(CASE, body=case_body({**BODY, "案情": BODY["案情"] + "\n\n![现场](media/photo.png)"}), role="局长")
    checked = site.check()
    lines = (checked.stdout + checked.stderr).splitlines()
    missing = "图片：文件“img/jiaxun.png”不存在（应为 content/jiafeng/img/jiaxun.png）"
    assert f"content/jiafeng/jiaxun.md: 第 7 行: {missing}" in lines
    assert any(line.startswith(f"cases/{CASE}.md: 第 ") and "media/photo.png" in line for line in lines), lines
    assert any(line.startswith(f"cases/{CASE}.md: 字段 role") for line in lines), lines


def test_an_image_path_that_is_a_folder_is_an_error(site):
    photo(site, "content/media/photo.png")
    site.case(CASE, body=case_body({**BODY, "案情": BODY["案情"] + "\n\n![现场](media)"}))
    problems = site.problems()
    assert any("“media”是文件夹，不是文件" in p.message for p in problems), problems


def test_a_traditional_case_keeps_its_file_names(site):
    """The case is shown in simplified script; the photo it names keeps its traditional file name."""
    data = photo(site, "content/media/現場.png")
    body = case_body({**BODY, "案情": "經查，王某收受財物。\n\n![現場照片](media/現場.png)\n"})
    site.case(CASE, body=body, title="某縣原局長王某受賄案")
    built = site.built()
    page = f"cases/{CASE}/index.html"
    images = sources(built, page)
    assert followed(built, page, images["现场照片"]).read_bytes() == data
    assert "某县原局长王某受贿案" in (built / page).read_text(encoding="utf-8")
