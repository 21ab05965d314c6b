"""Media under content/ is judged by its content: the right kind, and PDFs without script or personal data."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject
from qingfeng.render.pdf import render_pdf

from tests.conftest import MEDIA_HEADS, find


def pdf_with(html: str) -> bytes:
    return render_pdf(f"<html><body>{html}</body></html>")


def scripted(pdf: bytes, how: str) -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    if how == "javascript":
        action = DictionaryObject(
            {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("1")}
        )
        writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    else:
        writer.add_attachment("secret.txt", b"root:x:0:0")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize("suffix", sorted(MEDIA_HEADS))
def test_a_file_that_is_not_what_its_name_says_is_an_error(site, suffix):
    site.write(f"content/media/x{suffix}", b"root:x:0:0:root:/root:/bin/bash\n")
    problem = find(site.problems(), f"content/media/x{suffix}", "文件")
    assert "文件内容不是" in problem.message and suffix in problem.message


@pytest.mark.parametrize("suffix", sorted(MEDIA_HEADS))
def test_a_file_of_its_kind_is_published(site, suffix):
    padding = b"" if suffix == ".vtt" else b"\x00" * 64  # captions are text
    site.write(f"content/media/x{suffix}", MEDIA_HEADS[suffix] + padding)
    assert f"media/x{suffix}" in site.load().published


@pytest.mark.parametrize("how", ["javascript", "attachment"])
def test_a_pdf_with_script_or_attachment_is_refused(site, how):
    site.write("content/docs/tongbao.pdf", scripted(pdf_with("<p>通报</p>"), how))
    assert "不能发布" in find(site.problems(), "content/docs/tongbao.pdf", "文件").message


def test_a_pdf_with_personal_data_is_refused_at_its_page(site):
    site.write("content/docs/tongbao.pdf", pdf_with('<p>通报</p><p style="break-before: page">电话 13812345678</p>'))
    problem = find(site.problems(), "content/docs/tongbao.pdf", "第 2 页")
    assert "138****5678" in problem.message


def test_a_plain_pdf_is_published(site):
    site.write("content/docs/tongbao.pdf", pdf_with("<p>关于典型案例的通报</p>"))
    assert "docs/tongbao.pdf" in site.load().published


def test_names_holding_personal_data_are_errors(site):
    site.write("content/media/13812345678.jpg", MEDIA_HEADS[".jpg"])
    site.write("content/jiafeng/138 1234 5678/a.md", "# 家风\n")
    problems = site.problems()
    assert "文件名" in find(problems, "content/media/13812345678.jpg", "文件").message
    assert "文件名" in find(problems, "content/jiafeng/138 1234 5678", "文件").message


def test_the_name_list_is_scanned_too(site):
    site.write("site_config/names.yml", "names:\n  - 张三 138 1234 5678\n")
    assert "138****5678" in find(site.problems(), "site_config/names.yml", "第 2 行").message
