"""TEXT_FIELDS is the list tests/security writes payloads into: it must know every key the parsers accept."""

from __future__ import annotations

import pytest
from qingfeng.model.cases import CASE_KEYS, SOURCE_KEYS, VIDEO_KEYS
from qingfeng.model.load import JIAFENG_KEYS
from qingfeng.model.parks import BOARD_KEYS, PARK_KEYS
from qingfeng.model.questions import BANK_KEYS, QUESTION_KEYS
from qingfeng.model.schema import TEXT_FIELDS
from qingfeng.model.selection import BOOKLET_KEYS, PACK_KEYS, PAGE_KEYS

# Keys whose values are not shown as text: identifiers, enumerations, numbers, dates, paths, switches, structure.
NOT_TEXT = {
    "case": {"id", "role", "amount", "date", "source", "source.date", "source.url", "questions", "video", "video.file",
             "video.poster", "video.captions", "script"},
    "question": {"id", "type", "answer", "case"},
    "bank": {"id", "pass", "draw", "questions"},
    "pack": {"pack", "cases", "select", "quiz"},
    "jiafeng": {"kind", "pinyin"},
    "park": {"id"},
    "board": {"board", "theme", "size"},
    "booklet": {"id", "paper", "imposition", "contents"},
    "page": {"hide", "search", "icon", "status", "script"},
}
KEYS = {
    "case": (*CASE_KEYS, *(f"source.{k}" for k in SOURCE_KEYS), *(f"video.{k}" for k in VIDEO_KEYS)),
    "question": QUESTION_KEYS,
    "bank": BANK_KEYS,
    "pack": tuple(k for k in PACK_KEYS if k not in PAGE_KEYS or k == "title"),
    "jiafeng": (*(k for k in JIAFENG_KEYS if k not in PAGE_KEYS), "title"),
    "park": PARK_KEYS,
    "board": tuple(k for k in BOARD_KEYS if k not in PAGE_KEYS or k == "title"),
    "booklet": BOOKLET_KEYS,
    "page": PAGE_KEYS,
}


@pytest.mark.parametrize("kind", sorted(KEYS))
def test_every_key_is_classified(kind):
    keys = set(KEYS[kind])
    text = set(TEXT_FIELDS[kind])
    assert text <= keys, f"TEXT_FIELDS[{kind!r}] names keys the parser does not know: {text - keys}"
    unclassified = keys - text - NOT_TEXT[kind]
    assert not unclassified, f"classify {unclassified} as text (TEXT_FIELDS) or not (NOT_TEXT here)"


def test_every_content_type_is_listed():
    assert set(TEXT_FIELDS) == set(KEYS)
