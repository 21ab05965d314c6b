"""Personal data that must never be published (CONTENT-FORMAT 8)."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from .problems import Problems

_FULL_WIDTH = re.compile("[０-９＋]")
_URL = re.compile(r"\b(?:https?|ftp)://\S+")
_ID18 = re.compile(r"(?<![0-9])([0-9]{17}[0-9Xx])(?![0-9A-Za-z])")
_ID15 = re.compile(r"(?<![0-9])([0-9]{15})(?![0-9])")
_MOBILE = re.compile(r"(?<![0-9+])(?:(?:\+|00)?86[ -]?)?(1[3-9][0-9][ -]?[0-9]{4}[ -]?[0-9]{4})(?![0-9])")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def _valid_id18(number: str) -> bool:
    total = sum(int(digit) * weight for digit, weight in zip(number[:17], _WEIGHTS, strict=True))
    return _CHECK[total % 11] == number[17].upper()


def _valid_id15(number: str) -> bool:
    # The old form has no check digit; a real birth date (YYMMDD) tells it
    # apart from other 15-digit numbers.
    try:
        date(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12]))
    except ValueError:
        return False
    return True


def _mask(number: str) -> str:
    digits = re.sub(r"[^0-9Xx]", "", number)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def scan(text: str, path: str, problems: Problems, first_line: int = 1) -> None:
    """Report every ID-card or mobile number, with its line."""
    # Full-width digits are still a number; links are not contact data. Both
    # substitutions keep offsets, so a match's offset gives its line.
    if _FULL_WIDTH.search(text):
        text = unicodedata.normalize("NFKC", text)
    text = _URL.sub(lambda m: " " * len(m.group(0)), text)

    def report(match: re.Match, message: str) -> None:
        line = first_line + text.count("\n", 0, match.start())
        problems.add(path, f"第 {line} 行", f"{message}（{_mask(match.group(1))}），个人信息不得发布")

    for match in _ID18.finditer(text):
        if _valid_id18(match.group(1)):
            report(match, "疑似身份证号码")
    for match in _ID15.finditer(text):
        if _valid_id15(match.group(1)):
            report(match, "疑似旧式身份证号码")
    for match in _MOBILE.finditer(text):
        report(match, "疑似手机号码")
