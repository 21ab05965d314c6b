"""YAML mistakes editors make, reported at the line of the mistake, in Chinese (CONTENT-FORMAT 9).

Each row is front matter as an editor would type it (or paste it from Word/WPS), the
file line of the mistake (counted by hand: the opening `---` is line 1), and words the
message must contain. PyYAML often gives up a line or more later; that line is wrong.
"""

from __future__ import annotations

import re

import pytest
import yaml
from qingfeng.model import yamlhint
from qingfeng.model.frontmatter import parse_document, parse_yaml
from qingfeng.model.problems import Problems

from tests.conftest import case_body

PATH = "cases/2025-test-case.md"

# A valid case, one field a line, as an editor writes it. File lines in the comments.
FRONT = """\
id: 2025-test-case
title: 红光中学原党总支书记王某受贿案
summary: 利用职务便利为前妻公司承揽业务并收受财物。
subject: 王某
position: 某县某局原局长
role: 一把手
region: 某省某县
sector: [教育, 校园餐]
violations: [受贿]
outcome: 因涉嫌受贿罪被移送司法机关
date: 2025-03
source:
  publisher: 重庆日报
  date: 2026-01-22"""
#  2 id          6 position   10 violations  14   publisher
#  3 title       7 role       11 outcome     15   date (last line of the front matter)
#  4 summary     8 region     12 date
#  5 subject     9 sector     13 source:

TAB, WIDE, NBSP, ZWSP, BOM = "\t", "\u3000", "\xa0", "\u200b", "\ufeff"

# (name, line as written, line as the editor mistyped it, file line of the mistake, words in the message)
ROWS = [
    # 1. A Tab in the indentation
    ("tab", "  publisher: 重庆日报", f"{TAB}publisher: 重庆日报", 14, {"制表符", "Tab", "publisher", "空格"}),
    ("tab on the last line", "  date: 2026-01-22", f"{TAB}date: 2026-01-22", 15, {"制表符", "“date”"}),
    ("tab and spaces", "  publisher: 重庆日报", f"  {TAB}publisher: 重庆日报", 14, {"制表符"}),
    ("tab before a list item", "violations: [受贿]", f"violations:\n{TAB}- 受贿", 11, {"制表符", "缩进"}),
    ("tab after the dash", "violations: [受贿]", f"violations:\n  -{TAB}受贿", 11, {"“-”", "制表符"}),
    # 2. A full-width colon after a key
    (
        "full-width colon",
        "outcome: 因涉嫌受贿罪被移送司法机关",
        "outcome：因涉嫌受贿罪被移送司法机关",
        11,
        {"“outcome”", "全角冒号“：”", "“outcome: ”"},
    ),
    (
        "full-width colon, space",
        "outcome: 因涉嫌受贿罪被移送司法机关",
        "outcome： 因涉嫌受贿罪被移送司法机关",
        11,
        {"“outcome”", "全角冒号"},
    ),
    (
        "space, full-width colon",
        "outcome: 因涉嫌受贿罪被移送司法机关",
        "outcome ：因涉嫌受贿罪被移送司法机关",
        11,
        {"“outcome”", "全角冒号"},
    ),
    ("full-width colon, first line", "id: 2025-test-case", "id：2025-test-case", 2, {"“id”", "全角冒号"}),
    ("full-width colon, last line", "  date: 2026-01-22", "  date：2026-01-22", 15, {"“date”", "全角冒号"}),
    (
        "full-width colon, appended last line",
        "  date: 2026-01-22",
        "  date: 2026-01-22\namount：1610000",
        16,
        {"“amount”", "全角冒号", "“amount: ”"},
    ),
    ("full-width colon on a parent key", "source:", "source：", 13, {"“source”", "全角冒号"}),
    ("full-width colon in a nested key", "  publisher: 重庆日报", "  publisher：重庆日报", 14, {"“publisher”"}),
    # 3. A quote opened and never closed
    (
        "double quote closed by a Chinese quote",
        "title: 红光中学原党总支书记王某受贿案",
        'title: "红光中学原党总支书记王某受贿案”',
        3,
        {"“title”", '“"”', "中文引号“””"},
    ),
    (
        "single quote closed by a Chinese quote",
        "title: 红光中学原党总支书记王某受贿案",
        "title: '红光中学原党总支书记王某受贿案’",
        3,
        {"“title”", "“'”", "中文引号“’”"},
    ),
    (
        "double quote never closed",
        "title: 红光中学原党总支书记王某受贿案",
        'title: "红光中学原党总支书记王某受贿案',
        3,
        {"“title”", "没有闭合", '补上“"”'},
    ),
    ("single quote never closed", "subject: 王某", "subject: '王某", 5, {"“subject”", "没有闭合", "补上“'”"}),
    # ...and closed by accident by the next quoted value, two lines down: PyYAML blames line 5.
    (
        "quote closed by a later quote",
        "title: 红光中学原党总支书记王某受贿案\nsummary: 利用职务便利为前妻公司承揽业务并收受财物。\nsubject: 王某",
        'title: "红光中学原党总支书记王某受贿案”\nsummary: 利用职务便利为前妻公司承揽业务并收受财物。\nsubject: "王某"',
        3,
        {"“title”", "中文引号"},
    ),
    ("quote on the last line", "  date: 2026-01-22", '  date: "2026-01-22”', 15, {"“date”", "中文引号"}),
    ("quote in a bracket list", "sector: [教育, 校园餐]", 'sector: ["教育”, 校园餐]', 9, {"“sector”", "中文引号"}),
    ("quote in a list item", "violations: [受贿]", 'violations:\n  - "受贿”', 11, {"这一项", "中文引号"}),
    # 4. Full-width spaces in the indentation
    (
        "full-width spaces",
        "  publisher: 重庆日报",
        f"{WIDE}{WIDE}publisher: 重庆日报",
        14,
        {"全角空格", "“publisher”", "半角空格"},
    ),
    (
        "one full-width space after a space",
        "  date: 2026-01-22",
        f" {WIDE}date: 2026-01-22",
        15,
        {"全角空格", "“date”"},
    ),
    ("non-breaking spaces from Word", "  publisher: 重庆日报", f"{NBSP}{NBSP}publisher: 重庆日报", 14, {"不换行空格"}),
    (
        "full-width space after a space before colon",
        "  publisher: 重庆日报",
        f"  publisher{WIDE}: 重庆日报",
        14,
        {"“publisher”", "全角空格", "“publisher: ”"},
    ),
    (
        "full-width spaces on a wrapped line",
        "summary: 利用职务便利为前妻公司承揽业务并收受财物。",
        f"summary: 利用职务便利\n{WIDE}{WIDE}为前妻公司承揽业务并收受财物。",
        5,
        {"全角空格"},
    ),
    # 5. Everything else PyYAML rejects, in Chinese at the right line
    (
        "': ' inside a value",
        "title: 红光中学原党总支书记王某受贿案",
        "title: 红光中学: 王某受贿案",
        3,
        {"“title”", "冒号", "引号"},
    ),
    ("key indented under a key with a value", "  date: 2026-01-22", "    date: 2026-01-22", 15, {"“date”", "缩进"}),
    (
        "key out of line with its siblings",
        "  publisher: 重庆日报",
        "    publisher: 重庆日报",
        15,
        {"“date”", "缩进", "对不齐"},
    ),
    ("missing colon", "subject: 王某", "subject 王某", 5, {"“subject”", "缺少半角冒号“:”"}),
    (
        "line wrapped without indentation",
        "summary: 利用职务便利为前妻公司承揽业务并收受财物。",
        "summary: 利用职务便利\n为前妻公司承揽业务并收受财物。",
        5,
        {"“键: 值”", "缩进"},
    ),
    ("bracket never closed", "sector: [教育, 校园餐]", "sector: [教育, 校园餐", 9, {"方括号“[”", "没有闭合", "“]”"}),
    ("bracket closed by a Chinese bracket", "sector: [教育, 校园餐]", "sector: [教育, 校园餐】", 9, {"中文括号“】”"}),
    ("one bracket too many", "sector: [教育, 校园餐]", "sector: [教育, 校园餐]]", 9, {"“sector”", "多了一个“]”"}),
    ("colon inside a bracket list", "sector: [教育, 校园餐]", "sector: [教育: 校园餐: 食堂]", 9, {"方括号", "冒号"}),
    ("brace never closed", "  date: 2026-01-22", "  date: {2026", 15, {"花括号“{”", "没有闭合"}),
    (
        "text after a closed quote",
        "title: 红光中学原党总支书记王某受贿案",
        'title: "红光中学"原党总支书记王某受贿案',
        3,
        {"“title”", "之后还有文字"},
    ),
    ("list item under a key with a value", "role: 一把手", "role: 一把手\n- 班子成员", 8, {"列表项"}),
    ("list item without a space", "violations: [受贿]", "violations:\n  - 受贿\n -滥用职权", 12, {"“- 内容”"}),
    ("text among list items", "violations: [受贿]", "violations:\n  - 受贿\n  滥用职权: 是", 12, {"“- ”开头"}),
    ("value starting with a dash and space", "subject: 王某", "subject: - 王某", 5, {"“subject”", "“- ”"}),
    ("value starting with @", "subject: 王某", "subject: @王某", 5, {"“@”", "引号"}),
    ("value starting with a backtick", "subject: 王某", "subject: `王某`", 5, {"“`”", "引号"}),
    ("value starting with * and space", "subject: 王某", "subject: * 王某", 5, {"“*”", "引号"}),
    (
        "block indicator followed by text",
        "summary: 利用职务便利为前妻公司承揽业务并收受财物。",
        "summary: |利用职务便利",
        4,
        {"“|”", "换行"},
    ),
    (
        "backslash escape in double quotes",
        "position: 某县某局原局长",
        'position: "某县\\某局原局长"',
        6,
        {"反斜杠", "单引号"},
    ),
    ("control character pasted from a web page", "subject: 王某", "subject: 王\x07某", 5, {"控制字符", "U+0007"}),
    # 6. Punctuation typed with a Chinese keyboard inside brackets
    (
        "full-width comma in a brace mapping",
        "sector: [教育, 校园餐]",
        "select: {sector: 教育，role: 一把手}",
        9,
        {"花括号", "全角逗号“，”", "“, ”"},
    ),
    (
        "full-width comma in a bracket list that fails",
        "sector: [教育, 校园餐]",
        "sector: [教育，校园餐: 食堂: 学校]",
        9,
        {"方括号", "全角逗号“，”", "“, ”"},
    ),
    (
        "full-width braces",
        "sector: [教育, 校园餐]",
        "select: ｛sector: 教育, role: 一把手｝",
        9,
        {"“select”", "“｛｝”", "“{}”"},
    ),
    (
        "full-width brackets",
        "sector: [教育, 校园餐]",
        "sector: ［教育: 1, 校园餐: 2］",
        9,
        {"“sector”", "“［］”", "“[]”"},
    ),
    ("Chinese brackets", "sector: [教育, 校园餐]", "sector: 【sector: 教育, role: 一把手】", 9, {"“【】”", "“[]”"}),
    # 7. What goes after the colon
    (
        "no space after the colon",
        "id: 2025-test-case",
        "id:2025-test-case",
        2,
        {"冒号后面要有一个空格", "“id: 2025-test-case”"},
    ),
    ("no space after a nested colon", "  publisher: 重庆日报", "  publisher:重庆日报", 14, {"“publisher”", "一个空格"}),
    (
        "no space after the colon of a list item",
        "violations: [受贿]",
        "violations:\n  - id:q03\n    type: single",
        11,
        {"“id: q03”"},
    ),
    (
        "non-breaking space after the colon",
        "id: 2025-test-case",
        f"id:{NBSP}2025-test-case",
        2,
        {"“id”", "不换行空格", "半角空格"},
    ),
    ("full-width space after the colon", "id: 2025-test-case", f"id:{WIDE}2025-test-case", 2, {"“id”", "全角空格"}),
    (
        "non-breaking space after a list item's colon",
        "violations: [受贿]",
        f"violations:\n  - id:{NBSP}q1\n    type: single",
        11,
        {"不换行空格"},
    ),
    (
        "full-width colon and a flow value",
        "outcome: 因涉嫌受贿罪被移送司法机关",
        "outcome：{a: b}",
        11,
        {"“outcome”", "全角冒号"},
    ),
    # 8. Indentation and characters no one sees
    ("first key indented", "id: 2025-test-case", " id: 2025-test-case", 2, {"“id”", "缩进", "顶格"}),
    (
        "zero-width space before the first key",
        "id: 2025-test-case",
        f"{ZWSP}id: 2025-test-case",
        2,
        {"零宽字符", "U+200B", "删除"},
    ),
    ("zero-width space in the indentation", "  publisher: 重庆日报", f"  {ZWSP}publisher: 重庆日报", 14, {"U+200B"}),
    ("zero-width space in a value", "subject: 王某", f"subject: 王{ZWSP}某", 5, {"U+200B"}),
    (
        "BOM at the start of a line",
        "title: 红光中学原党总支书记王某受贿案",
        f"{BOM}title: 红光中学原党总支书记王某受贿案",
        3,
        {"U+FEFF", "BOM", "删除"},
    ),
    ("BOM before the first key", "id: 2025-test-case", f"{BOM}id: 2025-test-case", 2, {"BOM"}),
    ("BOM in the indentation", "  date: 2026-01-22", f"  {BOM}date: 2026-01-22", 15, {"BOM"}),
    ("word joiner in the indentation", "  date: 2026-01-22", "  \u2060date: 2026-01-22", 15, {"U+2060"}),
    # 9. Mistakes YAML accepts with another meaning
    (
        "full-width colon inside braces",
        "sector: [教育, 校园餐]",
        "select: {sector：教育, role: 一把手}",
        9,
        {"“sector”", "全角冒号", "“sector: ”"},
    ),
    ("full-width colon before a key", "region: 某省某县", "：region: 某省某县", 8, {"“：region”", "全角冒号", "删除"}),
    (
        "list item one space off",
        "violations: [受贿]",
        "violations:\n  - 受贿\n   - 滥用职权",
        12,
        {"没对齐", "并进了上一项"},
    ),
    (
        "first list item one space less",
        "violations: [受贿]",
        "violations:\n - 受贿\n  - 滥用职权\n  - 行贿",
        11,
        {"少缩进", "对齐"},
    ),
    ("list item under a value", "subject: 王某", "subject: 王某\n  - 朱某", 6, {"“- ”", "并进了上一行的值"}),
    (
        "list with full-width dashes",
        "violations: [受贿]",
        "violations:\n  － 受贿\n  － 滥用职权",
        11,
        {"半角“- ”", "“－”"},
    ),
    ("list with middle dots", "violations: [受贿]", "violations:\n  · 受贿\n  · 滥用职权", 11, {"“·”"}),
    ("list with bullets", "violations: [受贿]", "violations:\n  •受贿\n  •滥用职权", 11, {"“•”"}),
    ("list with em dashes", "violations: [受贿]", "violations:\n  — 受贿", 11, {"“—”"}),
    (
        "WeChat topic after a value",
        "title: 红光中学原党总支书记王某受贿案",
        "title: 红光中学原党总支书记王某受贿案 #以案说纪#",
        3,
        {"“#以案说纪#”", "注释", "引号", "全角“＃”"},
    ),
    ("WeChat topic as the value", "subject: 王某", "subject: #王某#", 5, {"“#王某#”", "注释"}),
    ("duplicate key", "role: 一把手", "role: 一把手\nrole: 班子成员", 8, {"“role”", "重复"}),
]


def _case(mistake: str | None = None, correct: str | None = None) -> str:
    front = FRONT if mistake is None else FRONT.replace(correct, mistake, 1)
    assert mistake is None or front != FRONT, "the row's correct line is not in FRONT"
    return f"---\n{front}\n---\n\n{case_body()}"


def _yaml_problems(site, text: str):
    site.write(PATH, text)
    return [p for p in site.problems() if p.path == PATH and p.message.startswith("YAML")]


def test_the_front_matter_without_mistakes_loads(site):
    site.write(PATH, _case())
    assert [case.title for case in site.load().cases] == ["红光中学原党总支书记王某受贿案"]


@pytest.mark.parametrize(("correct", "mistake", "line", "words"), [row[1:] for row in ROWS], ids=[r[0] for r in ROWS])
def test_a_mistake_is_reported_at_its_line_naming_it(site, correct, mistake, line, words):
    problems = _yaml_problems(site, _case(mistake, correct))
    assert problems, "no YAML problem reported"
    first = problems[0]
    assert first.where == f"第 {line} 行", str(first)
    missing = {w for w in words if w not in first.message}
    assert not missing, f"{missing} not in: {first.message}"


@pytest.mark.parametrize(("correct", "mistake"), [row[1:3] for row in ROWS], ids=[r[0] for r in ROWS])
def test_every_message_is_chinese_first_with_pyyaml_only_as_a_detail(correct, mistake):
    problems = Problems()
    parse_document(_case(mistake, correct), PATH, problems)
    (problem,) = problems.items
    chinese = problem.message.removeprefix("YAML 语法错误：")
    assert re.match(r"[\u4e00-\u9fff“]", chinese), problem.message  # Chinese comes first
    detail = re.search(r"（([^（）]*)）$", chinese)
    if detail and re.fullmatch(r"[ -~]+", detail[1]):  # an English detail is the last thing, in parentheses
        head = chinese[: detail.start()]
        assert re.search(r"[\u4e00-\u9fff]", head) and "：" in head, "the Chinese must say what and the fix"
    assert not re.search(r"\b(found|expected|while|could not|mapping values)\b", chinese.split("（")[0])


def test_full_width_indentation_that_parses_is_still_an_error_at_each_line(site):
    # All of source's children indented with full-width spaces: YAML reads keys "　　publisher",
    # and the author would otherwise be told that source.publisher is missing.
    text = _case(
        f"{WIDE}{WIDE}publisher: 重庆日报\n{WIDE}{WIDE}date: 2026-01-22", "  publisher: 重庆日报\n  date: 2026-01-22"
    )
    problems = _yaml_problems(site, text)
    assert [p.where for p in problems] == ["第 14 行", "第 15 行"]
    assert "“publisher”" in problems[0].message and "“date”" in problems[1].message
    assert all("全角空格" in p.message for p in problems)


@pytest.mark.parametrize(
    "front",
    [
        "title: 王某“一把手”案",  # Chinese quotes inside a value
        'title: 王某"一把手"案',  # ASCII quotes inside a plain value
        "title: 'it''s'",  # a doubled single quote
        "title:\t王某",  # a Tab after the colon
        'title: "王某\t受贿案"',  # a Tab inside quotes
        "title: 会议纪要：王某受贿案",  # a full-width colon inside a value
        "title: 王某　受贿案",  # a full-width space inside a value
        "summary: |\n  　　王某在多所学校任“一把手”期间: 长期帮前妻\n  　　名下公司承揽业务。",  # indented paragraphs
        'summary: "王某在多所学校任职期间，\n  长期帮前妻名下公司承揽业务。"',  # a quoted value over two lines
        "sector: ['教育', \"校园餐\"]",
        "select: {sector: 教育, role: 一把手}",
        "title: 红光中学  # 必填",  # an ordinary comment
        "title: 红光中学\n# 待补充#",  # a comment line
        'title: "王某受贿案 #以案说纪#"',  # a topic inside quotes
        "summary: |\n  · 第一点 #话题#\n  — 第二点\n  － 第三点",  # bullets and a topic in a block of text
        "summary: 王某说\n  ——这是一句话",  # a Chinese dash starting a wrapped line
        "title: — 副标题",
        "options:\n  - 2023 - 2024年\n  - 乙",  # " - " inside one item
        "质朴: zhì pǔ",  # a Chinese key
        "2023-gz-yiyuan: {url: https://lian.example.gov.cn/cases/2023-gz-yiyuan/, first_built: 2026-12-01}",
        "summary: 利用职务便利\n  为前妻公司：承揽业务\n  url:https://x",  # a wrapped text with colons
        "options:\n  - 12:30\n  - 甲:乙",
    ],
)
def test_legal_yaml_that_looks_like_a_mistake_is_not_one(front):
    problems = Problems()
    ok, data = parse_yaml(front, PATH, problems, first_line=2)
    assert ok and not problems.items, problems.items
    assert isinstance(data, dict)


def test_a_legal_multi_line_quote_is_not_blamed_for_a_later_mistake():
    text = 'summary: "王某在多所学校任职期间，\n  长期帮前妻名下公司承揽业务。"\ntitle: 标题: 副标题'
    problems = Problems()
    parse_yaml(text, PATH, problems, first_line=2)
    (problem,) = problems.items
    assert problem.where == "第 4 行"
    assert "“title”" in problem.message


@pytest.mark.parametrize(
    "text",
    [
        "summary: 利用职务便利\n  为前妻公司：承揽业务\ntitle: 标题: 副标题",  # a wrapped line with a full-width colon
        "summary: 利用职务便利\n  id:x\ntitle: 标题: 副标题",  # a wrapped line with a tight colon
        "times:\n  - 12:30\ntitle: 标题: 副标题",  # a list item that is a time
    ],
)
def test_a_colon_in_a_text_is_not_blamed_for_a_later_mistake(text):
    problems = Problems()
    parse_document(f"---\n{text}\n---\n", PATH, problems)
    (problem,) = problems.items
    assert problem.where == f"第 {text.count(chr(10)) + 2} 行", problem
    assert "“title”" in problem.message


def test_full_width_paragraph_indent_in_a_block_is_not_blamed_for_a_later_mistake():
    text = "summary: |\n  　　第一段。\n  　　第二段。\noutcome：因涉嫌受贿罪被移送司法机关"
    problems = Problems()
    parse_yaml(text, PATH, problems, first_line=2)
    (problem,) = problems.items
    assert problem.where == "第 5 行"
    assert "全角冒号" in problem.message


BANK = """\
id: lianzheng-2026
title: 2026年度廉政知识测试
questions:
  - id: q01
    type: single
    stem: 12388是哪一类电话？
    options: [纪检监察机关举报电话, 政务服务便民热线]
    answer: A"""


@pytest.mark.parametrize(
    ("correct", "mistake", "line", "word"),
    [
        ("    type: single", "\ttype: single", 5, "制表符"),
        ("    answer: A", "    answer：A", 8, "全角冒号"),
        ("    stem: 12388是哪一类电话？", '    stem: "12388是哪一类电话？”', 6, "中文引号"),
        ("    type: single", f"{WIDE}{WIDE}{WIDE}{WIDE}type: single", 5, "全角空格"),
        ("title: 2026年度廉政知识测试", "title: 2026年度廉政知识测试\n---", 3, "“---”"),
    ],
)
def test_a_standalone_yaml_file_counts_lines_from_one(site, correct, mistake, line, word):
    site.write("content/quizzes/bank.yml", BANK.replace(correct, mistake) + "\n")
    problems = [p for p in site.problems() if p.path == "content/quizzes/bank.yml"]
    assert problems[0].where == f"第 {line} 行", problems
    assert word in problems[0].message


# Site files whose keys are not English: Chinese phrases (pinyin.yml), ids that start with a digit (qr-lock.yml).
PINYIN = """\
# 拼音更正：pypinyin 读错的词语（多音字）在这里写对，格式为“词语: 拼音”。
质朴: zhì pǔ
为官: wéi guān
朱子: zhū zǐ
"""
QR_LOCK = """\
boards:
  KS01: {url: https://lian.example.gov.cn/b/KS01/, first_built: 2026-11-23}
cases:
  2023-gz-yiyuan: {url: https://lian.example.gov.cn/cases/2023-gz-yiyuan/, first_built: 2026-12-01}
  2024-jlp-tielu: {url: https://lian.example.gov.cn/cases/2024-jlp-tielu/, first_built: 2026-12-01}
"""
KS01 = "  KS01: {url: https://lian.example.gov.cn/b/KS01/, first_built: 2026-11-23"
GZ = "  2023-gz-yiyuan: {url"
TIELU = "  2024-jlp-tielu: {url"


@pytest.mark.parametrize(
    ("text", "correct", "mistake", "line", "words"),
    [
        (PINYIN, "质朴: zhì pǔ", "质朴：zhì pǔ", 2, {"“质朴”", "全角冒号", "“质朴: ”"}),
        (PINYIN, "为官: wéi guān", "为官 ：wéi guān", 3, {"“为官”", "全角冒号"}),
        (PINYIN, "朱子: zhū zǐ", "朱子：zhū zǐ", 4, {"“朱子”", "全角冒号"}),
        (PINYIN, "质朴: zhì pǔ", f"质朴:{NBSP}zhì pǔ", 2, {"“质朴”", "不换行空格"}),
        (PINYIN, "质朴: zhì pǔ", "质朴:zhì pǔ", 2, {"“质朴”", "冒号后面要有一个空格", "“质朴: zhì pǔ”"}),
        (PINYIN, "为官: wéi guān", f"{WIDE}为官: wéi guān", 3, {"“为官”", "全角空格"}),
        (QR_LOCK, GZ, f"{WIDE}{WIDE}2023-gz-yiyuan: {{url", 4, {"“2023-gz-yiyuan”", "全角空格"}),
        (QR_LOCK, TIELU, f"{NBSP}{NBSP}2024-jlp-tielu: {{url", 5, {"“2024-jlp-tielu”", "不换行空格"}),
        (QR_LOCK, GZ, "  2023-gz-yiyuan：{url", 4, {"“2023-gz-yiyuan”", "全角冒号"}),
        (QR_LOCK, KS01, KS01 + ", retired：KS02", 2, {"“retired”", "全角冒号", "“retired: ”"}),
        (QR_LOCK, KS01, KS01.replace(", first", "，first"), 2, {"花括号", "全角逗号“，”"}),
    ],
)
def test_keys_that_are_not_english_are_keys_too(text, correct, mistake, line, words):
    problems = Problems()
    ok, _ = parse_yaml(text.replace(correct, mistake, 1), "site_config/x.yml", problems)
    assert not ok and problems.items, "no problem reported"
    first = problems.items[0]
    assert first.where == f"第 {line} 行", str(first)
    missing = {w for w in words if w not in first.message}
    assert not missing, f"{missing} not in: {first.message}"


def test_site_files_without_mistakes_parse():
    for text in (PINYIN, QR_LOCK):
        problems = Problems()
        assert parse_yaml(text, "site_config/x.yml", problems)[0] and not problems.items


# The front matter's closing line, as an editor may get it wrong. File lines: FRONT is 2-15.
BODY_TEXT = case_body()  # "## 案情" first


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        # the closing `---` forgotten; a `---` rule further down the body ends the "front matter"
        (f"---\n{FRONT}\n\n{BODY_TEXT}---\n\n附记。\n", "第 17 行", {"头信息没有结束", "第 17 行之前缺少“---”行"}),
        (f"---\n{FRONT}\n{BODY_TEXT}---\n", "第 16 行", {"第 16 行之前缺少“---”行"}),
        # ...and no `---` at all: reported where the front matter opens
        (f"---\n{FRONT}\n\n{BODY_TEXT}", "第 1 行", {"第 17 行之前缺少“---”行"}),
        (f"---\n{FRONT}\n——\n\n{BODY_TEXT}", "第 16 行", {"“——”", "三个半角减号“---”"}),
        (f"---\n{FRONT}\n———\n\n{BODY_TEXT}", "第 16 行", {"“———”", "“---”"}),
        (f"---\n{FRONT}\n－－－\n\n{BODY_TEXT}", "第 16 行", {"“－－－”", "“---”"}),
        (f"---\n{FRONT}\n--\n\n{BODY_TEXT}", "第 16 行", {"“--”", "“---”"}),
        (f"---\n{FRONT}\n{WIDE}---\n\n{BODY_TEXT}", "第 16 行", {"“---”前后不能有空格"}),
        # a page whose body starts with a paragraph, or a `# heading` and a paragraph
        (
            "---\nboard: KS01\ntitle: 羊续悬鱼\n\n东汉时，羊续出任南阳太守，平日穿旧衣。\n\n---\n\n结语。\n",
            "第 5 行",
            {"第 5 行之前"},
        ),
        (
            "---\nkind: 家训\n\n# 《朱子家训》选读\n\n黎明即起，洒扫庭除，要内外整洁。\n---\n",
            "第 4 行",
            {"第 4 行之前"},
        ),
    ],
)
def test_a_front_matter_that_does_not_close_is_named(text, where, words):
    problems = Problems()
    assert parse_document(text, PATH, problems) is None
    (problem,) = problems.items
    assert problem.where == where, str(problem)
    missing = {w for w in words if w not in problem.message}
    assert not missing, f"{missing} not in: {problem.message}"


def test_a_wrapped_line_after_a_blank_line_is_not_a_body():
    problems = Problems()
    parse_document("---\nsummary: 利用职务便利\n\n为前妻公司承揽业务并收受财物。\ntitle: 王某\n---\n", PATH, problems)
    (problem,) = problems.items
    assert problem.where == "第 4 行" and "“键: 值”" in problem.message, problem


def test_comments_in_a_front_matter_are_not_a_body():
    text = f"---\n# 待补充\n\n# 注释\n{FRONT}\n---\n\n{BODY_TEXT}"
    problems = Problems()
    assert parse_document(text, PATH, problems) is not None and not problems.items
    tab = text.replace("  publisher", f"{TAB}publisher")
    parse_document(tab, PATH, problems)
    (problem,) = problems.items
    assert problem.where == "第 17 行" and "制表符" in problem.message


def test_a_valid_file_costs_no_second_reading(monkeypatch):
    composed = []
    monkeypatch.setattr(yamlhint.yaml, "compose", lambda *args, **kw: composed.append(args))
    for text in (_case(), f"---\n{BANK}\n---\n"):
        problems = Problems()
        assert parse_document(text, PATH, problems) is not None and not problems.items
    assert not composed


def _errors(text: str) -> list[yaml.YAMLError]:
    errors = []
    for loader in (yaml.CSafeLoader, yaml.SafeLoader) if yaml.__with_libyaml__ else (yaml.SafeLoader,):
        with pytest.raises(yaml.YAMLError) as caught:
            yaml.load(text, Loader=loader)
        errors.append(caught.value)
    return errors


def _fails(text: str) -> bool:
    try:
        yaml.safe_load(text)
    except yaml.YAMLError:
        return True
    return False


# The rows PyYAML refuses; the others are mistakes that parse, reported after parsing.
REFUSED = [row for row in ROWS[:-1] if _fails(FRONT.replace(row[1], row[2], 1))]


@pytest.mark.parametrize(("correct", "mistake", "line"), [row[1:4] for row in REFUSED], ids=[r[0] for r in REFUSED])
def test_libyaml_and_pure_pyyaml_wordings_give_the_same_line(correct, mistake, line):
    text = FRONT.replace(correct, mistake, 1)
    for error in _errors(text):
        hint = yamlhint.explain(text, error)
        assert hint is not None, error
        assert hint.line + 2 == line, (type(error).__module__, error)


class _Odd(yaml.MarkedYAMLError):
    pass


@pytest.mark.parametrize(
    "error",
    [
        _Odd("while scanning a quoted scalar", None, "found unexpected end of stream", None),
        _Odd(None, None, "mapping values are not allowed", yaml.Mark("x", 10_000, 500, 300, None, None)),
        _Odd("while parsing a flow sequence", yaml.Mark("x", 0, -3, 99, None, None), "expected ',' or ']'", None),
        yaml.YAMLError("no marks at all"),
        yaml.reader.ReaderError("x", 99, "not-an-int", "utf-8", "special characters are not allowed"),
    ],
)
def test_explaining_never_raises(error):
    for text in ("", "a: b", "\n\n\n", "- [\n"):
        hint = yamlhint.explain(text, error)
        assert hint is None or isinstance(hint.message, str)


@pytest.mark.parametrize(("correct", "mistake"), [row[1:3] for row in ROWS], ids=[r[0] for r in ROWS])
def test_without_a_hint_pyyaml_words_are_still_put_in_chinese(monkeypatch, correct, mistake):
    monkeypatch.setattr(yamlhint, "explain", lambda text, error: None)  # as if the diagnosis had a bug
    problems = Problems()
    parse_document(_case(mistake, correct), PATH, problems)
    (problem,) = problems.items
    assert re.match(r"YAML 语法错误：[\u4e00-\u9fff“]", problem.message), problem.message


def test_a_windows_file_with_bom_and_crlf_counts_the_same_lines(site):
    text = _case(f"{TAB}publisher: 重庆日报", "  publisher: 重庆日报").replace("\n", "\r\n")
    site.write(PATH, "\ufeff".encode() + text.encode("utf-8"))
    (problem,) = [p for p in site.problems() if p.path == PATH and p.message.startswith("YAML")]
    assert problem.where == "第 14 行"
    assert "制表符" in problem.message
