"""Join separately rendered parts of a booklet and print its page numbers.

The parts of a booklet render side by side (see pdf.render_many), so no part
knows the page it starts on. Page numbers (the footer, the 目录, "第 N 页"
references) are therefore stamped afterwards with pypdf, in a subset of the
booklet's own font that holds the ten digits, and the 目录's entries become
links to their pages.

Where a number goes is marked in the HTML by the id of an empty box that is
1em high and sits on the baseline: `qf-page.<align>.<unique>.<target id>`
prints the page on which the element with the target id starts, aligned
`right` or `center` in the box; `qf-link.<unique>.<target id>` makes the
element a link to that page.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass

from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Link
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject

from .pdf import Place, Rendered

PT_PER_PX = 0.75
PT_PER_MM = 72 / 25.4
FIGURE_HEIGHT = 0.74  # em: how high a digit of Noto Serif CJK, the booklets' text face, stands
FONT = NameObject("/QfDigits")


@dataclass(frozen=True)
class Digits:
    """A font subset holding 0-9: each digit's character code and advance (in 1/1000 em)."""

    font: DictionaryObject
    codes: dict[str, bytes]
    widths: dict[str, float]

    @classmethod
    def read(cls, pdf: bytes) -> Digits:
        """From a page that shows exactly "0123456789" in one font."""
        page = PdfReader(io.BytesIO(pdf)).pages[0]
        [font] = (f.get_object() for f in page["/Resources"]["/Font"].values())
        shown = b"".join(_shown_bytes(page))
        if len(shown) != 20:  # Identity-H: two bytes per glyph
            raise ValueError(f"the digits page shows {len(shown)} bytes, not ten two-byte codes")
        codes = {str(n): shown[2 * n : 2 * n + 2] for n in range(10)}
        descendant = font["/DescendantFonts"][0].get_object()
        advance, default = _widths(descendant.get("/W", [])), float(descendant.get("/DW", 1000))
        widths = {digit: advance.get(int.from_bytes(code, "big"), default) for digit, code in codes.items()}
        return cls(font, codes, widths)

    def text(self, number: int) -> tuple[bytes, float]:
        """Character codes for the number and its width in em."""
        digits = str(number)
        return b"".join(self.codes[d] for d in digits), sum(self.widths[d] for d in digits) / 1000


def _shown_bytes(page) -> list[bytes]:
    """The glyph codes a WeasyPrint page shows, which it writes as hex strings."""
    return [bytes.fromhex(code.decode()) for code in re.findall(rb"<([0-9a-fA-F]+)>", page.get_contents().get_data())]


def _widths(entries: list) -> dict[int, float]:
    """A CIDFont /W array: `c [w1 w2 ...]` or `c_first c_last w`."""
    widths, i = {}, 0
    while i < len(entries):
        first = int(entries[i])
        if isinstance(entries[i + 1], list):
            widths.update({first + n: float(w) for n, w in enumerate(entries[i + 1])})
            i += 2
        else:
            widths.update(dict.fromkeys(range(first, int(entries[i + 1]) + 1), float(entries[i + 2])))
            i += 3
    return widths


@dataclass(frozen=True)
class Footer:
    """Page numbers centred in the page's bottom margin, which the booklet's CSS takes from `margin`."""

    size: float  # pt
    margin: float  # mm, the page's bottom margin
    first: int  # index of the first page that shows its number (the cover does not)

    @property
    def baseline(self) -> float:
        """pt above the bottom edge: the digits' middle at the margin's middle."""
        return self.margin * PT_PER_MM / 2 - self.size * FIGURE_HEIGHT / 2


def assemble(parts: list[Rendered], digits_pdf: bytes, footer: Footer) -> bytes:
    """One PDF of the parts in order, with every page number stamped; `digits_pdf` is read by Digits.read."""
    digits = Digits.read(digits_pdf)
    writer = PdfWriter()
    anchors: dict[str, Place] = {}
    for number, part in enumerate(parts):
        start = len(writer.pages)
        reader = PdfReader(io.BytesIO(part.pdf))
        if number:
            _rename_subsets(reader, number)
        elif reader.metadata:
            writer.add_metadata(reader.metadata)  # the title and author of the first part
        writer.append(reader)
        anchors.update({name: (start + index, box) for name, (index, box) in part.anchors.items()})

    stamps: dict[int, list[bytes]] = {}

    def stamp(index: int, number: int, x: float, baseline: float, size: float, align: str) -> None:
        codes, em = digits.text(number)
        left = x - em * size * {"right": 1, "center": 0.5}[align]
        stamps.setdefault(index, []).append(
            f"BT {FONT} {size:.2f} Tf 1 0 0 1 {left:.2f} {baseline:.2f} Tm <{codes.hex()}> Tj ET".encode()
        )

    for index in range(footer.first, len(writer.pages)):
        width = float(writer.pages[index].mediabox.width)
        stamp(index, index + 1, width / 2, footer.baseline, footer.size, "center")
    for name, (index, (left, top, right, bottom)) in anchors.items():
        kind, _, rest = name.partition(".")
        if kind not in ("qf-page", "qf-link"):
            continue
        target = anchors[rest.rsplit(".", 1)[-1]][0]
        height = float(writer.pages[index].mediabox.height)
        if kind == "qf-page":
            align = rest.split(".", 1)[0]
            x = right if align == "right" else (left + right) / 2
            size = (bottom - top) * PT_PER_PX
            stamp(index, target + 1, x * PT_PER_PX, height - bottom * PT_PER_PX, size, align)
        else:
            box = (left * PT_PER_PX, height - bottom * PT_PER_PX, right * PT_PER_PX, height - top * PT_PER_PX)
            writer.add_annotation(index, Link(rect=box, target_page_index=target))

    _rename(digits.font, len(parts))
    clone = digits.font.clone(writer)
    font = clone.indirect_reference or writer._add_object(clone)
    for index, lines in stamps.items():
        _draw(writer, index, font, lines)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _draw(writer: PdfWriter, index: int, font, lines: list[bytes]) -> None:
    """Draw after the page's own content, which is wrapped in q/Q since it leaves its coordinates changed."""
    page = writer.pages[index]
    resources = page["/Resources"].get_object()
    if "/Font" not in resources:
        resources[NameObject("/Font")] = DictionaryObject()
    resources["/Font"].get_object()[FONT] = font
    contents = page["/Contents"].get_object()
    original = list(contents) if isinstance(contents, ArrayObject) else [page.raw_get("/Contents")]
    before, after = DecodedStreamObject(), DecodedStreamObject()
    before.set_data(b"q\n")
    after.set_data(b"\nQ\n" + b"\n".join(lines) + b"\n")
    page[NameObject("/Contents")] = ArrayObject([writer._add_object(before), *original, writer._add_object(after)])


def _rename_subsets(reader: PdfReader, salt: int) -> None:
    """Give each part's font subsets names of their own."""
    fonts = {
        ref.idnum: ref.get_object()
        for page in reader.pages
        for ref in page["/Resources"].get_object().get("/Font", DictionaryObject()).values()
    }
    for font in fonts.values():
        _rename(font, salt)


def _rename(font: DictionaryObject, salt: int) -> None:
    """WeasyPrint names a subset after its font, so every part would name its own
    subset alike; PDF asks for distinct names, and a printer that caches fonts
    by name would draw one part's text with another part's glyphs."""
    descendants = [d.get_object() for d in font.get("/DescendantFonts", [])]
    named = [(font, "/BaseFont")] + [(d, "/BaseFont") for d in descendants]
    named += [(d["/FontDescriptor"].get_object(), "/FontName") for d in descendants if "/FontDescriptor" in d]
    for obj, key in named:
        tag, plus, rest = str(obj[key]).lstrip("/").partition("+")
        if plus:
            digest = hashlib.sha256(f"{tag}{salt}".encode()).digest()
            obj[NameObject(key)] = NameObject("/" + "".join(chr(65 + b % 26) for b in digest[:6]) + "+" + rest)
