"""Quiz questions and banks (CONTENT-FORMAT 2)."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from .fields import MISSING, Fields, type_name
from .paths import excerpt
from .problems import Problems
from .schema import DEFAULT_PASS, QUESTION_TYPES, Question, QuizBank

QUESTION_KEYS = ("id", "type", "stem", "options", "answer", "explain", "case")
BANK_KEYS = ("id", "title", "pass", "draw", "questions")


def _letters(value: Any) -> list[str] | None:
    items = value if isinstance(value, list) else [value]
    if not all(isinstance(item, str) and item.strip() for item in items):
        return None
    return [item.strip().upper() for item in items]


def _answer(q: Fields, qtype: str, options: tuple[str, ...]) -> tuple[str, ...] | bool | None:
    value = q.raw("answer", True)
    if value is MISSING:
        return None
    if qtype == "judge":
        if not isinstance(value, bool):
            q.error("answer", f"判断题的答案应为 true 或 false，实际是“{excerpt(value)}”")
            return None
        return value
    letters = _letters(value)
    valid = [chr(ord("A") + i) for i in range(len(options))]
    if letters is not None and any(not re.fullmatch("[A-Z]", letter) for letter in letters):
        # Ａ, A。, ABCD, A、C: what editors type; each reads as a letter outside the options otherwise.
        written = [re.sub("[^A-Z]", "", unicodedata.normalize("NFKC", letter).upper()) for letter in letters]
        meant = [char for letter in written for char in letter]
        if not meant:
            fix = f"答案要写选项的字母（{valid[0]}–{valid[-1]}），不是选项的文字" if valid else "答案要写选项的字母"
        elif qtype == "single" and len(meant) > 1:
            fix = f"单选题只能有一个答案（一个字母，如 {meant[0]}）；几个答案都对时请把 type 改成 multiple"
        else:
            shown = meant[0] if qtype == "single" else f"[{', '.join(meant)}]"
            fix = f"答案只写半角大写字母，多个答案写成列表：请写成 answer: {shown}"
        q.error("answer", f"答案“{excerpt(value)}”不对：{fix}")
        return None
    if letters is None or (qtype == "single" and isinstance(value, list) and len(letters) != 1):
        expected = "一个字母，如 A" if qtype == "single" else "字母列表，如 [A, C]"
        q.error("answer", f"答案格式不对（{type_name(value)}“{excerpt(value)}”），应为{expected}")
        return None
    wrong = [letter for letter in letters if letter not in valid]
    if wrong:
        q.error(
            "answer",
            f"答案 {'、'.join(wrong)} 超出选项范围（{valid[0]}–{valid[-1]}）" if valid else "没有选项可对应答案",
        )
        return None
    if len(set(letters)) != len(letters):
        q.error("answer", "答案中有重复的字母")
        return None
    if qtype == "multiple" and len(letters) < 2:
        q.error("answer", "多选题（multiple）至少要有两个正确答案")
        return None
    return tuple(sorted(letters))


def parse_question(q: Fields) -> Question | None:
    q.unknown(QUESTION_KEYS)
    qid = q.text("id")
    raw_type = q.text("type")
    qtype = raw_type.lower() if raw_type else None
    if raw_type and qtype not in QUESTION_TYPES:
        q.error("type", f"未知题型“{excerpt(raw_type)}”，可选：single（单选）、multiple（多选）、judge（判断）")
        qtype = None
    stem = q.text("stem")
    options: tuple[str, ...] = ()
    if qtype == "judge":
        if q.raw("options", False) is not MISSING:
            q.error("options", "判断题（judge）不能有选项")
            qtype = None
    elif qtype:
        options = q.text_list("options")
        if options and not 2 <= len(options) <= 8:
            q.error("options", f"选项应为 2 到 8 个，现有 {len(options)} 个")
            options = ()
    answer = _answer(q, qtype, options) if qtype and (options or qtype == "judge") else None
    explain = q.text("explain", required=False)
    case = q.text("case", required=False)
    if None in (qid, qtype, stem, answer):
        return None
    return Question(qid, qtype, stem, options, answer, explain, case)


def parse_questions(f: Fields, key: str = "questions", required: bool = True) -> tuple[Question, ...]:
    value = f.raw(key, required)
    if value is MISSING:
        return ()
    if not isinstance(value, list):
        f.error(key, f"应为题目列表，实际是{type_name(value)}")
        return ()
    questions: list[Question] = []
    seen: set[str] = set()
    for index, item in enumerate(value, start=1):
        label = f"{key}[{index}]"
        if not isinstance(item, dict):
            f.error(label, f"每道题应为映射（id、type、stem…），实际是{type_name(item)}")
            continue
        question = parse_question(f.nested(label, item))
        if question is None:
            continue
        if question.id in seen:
            f.error(f"{label}.id", f"题目 id“{question.id}”重复")
            continue
        seen.add(question.id)
        questions.append(question)
    return tuple(questions)


def parse_bank(data: Any, path: str, problems: Problems) -> QuizBank | None:
    if not isinstance(data, dict):
        problems.add(path, "文件", f"题库应为映射（id、title、questions…），实际是{type_name(data)}")
        return None
    f = Fields(data, path, problems)
    f.unknown(BANK_KEYS)
    bank_id = f.identifier("id")
    title = f.text("title")
    pass_percent = f.integer("pass", 0, 100)
    draw = f.integer("draw", 1)
    count = len(data.get("questions") or []) if isinstance(data.get("questions"), list) else 0
    questions = parse_questions(f)
    if draw is not None and count and draw > count:
        f.error("draw", f"每次抽取 {draw} 题，但题库只有 {count} 题")
    if None in (bank_id, title) or not questions:
        return None
    return QuizBank(bank_id, path, title, DEFAULT_PASS if pass_percent is None else pass_percent, draw, questions)
