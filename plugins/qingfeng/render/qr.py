"""QR codes for park boards (segno).

Level M, chosen by test (tests/render/test_qr.py): at the same printed size a
higher level packs more, smaller modules, and level H decoded nothing that M
did not. Always a full QR code (never Micro QR, which phones cannot read),
with the standard quiet zone of 4 modules.
"""

from __future__ import annotations

import io

import segno

ERROR_LEVEL = "m"
QUIET_ZONE = 4  # modules


def make(url: str) -> segno.QRCode:
    # boost_error would silently raise the level; the level is a measured choice.
    return segno.make_qr(url, error=ERROR_LEVEL, boost_error=False)


def svg(url: str) -> bytes:
    """Scalable vector code for printers: a viewBox, no fixed size, white quiet zone."""
    out = io.BytesIO()
    make(url).save(
        out,
        kind="svg",
        border=QUIET_ZONE,
        xmldecl=False,
        svgclass=None,
        lineclass=None,
        omitsize=True,
        light="#fff",
        title=url,
    )
    return out.getvalue()


def png(url: str, scale: int = 10) -> bytes:
    out = io.BytesIO()
    make(url).save(out, kind="png", border=QUIET_ZONE, scale=scale, light="#fff")
    return out.getvalue()


def png_data_uri(url: str, scale: int = 4) -> str:
    """A small PNG for print templates: drawing it costs far less than an SVG path."""
    return make(url).png_data_uri(border=QUIET_ZONE, scale=scale, light="#fff")


def modules(url: str) -> int:
    """Width of the symbol in modules, quiet zone included."""
    return make(url).symbol_size(border=QUIET_ZONE)[0]
