"""Saddle-stitch imposition with pypdf: fold a stack of sheets into a booklet."""

from __future__ import annotations

import io

from pypdf import PageObject, PdfReader, PdfWriter, Transformation


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
    wide; the pages meet at its centre, where the stack is folded.
    """
    reader = PdfReader(io.BytesIO(pdf))
    width = float(reader.pages[0].mediabox.width)
    height = float(reader.pages[0].mediabox.height)
    sheet_width = max(2 * width, round(height * 2**0.5, 2))
    writer = PdfWriter()
    for left, right in saddle_order(len(reader.pages)):
        sheet = PageObject.create_blank_page(width=sheet_width, height=height)
        for index, offset in ((left, sheet_width / 2 - width), (right, sheet_width / 2)):
            if index is not None:
                sheet.merge_transformed_page(reader.pages[index], Transformation().translate(offset, 0))
        writer.add_page(sheet)
    writer.compress_identical_objects()
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)
