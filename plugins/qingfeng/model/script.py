"""Simplified and traditional script: compare folded forms, convert whole texts.

The main site is in simplified script and the /zh-hant/ mirror in traditional,
both converted with OpenCC. Personal names never change: OpenCC's s2t turns
宋宇峰 into 宋宇峯, which misnames a real person.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import opencc

_T2S = opencc.OpenCC("t2s")
_S2T = opencc.OpenCC("s2t")
# Han characters: the CJK unified ideographs, their extensions and compatibility forms.
HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")
# Names stand in the text as private-use marks with their number while OpenCC converts it.
_MARK = re.compile("\ue000(\\d+)\ue001")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """The simplified form used to compare values, headings and filters."""
    return _T2S.convert(text.strip())


class Converter:
    """Converts texts between the scripts, keeping the given names and `kept` spans as written.

    Only names that the conversion would change need keeping (王某 reads the same in both
    scripts), and only those the text contains: a site may name a thousand people, and one
    pattern of them all would make every page slow to convert.
    """

    def __init__(self, names: Iterable[str] = (), kept: str | None = None):
        names = {name for name in names if name}
        self._names = {
            converter: sorted((n for n in names if converter.convert(n) != n), key=len, reverse=True)
            for converter in (_T2S, _S2T)
        }
        self._kept = kept

    def simplified(self, text: str) -> str:
        return self._convert(_T2S, text)

    def traditional(self, text: str) -> str:
        return self._convert(_S2T, text)

    def _convert(self, converter: opencc.OpenCC, text: str) -> str:
        protected = _pattern(self._kept, tuple(name for name in self._names[converter] if name in text))
        if protected is None:
            return converter.convert(text)
        kept: list[str] = []

        def hide(match: re.Match) -> str:
            kept.append(match.group())
            return f"\ue000{len(kept) - 1}\ue001"

        converted = converter.convert(protected.sub(hide, text))
        return _MARK.sub(lambda match: kept[int(match.group(1))], converted)


@lru_cache(maxsize=1024)
def _pattern(kept: str | None, names: tuple[str, ...]) -> re.Pattern | None:
    parts = ([kept] if kept else []) + [re.escape(name) for name in names]
    return re.compile("|".join(parts), re.S) if parts else None


def is_simplified(text: str) -> bool:
    """True when converting to simplified would change nothing."""
    return _T2S.convert(text) == text
