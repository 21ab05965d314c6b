"""Attack 6: what content/ may publish (CONTENT-FORMAT 10): leftovers ignored, source YAML and odd kinds never."""

import pytest
import yaml

from tests.security.conftest import (
    REFUSED,
    assert_absent,
    assert_problem_naming,
    assert_refused,
    attempt,
    files,
)

BANK = {
    "id": "b",
    "title": "廉政知识题库",
    "questions": [
        {"id": "q1", "type": "single", "stem": "哪项违纪？", "options": ["收受礼金", "正常工作"], "answer": "A"},
        {"id": "q2", "type": "judge", "stem": "可以收礼？", "answer": False},
    ],
}
LEFTOVERS = {
    "editor-and-office": [
        "content/quizzes/b.yml.bak",
        "content/quizzes/b.yml~",
        "content/quizzes/b.orig",
        "content/~$x.docx",
        "content/x.swp",
        "content/x.tmp",
        "content/media/.DS_Store",
    ],
    # Emacs lock files are dot-files whose names hold a '#': still leftovers, not misnamed content.
    "emacs-lock-dotfiles": ["content/.#x", "content/quizzes/.#b.yml"],
}
STRAY = ["content/x.exe", "content/notes.txt", "content/data.json", "content/x.html"]


@pytest.fixture(scope="module", params=list(LEFTOVERS))
def leftovers(request, base, tmp_path_factory, secret):
    def overlay(project):
        bank = yaml.safe_dump(BANK, allow_unicode=True)
        project.write("content/quizzes/b.yml", bank)
        for rel in LEFTOVERS[request.param]:
            project.write(rel, f"# {secret.token}\n" + bank)
        return {"names": [rel.rsplit("/", 1)[-1] for rel in LEFTOVERS[request.param]]}

    return attempt(base, tmp_path_factory.mktemp("leftovers") / "p", overlay)


def built(outcome):
    """Leftovers in site/ can only be looked for once the build has replaced it."""
    assert outcome.build.returncode == 0, "build failed, nothing to inspect:\n" + outcome.build.output[-2000:]
    assert (outcome.site / "quizzes" / "b").is_dir(), "the bank's quiz page was not built"
    return outcome.site


def test_leftovers_are_not_errors(leftovers):
    assert leftovers.check.returncode == 0, leftovers.check.output[-3000:]
    assert leftovers.build.returncode == 0, leftovers.build.output[-3000:]
    assert "Traceback" not in leftovers.build.output + leftovers.check.output


def test_leftovers_never_in_site(leftovers):
    names = set(leftovers.extra["names"])
    assert not [p for p in files(built(leftovers)) if p.name in names]


def test_leftover_content_never_in_site(leftovers, secret):
    assert_absent(built(leftovers), secret.token)


def test_quiz_bank_yaml_never_in_site(payload_site):
    # Attack 3's project has a bank (content/quizzes/xss.yml) and builds without leftovers in the way.
    assert payload_site.build.returncode == 0, payload_site.build.stderr[-3000:]
    bank = (payload_site.root / "content" / "quizzes" / "xss.yml").read_bytes()
    assert (payload_site.site / "quizzes" / "xss").is_dir(), "the bank's quiz page was not built"
    published = [p for p in files(payload_site.site) if p.suffix in (".yml", ".yaml") or p.read_bytes() == bank]
    assert not published, published


def test_config_yaml_never_in_site(leftovers):
    names = {"booklets.yml", "parks.yml", "qr-lock.yml", "mkdocs.yml"}
    assert not [p for p in files(leftovers.site) if p.name in names]


@pytest.fixture(scope="module")
def stray(base, tmp_path_factory):
    def overlay(project):
        project.write("content/x.exe", b"MZ\x90\x00" + bytes(60))
        project.write("content/notes.txt", "会议记录\n")
        project.write("content/data.json", '{"a": 1}\n')
        project.write("content/x.html", "<!doctype html><p>手写的网页</p>\n")

    return attempt(base, tmp_path_factory.mktemp("stray") / "p", overlay)


@pytest.mark.parametrize("rel", STRAY)
def test_unexpected_kind_is_an_error_naming_it(stray, rel):
    assert_problem_naming(stray, rel)


@pytest.mark.parametrize("invariant", REFUSED)
def test_unexpected_kind_refused(stray, invariant):
    assert_refused(stray, invariant)
