"""Quizzes built from banks, cases and packs, and printable paper variants."""

from __future__ import annotations

import random
from dataclasses import dataclass

from .schema import DEFAULT_PASS, Case, Pack, Question, QuizBank

VARIANTS = ("A", "B")


@dataclass(frozen=True)
class QuizItem:
    question: Question
    case: str | None  # the case the question comes from, if any

    @property
    def key(self) -> str:
        """Unique within its quiz: question ids are unique within a bank, or within a case (a pack's quiz)."""
        return f"{self.case}/{self.question.id}" if self.case else self.question.id


@dataclass(frozen=True)
class Quiz:
    id: str
    title: str
    pass_percent: int
    draw: int | None  # questions per attempt; None: all, in order
    items: tuple[QuizItem, ...]


def bank_quiz(bank: QuizBank) -> Quiz:
    items = tuple(QuizItem(q, q.case) for q in bank.questions)
    return Quiz(bank.id, bank.title, bank.pass_percent, bank.draw, items)


def case_quiz(case: Case) -> Quiz | None:
    if not case.questions:
        return None
    return Quiz(case.id, "随堂测试", DEFAULT_PASS, None, tuple(QuizItem(q, case.id) for q in case.questions))


def pack_quiz(pack: Pack, cases: dict[str, Case]) -> Quiz | None:
    """Every question of the selected cases, each tied to its case."""
    if pack.quiz is False:
        return None
    items = tuple(QuizItem(q, case_id) for case_id in pack.cases for q in cases[case_id].questions)
    draw = None if pack.quiz is True else pack.quiz
    return Quiz(pack.id, "学习测试", DEFAULT_PASS, draw, items)


@dataclass(frozen=True)
class PaperQuestion:
    number: int
    item: QuizItem
    options: tuple[tuple[str, str], ...]  # (letter, text) in this variant's order
    answer: tuple[str, ...] | bool  # letters in this variant


def _letters(count: int) -> list[str]:
    return [chr(ord("A") + i) for i in range(count)]


def _arrange(quiz: Quiz, rng: random.Random) -> tuple[list[int], list[list[int]]]:
    order = list(range(len(quiz.items)))
    rng.shuffle(order)
    options = []
    for item in quiz.items:
        positions = list(range(len(item.question.options)))
        rng.shuffle(positions)
        options.append(positions)
    return order, options


def paper(quiz: Quiz, variant: str) -> tuple[PaperQuestion, ...]:
    """A printed paper: every question, order and options shuffled by a fixed seed.

    The seed is the quiz id and the variant, so rebuilding gives the same
    paper; variant B is never laid out exactly like variant A.
    """
    order, options = _arrange(quiz, random.Random(f"{quiz.id}/{variant}"))
    if variant != VARIANTS[0] and (order, options) == _arrange(quiz, random.Random(f"{quiz.id}/{VARIANTS[0]}")):
        order.reverse()  # tiny quizzes can shuffle identically; reversing still differs when >1 question
    questions = []
    for number, index in enumerate(order, start=1):
        item = quiz.items[index]
        q = item.question
        letters = _letters(len(q.options))
        arranged = tuple((letters[new], q.options[old]) for new, old in enumerate(options[index]))
        if q.type == "judge":
            answer: tuple[str, ...] | bool = q.answer
        else:
            old_to_new = {letters[old]: letters[new] for new, old in enumerate(options[index])}
            answer = tuple(sorted(old_to_new[letter] for letter in q.answer))
        questions.append(PaperQuestion(number, item, arranged, answer))
    return tuple(questions)


@dataclass(frozen=True)
class QuizPage:
    """A page of a bank's quiz: the quiz to take online, or one of its printed papers (`variant`)."""

    quiz: Quiz
    variant: str | None = None
