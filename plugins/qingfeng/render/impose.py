"""Saddle-stitch imposition with pypdf: fold a stack of sheets into a booklet."""

from __future__ import annotations

import io

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, FloatObject, NameObject


def saddle_order(pages: int) -> list[tuple[int | None, int | None]]:
    """Sheet sides as (left, right) page indexes, blanks as None, padded to a multiple of 4.

    Sheet 1 front holds the last page and the first; its back the second and
    the second-to-last; and so on inwards. Printed double-sided, flipping on
    the short edge, and folded, the stack reads in order.
    """
    total = -(-pages // 4) * 4
    sides = []
    for sheet in range(total // 4):
        front = (total - 1 - 2 * sheet, 2 * sheet)
        back = (2 * sheet + 1, total - 2 - 2 * sheet)
        sides += [front, back]
    return [tuple(i if i < pages else None for i in side) for side in sides]


def impose(pdf: bytes) -> bytes:
    """Two pages side by side on each sheet side: A5 pages on A4 landscape, A4 on A3.

    The next ISO size up is the page's height times the square root of two
    wide; the pages meet at its centre, where the stack is folded. Each page
    is placed as a form XObject, which copies its content instead of parsing
    and rewriting it (pypdf's page merging took 2.7 s for 120 pages).
    """
    reader = PdfReader(io.BytesIO(pdf))
    width = float(reader.pages[0].mediabox.width)
    height = float(reader.pages[0].mediabox.height)
    sheet_width = max(2 * width, round(height * 2**0.5, 2))
    writer = PdfWriter()
    for left, right in saddle_order(len(reader.pages)):
        sheet = writer.add_blank_page(width=sheet_width, height=height)
        forms, drawing = DictionaryObject(), []
        for index, offset in ((left, sheet_width / 2 - width), (right, sheet_width / 2)):
            if index is not None:
                name = NameObject(f"/Page{index + 1}")
                forms[name] = _form(writer, reader.pages[index])
                drawing.append(f"q 1 0 0 1 {offset:.2f} 0 cm {name} Do Q")
        sheet[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): forms})
        content = DecodedStreamObject()
        content.set_data("\n".join(drawing).encode())
        sheet[NameObject("/Contents")] = writer._add_object(content)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _form(writer: PdfWriter, page: PageObject):
    """The page as a form XObject of the writer, its resources cloned once for all pages that share them."""
    form = DecodedStreamObject()
    form.set_data(page.get_contents().get_data())
    form.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject(FloatObject(v) for v in page.mediabox),
            NameObject("/Resources"): page.raw_get("/Resources").clone(writer),
        }
    )
    return writer._add_object(form.flate_encode())


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)
