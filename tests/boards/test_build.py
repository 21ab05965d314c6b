"""Park boards built for real: pages, codes, artwork, and the QR lock."""

import io
import re
import signal
import subprocess
import time
import urllib.request
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest
import yaml
import zxingcpp
from PIL import Image
from pypdf import PdfReader
from qingfeng.render import qr
from qingfeng.render.pdf import render_pdf

from tests.conftest import BIN, ENV, MKDOCS_YML, markdown, shared
from tests.qr_decode import at_print_size, decode, render_pdf_page

MM = 72 / 25.4  # PDF points per millimetre
SITE_URL = MKDOCS_YML["site_url"]


def board(site, code, title, park="kushan", **meta):
    text = f"{title}的故事。为官清廉，拒收礼物。"
    site.write(
        f"content/park/{park}/{code.lower()}.md",
        markdown({"board": code, "title": title, "theme": "廉洁典故", **meta}, text),
    )


def lay_out(site):
    site.write(
        "site_config/parks.yml",
        yaml.safe_dump(
            {"parks": [{"id": "kushan", "name": "枯山湿地廉洁文化主题公园", "place": "兴义市"}]}, allow_unicode=True
        ),
    )
    board(site, "KS02", "颜氏家训", location="清风亭旁", size="400x600")
    board(site, "KS01", "羊续悬鱼", location="健康跑道东段")
    board(site, "KS03", "黄大发")
    return site


@pytest.fixture
def park(site):
    """The park unbuilt, for a test that changes it or builds it its own way."""
    return lay_out(site)


@pytest.fixture(scope="module")
def parks(new_site):
    """The park built once per site_url, for the tests that only read it: `parks()` or `parks(url)`."""
    built = {}
    with ExitStack() as stack:

        def at(site_url=SITE_URL):
            if site_url not in built:
                site = lay_out(new_site("park"))
                site.config["site_url"] = site_url
                site.save_config()
                built[site_url] = stack.enter_context(shared(site))
            return built[site_url]

        at()  # the one most tests read, built here so its time shows as the fixture's
        yield at


@pytest.fixture
def built_park(parks, tmp_path):
    """A copy of the built park, lock and cache included, for a test that goes on from its first build."""
    return parks().copy(tmp_path / "park")


def lock_of(site):
    path = site.root / "site_config/qr-lock.yml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))["boards"] if path.exists() else {}


def test_board_page_is_the_page_itself_with_links_in_park_order(parks):
    park = parks()
    html = park.html("b/KS02/index.html")
    assert "http-equiv" not in html
    assert "<h1>颜氏家训</h1>" in html and "清风亭旁" in html and "枯山湿地廉洁文化主题公园" in html
    assert 'href="../KS01/" rel="prev"' in html and 'href="../KS03/" rel="next"' in html
    assert 'href="../../park/kushan/"' in html and 'href="../.."' in html
    assert "<script" not in html and "search_index" not in html
    assert not (park.root / "site/park/kushan/ks02").exists()


def test_park_index_lists_boards_in_order(parks):
    park = parks()
    html = park.html("park/kushan/index.html")
    assert [m for m in re.findall(r'href="../../b/(KS\d\d)/"', html)] == ["KS01", "KS02", "KS03"]
    assert "健康跑道东段" in html
    assert 'href="kushan/"' in park.html("park/index.html")


@pytest.mark.parametrize("site_url", ["https://lian.qingfeng.test/", "https://host.qingfeng.test/lian/"])
def test_qr_images_encode_site_url_and_board_path(parks, site_url):
    site_dir = parks(site_url).root / "site"
    for code in ("KS01", "KS02", "KS03"):
        assert decode(Image.open(site_dir / f"qr/{code}.png")) == [f"{site_url}b/{code}/"]
        assert (site_dir / f"qr/{code}.svg").read_text(encoding="utf-8").startswith("<svg")


def test_board_pdf_is_the_board_size_with_a_decodable_code(parks):
    site_dir = parks().root / "site"
    pdf = site_dir / "print/boards/KS02.pdf"
    reader = PdfReader(pdf)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / MM), round(float(box.height) / MM)) == (400, 600)
    text = reader.pages[0].extract_text()
    for expected in ("颜氏家训", "KS02", "扫码阅读", "拒收礼物"):
        assert expected in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    cjk = [line for line in fonts.splitlines() if "CJK" in line]
    assert cjk and all("CJK-SC" in line and " yes yes " in line for line in cjk)  # SC, embedded, subset
    assert decode(render_pdf_page(pdf, dpi=20)) == ["https://lian.qingfeng.test/b/KS02/"]
    default = PdfReader(site_dir / "print/boards/KS01.pdf").pages[0].mediabox
    assert (round(float(default.width) / MM), round(float(default.height) / MM)) == (600, 900)


def test_qr_in_artwork_is_a_fifth_of_the_short_side_and_at_least_80mm(parks):
    site_dir = parks().root / "site"
    url = "https://lian.qingfeng.test/b/KS01/"
    dpi = 25
    [found] = zxingcpp.read_barcodes(render_pdf_page(site_dir / "print/boards/KS01.pdf", dpi=dpi).convert("L"))
    assert found.text == url
    symbol_px = found.position.top_right.x - found.position.top_left.x  # without the quiet zone
    total = qr.modules(url)
    width_mm = symbol_px / dpi * 25.4 * total / (total - 2 * qr.QUIET_ZONE)
    # The board is 600 mm wide: its code is 120 mm, quiet zone included (one pixel is a millimetre here).
    assert 118 <= width_mm <= 122, width_mm


def test_sticker_sheet_is_a4_with_every_code(parks):
    site_dir = parks().root / "site"
    reader = PdfReader(site_dir / "print/boards/kushan-qr.pdf")
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / MM), round(float(box.height) / MM)) == (210, 297)
    found = decode(render_pdf_page(site_dir / "print/boards/kushan-qr.pdf", dpi=200))
    assert sorted(found) == [f"https://lian.qingfeng.test/b/KS0{n}/" for n in (1, 2, 3)]


def test_build_adds_new_codes_to_the_lock_and_keeps_old_ones(built_park):
    park = built_park
    lock = lock_of(park)
    assert sorted(lock) == ["KS01", "KS02", "KS03"]
    assert lock["KS01"]["url"] == "https://lian.qingfeng.test/b/KS01/"
    board(park, "KS04", "于谦拒礼")
    park.built()
    assert sorted(lock_of(park)) == ["KS01", "KS02", "KS03", "KS04"]
    assert lock_of(park)["KS01"] == lock["KS01"]


def test_failed_build_writes_nothing_to_the_lock(park):
    park.case("2025-bad", role="局长")
    assert park.build().returncode != 0
    assert not (park.root / "site_config/qr-lock.yml").exists()


def test_build_failing_after_every_page_is_written_writes_nothing_to_the_lock(park):
    # The case above fails while loading content, before any plugin could write; this one fails
    # at the very end, where the lock would be written: a strict build that warned.
    park.write("content/links.md", "# 链接\n\n[不存在](missing.md)\n")
    result = park.build("--strict")
    assert result.returncode != 0 and "missing.md" in result.stderr
    assert not (park.root / "site_config/qr-lock.yml").exists()


def test_locked_code_whose_board_is_gone_fails_naming_the_code(built_park):
    park = built_park
    (park.root / "content/park/kushan/ks03.md").unlink()
    result = park.build()
    assert result.returncode != 0
    assert "site_config/qr-lock.yml: 字段 boards.KS03（第 9 行）:" in result.stderr and "KS03" in result.stderr


def test_retired_code_forwards_to_its_board_or_page(built_park):
    park = built_park
    (park.root / "content/park/kushan/ks03.md").unlink()
    park.write("content/jiafeng/zhuzi.md", "# 朱子家训\n\n黎明即起。\n")
    text = (park.root / "site_config/qr-lock.yml").read_text(encoding="utf-8")
    text = text.replace("KS03/, first_built: ", "KS03/, retired: KS01, first_built: ")
    text += "  KS09: {url: https://lian.qingfeng.test/b/KS09/, first_built: 2025-01-01, retired: jiafeng/zhuzi.md}\n"
    park.write("site_config/qr-lock.yml", text)
    park.built()
    html = park.html("b/KS03/index.html")
    assert '<meta http-equiv="refresh" content="0; url=../KS01/">' in html
    assert '<a href="../KS01/">' in html
    assert 'url=../../jiafeng/zhuzi/"' in park.html("b/KS09/index.html")
    assert "KS09" in lock_of(park) and lock_of(park)["KS03"]["retired"] == "KS01"


def test_changed_site_url_is_an_error_for_printed_codes(built_park):
    park = built_park
    park.config["site_url"] = "https://new.example.cn/"
    park.save_config()
    result = park.build()
    assert result.returncode != 0
    assert "boards.KS01.url" in result.stderr


def test_pdfs_and_codes_are_cached_by_content(built_park):
    park = built_park  # built once, then copied: the cache must not care where the project lies
    cache = park.root / ".cache/qingfeng"
    before = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}
    assert sum(name.endswith(".pdf") for name in before) == 4
    park.built(fresh=True)  # a new interpreter: keys must not depend on hash order either
    assert {p.name: p.stat().st_mtime_ns for p in cache.iterdir()} == before
    board(park, "KS01", "羊续悬鱼（修订）")
    park.built()
    after = {p.name for p in cache.iterdir()}
    # KS01's artwork and the park's sticker sheet; its share cards, wide and square.
    assert len(after - set(before)) == 2 + 2


def test_pdfs_can_be_switched_off(park):
    park.config["plugins"] = [
        p if p != "qingfeng/boards" else {"qingfeng/boards": {"pdf": False}} for p in park.config["plugins"]
    ]
    park.save_config()
    site_dir = park.built()
    assert not (site_dir / "print").exists()
    assert (site_dir / "qr/KS01.svg").exists()


@contextmanager
def serving(root: Path, port: int):
    """`mkdocs serve` on the site; yields its base URL once it answers."""
    server = subprocess.Popen(
        [str(BIN / "mkdocs"), "serve", "-a", f"127.0.0.1:{port}", "-f", str(root / "mkdocs.yml")],
        env={**ENV, "TMPDIR": str(root.parent)},  # MkDocs serves from a temporary folder: not /tmp
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base)
                break
            except OSError:
                assert server.poll() is None, "mkdocs serve stopped"
                assert time.monotonic() < deadline, "mkdocs serve did not start"
                time.sleep(0.5)
        yield base
    finally:
        server.send_signal(signal.SIGINT)  # Ctrl+C: MkDocs removes its temporary folder
        server.wait(timeout=20)


def test_serve_skips_pdfs_and_does_not_touch_the_lock(park, unused_port):
    with serving(park.root, unused_port) as base:
        page = urllib.request.urlopen(base + "b/KS01/").read().decode()
        assert "羊续悬鱼" in page
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(base + "print/boards/KS01.pdf")
    assert not Path(park.root / "site_config/qr-lock.yml").exists()


def test_serve_works_with_printed_codes_and_keeps_their_urls(built_park, unused_port):
    # `mkdocs serve` swaps site_url for the dev server's; the locked codes must still match.
    park = built_park
    assert (park.root / "site_config/qr-lock.yml").exists()
    with serving(park.root, unused_port) as base:
        png = urllib.request.urlopen(base + "qr/KS01.png").read()
    assert decode(Image.open(io.BytesIO(png)).convert("L")) == ["https://lian.qingfeng.test/b/KS01/"]


def test_every_built_code_decodes_clean_blurred_printed_and_from_svg(parks, tmp_path):
    site_dir = parks().root / "site"
    for code in ("KS01", "KS02", "KS03"):
        url = f"https://lian.qingfeng.test/b/{code}/"
        png = (site_dir / f"qr/{code}.png").read_bytes()
        assert decode(Image.open(io.BytesIO(png))) == [url]
        assert decode(at_print_size(png, 80, dpi=150)) == [url]
        assert decode(at_print_size(png, 80, dpi=150, blur=1.5)) == [url]
        # The SVG, placed 80 mm wide on a page and rasterised at 150 dpi by poppler.
        html = f'<img src="{(site_dir / f"qr/{code}.svg").as_uri()}" style="width: 80mm">'
        pdf = tmp_path / f"{code}.pdf"
        pdf.write_bytes(render_pdf(html, roots=(site_dir,)))
        assert decode(render_pdf_page(pdf, dpi=150)) == [url]
