"""Board artwork sizes: the QR code is big enough to scan from a path."""

from __future__ import annotations

from dataclasses import dataclass

from ..model.parks import MARGIN_MIN_MM, QR_MIN_MM
from ..model.schema import Board

QR_SHARE = 5  # the code is a fifth of the artwork's short side
MARGIN_SHARE = 20  # and the margin a twentieth


@dataclass(frozen=True)
class Layout:
    width: int  # mm
    height: int
    qr: int  # printed width of the code with its quiet zone, mm
    margin: int


def layout(board: Board) -> Layout:
    width, height = board.size_mm
    short = min(width, height)
    # A fifth of the short side, which reads well from a step away, and never below the minimum;
    # the model turns away a board whose short side cannot hold that code and its margins.
    qr = max(QR_MIN_MM, round(short / QR_SHARE))
    return Layout(width, height, qr, max(MARGIN_MIN_MM, round(short / MARGIN_SHARE)))
