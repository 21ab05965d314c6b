"""Simplified and traditional script: compare folded forms, convert whole texts.

The main site is in simplified script: every text is converted, personal names included, so a case
written in traditional script shows 庹華明 as 庹华明. The /zh-hant/ mirror is converted from the built
site with OpenCC's Taiwan (s2tw) or Hong Kong (s2hk) standard, the forms the seeds are written in
(為, not the 爲 of OpenCC's own standard s2t).

Names follow one rule on the mirror: a character of a name changes only when it is not itself a
traditional character, into its traditional pair (华 → 華, 钟 → 鍾). A character that traditional
script writes too stays as written: 峰, which Taiwan writes where s2t and s2hk write 峯; 于, 范, 余,
岳, which OpenCC lists among their own traditional forms beside 於, 範, 餘, 嶽 (a surname is never
turned into another); and every character of a name written in traditional script. Case subjects
come as the main site shows them (the mirror is that site converted); site_config/names.yml gives
the traditional spelling of names the rule gets wrong (葉某 for 叶某, which it keeps), and wins over
a subject that reads the same in simplified.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache

import opencc

# The mirror's standards. Not s2t: it writes 爲 and 峯, forms neither Taiwan nor Hong Kong uses;
# not s2twp: it also changes words (信息 → 資訊), and the mirror is the same text in another script.
SCRIPTS = ("s2tw", "s2hk")
DEFAULT_SCRIPT = "s2tw"

_T2S = opencc.OpenCC("t2s")
# Hong Kong's forms that t2s leaves alone (衞生, 敍述, 衹): to OpenCC's standard first.
_HK2T = opencc.OpenCC("hk2t")
# Simplified characters that OpenCC's s2t table (STCharacters) lists among their own traditional
# forms, after another (于 → 於 于, 范 → 範 范): traditional script writes them too. OpenCC's Python
# API gives only the first form; tests/model/test_script.py checks this copy against OpenCC's table.
ALSO_TRADITIONAL = frozenset(
    "熏淀郁适雇采里辟荐胜苹虫跖腊腌范蚝蝎蜡膻准几凶厂厘划占台叶吁吃后帘岩岳党夸咨咸尸唇干广征确种筑皂挂"
    "涂涌杠杰极游据斗愿朴柜万丑丰伙于云亘仆价余佣㐹"
)
# Han characters: the CJK unified ideographs, their extensions and compatibility forms.
HAN_CHARACTERS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN = re.compile(f"[{HAN_CHARACTERS}]+")
# Names stand in the text as private-use marks with their number while OpenCC converts it.
_MARK = re.compile("\ue000(\\d+)\ue001")


@cache
def _opencc(script: str) -> opencc.OpenCC:
    if script not in SCRIPTS and script not in ("s2t", "tw2t"):
        raise ValueError(f"unknown script {script!r}: one of {', '.join(SCRIPTS)}")
    return opencc.OpenCC(script)


def _simplify(text: str) -> str:
    """Simplified script for a text in any traditional standard (OpenCC's, Taiwan's, Hong Kong's)."""
    simplified = _T2S.convert(_HK2T.convert(text))
    if simplified == text or "著" not in text or "着" in text:
        return simplified  # a text that writes 着 uses 著 for 著 only
    # Taiwan writes 著 for both 着 (坐著, 意味著) and 著 (著名); its table tells them apart by phrase.
    taiwan = _opencc("tw2t").convert(text)
    if len(taiwan) != len(text):
        return simplified
    # Only the 著 take Taiwan's reading: its table also turns 什么 into 什麼 and 么 into 幺.
    return _T2S.convert(_HK2T.convert("".join(t if c == "著" else c for c, t in zip(text, taiwan, strict=True))))


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """The simplified form used to compare values, headings and filters: 為, 爲 and 为 are one."""
    return _simplify(text.strip())


def is_simplified(text: str) -> bool:
    """True when converting to simplified would change nothing."""
    return _T2S.convert(_HK2T.convert(text)) == text


@lru_cache(maxsize=65536)
def is_traditional_character(char: str) -> bool:
    """Whether traditional script writes this character: one of OpenCC's traditional standards
    keeps it (華, 峰 in Taiwan, 台 in Hong Kong), or its s2t table lists it among its own forms (于)."""
    return char in ALSO_TRADITIONAL or any(_opencc(s).convert(char) == char for s in ("s2t", *SCRIPTS))


def mirror_name(name: str, script: str = DEFAULT_SCRIPT) -> str:
    """How the mirror writes a name: only its simplified-only characters change (see the module)."""
    convert = _opencc(script).convert
    converted = convert(_simplify(name))
    if len(converted) != len(name):  # OpenCC matched a phrase of another length: character by character
        converted = "".join(convert(_simplify(char))[:1] or char for char in name)
    return "".join(c if is_traditional_character(c) else t for c, t in zip(name, converted, strict=True))


class Converter:
    """Converts texts between the scripts; names take their own forms, `kept` spans stay as written.

    `names` are the site's personal names as written, in either script; of names that read the same
    in simplified, the first decides the mirror's form (names.yml comes before the case subjects).
    Only names that a conversion would change need a mark, and only those the text contains: a site
    may name a thousand people, and one pattern of them all would make every page slow to convert.
    """

    def __init__(self, names: Iterable[str] = (), kept: str | None = None, script: str = DEFAULT_SCRIPT):
        if script not in SCRIPTS:
            raise ValueError(f"unknown script {script!r}: one of {', '.join(SCRIPTS)}")
        self.script = script
        self._names = tuple(dict.fromkeys(n.strip() for n in names if isinstance(n, str) and n.strip()))
        self._kept = kept
        self._forms: dict[str, dict[str, str]] = {}

    def simplified(self, text: str) -> str:
        return self._convert(text, _simplify, self._names_for("simplified"))

    def traditional(self, text: str) -> str:
        # Loaded when first used: `qingfeng check` never converts to traditional script.
        return self._convert(text, _opencc(self.script).convert, self._names_for("traditional"))

    def _names_for(self, direction: str) -> dict[str, str]:
        """The names a conversion must not decide alone: as found in the text -> as it is to show."""
        if direction not in self._forms:
            forms: dict[str, str] = {}
            for name in self._names:
                simplified = fold(name)
                if direction == "simplified":
                    if simplified != name:
                        forms.setdefault(name, simplified)
                    continue
                mirrored = mirror_name(name, self.script)
                if mirrored != simplified or _opencc(self.script).convert(simplified) != simplified:
                    forms.setdefault(simplified, mirrored)
            self._forms[direction] = forms
        return self._forms[direction]

    def _convert(self, text: str, convert, forms: dict[str, str]) -> str:
        present = tuple(sorted((name for name in forms if name in text), key=len, reverse=True))
        protected = _pattern(self._kept, present)
        if protected is None:
            return convert(text)
        kept: list[str] = []

        def hide(match: re.Match) -> str:
            kept.append(forms.get(match.group(), match.group()))
            return f"\ue000{len(kept) - 1}\ue001"

        converted = convert(protected.sub(hide, text))
        return _MARK.sub(lambda match: kept[int(match.group(1))], converted)


@lru_cache(maxsize=1024)
def _pattern(kept: str | None, names: tuple[str, ...]) -> re.Pattern | None:
    parts = ([kept] if kept else []) + [re.escape(name) for name in names]
    return re.compile("|".join(parts), re.S) if parts else None
