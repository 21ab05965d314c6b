"""Attack 8: paths in booklets and the QR lock that leave content/; check and build must agree."""

import pytest
import yaml
from pypdf import PdfReader

from tests.security.conftest import (
    BASE_BOOKLET,
    BASE_CASE,
    JIAFENG,
    REFUSED,
    assert_problem_naming,
    assert_refused,
    attempt,
    booklets_yml,
    pdfs,
)


def booklet_page(page: str):
    def overlay(project):
        project.write("site_config/booklets.yml", booklets_yml([{"cases": [BASE_CASE]}, {"page": page}]))
        return {"path": "site_config/booklets.yml"}

    return overlay


def lock_retired(target: str):
    def overlay(project):
        lock = {
            "boards": {
                "KS09": {"url": "https://lian.test.gov.cn/b/KS09/", "first_built": "2026-01-01", "retired": target}
            }
        }
        project.write("site_config/qr-lock.yml", yaml.safe_dump(lock, allow_unicode=True))
        return {"path": "site_config/qr-lock.yml"}

    return overlay


BAD = {
    "booklet-page-parent-dir": booklet_page("../mkdocs.yml"),
    "booklet-page-absolute": booklet_page("/etc/passwd"),
    "booklet-page-dotdot-inside": booklet_page("jiafeng/../../cases/2025-base.md"),
    "lock-retired-traversal": lock_retired("../../etc/passwd"),
    "lock-retired-flow-garbage": lock_retired("a, }"),
}


@pytest.fixture(scope="module", params=list(BAD))
def outcome(request, base, tmp_path_factory):
    return attempt(base, tmp_path_factory.mktemp("paths") / "p", BAD[request.param])


def test_error_names_the_file(outcome):
    assert_problem_naming(outcome, outcome.extra["path"])


@pytest.mark.parametrize("invariant", REFUSED)
def test_refused(outcome, invariant):
    assert_refused(outcome, invariant)


def test_nothing_outside_content_printed(outcome):
    for path in pdfs(outcome.site):
        text = "".join(page.extract_text() or "" for page in PdfReader(path).pages)
        assert "root:x:0:0" not in text and "site_name" not in text


@pytest.fixture(scope="module")
def dot_slash(base, tmp_path_factory):
    def overlay(project):
        project.write("site_config/booklets.yml", booklets_yml([{"cases": [BASE_CASE]}, {"page": f"./{JIAFENG}"}]))

    return attempt(base, tmp_path_factory.mktemp("dot") / "p", overlay)


def pdf_text(path):
    return [page.extract_text() for page in PdfReader(path).pages]


def test_dot_slash_page_is_valid(dot_slash):
    assert dot_slash.check.returncode == 0, dot_slash.check.output[-3000:]
    assert dot_slash.build.returncode == 0, dot_slash.build.stderr[-3000:]
    assert "Traceback" not in dot_slash.build.output + dot_slash.check.output


def test_dot_slash_page_prints_exactly_like_the_plain_path(base, dot_slash):
    name = f"downloads/{BASE_BOOKLET}.pdf"
    assert pdf_text(dot_slash.site / name) == pdf_text(base / "site" / name)
