"""Quiz banks and case questions (CONTENT-FORMAT section 2)."""

import pytest
import yaml

from tests.conftest import find

PATH = "content/quizzes/bank.yml"


def question(qid="q01", **overrides):
    q = {
        "id": qid,
        "type": "single",
        "stem": "下列哪项属于违反廉洁纪律的行为？",
        "options": ["收受礼金", "参加培训", "按规定报销"],
        "answer": "A",
        "explain": "收受礼金违纪。",
    }
    q.update(overrides)
    return {k: v for k, v in q.items() if v is not None}


def write_bank(site, **overrides):
    bank = {"id": "lianzheng-2026", "title": "2026年度廉政知识测试", "pass": 80, "questions": [question()]}
    bank.update(overrides)
    site.write(PATH, yaml.safe_dump({k: v for k, v in bank.items() if v is not None}, allow_unicode=True))


def test_valid_bank(site):
    write_bank(
        site,
        questions=[
            question(),
            question("q02", type="multiple", answer=["a", "C"]),
            question("q03", type="judge", options=None, answer=True),
        ],
        draw=2,
    )
    bank = site.load().banks[0]
    assert bank.pass_percent == 80 and bank.draw == 2
    assert [q.answer for q in bank.questions] == [("A",), ("A", "C"), True]  # letters are case-insensitive


def test_pass_defaults_to_60(site):
    write_bank(site, **{"pass": None})
    assert site.load().banks[0].pass_percent == 60


def test_answer_letter_outside_options(site):
    write_bank(site, questions=[question(answer="D")])
    assert "D" in find(site.problems(), PATH, "questions[1].answer").message


def test_multiple_needs_two_answers(site):
    write_bank(site, questions=[question(type="multiple", answer=["A"])])
    assert "两个" in find(site.problems(), PATH, "questions[1].answer").message


def test_judge_with_options(site):
    write_bank(site, questions=[question(type="judge", answer=True)])
    assert "判断题" in find(site.problems(), PATH, "questions[1].options").message


def test_judge_answer_must_be_true_or_false(site):
    write_bank(site, questions=[question(type="judge", options=None, answer="对")])
    find(site.problems(), PATH, "questions[1].answer")


def test_duplicate_question_id(site):
    write_bank(site, questions=[question("q01"), question("q01")])
    assert "重复" in find(site.problems(), PATH, "questions[2].id").message


def test_draw_larger_than_questions(site):
    write_bank(site, questions=[question("q01"), question("q02")], draw=3)
    assert "2" in find(site.problems(), PATH, "字段 draw").message


def test_case_that_does_not_exist(site):
    write_bank(site, questions=[question(case="2099-nowhere")])
    assert "2099-nowhere" in find(site.problems(), PATH, "questions[1].case").message


def test_case_that_exists(site):
    site.case("2025-real")
    write_bank(site, questions=[question(case="2025-real")])
    assert site.load().banks[0].questions[0].case == "2025-real"


@pytest.mark.parametrize("options", [["只有一个"], [f"选项{i}" for i in range(9)]])
def test_two_to_eight_options(site, options):
    write_bank(site, questions=[question(options=options)])
    find(site.problems(), PATH, "questions[1].options")


def test_unknown_type(site):
    write_bank(site, questions=[question(type="essay")])
    find(site.problems(), PATH, "questions[1].type")


@pytest.mark.parametrize("field", ["id", "type", "stem", "answer"])
def test_required_question_fields(site, field):
    write_bank(site, questions=[question(**{field: None})])
    assert "缺少" in find(site.problems(), PATH, f"questions[1].{field}").message


@pytest.mark.parametrize("field", ["id", "title", "questions"])
def test_required_bank_fields(site, field):
    write_bank(site, **{field: None})
    find(site.problems(), PATH, f"字段 {field}")


def test_case_questions_use_the_same_schema(site):
    site.case(questions=[question(answer="Z")])
    find(site.problems(), "cases/2025-test-case.md", "questions[1].answer")


def test_duplicate_bank_id(site):
    write_bank(site)
    site.write("content/quizzes/other.yml", (site.root / PATH).read_text(encoding="utf-8"))
    assert PATH in find(site.problems(), "content/quizzes/other.yml", "字段 id").message
