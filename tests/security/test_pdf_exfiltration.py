"""Attack 1: a case body that tries to pull local files or remote resources into a booklet PDF."""

import re

import pytest
from pypdf import PdfReader

from tests.conftest import BODY, case_body, case_meta, markdown
from tests.security.conftest import BASE_CASE, REFUSED, assert_absent, assert_problem_at, assert_refused, attempt, pdfs

PREFIX = "/pdf-exfiltration/"


def attacks(secret, canary) -> dict[str, str]:
    return {
        "attachment-file-url": f'<a rel="attachment" href="file://{secret.txt}">附件</a>',
        "img-file-url": f'<img src="file://{secret.png}">',
        "remote-stylesheet": f'<link rel=stylesheet href="{canary.url(PREFIX + "x.css")}">',
        "remote-markdown-image": f"![x]({canary.url(PREFIX + 'x.png')})",
    }


@pytest.fixture(scope="module")
def outcome(base, tmp_path_factory, secret, canary):
    lines = attacks(secret, canary)

    def overlay(project):
        # The base booklet prints this case; each attack in its own paragraph of 案情.
        facts = BODY["案情"] + "\n\n" + "\n\n".join(lines.values())
        text = markdown(
            case_meta(BASE_CASE, title="基础案例甲局原局长受贿案"),
            case_body({**BODY, "案情": facts}),
        )
        project.write(f"cases/{BASE_CASE}.md", text)
        return {"text": text, "lines": lines}

    return attempt(base, tmp_path_factory.mktemp("pdf") / "p", overlay)


ATTACKS = ["attachment-file-url", "img-file-url", "remote-stylesheet", "remote-markdown-image"]


@pytest.mark.parametrize("attack", ATTACKS)
def test_refused_at_its_line(outcome, attack):
    text, line = outcome.extra["text"], outcome.extra["lines"][attack]
    number = text[: text.index(line)].count("\n") + 1
    assert_problem_at(outcome, f"cases/{BASE_CASE}.md", number)


@pytest.mark.parametrize("invariant", REFUSED)
def test_refused(outcome, invariant):
    assert_refused(outcome, invariant)


def test_secret_never_in_site(outcome, secret):
    assert_absent(outcome.site, secret.token)


def test_secret_image_never_embedded(outcome, secret):
    width, height = secret.png_size
    for path in pdfs(outcome.site):
        raw = path.read_bytes()
        assert not re.search(rf"/Width {width}\b.{{0,200}}/Height {height}\b".encode(), raw, re.S), path
        for page in PdfReader(path).pages:
            for image in page.images:
                assert image.image.size != (width, height), path


def test_no_request_reached_the_canary(outcome, canary):
    assert canary.hits(PREFIX) == []
