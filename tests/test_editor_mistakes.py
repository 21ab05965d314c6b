"""Editors' mistakes, each written as an editor writes it, and the exact Chinese lines `check` prints.

One table: a small project as a county office would write it (a case, a quiz bank citing it, a park
with a board, the lock that remembers both), one mistake per row, and every line expected: the line of
the mistake, what is wrong and the fix, and nothing else (one mistake, one message).
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import FORKER

CASE = "cases/2025-xy-jiaofu.md"
# Line numbers below count in this text: line 2 is `id`, 9 `sector`, 15 `publisher`; 27 `## 以案说纪`.
CASE_TEXT = """\
---
id: 2025-xy-jiaofu
title: 兴义某中学原校长李某受贿案
summary: 李某利用职务便利，在教辅资料征订中收受书商回扣。
subject: 李某
position: 兴义市某中学原校长
role: 一把手
region: 贵州省兴义市
sector: [教育, 教辅征订]
violations: [受贿, 违规收受礼金]
amount: 360000
outcome: 开除党籍、开除公职，涉嫌犯罪问题移送检察机关
date: 2025-03
source:
  publisher: 兴义市纪委监委
  date: 2025-06-10
---

## 案情

李某在担任校长期间，指定书商供应教辅资料，按征订金额收受回扣共计36万元。

## 以案说德

为人师表者更应守住清廉本色。

## 以案说纪

李某违反廉洁纪律，收受可能影响公正执行公务的礼金。

## 以案说法

李某的行为涉嫌受贿罪。

## 以案说责

学校党组织履行主体责任不力，对征订环节监督缺位。
"""

BANK = "content/quizzes/lianzheng.yml"
BANK_TEXT = """\
id: lianzheng
title: 廉政知识测试
questions:
  - id: q1
    type: judge
    stem: 按征订金额收受书商回扣属于受贿行为。
    answer: true
    case: 2025-xy-jiaofu
"""

PARKS = "site_config/parks.yml"
PARKS_TEXT = """\
parks:
  - id: wanfeng
    name: 万峰林廉洁文化长廊
    place: 兴义市
"""
BOARD = "content/park/wanfeng/wf01.md"
BOARD_TEXT = """\
---
board: WF01
title: 羊续悬鱼
theme: 廉洁典故
---
东汉羊续为官清廉，把下属送来的鱼挂在门外。
"""
LOCK = "site_config/qr-lock.yml"
LOCK_TEXT = """\
boards:
  WF01: {url: https://lian.xingyi-jw.gov.cn/b/WF01/, first_built: 2026-11-22}
cases:
  2025-xy-jiaofu: {url: https://lian.xingyi-jw.gov.cn/cases/2025-xy-jiaofu/, first_built: 2026-11-22}
"""
CONFIG = """\
site_name: 兴义清风
site_url: https://lian.xingyi-jw.gov.cn/
docs_dir: content
theme:
  name: material
  language: zh
plugins:
  - qingfeng/core
  - qingfeng/cases
  - qingfeng/quiz
  - qingfeng/boards
"""

FILES = {
    "mkdocs.yml": CONFIG,
    "content/index.md": "# 兴义清风\n",
    CASE: CASE_TEXT,
    BANK: BANK_TEXT,
    PARKS: PARKS_TEXT,
    BOARD: BOARD_TEXT,
    LOCK: LOCK_TEXT,
}


def replace(old: str, new: str) -> Callable[[str], str]:
    def edit(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)

    return edit


@dataclass
class Mistake:
    name: str
    edits: dict[str, Callable[[str], str] | str | None]  # file -> edit, new text, or None to delete
    expected: tuple[str, ...]
    files: dict[str, bytes] = field(default_factory=dict)  # binary files added

    def __str__(self) -> str:
        return self.name


QUOTED = "两边带着引号（Word 粘贴时常见），会被当成另一个取值：请去掉引号，"
WAIT = f"{CASE}: 其他检查: {CASE} 有错误：修正之前，题库、学习包、手册、锁定文件中对这些案例的引用暂不检查"

MISTAKES = [
    Mistake(
        "Word 引号包着列表项",
        {CASE: replace("sector: [教育, 教辅征订]", "sector: [“教育”, “教辅征订”]")},
        (
            f"{CASE}: 字段 sector[1]（第 9 行）: 值 “教育” {QUOTED}写成 教育",
            f"{CASE}: 字段 sector[2]（第 9 行）: 值 “教辅征订” {QUOTED}写成 教辅征订",
            WAIT,
        ),
    ),
    Mistake(
        "Word 引号包着取值",
        {CASE: replace("role: 一把手", "role: “一把手”")},
        (
            f"{CASE}: 字段 role（第 7 行）: 值 “一把手” {QUOTED}写成 一把手",
            WAIT,
        ),
    ),
    Mistake(
        "用顿号写列表",
        {CASE: replace("violations: [受贿, 违规收受礼金]", "violations: 受贿、违规收受礼金")},
        (
            f"{CASE}: 字段 violations（第 10 行）: “受贿、违规收受礼金”用顿号“、”分隔，会被当成一个取值："
            "多个取值请写成列表 violations: [受贿, 违规收受礼金]（半角方括号和逗号）",
            WAIT,
        ),
    ),
    Mistake(
        "中文方括号",
        {CASE: replace("sector: [教育, 教辅征订]", "sector: 【教育, 教辅征订】")},
        (
            f"{CASE}: 字段 sector（第 9 行）: 方括号写成了“【】”：多个取值请写成列表 sector: [教育, 教辅征订]"
            "（半角方括号和逗号）",
            WAIT,
        ),
    ),
    Mistake(
        "列表里用了全角逗号",
        {CASE: replace("sector: [教育, 教辅征订]", "sector: [教育，教辅征订]")},
        (
            f"{CASE}: 字段 sector[1]（第 9 行）: “教育，教辅征订”用全角逗号“，”分隔，会被当成一个取值："
            "列表里的各项请用半角逗号分开：教育, 教辅征订",
            WAIT,
        ),
    ),
    Mistake(
        "Word 引号包着地区",
        {CASE: replace("region: 贵州省兴义市", "region: “贵州省兴义市”")},
        (f"{CASE}: 字段 region（第 8 行）: 值 “贵州省兴义市” {QUOTED}写成 贵州省兴义市", WAIT),
    ),
    Mistake(
        "字段名拼错",
        {CASE: replace("title:", "tittle:")},
        (f"{CASE}: 字段 tittle（第 3 行）: 未知字段，是不是“title”？请改成 title", WAIT),
    ),
    Mistake(
        "Word 引号包着案例 id，引用它的题库和锁定文件不报错",
        {CASE: replace("id: 2025-xy-jiaofu", "id: “2025-xy-jiaofu”")},
        (
            f"{CASE}: 字段 id（第 2 行）: 值 “2025-xy-jiaofu” {QUOTED}写成 2025-xy-jiaofu",
            WAIT,
        ),
    ),
    Mistake(
        "答案写成全角字母",
        {
            BANK: lambda text: text
            + "  - id: q2\n    type: single\n    stem: 收受回扣应当如何处理？\n    options: [依纪依法处理, 不予追究]\n"
            "    answer: Ａ\n"
        },
        (
            f"{BANK}: 字段 questions[2].answer（第 13 行）: 答案“Ａ”不对：答案只写半角大写字母，多个答案写成列表："
            "请写成 answer: A",
        ),
    ),
    Mistake(
        "选项重复，答案不跟着报错",
        {
            BANK: lambda text: text
            + "  - id: q2\n    type: single\n    stem: 收受回扣应当如何处理？\n"
            "    options: [不予追究, 不予追究, 依纪依法处理]\n    answer: C\n"
        },
        (f"{BANK}: 字段 questions[2].options[2]（第 12 行）: “不予追究”重复出现：请删去一个",),
    ),
    Mistake(
        "答案写成了选项的文字",
        {
            BANK: lambda text: text
            + "  - id: q2\n    type: single\n    stem: 收受回扣应当如何处理？\n"
            "    options: [不予追究, 依纪依法处理]\n    answer: 依纪依法处理\n"
        },
        (
            f"{BANK}: 字段 questions[2].answer（第 13 行）: 答案“依纪依法处理”不对："
            "答案要写选项的字母（A–B），不是选项的文字",
        ),
    ),
    Mistake(
        "课目标题写成三级",
        {CASE: replace("## 以案说纪", "### 以案说纪")},
        (f"{CASE}: 标题“### 以案说纪”（第 27 行）: 应写成二级标题“## 以案说纪”（两个 # 加一个半角空格）", WAIT),
    ),
    Mistake(
        "## 后面没有空格",
        {CASE: replace("## 以案说法", "##以案说法")},
        (f"{CASE}: 标题“##以案说法”（第 31 行）: 应写成二级标题“## 以案说法”（两个 # 加一个半角空格）", WAIT),
    ),
    Mistake(
        "Word 式的编号标题",
        {CASE: replace("## 以案说责", "## 五、以案说责：")},
        (f"{CASE}: 标题“## 五、以案说责：”（第 35 行）: 应写成“## 以案说责”（不带编号、冒号和加粗）", WAIT),
    ),
    Mistake(
        "课目标题写成加粗的一行",
        {CASE: replace("## 以案说纪", "**以案说纪**")},
        (f"{CASE}: 标题“**以案说纪**”（第 27 行）: 应写成二级标题“## 以案说纪”（两个 # 加一个半角空格）", WAIT),
    ),
    Mistake(
        "课目标题有错字",
        {CASE: replace("## 以案说纪", "## 以案说记")},
        (f"{CASE}: 标题“## 以案说记”（第 27 行）: 未知的二级标题，是不是“## 以案说纪”？", WAIT),
    ),
    Mistake(
        "图片链接用了全角括号",
        {CASE: replace("共计36万元。", "共计36万元。\n\n![征订单]（media/zhengding.jpg）")},
        (
            f"{CASE}: 第 23 行: 图片的括号写成了全角“（）”，会显示成文字：请改成半角，写成 "
            "![征订单](media/zhengding.jpg)",
        ),
    ),
    Mistake(
        "案例没有头信息",
        {CASE: lambda text: text.split("---\n", 2)[2]},
        (
            f"{CASE}: 第 1 行: 案例文件应以“---”行开始，先写 id、title 等字段，再写“---”，然后是正文",
            WAIT,  # its id is unknown: the quiz bank and the lock wait for the fix
        ),
    ),
    Mistake(
        "改了案例 id",
        {CASE: replace("id: 2025-xy-jiaofu", "id: 2025-xy-jiaofu-2")},
        (
            f"{BANK}: 字段 questions[1].case（第 8 行）: 案例“2025-xy-jiaofu”不存在",
            f"{LOCK}: 字段 cases.2025-xy-jiaofu（第 4 行）: 案例 2025-xy-jiaofu 的二维码已印制（在锁定文件中），"
            "但找不到它；若已撤下、删除或改了编号，请写 retired: 指向新的案例或页面",
        ),
    ),
    Mistake(
        "展板文件写坏，锁定文件不说展板丢了",
        {BOARD: replace("theme: 廉洁典故", "theme：廉洁典故")},
        (
            f"{BOARD}: 第 4 行: YAML 语法错误：“theme”后面是全角冒号“：”：请改成半角冒号加空格“theme: ”"
            "（could not find expected ':'）",
            f"{BOARD}: 其他检查: {BOARD} 有错误：修正之前，锁定文件中对这些展板的引用暂不检查",
        ),
    ),
    Mistake(
        "parks.yml 写坏，展板不报未登记",
        {PARKS: replace("  - id: wanfeng", "\t- id: wanfeng")},
        (
            f"{PARKS}: 第 2 行: YAML 语法错误：“id”前面的缩进里有制表符（Tab），YAML 只能用空格缩进："
            "请把 Tab 换成空格，与同一层的行对齐（found character that cannot start any token）",
            f"{PARKS}: 其他检查: {PARKS} 有错误：修正之前，锁定文件中对这些展板的引用暂不检查",
        ),
    ),
    Mistake(
        "Tab 缩进",
        {CASE: replace("  publisher:", "\tpublisher:")},
        (
            f"{CASE}: 第 15 行: YAML 语法错误：“publisher”前面的缩进里有制表符（Tab），YAML 只能用空格缩进："
            "请把 Tab 换成空格，与同一层的行对齐（found character that cannot start any token）",
            WAIT,
        ),
    ),
    Mistake(
        "键后面是全角冒号",
        {CASE: replace("outcome: ", "outcome：")},
        (
            f"{CASE}: 第 12 行: YAML 语法错误：“outcome”后面是全角冒号“：”：请改成半角冒号加空格“outcome: ”"
            "（could not find expected ':'）",
            WAIT,
        ),
    ),
    Mistake(
        "半角引号开头、中文引号结尾",
        {CASE: replace("title: 兴义某中学原校长李某受贿案", 'title: "兴义某中学原校长李某受贿案”')},
        (
            f"{CASE}: 第 3 行: YAML 语法错误：“title”的值开头是半角引号“\"”，结尾却是中文引号“””："
            "请把结尾改成“\"”，或去掉开头的“\"”（found unexpected end of stream）",
            WAIT,
        ),
    ),
    Mistake(
        "全角空格缩进",
        {CASE: replace("  publisher:", "\u3000\u3000publisher:")},
        (
            f"{CASE}: 第 15 行: YAML 语法错误：“publisher”前面的缩进里有全角空格，YAML 只能用半角空格缩进："
            "请改成半角空格（mapping values are not allowed in this context）",
            WAIT,
        ),
    ),
    Mistake(
        "Word 文档放进 cases/",
        {},
        (
            "cases/李某案.docx: 文件: 这是 Word/WPS 文档，生成时不会读取："
            "请把案例按格式写成 Markdown 文件（.md）再放进 cases/",
        ),
        files={"cases/李某案.docx": b"PK\x03\x04\x14\x00\x06\x00"},
    ),
    Mistake(
        "Word 文档放进 content/",
        {},
        (
            "content/jiafeng/家训.docx: 文件: 这是 Word/WPS 文档，不会发布到网站："
            "页面请写成 .md 文件，供下载的文件请另存为 PDF",
        ),
        files={"content/jiafeng/家训.docx": b"PK\x03\x04\x14\x00\x06\x00"},
    ),
    Mistake(
        "案例存成 .txt",
        {},
        ("cases/2025-xy-other.txt: 文件: 案例文件的扩展名必须是 .md：请把它改名为 2025-xy-other.md",),
        files={"cases/2025-xy-other.txt": b"---\nid: 2025-xy-other\n---\n"},
    ),
    Mistake(
        "案例写在 content/cases/",
        {"content/cases/2025-xy-other.md": CASE_TEXT.replace("2025-xy-jiaofu", "2025-xy-other")},
        (
            "content/cases/2025-xy-other.md: 文件: 案例要放在项目根目录的 cases/ 中，不是 content/cases/："
            "请把它移到 cases/2025-xy-other.md",
        ),
    ),
    Mistake(
        "留着示例网址又加了新展板",
        {
            "mkdocs.yml": replace("lian.xingyi-jw.gov.cn", "lian.example.gov.cn"),
            LOCK: lambda text: text.replace("lian.xingyi-jw.gov.cn", "lian.example.gov.cn"),
            "content/park/wanfeng/wf02.md": BOARD_TEXT.replace("WF01", "WF02"),
        },
        (
            "mkdocs.yml: 字段 site_url（第 2 行）: site_url 仍是示例网址（lian.example.gov.cn），"
            "新展板 WF02 的二维码会按它记入 qr-lock.yml，印出来打不开：请改成本单位网站的真实网址",
        ),
    ),
]


def project(root: Path, mistake: Mistake) -> None:
    files = dict(FILES)
    for rel, edit in mistake.edits.items():
        if edit is None:
            del files[rel]
        elif callable(edit):
            files[rel] = edit(files[rel])
        else:
            files[rel] = edit
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    for rel, data in mistake.files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)


def check(root: Path) -> subprocess.CompletedProcess:
    return FORKER.run("qingfeng", ["check"], cwd=root)


def test_the_project_without_mistakes_is_clean(tmp_path: Path):
    project(tmp_path, Mistake("none", {}, ()))
    result = check(tmp_path)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("mistake", MISTAKES, ids=str)
def test_mistake_is_explained_where_it_is(tmp_path: Path, mistake: Mistake):
    project(tmp_path, mistake)
    result = check(tmp_path)
    assert result.returncode == 1, result.stdout
    lines = result.stderr.splitlines()
    found = [line for line in mistake.expected if ": 其他检查: " not in line]  # the note is no problem of its own
    assert lines[0] == f"内容检查发现 {len(found)} 个问题：", result.stderr
    assert sorted(lines[1:]) == sorted(mistake.expected)
