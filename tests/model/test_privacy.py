"""Personal data is never published (CONTENT-FORMAT section 8)."""

import pytest
import yaml
from qingfeng.model import privacy
from qingfeng.model.problems import Problems

from tests.conftest import case_body, find


def id18(first17: str) -> str:
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights, strict=True)) % 11]


def scanned(text: str) -> list[str]:
    problems = Problems()
    privacy.scan(text, "x.md", problems)
    return [p.message for p in problems.items]


@pytest.mark.parametrize(
    "text",
    [
        f"身份证号{id18('11010519491231002')}。",
        f"证件：{id18('44030419900101123')}",
        "旧证号 110105491231002 仍在用",
        "电话13812345678",
        "联系 138 1234 5678",
        "联系 138-1234-5678",
        "+86 138 1234 5678",
        "+8613812345678",
        "电话１３８１２３４５６７８",  # full-width digits
    ],
)
def test_personal_numbers_are_found(text):
    messages = scanned(text)
    assert messages, text
    assert "13812345678" not in messages[0]  # the message does not repeat the number


@pytest.mark.parametrize(
    "text",
    [
        "举报电话 12388，欢迎监督",
        "收受财物 1610000 元",
        "手机尾号 138****5678 的用户",
        "编号 11010519491231002X 的校验位不对" if id18("11010519491231002") != "11010519491231002X" else "无",
        "数额 123456789012345 元",  # 15 digits that are no birth date
        "2025-03-01 至 2026-01-22",
        "原文见 https://example.cn/a/13812345678.html",
    ],
)
def test_ordinary_numbers_pass(text):
    assert scanned(text) == []


def test_case_front_matter_and_body_report_file_and_line(site):
    site.case(body=case_body() + "\n知情人电话 13912345678。\n", subject="王某 13812345679")
    problems = site.problems()
    lines = sorted(p.where for p in problems if p.path == "cases/2025-test-case.md")
    assert len(lines) == 2
    assert lines[0] != lines[1]
    subject_line = [p for p in problems if "9" in p.message]
    assert subject_line


def test_quiz_bank_is_scanned(site):
    bank = {
        "id": "b",
        "title": "题库",
        "questions": [
            {"id": "q", "type": "judge", "stem": f"{id18('11010519491231002')} 是身份证吗？", "answer": True}
        ],
    }
    site.write("content/quizzes/b.yml", yaml.safe_dump(bank, allow_unicode=True))
    assert "身份证" in find(site.problems(), "content/quizzes/b.yml", "第 5 行").message


def test_ordinary_page_is_scanned(site):
    site.write("content/about.md", "# 关于\n\n联系人手机：15912345678\n")
    find(site.problems(), "content/about.md", "第 3 行")
