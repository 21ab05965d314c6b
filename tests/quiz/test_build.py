"""Quiz pages and printable papers, built for real."""

import re
from html import unescape

import pytest
import yaml

from tests.conftest import search_docs, shared

QUESTIONS = [
    {
        "id": f"q{n}",
        "type": "single",
        "stem": f"第{n}题题干？",
        "options": [f"题{n}选项{c}" for c in "甲乙丙丁"],
        "answer": "ABCD"[n % 4],
        "explain": f"第{n}题解析。",
    }
    for n in range(1, 7)
] + [
    {"id": "m1", "type": "multiple", "stem": "多选题干？", "options": ["多甲", "多乙", "多丙"], "answer": ["A", "C"]},
    {"id": "j1", "type": "judge", "stem": "判断题干？", "answer": False, "explain": "判断解析。"},
]


def lay_out(site):
    site.case("2025-a", title="甲案", questions=[{"id": "c1", "type": "judge", "stem": "本案题？", "answer": True}])
    bank = {
        "id": "lianzheng-2026",
        "title": "2026年度廉政知识测试",
        "pass": 80,
        "draw": 5,
        "questions": [*QUESTIONS, {"id": "c", "type": "judge", "stem": "出自甲案？", "answer": True, "case": "2025-a"}],
    }
    site.write("content/quizzes/bank.yml", yaml.safe_dump(bank, allow_unicode=True))
    return site


@pytest.fixture(scope="module")
def quiz_site(new_site):
    """The bank and its case, built once: the tests here only read it."""
    with shared(lay_out(new_site("quiz"))) as site:
        yield site


def text(html):
    return unescape(re.sub(r"<[^>]+>", " ", html))


def paper_questions(html):
    """(stem, [options]) in the printed order."""
    body = html[html.index('class="qf-paper__questions"') : html.index('class="qf-paper__key"')]
    result = []
    for item in re.findall(
        r'<li class="qf-paper__question">(.*?)</li>\s*(?=<li class="qf-paper__question">|</ol>)', body, re.S
    ):
        stem = re.search(r"</span>\s*(.*?)（", item, re.S).group(1).strip()
        options = [unescape(o) for o in re.findall(r"<li>[A-H]\. (.*?)</li>", item)]
        result.append((stem, options))
    return result


def paper_key(html):
    key = html[html.index('class="qf-paper__key"') :]
    return [re.sub(r"（.*", "", s) for s in re.findall(r"<li>\s*<strong>(.*?)</strong>", key, re.S)]


def test_quiz_page_has_real_form_controls(quiz_site):
    html = quiz_site.html("quizzes/lianzheng-2026/index.html")
    assert html.count('type="radio" name="q0"') == 4
    assert html.count('type="checkbox" name="q6"') == 3
    assert re.search(r'<label class="qf-option"><input type="radio" name="q7" value="false"> 错误</label>', html)
    assert ">提交</button>" in html and "再测一次" in html
    assert "每次随机抽取 5 题" in html and "80%" in html
    assert "第1题解析" not in text(html.split("data-qf-quiz-data")[0])  # explanations only after submitting


def test_quiz_list_and_case_quiz(quiz_site):
    assert 'href="lianzheng-2026/"' in quiz_site.html("quizzes/index.html")
    case = quiz_site.html("cases/2025-a/index.html")
    assert "本案题？" in case and "data-qf-quiz-data" in case


def test_paper_has_blanks_numbered_questions_and_a_separate_key(quiz_site):
    html = quiz_site.html("quizzes/lianzheng-2026/paper/index.html")
    for blank in ("姓名", "单位", "得分"):
        assert f"<dt>{blank}</dt>" in html
    assert len(paper_questions(html)) == len(QUESTIONS) + 1
    assert "参考答案与解析" in html
    css = (quiz_site.root / "site/assets/qingfeng/quiz.css").read_text(encoding="utf-8")
    assert re.search(r"\.qf-paper__key \{[^}]*break-before: page", css)


def test_paper_variants_differ(quiz_site):
    a = quiz_site.html("quizzes/lianzheng-2026/paper/index.html")
    b = quiz_site.html("quizzes/lianzheng-2026/paper/b/index.html")
    assert paper_questions(a) != paper_questions(b)
    assert sorted(s for s, _ in paper_questions(a)) == sorted(s for s, _ in paper_questions(b))
    assert any(
        opts_a != opts_b
        for (s, opts_a) in paper_questions(a)
        for (t, opts_b) in paper_questions(b)
        if s == t and opts_a
    )


def test_papers_are_stable_across_builds(quiz_site, site):
    # A second build, from scratch in another folder and in a new interpreter, prints the same papers.
    result = lay_out(site).build(fresh=True)
    assert result.returncode == 0, result.stderr
    for variant in ("paper/index.html", "paper/b/index.html"):
        assert site.html(f"quizzes/lianzheng-2026/{variant}") == quiz_site.html(f"quizzes/lianzheng-2026/{variant}")


@pytest.mark.parametrize("variant", ["paper/index.html", "paper/b/index.html"])
def test_answer_key_matches_the_bank(quiz_site, variant):
    html = quiz_site.html(f"quizzes/lianzheng-2026/{variant}")
    bank = {q["stem"]: q for q in [*QUESTIONS, {"stem": "出自甲案？", "type": "judge", "answer": True}]}
    assert len(paper_questions(html)) == len(bank)  # else the loop below checks nothing
    for (stem, options), key in zip(paper_questions(html), paper_key(html), strict=True):
        q = bank[stem]
        if q["type"] == "judge":
            assert key.startswith("A") == q["answer"]
            continue
        letters = q["answer"] if isinstance(q["answer"], list) else [q["answer"]]
        expected = sorted(q["options"][ord(letter) - 65] for letter in letters)
        printed = sorted(options[ord(letter) - 65] for letter in key.split("、"))
        assert printed == expected, stem


def test_papers_are_not_in_search(quiz_site):
    pages = [doc["u"] for doc in search_docs(quiz_site.root / "site")]
    assert any(url.startswith("quizzes/") for url in pages)
    assert not any("paper/" in url for url in pages)
