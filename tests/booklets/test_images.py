"""Images in the bodies that booklets and pack PDFs print: embedded, and drawn on the chapter's page."""

import pdfplumber
import pytest
import yaml
from PIL import Image
from pypdf import PdfReader

from tests.conftest import BODY, case_body, markdown
from tests.qr_decode import render_pdf_page

CASE, TITLE = "2025-photo", "甲局原局长受贿案"
PACK = "jiaoyu"
COLOURS = {
    "case": (200, 30, 30),
    "page": (30, 30, 200),
    "raw": (30, 160, 30),
    "pack": (220, 180, 0),
    "confession": (150, 30, 150),
}
SIZE = (120, 80)


def photo(root, rel, colour):
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", SIZE, colour).save(path)


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    from tests.conftest import Site

    site = Site(tmp_path_factory.mktemp("images"))
    photo(site.root, "content/media/photo.png", COLOURS["case"])
    photo(site.root, "content/media/huiguo.png", COLOURS["confession"])
    photo(site.root, "content/jiafeng/img/jiaxun.png", COLOURS["page"])
    photo(site.root, "content/jiafeng/img/raw.png", COLOURS["raw"])
    photo(site.root, "content/packs/img/agenda.png", COLOURS["pack"])
    sections = {
        **BODY,
        "案情": BODY["案情"] + "\n\n![现场照片](media/photo.png)",
        "忏悔": "> 我辜负了组织的培养。\n>\n> ![悔过书](media/huiguo.png)",
    }
    site.case(CASE, title=TITLE, body=case_body(sections))
    site.write(
        "content/jiafeng/jiaxun.md",
        markdown(
            {"kind": "家训"},
            '# 家训一则\n\n![家训图](img/jiaxun.png)\n\n<p><img src="img/raw.png" alt="原图"></p>\n',
        ),
    )
    site.write(
        "content/packs/p.md",
        markdown(
            {"pack": PACK, "title": "教育系统学习包", "cases": [CASE]}, "## 会议议程\n\n![议程](img/agenda.png)\n"
        ),
    )
    booklets = [
        {
            "id": "jingshilu",
            "title": "警示录",
            "imposition": "saddle",
            "contents": [{"cases": [CASE]}, {"page": "jiafeng/jiaxun.md"}, {"confessions": [CASE]}],
        },
    ]
    site.write("site_config/booklets.yml", yaml.safe_dump({"booklets": booklets}, allow_unicode=True))
    return site, site.built()


def embedded(pdf) -> set[tuple[int, int, int]]:
    """The colours of the solid images the PDF holds at the photos' size."""
    found = set()
    for page in PdfReader(pdf).pages:
        for image in page.images:
            if image.image.size == SIZE:
                found.add(image.image.convert("RGB").getpixel((SIZE[0] // 2, SIZE[1] // 2)))
    return found


def drawn(pdf, page: int, colour) -> int:
    """How many pixels of this colour page `page` (1-based) shows, rendered at 40 dpi."""
    image = render_pdf_page(pdf, 40, page).convert("RGB")
    counts = image.getcolors(image.width * image.height)
    return sum(n for n, pixel in counts if all(abs(a - b) <= 6 for a, b in zip(pixel, colour, strict=True)))


def page_of(pdf, text: str) -> int:
    """The 1-based page on which a chapter with this heading starts (the 目录 is page 2)."""
    with pdfplumber.open(pdf) as doc:
        pages = [page.extract_text() or "" for page in doc.pages]
    return next(n for n, page in enumerate(pages, start=1) if n > 2 and text in page.split("\n")[1])


def test_booklet_embeds_every_body_image(printed):
    _, site_dir = printed
    pdf = site_dir / "downloads/jingshilu.pdf"
    assert embedded(pdf) >= {COLOURS[k] for k in ("case", "page", "raw", "confession")}
    for heading, colours in ((TITLE, ["case"]), ("家训一则", ["page", "raw"]), ("忏悔录", ["confession"])):
        page = page_of(pdf, heading)
        for colour in colours:
            assert drawn(pdf, page, COLOURS[colour]) > 300, (heading, colour)


def test_imposed_booklet_shows_the_images(printed):
    _, site_dir = printed
    pdf = site_dir / "downloads/jingshilu-print.pdf"
    sheets = len(PdfReader(pdf).pages)
    for colour in ("case", "page", "raw", "confession"):
        assert any(drawn(pdf, n, COLOURS[colour]) > 300 for n in range(1, sheets + 1)), colour


def test_pack_pdf_shows_its_own_and_its_cases_images(printed):
    _, site_dir = printed
    pdf = site_dir / f"downloads/packs/{PACK}.pdf"
    assert embedded(pdf) >= {COLOURS["pack"], COLOURS["case"]}
    assert drawn(pdf, page_of(pdf, "教育系统学习包"), COLOURS["pack"]) > 300
    assert drawn(pdf, page_of(pdf, TITLE), COLOURS["case"]) > 300


def test_a_replaced_photo_is_printed_again(printed):
    site, _ = printed
    new = (0, 120, 120)
    photo(site.root, "content/media/photo.png", new)  # same name, other picture: the cached PDF is stale
    try:
        site_dir = site.built()
        pdf = site_dir / "downloads/jingshilu.pdf"
        assert new in embedded(pdf) and COLOURS["case"] not in embedded(pdf)
    finally:
        photo(site.root, "content/media/photo.png", COLOURS["case"])
        site.built()
