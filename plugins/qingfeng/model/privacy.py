"""Personal data that must never be published (CONTENT-FORMAT 8).

One rule serves the content files (`scan`, with file and line) and the built
site (`find`, used by `qingfeng.guard.output`). A number counts however it is
spelled: digits of any script or that NFKC makes digits (full-width, 𝟏, ①, ¹)
and Ｘ, HTML entities (numeric ones for any character), percent-encoding,
`\\uXXXX` escapes, and short gaps between the digits: dashes, dots, inline
Markdown markup, inline HTML tags or comments, and runs of white space and
invisible characters (every format character and combining mark), a run being
one unit of a gap. Text inside right-to-left bidi controls is also read reversed.

Matching works in two steps, so that it stays fast on every content file and
every built page. A C-level regex finds candidate regions: at least 11 digits
(in any spelling) chained by short gaps; ordinary text (dates, amounts, article
numbers) almost never has one. Only a candidate region is normalised: entities
and escapes decoded, full-width forms folded as NFKC does, tags reduced to one
character, with the original offset of every character kept for the line. It
is split into digit groups joined by valid gaps (at most six separators, one
newline: a paragraph or block tag ends a number), and every run of whole
groups with the length of a mobile or ID number is checked. Digits joined from
several groups must also look real (an ID's province and birth date), as
joining makes chance matches likelier.
"""

from __future__ import annotations

import html
import itertools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from urllib.parse import unquote

from .problems import Problems


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# --- characters, from the Unicode database -----------------------------------------------------


def _class(codes: list[int]) -> str:
    """A regex character class body for the code points `codes` (sorted), as ranges."""
    parts = []
    k = 0
    while k < len(codes):
        last = k
        while last + 1 < len(codes) and codes[last + 1] == codes[last] + 1:
            last += 1
        parts.append(f"\\U{codes[k]:08x}" + (f"-\\U{codes[last]:08x}" if last > k else ""))
        k = last + 1
    return "".join(parts)


def _one_of(codes: list[int], extra: str = "") -> str:
    """A regex for one of `codes` or of the class body `extra` (first plane only).

    A character class with ranges beyond the first plane tries each of them on every character it rejects;
    a lookahead keeps that to the rare characters out there.
    """
    bmp = [code for code in codes if code < 0x10000]
    astral = [code for code in codes if code >= 0x10000]
    return f"(?:[{extra}{_class(bmp)}]|(?=[\\U00010000-\\U0010ffff])[{_class(astral)}])"


def _digit_value(char: str) -> str | None:
    """The ASCII digit a character reads as: a decimal digit of any script, or one after NFKC (①, ¹, 𝟏)."""
    value = unicodedata.decimal(char, None)
    if value is not None:
        return str(value)
    if unicodedata.decomposition(char):
        folded = unicodedata.normalize("NFKC", char)
        if len(folded) == 1 and folded in "0123456789":
            return folded
    return None


# Digits and marks all lie in the first two planes; format characters and variation selectors also in plane 14.
_DIGIT_VALUES = {code: value for code in range(0x20000) if (value := _digit_value(chr(code))) is not None}
# Invisible characters: every format character (Cf: LRM, RLM, embeddings, isolates, zero-width…) and every
# combining mark (Mn, Me: the grapheme joiner, variation selectors, accents).
_INVISIBLE = [
    code
    for code in (*range(0x20000), *range(0xE0000, 0xE1000))
    if unicodedata.category(chr(code)) in ("Cf", "Mn", "Me")
]
_SPACES = " \t\n\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"  # white space, before NFKC
_VISIBLE_SEP = "\\-\u2010-\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d.\uff0e\u00b7\u2022\u2027\u2219\u30fb\uff65"

# --- step 1: candidate regions, on the raw text ------------------------------------------------

# A digit as a character, and in the encoded spellings the normaliser decodes. Every numeric entity counts
# as a digit here (the normaliser decides), since any code point may be one.
# `\d` (every decimal digit, Nd: what unicodedata.decimal knows) is a category test, far faster than a class
# of 690 ranges; the few others (superscripts, circled digits…) all lie in the first plane.
_OTHER_DIGITS = sorted(code for code in _DIGIT_VALUES if not re.match(r"\d", chr(code)))
assert all(code < 0x10000 for code in _OTHER_DIGITS), "a digit beyond the first plane needs the astral class"
_PLAIN_DIGIT = f"[\\d{_class(_OTHER_DIGITS)}]"


def _escape_digits() -> str:
    """\\uXXXX escapes of the digits of the first plane, grouped by their first three hex digits."""
    groups: dict[int, list[int]] = {}
    for code in _DIGIT_VALUES:
        if code < 0x10000:
            groups.setdefault(code >> 4, []).append(code & 15)
    return "|".join(f"{high:03x}[{''.join(f'{low:x}' for low in lows)}]" for high, lows in sorted(groups.items()))


_ENCODED_DIGIT = (
    r"&#[0-9]{1,7};?|&#[xX][0-9A-Fa-f]{1,6};?|&sup[123];?"
    r"|%3[0-9]|%[eE][fF]%[bB][cC]%9[0-9]"
    rf"|\\u(?i:{_escape_digits()}|d835\\ud[fF][c-f][0-9a-f]|d83e\\udff[0-9])"
)
_DIGIT = f"(?:{_PLAIN_DIGIT}|{_ENCODED_DIGIT})"
# One unit of a gap: a run of white space, invisible characters and named entities (HTML shows a run of white
# space as one, and the others not at all); a visible separator; a tag or comment; an entity, a percent escape,
# a \u escape.
_GAP_UNIT = (
    rf"(?:(?:{_one_of(_INVISIBLE, _SPACES)}|&(?!sup[123])[A-Za-z][A-Za-z0-9]{{1,31}};)++"
    rf"|[{_VISIBLE_SEP}*_~`\\\\\uff3f\uff5e()\uff08\uff09+\uff0b]"
    r"|<!--(?:[^-]|-(?!->)){0,1000}-->|<r[tp](?:\s[^<>]{0,300})?>[^<]{0,40}</r[tp]\s*>|<[!/]?[A-Za-z-][^<>]{0,300}>"
    r"|&#[xX]?[0-9A-Fa-f]{1,6};|&[A-Za-z]{2,8}(?![A-Za-z;])"
    r"|%[0-9A-Fa-f]{2}|\\u[0-9A-Fa-f]{4})"
)
FEWEST_DIGITS = 11  # the shortest number the rule knows: a mobile number (ID numbers are longer)
# At least FEWEST_DIGITS digits chained by short gaps. Texts without an encoded digit (nearly all) get the faster
# pattern, which starts with a character class; the other one must not read an encoded digit as a gap.
# Possessive: a gap unit never starts with a digit, so giving a unit back never helps.
_MORE = f"{{{FEWEST_DIGITS - 1},}}+"  # the digits after the first
_CANDIDATE_PLAIN = re.compile(rf"{_PLAIN_DIGIT}(?:{_GAP_UNIT}{{0,8}}+{_PLAIN_DIGIT}){_MORE}")
_CANDIDATE_ENCODED = re.compile(rf"{_DIGIT}(?:(?:(?!{_DIGIT}){_GAP_UNIT}){{0,8}}+{_DIGIT}){_MORE}")
_HAS_ENCODED_DIGIT = re.compile(_ENCODED_DIGIT)
_EXPAND = 24  # characters taken on each side of a candidate: "(+86) " before, "X" after

# --- step 2: normalisation of a candidate region --------------------------------------------

_TAG_PATTERN = r"</?([A-Za-z][A-Za-z0-9:-]*)(?=[\s/>])((?:[^<>\"']|\"[^\"]*\"|'[^']*')*)>"
_COMMENT = r"<!--(?:[^-]|-(?!->)){0,1000}-->"  # longer ones: "<!--" and "-->" each count as a tag
# A ruby annotation (pinyin over a character) shows beside the text, not in the line: the digits it sits
# between still read as one number. Its own text is read on its own, like a comment's.
_RUBY_TEXT = r"<r[tp](?:\s[^<>]{0,300})?>[^<]{0,40}</r[tp]\s*>"
_TOKEN = re.compile(
    r"&(?:#[0-9]{1,7};?|#[xX][0-9A-Fa-f]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};|[A-Za-z]{2,8}(?![A-Za-z;]))"
    rf"|{_COMMENT}|<!--|-->|{_RUBY_TEXT}"
    rf"|{_TAG_PATTERN}"
    r"|(?:%[0-9A-Fa-f]{2})+"
    r"|\\u[dD][89abAB][0-9A-Fa-f]{2}\\u[dD][c-fC-F][0-9A-Fa-f]{2}|\\u[0-9A-Fa-f]{4}"
)
_TAG_AT = re.compile(_TAG_PATTERN)
_ATTRIBUTE = re.compile(r"""([^\s"'<>/=]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")
# Attributes that carry text a reader sees or follows; geometry (d, points, viewBox, transform…) does not.
TEXT_ATTRIBUTES = _words(
    "abbr alt aria-description aria-label aria-placeholder aria-roledescription aria-valuetext content "
    "download href label placeholder poster src srcdoc srcset summary title value xlink:href"
)


def text_attribute(name: str) -> bool:
    """Whether an attribute's value is text to scan: the ones above and every data-*."""
    name = name.lower()
    return name in TEXT_ATTRIBUTES or name.startswith("data-")


# Tags that end a block of text: a number does not run across them.
_BLOCK_TAGS = _words(
    "address article aside blockquote body br button canvas caption dd details dialog div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hr html iframe img input label legend "
    "li link main meta nav noscript ol option p path pre script section select source style summary svg "
    "table tbody td template textarea tfoot th thead title tr track ul video audio g"
)
_SPECIAL = re.compile(r"[&%<>\\]")  # where the normaliser has more to do than fold characters
# NFKC of the characters that matter (digits, Ｘ, ＋, parentheses, separators), one for one, so offsets
# survive; the other characters stay as they are. Digits of every script read as ASCII ones.
_FOLD = {
    ord(char): unicodedata.normalize("NFKC", char)
    for char in (
        "\uff38\uff58\uff0b\uff08\uff09"
        "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
        "\u2011\ufe58\ufe63\uff0d\uff0e\uff65\uff3f\uff5e"
    )
} | {code: value for code, value in _DIGIT_VALUES.items() if code > 0x7F}
_TAG = "\x01"  # an inline tag or comment: one gap unit
_BREAK = "\x02"  # a block tag: nothing joins across it

# After NFKC: what may separate the digits of one number. White space and invisible characters come as
# one " " or "\n" per run (see _collapse), the other separators count one each.
_SEP = frozenset(" \n-\u2010\u2012\u2013\u2014\u2015\u2212\u2e3a\u2e3b.\u00b7\u2022\u2027\u2219\u30fb*_~`\\" + _TAG)
_GAP_MAX = 6  # normalised characters between two groups
_ANY_DIGIT = re.compile(_DIGIT)
_GROUP = re.compile(r"[0-9]+(?:[Xx](?![A-Za-z0-9]))?")
_SEP_CLASS = "".join(sorted(_SEP - {"\n"})).replace("\\", "\\\\").replace("-", "\\-")
# Groups joined by gaps of at most _GAP_MAX separators, of which at most one newline (not a paragraph break).
_CHAIN = re.compile(
    rf"[0-9]+(?:(?=[{_SEP_CLASS}\n]{{1,{_GAP_MAX}}}[0-9])[{_SEP_CLASS}]*\n?[{_SEP_CLASS}]*[0-9]+)*"
    r"(?:[Xx](?![A-Za-z0-9]))?"
)
# After NFKC, white space and invisible characters: a run is one gap (a paragraph break, none).
_SOFT_OTHER = _one_of(_INVISIBLE, "\\t\\r\\u1680\\u2028\\u2029")
_SOFT_RUN = re.compile(f"(?:[ \\n]|{_SOFT_OTHER}){{2,}}|{_SOFT_OTHER}")
_PREFIX_CLOSE = re.compile(rf"(?<![0-9])(?:00)?86[{_SEP_CLASS}]{{0,3}}\)")  # the ")" of "(+86)"

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
# First two digits of a mainland (and HK/Macao/Taiwan resident) ID: the province.
_PROVINCES = _words(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82 83 91"
)

MOBILE = "疑似手机号码"
ID18 = "疑似身份证号码"
ID15 = "疑似旧式身份证号码"


@dataclass(frozen=True)
class Hit:
    """One personal number found in a text."""

    kind: str  # "mobile", "id18" or "id15"
    message: str  # e.g. "疑似手机号码"
    masked: str  # e.g. "138****5678"
    line: int  # 1-based line of the text where the number starts

    def __str__(self) -> str:
        return f"{self.message}（{self.masked}）"


def _valid_id18(number: str) -> bool:
    total = sum(int(digit) * weight for digit, weight in zip(number[:17], _WEIGHTS, strict=True))
    return _CHECK[total % 11] == number[17].upper()


def _real_date(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _valid_id15(number: str) -> bool:
    # The old form has no check digit; a real birth date (YYMMDD) tells it
    # apart from other 15-digit numbers.
    return _real_date(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12]))


def _plausible_id18(number: str) -> bool:
    """Digits joined from several groups: also a province and a birth date, since joining makes chance matches."""
    year = int(number[6:10])
    return (
        number[:2] in _PROVINCES and 1900 <= year <= 2099 and _real_date(year, int(number[10:12]), int(number[12:14]))
    )


def _mask(number: str) -> str:
    return number[:3] + "*" * (len(number) - 7) + number[-4:]


def _is_mobile(digits: str) -> bool:
    return len(digits) == 11 and digits[0] == "1" and digits[1] in "3456789" and digits.isdigit()


def _classify(number: str, joined: bool) -> tuple[str, str, int, int] | None:
    """(kind, message, start, end of the number proper) for whole groups `number`, or None."""
    length = len(number)
    if length == 11 and _is_mobile(number):
        return "mobile", MOBILE, 0, 11
    if length == 12 and number[-1] in "Xx" and _is_mobile(number[:11]):
        return "mobile", MOBILE, 0, 11
    if length == 13 and number.startswith("86") and _is_mobile(number[2:]):
        return "mobile", MOBILE, 2, 13
    if length == 15 and number.startswith("0086") and _is_mobile(number[4:]):
        return "mobile", MOBILE, 4, 15
    if length == 18 and number[:17].isdigit() and _valid_id18(number) and (not joined or _plausible_id18(number)):
        return "id18", ID18, 0, 18
    if length == 15 and number.isdigit() and _valid_id15(number) and (not joined or number[:2] in _PROVINCES):
        return "id15", ID15, 0, 15
    return None


def _decode(token: str) -> str:
    if token.startswith("&"):
        return html.unescape(token)
    if token.startswith("%"):
        return unquote(token, errors="replace")
    if len(token) == 12:  # a surrogate pair, as JSON writes a character beyond the first plane
        high, low = int(token[2:6], 16), int(token[8:], 16)
        return chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
    return chr(int(token[2:], 16))  # \uXXXX


def _normalise(text: str, start: int, end: int, values: list[tuple[int, int]]) -> tuple[str, list[int] | range]:
    """text[start:end] normalised, and for each normalised character the offset it came from in text.

    A tag or comment is one character; the spans of its text attributes, or of the comment's text, are added to
    `values`, to be read on their own. A run of white space and invisible characters is one.
    """
    if not _SPECIAL.search(text, start, end):
        return _collapse(text[start:end].translate(_FOLD), range(start, end))
    out: list[str] = []
    where: list[int] = []
    pos = start
    for match in _TOKEN.finditer(text, start, end):
        out.append(text[pos : match.start()].translate(_FOLD))
        where.extend(range(pos, match.start()))
        token = match.group(0)
        if token.startswith("<") and match.group(1):
            out.append(_BREAK if match.group(1).lower() in _BLOCK_TAGS else _TAG)
            where.append(match.start())
            values.extend(_text_values(match))
        elif token.startswith("<r") and token.endswith(">"):  # a ruby annotation: one gap, its text read too
            out.append(_TAG)
            where.append(match.start())
            inner = token.index(">") + 1
            values.append((match.start() + inner, match.start() + token.rindex("<")))
        elif len(token) > 6 and token.startswith("<!--"):  # a comment: published in the source, its text read too
            out.append(_TAG)
            where.append(match.start())
            if _ANY_DIGIT.search(token):
                values.append((match.start() + 4, match.end() - 3))
        elif token in ("<!--", "-->"):
            out.append(_TAG)
            where.append(match.start())
        else:
            decoded = _decode(token)
            if decoded == token:  # not an entity after all: keep each character's own offset
                out.append(token.translate(_FOLD))
                where.extend(range(match.start(), match.end()))
            else:
                decoded = unicodedata.normalize("NFKC", decoded).translate(_FOLD)
                out.append(decoded)
                where.extend([match.start()] * len(decoded))
        pos = match.end()
    out.append(text[pos:end].translate(_FOLD))
    where.extend(range(pos, end))
    return _collapse("".join(out), where)


def _collapse(normal: str, where: list[int] | range) -> tuple[str, list[int] | range]:
    """Each run of white space and invisible characters as one " ", or "\n" with one newline, or a break."""
    if not _SOFT_RUN.search(normal):
        return normal, where
    out: list[str] = []
    kept: list[int] = []
    pos = 0
    for run in _SOFT_RUN.finditer(normal):
        out.append(normal[pos : run.start()])
        kept.extend(where[pos : run.start()])
        newlines = run.group(0).count("\n")
        out.append(" " if newlines == 0 else "\n" if newlines == 1 else _BREAK)
        kept.append(where[run.start()])
        pos = run.end()
    out.append(normal[pos:])
    kept.extend(where[pos:])
    return "".join(out), kept


def _in_value(tag: re.Match, offset: int) -> bool:
    """Whether offset lies in the value of one of the attributes of a tag matched by _TAG_PATTERN."""
    for attribute in _ATTRIBUTE.finditer(tag.string, tag.start(2), tag.end(2)):
        value = next(n for n in (2, 3, 4) if attribute.group(n) is not None)
        if attribute.start(value) <= offset < attribute.end(value):
            return True
    return False


def _text_values(tag: re.Match) -> list[tuple[int, int]]:
    """Spans of the text attribute values of a tag matched by _TAG_PATTERN that hold a digit."""
    spans = []
    for attribute in _ATTRIBUTE.finditer(tag.string, tag.start(2), tag.end(2)):
        if text_attribute(attribute.group(1)):
            value = next(n for n in (2, 3, 4) if attribute.group(n) is not None)
            if _ANY_DIGIT.search(attribute.group(value)):
                spans.append(attribute.span(value))
    return spans


def _chains(normal: str) -> Iterator[list[re.Match]]:
    """Digit groups joined by short gaps, as lists of group matches; only chains long enough for a number."""
    if ")" in normal:  # "(+86) 138…": the closing parenthesis joins like a space
        normal = _PREFIX_CLOSE.sub(lambda m: m.group(0).replace(")", " "), normal)
    for chain in _CHAIN.finditer(normal):
        if chain.end() - chain.start() >= 11:
            yield list(_GROUP.finditer(normal, chain.start(), chain.end()))


_LENGTHS = frozenset((11, 12, 13, 15, 18))  # digits of a number, with a prefix (86, 0086) or a trailing x


def _numbers(chain: list[re.Match]) -> list[tuple[str, str, str, int]]:
    """(kind, message, number, position in the normalised text) for each number made of whole groups."""
    groups = [match.group(0) for match in chain]
    if sum(map(len, groups)) < 11:
        return []
    found = []
    k = 0
    while k < len(groups):
        best = None
        length = 0
        for last in range(k, len(groups)):
            length += len(groups[last])
            if length > 18:
                break
            if length in _LENGTHS and not _counting(groups[k : last + 1]):
                digits = "".join(groups[k : last + 1])
                verdict = _classify(digits, joined=last > k)
                if verdict is not None:
                    best = (verdict, digits, last)
        if best is None:
            k += 1
            continue
        (kind, message, skip, stop), digits, last = best
        found.append((kind, message, digits[skip:stop], _position(chain, k, skip)))
        k = last + 1
    return found


def _counting(groups: list[str]) -> bool:
    """Groups that count up one by one (3 4 5 … 13): list or question numbers, as a PDF's text gives
    a column of them, never a phone or ID number written in groups."""
    return len(groups) >= 3 and all(
        not b.startswith("0") and int(b) == int(a) + 1 for a, b in itertools.pairwise(groups)
    )


def _position(chain: list[re.Match], k: int, skip: int) -> int:
    """Normalised position of the digit `skip` places into the run that starts at group k."""
    for match in chain[k:]:
        size = match.end() - match.start()
        if skip < size:
            return match.start() + skip
        skip -= size
    return chain[-1].end()


def _read(text: str, start: int, end: int, region: tuple[int, int] | None, found: dict[int, Hit]) -> None:
    """Numbers in text[start:end] whose chain touches `region` (None: any), into found by offset."""
    values: list[tuple[int, int]] = []
    normal, where = _normalise(text, start, end, values)
    for chain in _chains(normal):
        if region is not None:
            first, last = where[chain[0].start()], where[chain[-1].end() - 1]
            if last < region[0] or first >= region[1]:
                continue  # context of the region, not the region
        for kind, message, number, position in _numbers(chain):
            offset = where[position]
            if offset not in found:
                found[offset] = Hit(kind, message, _mask(number), 1 + text.count("\n", 0, offset))
    for value_start, value_end in values:
        _read(text, value_start, value_end, None, found)


# Where an encoded digit may start; a regex search stops at every "%" and "\\u" of a page, str.find does not.
_ENCODED_NEEDLES = ("&sup", "%3", "%EF%BC%9", "%ef%bc%9", "\\u")
_NUMERIC_ENTITY = re.compile(r"&#(?:([0-9]{1,7})|[xX]([0-9A-Fa-f]{1,6}))")


def _encoded_digits(text: str) -> bool:
    """Whether text spells a digit as an entity or escape."""
    at = text.find("&#")
    while at >= 0:
        entity = _NUMERIC_ENTITY.match(text, at)
        if entity is not None:
            code = int(entity.group(1), 10) if entity.group(1) else int(entity.group(2), 16)
            if code in _DIGIT_VALUES:
                return True
        at = text.find("&#", at + 2)
    for needle in _ENCODED_NEEDLES:
        at = text.find(needle)
        while at >= 0:
            if _HAS_ENCODED_DIGIT.match(text, at):
                return True
            at = text.find(needle, at + 1)
    return False


# Bidi controls that make what follows display right to left: RLO (U+202E) reverses every character, RLE,
# RLI and RLM reverse the order of digit groups parted by spaces. Their text, up to PDF (U+202C), PDI (U+2069)
# or the end of the line, is also read in both reversed orders.
# Split for speed: a plain class, and entities (a pattern that starts with "&" is scanned for quickly).
_RTL_CHAR = re.compile(r"[\u061c\u200f\u202b\u202e\u2067]")
_RTL_ENTITY = re.compile(r"&(?:rlm;|#(?:0*(?:1564|8207|8235|8238|8295)|[xX]0*(?:61[cC]|200[fF]|202[bBeE]|2067));?)")
_RTL_START = re.compile(f"{_RTL_CHAR.pattern}|{_RTL_ENTITY.pattern}")
_RTL_END = re.compile(r"[\u202c\u2069\n]|&#(?:0*(?:8236|8297|10)|[xX]0*(?:202[cC]|2069|[aA]));?")
_MARKUP = re.compile(rf"{_COMMENT}|<[!/]?[A-Za-z][^<>]*>")
_DIGITS_OR_NOT = re.compile(rf"{_PLAIN_DIGIT}+|(?:(?!{_PLAIN_DIGIT})[\s\S])+")


def _reversed_readings(text: str) -> list[tuple[int, Hit]]:
    """(offset, hit) for the numbers that text inside right-to-left bidi controls shows, read reversed."""
    hits = []
    for start in _RTL_START.finditer(text):
        end = _RTL_END.search(text, start.end())
        span = text[start.end() : end.start() if end else len(text)]
        if not _ANY_DIGIT.search(span):
            continue
        flat = html.unescape(_MARKUP.sub("", span)).replace("\n", " ")
        line = 1 + text.count("\n", 0, start.start())
        for reading in (flat[::-1], "".join(reversed(_DIGITS_OR_NOT.findall(flat)))):
            hits.extend((start.start(), replace(hit, line=line)) for hit in _find(reading).values())
    return hits


def find(text: str) -> list[Hit]:
    """Every ID-card or mobile number in text, however spelled, in order, with its line.

    Markup counts as in a browser: tags join the digits around them, text attributes (title, alt, href…)
    are read on their own, other attributes (SVG geometry, classes) are not read. Text inside right-to-left
    bidi controls is also read reversed.
    """
    found = _find(text)
    if not _RTL_CHAR.search(text) and not ("&" in text and _RTL_ENTITY.search(text)):
        return [found[offset] for offset in sorted(found)]
    hits = sorted(found.items())
    seen = {(hit.masked, hit.line) for _, hit in hits}
    for offset, hit in _reversed_readings(text):
        if (hit.masked, hit.line) not in seen:
            seen.add((hit.masked, hit.line))
            hits.append((offset, hit))
    return [hit for _, hit in sorted(hits, key=lambda item: item[0])]


def _find(text: str) -> dict[int, Hit]:
    """The numbers of text, read in order, by offset."""
    found: dict[int, Hit] = {}
    done = 0  # candidates before this offset were read as part of a tag
    window: list[int] = []  # start, end, first and last candidate offsets of the window being gathered
    candidates = _CANDIDATE_ENCODED if _encoded_digits(text) else _CANDIDATE_PLAIN
    for candidate in candidates.finditer(text):
        cs, ce = candidate.span()
        if cs < done:
            continue
        start, end = max(0, cs - _EXPAND), min(len(text), ce + _EXPAND)
        opening = text.rfind("<", 0, cs)
        if opening >= 0 and text.find(">", opening, cs) < 0:
            tag = _TAG_AT.match(text, opening)
            if tag is not None and tag.end() > cs:
                if _in_value(tag, cs):  # in an attribute: only text attributes count, each on its own
                    for value_start, value_end in _text_values(tag):
                        _read(text, value_start, value_end, None, found)
                    done = tag.end()
                    continue
                start = max(start, opening + 1)  # "a <b 电话 138…>": no real tag, read as text
        if window and start <= window[1]:  # overlapping windows are read once
            window[1], window[3] = end, ce
            continue
        if window:
            _read(text, window[0], window[1], (window[2], window[3]), found)
        window = [start, end, cs, ce]
    if window:
        _read(text, window[0], window[1], (window[2], window[3]), found)
    return found


def scan(text: str, path: str, problems: Problems, first_line: int = 1) -> None:
    """Report every ID-card or mobile number, with its line."""
    for hit in find(text):
        problems.add(path, f"第 {first_line + hit.line - 1} 行", f"{hit}，个人信息不得发布")
