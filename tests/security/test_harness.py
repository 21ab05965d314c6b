"""The table's own instruments: each must see what it is meant to see, or a green row means nothing."""

import io
import urllib.request

import pytest
from pypdf import PdfWriter

from tests.security.conftest import BASE_BOOKLET, assert_absent, problems, tree
from tests.security.payloads import FIELDS, read_site


def test_assert_absent_reads_pdf_page_text(base):
    # The case title is in the booklet as glyphs of a subset CJK font: never as raw bytes.
    pdf = base / "site" / "downloads" / f"{BASE_BOOKLET}.pdf"
    assert "基础案例".encode() not in pdf.read_bytes()
    only_pdf = base.parent / "only-pdf"
    only_pdf.mkdir(exist_ok=True)
    (only_pdf / "b.pdf").write_bytes(pdf.read_bytes())
    with pytest.raises(AssertionError, match="page"):
        assert_absent(only_pdf, "基础案例")


def test_assert_absent_reads_pdf_attachments(tmp_path, secret):
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    writer.add_attachment("leak.txt", secret.txt.read_bytes())
    buffer = io.BytesIO()
    writer.write(buffer)
    (tmp_path / "x.pdf").write_bytes(buffer.getvalue())
    with pytest.raises(AssertionError, match=r"x\.pdf"):
        assert_absent(tmp_path, secret.token)


@pytest.mark.parametrize(
    "written",
    [
        "138<b>1234</b>5678",
        "138&nbsp;1234&nbsp;5678",
        "１３８－１２３４－５６７８",
        "138\u200b1234\u200b5678",
        "&#49;3812345678",
    ],
    ids=["markup", "nbsp-entity", "full-width", "zero-width-space", "numeric-entity"],
)
def test_assert_absent_sees_through_separators(tmp_path, written):
    (tmp_path / "p.html").write_text(f"<p>电话 {written}</p>", encoding="utf-8")
    with pytest.raises(AssertionError):
        assert_absent(tmp_path, "13812345678", digits=True)


def test_canary_records_requests(canary):
    with urllib.request.urlopen(canary.url("/harness/ping")) as response:
        response.read()
    assert canary.hits("/harness/") == ["GET /harness/ping"]


def test_problem_lines_parse():
    text = "ERROR   -  内容检查发现 2 个问题：\ncases/a.md: 第 12 行: 不允许 <script>\ncontent/b.md: 字段 title: 缺少\n"
    found = problems(text)
    assert [(p.path, p.where) for p in found] == [("cases/a.md", "第 12 行"), ("content/b.md", "字段 title")]


def test_tree_sees_a_one_byte_change(tmp_path):
    (tmp_path / "a").write_text("x")
    before = tree(tmp_path)
    (tmp_path / "a").write_text("y")
    assert tree(tmp_path) != before


def test_read_site_flags_live_payloads(tmp_path):
    field = FIELDS[0]
    (tmp_path / "index.html").write_text(f"<html><body><h1>{field.value}</h1></body></html>", encoding="utf-8")
    (tmp_path / "data.json").write_text('{{"t": "{}"}}'.format(field.value.replace('"', '\\"')), encoding="utf-8")
    rules = {f.rule for f in read_site(tmp_path).findings}
    assert "executable <script> with a payload" in rules
    assert "<img onerror=…> event handler" in rules
    assert any(rule.startswith("raw '<script>") for rule in rules)
