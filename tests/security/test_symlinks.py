"""Attack 2: symbolic links that would publish files from outside the project."""

import pytest
import yaml

from tests.conftest import case_meta, markdown
from tests.security.conftest import (
    REFUSED,
    assert_absent,
    assert_problem_naming,
    assert_refused,
    attempt,
    booklets_yml,
)

MOBILE = "13812345678"
LINKS = {
    "file-in-content": "content/media/leak.png",
    "folder-in-content": "content/extra",
    "quiz-folder-in-content": "content/quizzes",
    "case-file-in-cases": "cases/linked.md",
    "config-file-in-site-config": "site_config/booklets.yml",
}


@pytest.fixture(scope="module")
def outcome(base, tmp_path_factory, secret):
    outside = tmp_path_factory.mktemp("outside-targets")
    token = secret.token
    pages = outside / "pages"
    pages.mkdir()
    (pages / "page.md").write_text(f"# 外部页面\n\n联系人电话 {MOBILE}，{token}\n", encoding="utf-8")
    quizzes = outside / "quizzes"
    quizzes.mkdir()
    bank = {
        "id": "outside",
        "title": f"外部题库{token}",
        "questions": [{"id": "q", "type": "judge", "stem": f"题{token}？", "answer": True}],
    }
    (quizzes / "b.yml").write_text(yaml.safe_dump(bank, allow_unicode=True), encoding="utf-8")
    (pages / "b.yml").write_text(yaml.safe_dump(bank, allow_unicode=True), encoding="utf-8")
    case = outside / "case.md"
    case.write_text(markdown(case_meta("2025-linked", title=f"外部案例{token}")) + "正文\n", encoding="utf-8")
    booklets = outside / "booklets.yml"
    booklets.write_text(booklets_yml([{"cases": ["2025-base"]}], title=f"外部读本{token}"), encoding="utf-8")
    targets = {
        "file-in-content": secret.txt,
        "folder-in-content": pages,
        "quiz-folder-in-content": quizzes,
        "case-file-in-cases": case,
        "config-file-in-site-config": booklets,
    }

    def overlay(project):
        for key, rel in LINKS.items():
            project.link(rel, targets[key])

    return attempt(base, tmp_path_factory.mktemp("links") / "p", overlay)


@pytest.mark.parametrize("link", list(LINKS))
def test_error_names_the_link(outcome, link):
    assert_problem_naming(outcome, LINKS[link])


@pytest.mark.parametrize("invariant", REFUSED)
def test_refused(outcome, invariant):
    assert_refused(outcome, invariant)


def test_nothing_from_the_targets_in_site(outcome, secret):
    assert_absent(outcome.site, secret.token, MOBILE, digits=True)
