"""QR codes: what they encode, that they decode, and why level M."""

import io

import pytest
import segno
from PIL import Image
from qingfeng.render import qr

from tests.qr_decode import at_print_size, decode

URL = "https://lian.qingfeng.test/b/KS01/"


def test_full_qr_never_micro_and_level_m():
    code = qr.make(URL)
    assert not code.is_micro
    assert code.error == "M"


def test_png_decodes_and_has_a_quiet_zone_of_four_modules():
    png = qr.png(URL, scale=10)
    image = Image.open(io.BytesIO(png)).convert("L")
    assert decode(image) == [URL]
    border = 4 * 10
    width = image.size[0]
    for box in (
        (0, 0, width, border),
        (0, 0, border, width),
        (width - border, 0, width, width),
        (0, width - border, width, width),
    ):
        assert image.crop(box).getextrema() == (255, 255)
    assert image.getpixel((border, border)) == 0  # the finder pattern starts right after it


@pytest.mark.parametrize("blur", [0, 1.0, 1.6])
def test_decodes_at_printed_size_150_dpi_clean_and_blurred(blur):
    assert decode(at_print_size(qr.png(URL), 80, blur=blur)) == [URL]


def test_our_codes_decode_everything_level_h_does_at_the_same_printed_size():
    """The measurement behind ERROR_LEVEL: the codes we print against level H, same print size,
    growing blur, smaller prints."""
    long_url = "https://lianzheng.example-county.gov.cn/qingfeng/b/KS01/"
    level_h = io.BytesIO()
    segno.make_qr(long_url, error="h", boost_error=False).save(level_h, kind="png", border=4, scale=8)
    results = {}
    for level, png in (("m", qr.png(long_url, scale=8)), ("h", level_h.getvalue())):
        results[level] = {
            (size, blur): decode(at_print_size(png, size, blur=blur)) == [long_url]
            for size in (15, 20, 25, 30, 40)
            for blur in (0, 0.8, 1.2, 1.6, 2.0)
        }
    m_only = [k for k in results["m"] if results["m"][k] and not results["h"][k]]
    h_only = [k for k in results["h"] if results["h"][k] and not results["m"][k]]
    assert h_only == [], f"level H decoded where M did not: {h_only}"
    assert m_only, "level M should win somewhere, or the choice needs re-measuring"


def test_svg_has_a_viewbox_and_white_quiet_zone():
    svg = qr.svg(URL).decode()
    size = qr.modules(URL)
    assert f'viewBox="0 0 {size} {size}"' in svg
    assert 'fill="#fff"' in svg
