"""Personal data that must never be published (CONTENT-FORMAT 8)."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from .problems import Problems

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
    for number, line in enumerate(text.split("\n"), start=first_line):
        if not any(ch.isdigit() for ch in line):
            continue
        # Full-width digits are still a number; links are not contact data.
        line = _URL.sub(" ", unicodedata.normalize("NFKC", line))
        where = f"第 {number} 行"
        for match in _ID18.finditer(line):
            if _valid_id18(match.group(1)):
                problems.add(path, where, f"疑似身份证号码（{_mask(match.group(1))}），个人信息不得发布")
        for match in _ID15.finditer(line):
            if _valid_id15(match.group(1)):
                problems.add(path, where, f"疑似旧式身份证号码（{_mask(match.group(1))}），个人信息不得发布")
        for match in _MOBILE.finditer(line):
            problems.add(path, where, f"疑似手机号码（{_mask(match.group(1))}），个人信息不得发布")
