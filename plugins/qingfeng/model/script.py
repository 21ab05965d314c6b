"""Simplified and traditional script are equal: compare folded forms."""

from __future__ import annotations

from functools import lru_cache

import opencc

_T2S = opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """The simplified form used to compare values, headings and filters."""
    return _T2S.convert(text.strip())
