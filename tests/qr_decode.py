"""Decode QR codes with a real decoder (zxing-cpp) from PNG files and PDF renderings."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import zxingcpp
from PIL import Image, ImageFilter


def decode(image: Image.Image) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(image.convert("L")) if r.format == zxingcpp.BarcodeFormat.QRCode]


def at_print_size(png: bytes, millimetres: float, dpi: int = 150, blur: float = 0.0) -> Image.Image:
    """The code as a 150-dpi scan of a print `millimetres` wide, optionally blurred."""
    image = Image.open(io.BytesIO(png)).convert("L")
    pixels = round(millimetres / 25.4 * dpi)
    image = image.resize((pixels, pixels), Image.Resampling.BILINEAR)
    return image.filter(ImageFilter.GaussianBlur(blur)) if blur else image


def render_pdf_page(pdf: Path, dpi: int, page: int = 1) -> Image.Image:
    png = subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-png", str(pdf)],
        capture_output=True,
        check=True,
    ).stdout
    return Image.open(io.BytesIO(png))
