"""qingfeng/share built for real: the tags a chat app reads on every page, the cards it shows,
on the main site and the mirror, and a rebuild that draws nothing again."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from urllib.parse import unquote

import html5lib
import numpy
import pytest
from PIL import Image
from qingfeng.share.card import SQUARE, WIDE, Card, draw, fonts

from tests.boards.test_build import lay_out
from tests.conftest import ENV, markdown

SITE = "https://lian.qingfeng.test/lian/"
TITLE = '某局原局长"老赵"吃喝&收礼案'  # quotes and an ampersand, as a title may hold them


def tags(page: str) -> dict[str, str]:
    """The page's meta tags by property or itemprop, as a browser parses them."""
    document = html5lib.parse(page, namespaceHTMLElements=False)
    found = {}
    for meta in document.iter("meta"):
        key = meta.get("property") or meta.get("itemprop") or meta.get("name")
        if key:
            found.setdefault(key, meta.get("content"))
    return found


def local(site, url: str):
    """The file a card's absolute address names in the built site."""
    assert url.startswith(SITE), url
    return site.root / "site" / unquote(url[len(SITE) :].split("?")[0])


@pytest.fixture(scope="module")
def shared(new_site):
    site = lay_out(new_site("share"))
    site.config["site_url"] = SITE
    site.save_config()
    site.case("2025-share-case", title=TITLE)
    pack = {"pack": "jiaoyu", "title": "教育系统警示教育", "select": {"sector": "教育"}}
    site.write("content/packs/p.md", markdown(pack, "## 会议议程\n\n主持人讲话。\n"))
    site.write("content/jiafeng/jiashu.md", markdown({"kind": "家书"}, "# 写给儿子的一封信\n\n清白做人，踏实做事。\n"))
    site.write("content/jiafeng/清白 家风.md", markdown({"kind": "家风故事"}, "# 清白家风\n\n一门清白。\n"))
    first = site.build()
    assert first.returncode == 0, first.stderr
    return site, first


@pytest.mark.parametrize(
    ("page", "label"),
    [
        ("cases/2025-share-case/index.html", "典型案例"),
        ("packs/jiaoyu/index.html", "以案四说学习包"),
        ("b/KS01/index.html", "枯山湿地廉洁文化主题公园"),
        ("jiafeng/jiashu/index.html", "家书"),
        ("index.html", None),
        ("cases/index.html", None),
    ],
)
def test_every_page_has_the_tags_and_a_card_of_the_right_size(shared, page, label):
    site, _ = shared
    text = site.html(page)
    found = tags(text)
    title = html5lib.parse(text, namespaceHTMLElements=False).find(".//title").text
    assert title.startswith(found["og:title"]), (title, found["og:title"])
    assert found["og:url"] == SITE + page.removesuffix("index.html")
    assert found["og:description"] == found["description"]
    assert found["og:site_name"] == "测试站点"
    wide, square = local(site, found["og:image"]), local(site, found["image"])
    assert Image.open(wide).size == WIDE and Image.open(square).size == SQUARE
    assert (found["og:type"] == "article") == (label is not None)
    if label is None:  # the site's own card
        assert found["og:image"].split("?")[0] == SITE + "cards/index.png"
    else:
        assert "cards/index.png" not in found["og:image"]


def test_a_card_of_a_page_whose_file_name_has_spaces_and_han_has_an_encoded_address(shared):
    site, _ = shared
    found = tags(site.html("jiafeng/清白 家风/index.html"))
    assert found["og:image"].isascii() and " " not in found["og:image"]
    assert local(site, found["og:image"]).is_file()
    assert found["og:title"] == "清白家风"


def test_a_title_with_quotes_and_ampersands_is_the_same_text_in_every_tag(shared):
    site, _ = shared
    found = tags(site.html("cases/2025-share-case/index.html"))
    assert found["og:title"] == found["og:image:alt"] == found["name"] == TITLE


def test_the_mirror_points_at_its_own_pages_and_shows_the_same_cards(shared):
    site, _ = shared
    main = tags(site.html("b/KS01/index.html"))
    mirror = tags(site.html("zh-hant/b/KS01/index.html"))
    assert mirror["og:url"] == SITE + "zh-hant/b/KS01/"
    assert mirror["og:title"] == "羊續懸魚"
    assert (mirror["og:image"], mirror["image"]) == (main["og:image"], main["image"])  # the same card
    assert local(site, mirror["og:image"]).is_file()
    assert not (site.root / "site/zh-hant/cards").exists()


def test_a_rebuild_draws_no_card_again(shared, tmp_path):
    site, first = shared
    assert "分享卡片：新画了" in first.stderr
    made = {path.name: path.stat().st_mtime_ns for path in (site.root / ".cache/qingfeng").glob("*.png")}
    assert made
    again = site.copy(tmp_path / "again")
    second = again.build()
    assert second.returncode == 0, second.stderr
    assert "分享卡片" not in second.stderr
    assert {name: (again.root / ".cache/qingfeng" / name).stat().st_mtime_ns for name in made} == made
    card = again.root / "site/cards/cases/2025-share-case/index.png"
    assert card.read_bytes() == (site.root / "site/cards/cases/2025-share-case/index.png").read_bytes()


# The build as the command line runs it, with a helper that never gets a core (a busy machine).
STARVED = """
import os, signal, sys
from qingfeng.render import sidecar
sidecar._idle = lambda: os.kill(os.getpid(), signal.SIGSTOP)
from mkdocs.__main__ import cli
cli.main(args=["build", "-f", sys.argv[1]], prog_name="mkdocs")
"""


def test_cards_the_helper_never_drew_are_drawn_by_the_build(shared, tmp_path):
    site, _ = shared
    again = site.copy(tmp_path / "starved")
    for png in (again.root / ".cache/qingfeng").glob("*.png"):
        png.unlink()
    command = [sys.executable, "-c", STARVED, str(again.root / "mkdocs.yml")]
    result = subprocess.run(command, capture_output=True, text=True, env=ENV, cwd=again.root, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    cards = list((again.root / "site/cards").rglob("*.png"))
    assert f"分享卡片：新画了 {len(cards)} 张" in result.stderr  # each card the site shows, once
    drawn = sorted(path.relative_to(site.root / "site") for path in (site.root / "site").rglob("*.png"))
    assert drawn == sorted(path.relative_to(again.root / "site") for path in (again.root / "site").rglob("*.png"))
    for path in drawn:
        assert (again.root / "site" / path).read_bytes() == (site.root / "site" / path).read_bytes(), path
    assert not list((again.root / ".cache/qingfeng").glob(".*.part"))


def test_the_offline_edition_leaves_the_cards_out(shared):
    site, _ = shared
    names = zipfile.ZipFile(site.root / "site/downloads/offline.zip").namelist()
    assert any(name.endswith("/cases/2025-share-case/index.html") for name in names)
    assert any(name.endswith("/zh-hant/cases/2025-share-case/index.html") for name in names)
    assert not [name for name in names if "/cards/" in name]


def test_without_a_site_url_or_with_cards_off_there_is_no_image(site):
    site.case()
    del site.config["site_url"]
    site.save_config()
    site.built()
    found = tags(site.html("cases/2025-test-case/index.html"))
    assert "og:title" in found and "og:url" not in found and "og:image" not in found
    assert not (site.root / "site/cards").exists()
    site.config["site_url"] = SITE
    site.options("qingfeng/share", cards=False)
    site.built()
    found = tags(site.html("cases/2025-test-case/index.html"))
    assert found["og:url"] == SITE + "cases/2025-test-case/" and "og:image" not in found
    assert not (site.root / "site/cards").exists()


def test_a_bad_seal_colour_is_refused_in_chinese(site):
    site.options("qingfeng/share", seal_color="red")
    result = site.build()
    assert result.returncode != 0
    assert "应是 #rrggbb 形式的颜色" in result.stderr


def title_area(title: str, size=WIDE) -> numpy.ndarray:
    """The card's pixels where the title is drawn (below the label, above the foot)."""
    image = Image.open(io.BytesIO(draw(Card(title, "典型案例", "测试站点", (163, 21, 21)), size, FONTS)))
    width, height = size
    return numpy.asarray(image.convert("L"))[int(height * 0.25) : int(height * 0.7), : int(width * 0.9)]


FONTS = fonts()


@pytest.mark.parametrize("size", [WIDE, SQUARE])
def test_the_title_is_drawn_in_real_glyphs(size):
    blank, one, other = title_area("", size), title_area("王某受贿案", size), title_area("李某受贿案", size)
    assert (one != blank).mean() > 0.01, "the title is drawn"
    # Missing glyphs (tofu) are one box for every character: different characters must differ.
    first_glyph = (slice(None), slice(0, int(size[0] * 0.2)))
    assert (one[first_glyph] != other[first_glyph]).any()


def test_a_long_title_fits_the_card_with_an_ellipsis():
    long = "某县" + "违规发放津贴补贴" * 12 + "案"
    area = title_area(long)
    assert (area != title_area("")).any()
    # Nothing is drawn over the right margin.
    image = numpy.asarray(Image.open(io.BytesIO(
        draw(Card(long, "典型案例", "测试站点", (163, 21, 21)), WIDE, FONTS))).convert("L"))
    assert (image[:, -60:] == image[0, -1]).all()
