"""Generated pages carry their front matter as JSON (core/pages.py): MkDocs must read back exactly
the values written, whatever characters a title holds."""

import pytest
from mkdocs.utils import meta
from qingfeng.core.pages import front_matter

TEXTS = [
    "某县原局长受贿案",
    'a "quoted" \\ back\\slash',
    "two\nlines\n---\nnot a fence",
    "x: y # not a comment",
    "- not a list",
    "NEL\x85 LS\u2028 PS\u2029 DEL\x7f C1\x9f BOM\ufeff",
    "tab\there, nul-free \x01 control",
    "😀 𠮷 beyond the BMP",
    "yes",
    "2025-03",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_every_text_reads_back_as_written(text):
    values = {"title": text, "tags": [text, "教育"], "search": {"exclude": True}, "n": 3}
    markdown, read = meta.get_data(front_matter(values) + "正文\n")
    assert read == values
    assert markdown == "正文\n"


def test_it_is_one_line_of_json_between_fences():
    text = front_matter({"title": "甲\u2028乙"})
    assert text.startswith("---\n{") and text.endswith("}\n---\n") and text.count("\n") == 3
