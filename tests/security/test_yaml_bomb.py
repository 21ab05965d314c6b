"""Attack 7: a YAML alias bomb (billion laughs) and an oversized file: fail fast, small, and say why."""

import pytest

from tests.security.conftest import (
    REFUSED,
    assert_problem_at,
    assert_problem_naming,
    assert_refused,
    attempt,
    line_of,
)

LEVELS = 9
WIDTH = 9  # 9**9 = 387 million strings once expanded
MAX_MB = 1024  # "well under 2 GB"


def bomb(indent: str = "") -> str:
    names = "abcdefghijklmnopqrstuvwxyz"
    first = ", ".join(['"lol"'] * WIDTH)
    lines = [f"{indent}{names[0]}: &{names[0]} [{first}]"]
    for level in range(1, LEVELS):
        name, refs = names[level], ", ".join([f"*{names[level - 1]}"] * WIDTH)
        lines.append(f"{indent}{name}: &{name} [{refs}]")
    return "\n".join(lines) + "\n"


LAST = "abcdefghijklmnopqrstuvwxyz"[LEVELS - 1]


def test_the_bomb_is_small():
    assert len(bomb().encode()) < 1000


def bank_overlay(project):
    text = f"id: bomb\ntitle: 炸弹题库\nlol:\n{bomb('  ')}questions: *{LAST}\n"
    project.write("content/quizzes/bomb.yml", text)
    return {"path": "content/quizzes/bomb.yml", "line": line_of(text, "&a")}


def case_overlay(project):
    case = project.text("cases/2025-base.md")
    head, rest = case.split("\n", 1)  # "---", then the front matter
    front = f"{head}\nlol:\n{bomb('  ')}rules: *{LAST}\n{rest}"
    project.write("cases/2025-base.md", front)
    return {"path": "cases/2025-base.md", "line": line_of(front, "&a")}


def big_overlay(project):
    paragraph = "为官清廉，拒收礼物。" * 50 + "\n\n"  # 1.5 KB of UTF-8 per paragraph
    text = "# 长文\n\n" + paragraph * (3 * 1024 * 1024 // len(paragraph.encode()) + 1)
    assert len(text.encode()) > 3 * 1024 * 1024
    project.write("content/big.md", text)
    return {"path": "content/big.md", "line": None}


OVERLAYS = {"alias-bomb-in-quiz-bank": bank_overlay, "alias-bomb-in-case-front-matter": case_overlay}


@pytest.fixture(scope="module", params=[*OVERLAYS, "3mb-content-file"])
def outcome(request, base, tmp_path_factory):
    overlay = OVERLAYS.get(request.param, big_overlay)
    return attempt(base, tmp_path_factory.mktemp("bomb") / "p", overlay, timeout=90)


def test_ends(outcome):
    # A bomb that expanded would run for minutes; the harness's timeout is a safety net, not a speed figure.
    for run in (outcome.check, outcome.build):
        assert not run.timed_out, run.args[1]


def test_stays_small(outcome):
    for run in (outcome.check, outcome.build):
        assert run.maxrss_mb < MAX_MB, f"{run.args[1]}: {run.maxrss_mb:.0f} MB"


def test_error_names_the_file_and_line(outcome):
    path, line = outcome.extra["path"], outcome.extra["line"]
    if line is None:
        assert_problem_naming(outcome, path)
    else:
        assert_problem_at(outcome, path, line)
        hits = [p for p in outcome.build_problems if p.path == path and f"第 {line} 行" in p.where]
        assert any(word in p.message for p in hits for word in ("锚", "别名", "&", "*")), hits


@pytest.mark.parametrize("invariant", REFUSED)
def test_refused(outcome, invariant):
    assert_refused(outcome, invariant)
