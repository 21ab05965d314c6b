"""A share card: the image a chat app shows for a link, drawn with Pillow.

Two sizes: 1200×630 (Open Graph's wide card) and 400×400 (apps that crop to a square, as
WeChat's thumbnails do). The card shows the page's title in large type, a label naming what the
page is (典型案例, 学习包, a park's name…), the site's name and the seal colour.

Drawn in one 8-bit channel and saved with a palette: the paper, the ink and the seal are three
ramps of one palette, so text keeps its smoothed edges and the PNG is a few tens of KB, written
several times faster than a full-colour one (the cost of a first build of 1,000 pages counts).
"""

from __future__ import annotations

import io
import os
import re
import subprocess
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

WIDE = (1200, 630)
SQUARE = (400, 400)
PAPER = (250, 246, 238)
INK = (43, 34, 34)
WHITE = (255, 255, 255)
# The palette's three ramps, by index: paper to ink, paper to seal, seal to white.
_INK, _SEAL_ON_PAPER, _SEAL, _WHITE_ON_SEAL = 84, (85, 169), 170, 255
_COMPRESSION = 1  # zlib's fastest: a card a tenth larger than at 3, made in less time (a first build draws thousands)
# The title's sizes in points, largest first: the first at which the whole title fits is used.
_TITLE_POINTS = {WIDE: (84, 72, 60, 50, 44), SQUARE: (68, 56, 46, 38, 34)}
# Characters that never open a line, and those that never close one (the usual Chinese rule).
_NO_START = set("，。、；：？！）》」』”’…—·,.;:?!)]}%")
_NO_END = set("（《「『“‘([{")
_WORD = re.compile(r"[A-Za-z0-9]+|.", re.DOTALL)
_ADVANCES: dict[object, dict[str, float]] = {}


@dataclass(frozen=True)
class Fonts:
    """The faces a card is drawn in: font files and the index of the script's face in each."""

    serif: str  # the title's
    sans: str  # the label's and the site name's
    index: int  # of the face in a .ttc collection


@dataclass(frozen=True)
class Card:
    title: str
    label: str  # what the page is: 典型案例, 以案四说学习包, the park's name
    site: str  # the site's name
    seal: tuple[int, int, int]  # the site's seal colour


def draw(card: Card, size: tuple[int, int], fonts: Fonts) -> bytes:
    """The card as PNG bytes at `size` (WIDE or SQUARE)."""
    frame = _frame(card.label, card.site, size, fonts)
    image = frame.image.copy()
    pen = ImageDraw.Draw(image)
    # The title: as large as fits in the lines there are, never below the smallest size.
    for points in _TITLE_POINTS[size]:
        face = _font(fonts.serif, fonts.index, round(points * frame.unit))
        step = round(points * frame.unit * 1.32)
        lines = _wrap(card.title, face, frame.room)
        if frame.top + step * len(lines) <= frame.bottom:
            break
    lines = lines[: max(1, (frame.bottom - frame.top) // step)]
    if _wrap(card.title, face, frame.room) != lines:  # what is left out is marked as left out
        lines[-1] = _fit_line(lines[-1] + "…", face, frame.room, ellipsis=True)
    for number, line in enumerate(lines):
        _text(pen, (frame.left, frame.top + number * step + face.getmetrics()[0]), line, face, _INK)
    image.putpalette(_palette(card.seal))
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=_COMPRESSION)
    return out.getvalue()


@dataclass(frozen=True)
class _Frame:
    """What every card of a kind shares: the band, the label, the seal and the site's name, drawn
    once; and where the title goes."""

    image: Image.Image
    unit: float  # the layout's scale
    left: int
    top: int
    bottom: int
    room: int  # the title's width


@lru_cache(maxsize=64)
def _frame(label: str, site: str, size: tuple[int, int], fonts: Fonts) -> _Frame:
    width, height = size
    unit = width / 1200 if size == WIDE else width / 600
    margin = round(72 * unit) if size == WIDE else round(48 * unit)
    image = Image.new("L", size, 0)
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, 0, round(20 * unit), height), fill=_SEAL)  # the seal band down the left edge
    left = margin + round(20 * unit)
    top = margin
    if label:
        face = _font(fonts.sans, fonts.index, round(34 * unit))
        _seal_text(pen, (left, top), _fit_line(label, face, width - left - margin), face)
        top += round(72 * unit)
    seal_side = round((104 if size == WIDE else 88) * unit)
    # The foot: the site's name, and a seal with its first character.
    x, y = width - margin - seal_side, height - margin - seal_side
    pen.rectangle((x, y, x + seal_side, y + seal_side), fill=_SEAL)
    seal_face = _font(fonts.serif, fonts.index, round(seal_side * 0.62))
    first = site.strip()[:1] or "清"
    x0, y0, x1, y1 = seal_face.getbbox(first, anchor="ls")
    _text(pen, (x + (seal_side - x1 - x0) // 2, y + (seal_side - y1 - y0) // 2), first, seal_face, _WHITE_ON_SEAL)
    face = _font(fonts.sans, fonts.index, round(30 * unit))
    _text(pen, (left, y + seal_side), _fit_line(site, face, x - left - round(24 * unit)), face, _INK)
    bottom = height - margin - seal_side - round(24 * unit)
    return _Frame(image, unit, left, top, bottom, width - left - margin)


def _seal_text(pen: ImageDraw.ImageDraw, at: tuple[int, int], text: str, face) -> None:
    """Text in the seal colour on paper: drawn from the second ramp's paper end."""
    baseline = (at[0], at[1] + face.getmetrics()[0])
    pen.rectangle(pen.textbbox(baseline, text, font=face, anchor="ls"), fill=_SEAL_ON_PAPER[0])
    _text(pen, baseline, text, face, _SEAL_ON_PAPER[1])


def _text(pen: ImageDraw.ImageDraw, baseline: tuple[int, int], text: str, face, fill: int) -> None:
    """Text from its left baseline, glyph by glyph: each glyph is rasterised once per face and
    size, as a thousand titles share most of their characters."""
    x, y = baseline
    for char in text:
        glyph, (left, top), advance = _glyph(face, char)
        if glyph is not None:
            pen.bitmap((round(x) + left, y + top), glyph, fill=fill)
        x += advance


def _wrap(text: str, face, room: int) -> list[str]:
    """Lines that fit `room`: anywhere between Han characters, between words, not before a
    closing mark or after an opening one."""
    lines: list[str] = []
    line, length = "", 0.0
    for piece in _WORD.findall(" ".join(text.split())):
        advance = _length(face, piece)
        if line and length + advance > room and piece not in _NO_START and line[-1] not in _NO_END:
            lines.append(line.rstrip())
            line, length = piece.lstrip(), _length(face, piece.lstrip())
        else:
            line, length = line + piece, length + advance
    return [*lines, line.rstrip()] if line.strip() else lines or [""]


def _length(face, piece: str) -> float:
    """A piece's advance, by its characters' (Han text has no kerning): measured once each."""
    known = _ADVANCES.setdefault(face, {})
    if piece not in known:
        known[piece] = face.getlength(piece)
    return known[piece]


def _fit_line(text: str, face, room: int, ellipsis: bool = False) -> str:
    """The text cut with an ellipsis where it would pass `room`."""
    if face.getlength(text) <= room:
        return text
    base = text.removesuffix("…") if ellipsis else text
    while base and face.getlength(base + "…") > room:
        base = base[:-1]
    return base + "…"


@lru_cache(maxsize=8)
def _palette(seal: tuple[int, int, int]) -> list[int]:
    def ramp(start, end, steps):
        return [round(a + (b - a) * n / (steps - 1)) for n in range(steps) for a, b in zip(start, end, strict=True)]

    ink = ramp(PAPER, INK, _INK + 1)
    on_paper = ramp(PAPER, seal, _SEAL_ON_PAPER[1] - _SEAL_ON_PAPER[0] + 1)
    on_seal = ramp(seal, WHITE, _WHITE_ON_SEAL - _SEAL + 1)
    return ink + on_paper + on_seal


@lru_cache(maxsize=16384)
def _glyph(face, char: str) -> tuple[Image.Image | None, tuple[int, int], float]:
    """A character's smoothed mask, where it sits from the pen's baseline position, its advance."""
    x0, y0, x1, y1 = face.getbbox(char, anchor="ls")
    advance = face.getlength(char)
    if x1 <= x0 or y1 <= y0:  # a space
        return None, (0, 0), advance
    glyph = Image.new("L", (x1 - x0, y1 - y0), 0)
    ImageDraw.Draw(glyph).text((-x0, -y0), char, font=face, fill=255, anchor="ls")
    return glyph, (x0, y0), advance


@lru_cache(maxsize=64)
def _font(path: str, index: int, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size, index=index)


# Debian's fonts-noto-cjk, which the README's first command installs; elsewhere fontconfig finds them.
_FONT_FOLDER = "/usr/share/fonts/opentype/noto"
_FACES = {
    "serif": ("NotoSerifCJK-Bold.ttc", "Noto Serif CJK SC:bold"),
    "sans": ("NotoSansCJK-Bold.ttc", "Noto Sans CJK SC:bold"),
}
SIMPLIFIED = 2  # the simplified Chinese face of a Noto CJK collection (.ttc): JP, KR, SC, TC, HK


class NoFonts(Exception):
    pass


def fonts() -> Fonts:
    """The Noto CJK faces in simplified Chinese; NoFonts when they are not installed."""
    found = {}
    for role, (name, pattern) in _FACES.items():
        path = os.path.join(_FONT_FOLDER, name)
        if not os.path.isfile(path):
            try:
                path = subprocess.run(
                    ["fc-match", "-f", "%{file}", pattern], capture_output=True, text=True, timeout=30, check=False
                ).stdout.strip()
            except (OSError, subprocess.TimeoutExpired):
                path = ""
            if not path.endswith(".ttc") or "CJK" not in path:
                raise NoFonts(name)
        found[role] = path
    return Fonts(found["serif"], found["sans"], SIMPLIFIED)
