"""Images of HTML fragments placed for a PDF: file: URLs of files under docs_dir, never anything else."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

from PIL import Image
from qingfeng.render import pdf


def tree(tmp_path: Path) -> Path:
    docs = tmp_path / "content"
    (docs / "media").mkdir(parents=True)
    (docs / "jiafeng" / "img").mkdir(parents=True)
    Image.new("RGB", (4, 4), (255, 0, 0)).save(docs / "media" / "照片.png")
    Image.new("RGB", (4, 4), (0, 0, 255)).save(docs / "jiafeng" / "img" / "x.png")
    Image.new("RGB", (4, 4), (0, 0, 0)).save(tmp_path / "secret.png")
    return docs


def src(html: str) -> str:
    return html.split('src="', 1)[1].split('"', 1)[0]


def test_each_fragment_from_its_own_folder(tmp_path):
    docs = tree(tmp_path)
    images = pdf.Images(docs)
    case = images('<p><img alt="a" src="media/%E7%85%A7%E7%89%87.png"></p>', "")
    page = images('<img src="../img/x.png">', "jiafeng/a")  # MkDocs' HTML for the page at jiafeng/a/
    for html, file in ((case, docs / "media" / "照片.png"), (page, docs / "jiafeng" / "img" / "x.png")):
        url = urlsplit(src(html))
        assert url.scheme == "file" and Path(unquote(url.path)) == file.resolve()
        assert url.query.startswith("v=")
        assert pdf.load(src(html), [docs])[0] == file.read_bytes()
    assert images.missing == []


def test_the_url_changes_with_the_picture(tmp_path):
    docs = tree(tmp_path)
    before = src(pdf.Images(docs)('<img src="media/照片.png">'))
    Image.new("RGB", (4, 4), (0, 255, 0)).save(docs / "media" / "照片.png")
    assert src(pdf.Images(docs)('<img src="media/照片.png">')) != before


def test_nothing_outside_content_is_placed(tmp_path):
    docs = tree(tmp_path)
    os.symlink(tmp_path / "secret.png", docs / "media" / "link.png")
    images = pdf.Images(docs)
    for html in (
        '<img src="../secret.png">',
        '<img src="media/link.png">',
        f'<img src="file://{tmp_path}/secret.png">',
        '<img src="https://x.cn/a.png">',
        '<img src="media/gone.png">',
    ):
        assert images(html) == html
    assert images.missing == ["media/link.png", "media/gone.png"]


def test_videos_are_not_printed(tmp_path):
    images = pdf.Images(tree(tmp_path))
    html = '<video src="media/film.mp4" poster="media/照片.png"></video>'
    assert images(html) == html and images.missing == []
