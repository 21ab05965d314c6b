"""Board artwork sizes: the QR code is big enough to scan from a path."""

from __future__ import annotations

from dataclasses import dataclass

from ..model.schema import Board

QR_MIN_MM = 80  # smallest printed code, quiet zone included


@dataclass(frozen=True)
class Layout:
    width: int  # mm
    height: int
    qr: int  # printed width of the code with its quiet zone, mm
    margin: int


def layout(board: Board) -> Layout:
    width, height = board.size_mm
    short = min(width, height)
    # At least 80 mm and a tenth of the short side; a fifth reads well from a step away.
    qr = max(QR_MIN_MM, round(short / 5))
    return Layout(width, height, min(qr, short - 20), max(10, round(short / 20)))
