"""What the quiz script needs to grade an attempt, as plain JSON-able data."""

from __future__ import annotations

from collections.abc import Callable

from ..model.quiz import Quiz
from ..model.schema import Case


def quiz_data(quiz: Quiz, cases: dict[str, Case], case_url: Callable[[str], str]) -> dict:
    """Answers, explanations and case links; the questions themselves are in the HTML."""
    return {
        "pass": quiz.pass_percent,
        "draw": quiz.draw,
        # Keyed as the page's questions are: a template that reorders them is still graded right.
        "questions": {
            item.key: {
                "type": item.question.type,
                "answer": item.question.answer if item.question.type == "judge" else list(item.question.answer),
                "options": dict(item.question.lettered_options),
                "explain": item.question.explain,
                "case": {"title": cases[item.case].title, "url": case_url(item.case)} if item.case else None,
            }
            for item in quiz.items
        },
    }
