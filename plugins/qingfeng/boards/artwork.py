"""Board artwork sizes: the QR code is big enough to scan from a path."""

from __future__ import annotations

from dataclasses import dataclass

from ..model.schema import Board

QR_MIN_MM = 80  # smallest printed code, quiet zone included
QR_SHARE = 5  # the code is a fifth of the artwork's short side


@dataclass(frozen=True)
class Layout:
    width: int  # mm
    height: int
    qr: int  # printed width of the code with its quiet zone, mm
    margin: int


def layout(board: Board) -> Layout:
    width, height = board.size_mm
    short = min(width, height)
    # A fifth of the short side, which reads well from a step away, and at least 80 mm; a board
    # too small for that (short side under 100 mm) gets the largest code its margins leave.
    qr = max(QR_MIN_MM, round(short / QR_SHARE))
    return Layout(width, height, min(qr, short - 20), max(10, round(short / 20)))
