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
    ],
)
def test_ordinary_numbers_pass(text):
    assert scanned(text) == []


MOBILE = "13812345678"
ID = "11010519491231002X"  # the well-known sample: its check digit is right
ID2 = "500107197803154215"


def test_sample_ids_are_valid():
    assert id18(ID[:17]) == ID
    assert id18(ID2[:17]) == ID2


# (text, line of the number): every spelling editors paste.
CAUGHT = [
    ("电话13812345678", 1),
    ("联系 138 1234 5678", 1),
    ("联系 138-1234-5678", 1),
    ("138 - 1234 - 5678", 1),
    ("+86 138 1234 5678", 1),
    ("+8613812345678", 1),
    ("0086 138 1234 5678", 1),
    ("008613812345678", 1),
    ("(+86) 138-1234-5678", 1),
    ("（+86）13812345678", 1),
    ("（＋86）138 1234 5678", 1),
    ("＋86 13812345678", 1),
    ("+86-138-1234-5678", 1),
    ("8613812345678", 1),
    ("电话１３８１２３４５６７８", 1),  # full-width digits
    ("＋８６ １３８ １２３４ ５６７８", 1),
    ("138\u00a01234\u00a05678", 1),  # NBSP
    ("138\u30001234\u30005678", 1),  # ideographic space
    ("138\u20021234\u20095678", 1),  # en space, thin space
    ("138\u202f1234\u205f5678", 1),
    ("138\t1234\t5678", 1),
    ("138\u200b1234\u200c5678", 1),  # zero-width
    ("1\u200d3\u20608\ufeff12345678", 1),
    ("138\u00ad1234\u00ad5678", 1),  # soft hyphen
    ("138\u20101234\u20115678", 1),  # hyphens
    ("138\u20121234\u20135678", 1),  # figure dash, en dash
    ("138\u20141234\u20155678", 1),  # em dash, horizontal bar
    ("138\u22121234\ufe635678", 1),  # minus, small hyphen-minus
    ("138\uff0d1234\uff0d5678", 1),  # full-width hyphen-minus
    ("138.1234.5678", 1),
    ("138\uff0e1234\uff0e5678", 1),
    ("138·1234·5678", 1),
    ("138\u30fb1234\u30fb5678", 1),
    ("**13812345678**", 1),
    ("138**1234**5678", 1),
    ("*138*_1234_~~5678~~", 1),
    ("`138` `1234` `5678`", 1),
    ("138\\-1234\\-5678", 1),  # Markdown escapes
    ("138<b>1234</b>5678", 1),
    ("<span>138</span><span>1234</span>5678", 1),
    ('138<span class="x">1234</span>5678', 1),
    ("138<!-- -->12345678", 1),
    ("<!-- 联系 13812345678 -->", 1),  # comments are published in the page source
    ("如果 a<b 电话 13812345678 则 c>d", 1),  # a "<" that opens no tag hides nothing
    ("<https://x.cn/a/13812345678>", 1),
    ("联系电话 138\n1234 5678", 1),  # soft line break
    ("第一行\n第二行\n电话 138 1234\n5678", 3),
    ("[新闻](https://x.cn/a) 电话13812345678", 1),
    ("见https://x.cn/a，电话13812345678，欢迎来电", 1),  # the URL does not hide the rest of the line
    ('<a href="tel:13812345678">拨打</a>', 1),
    ('<a class="c" href="tel:+86-138-1234-5678" title="电话">拨打</a>', 1),
    ('<img alt="138 1234 5678" src="a.png">', 1),
    ("[拨打](tel:13812345678)", 1),
    ("tel:%2B86%20138%201234%205678", 1),
    ("tel:%31%33%38%31%32%33%34%35%36%37%38", 1),
    ("原文见 https://example.cn/a/13812345678.html", 1),  # numbers in URLs count like text
    ("&#49;3812345678", 1),
    ("&#x31;&#x33;&#x38;12345678", 1),
    ("&#65297;&#65299;&#65304;12345678", 1),  # full-width digits as entities
    ("138&nbsp;1234&nbsp;5678", 1),
    ("138&#8203;1234&#x200B;5678", 1),
    ("138&#12288;1234 5678", 1),
    ("\\u0031\\u0033812345678", 1),  # JSON escapes
    # invisible format characters (Cf) and marks (Mn, Me) between the digits, however many
    ("138\u200e1234\u200f5678", 1),  # LRM, RLM
    ("138\u202a1234\u202c5678", 1),  # embedding, pop
    ("138\u202d1234\u202c5678", 1),  # LRO
    ("138\u20661234\u20695678", 1),  # isolates
    ("1\u034f3\u034f8\u034f12345678", 1),  # combining grapheme joiner
    ("138\ufe0f1234\ufe005678", 1),  # variation selectors
    ("138\U000e01001234\U000e01ef5678", 1),
    ("138\u0301\u0308\u200e\u200e\u200e\u200e\u200e\u200e\u200e1234 5678", 1),
    ("1\ufe0f\u20e33\ufe0f\u20e38\ufe0f\u20e312345678", 1),  # keycaps
    ("138&lrm;1234&rlm;5678", 1),
    ("138&ZeroWidthSpace;&lrm;&lrm;&lrm;&lrm;&lrm;&lrm;&lrm;1234 5678", 1),
    ("138&#x200E;1234&#8207;5678", 1),
    ("第一行\n电话 138\u200e1234\u200e5678", 2),
    # a run of white space is one gap (HTML shows it as one space)
    ("138          1234 5678", 1),
    ("138 \t \t    \t  1234\t\t\t\t\t\t\t\t5678", 1),
    ("138   \n     1234 5678", 1),
    ("第一行\n\n138            1234\n         5678", 3),
    # a ruby annotation sits beside the line: the digits either side still make one number
    ("电话1<ruby>3<rt>x</rt></ruby>812345678。", 1),
    ("电话1<ruby>3<rp>(</rp><rt>sān</rt><rp>)</rp></ruby>812345678。", 1),
    ("<ruby>汉<rt>13812345678</rt></ruby>", 1),
    # comments are one gap; their text is still read
    ("138<!-- x -->1234<!-- y -->5678", 1),
    ("138<!-- 备注 a<b -->12345678", 1),
    # numeric entities for any character that is a digit after NFKC, and digits of other scripts
    ("&#x1D7CF;3812345678", 1),  # mathematical bold digit one
    ("&#120783;&#120785;&#120790;12345678", 1),
    ("&#x2460;&#x2462;&#x2467;12345678", 1),  # circled digits
    ("&sup1;3812345678", 1),
    ("𝟏𝟑𝟖𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖", 1),
    ("¹³⁸¹²³⁴⁵⁶⁷⁸", 1),
    ("١٣٨١٢٣٤٥٦٧٨", 1),  # Arabic-Indic digits
    ("\\ud835\\udfcf3812345678", 1),  # JSON escape of 𝟏 (a surrogate pair)
    # written reversed inside right-to-left bidi controls
    ("\u202e87654321831\u202c", 1),
    ("电话\u202e8765 4321 831\u202c，欢迎来电", 1),
    ("第一行\n\u202e<b>8765</b>4321831\n第三行", 2),
    ("&#x202E;87654321831&#x202C;", 1),
    ("\u202b5678 1234 138\u202c", 1),  # RLE: groups show in reverse order
    ("\u20675678 1234 138\u2069", 1),  # RLI
    (f"身份证 {ID}", 1),
    (f"身份证号{id18('44030419900101123')}。", 1),
    ("110105 19491231 002X", 1),
    ("110105-19491231-002X", 1),
    ("110105 1949 1231 002X", 1),
    ("11010519491231002Ｘ", 1),
    ("11010519491231002x", 1),
    ("１１０１０５１９４９１２３１００２Ｘ", 1),
    ("110105\u00a019491231\u00a0002X", 1),
    ("110105<b>19491231</b>002X", 1),
    ("&#49;1010519491231002X", 1),
    ("500107 19780315 4215", 1),
    ("500107-19780315-4215", 1),
    ("\n\n证件：500107197803154215", 3),
    ("旧证号 110105491231002 仍在用", 1),
    ("旧证号 110105 491231 002", 1),
]


@pytest.mark.parametrize(("text", "line"), CAUGHT)
def test_every_spelling_is_caught(text, line):
    problems = Problems()
    privacy.scan(text, "x.md", problems, first_line=10)
    assert [p.where for p in problems.items] == [f"第 {line + 9} 行"], text
    message = problems.items[0].message
    assert "13812345678" not in message and ID not in message  # never repeated in full
    assert message.endswith("，个人信息不得发布")
    if "138" in text or "１３８" in text or "&#49;3" in text or "%31" in text or "\\u0031" in text or "&#x31" in text:
        assert message == "疑似手机号码（138****5678），个人信息不得发布", text


BENIGN = [
    "<ruby>黎<rt>lí</rt>明<rt>míng</rt></ruby>即起，2025年3月12日",
    "收受财物 1610000 元",
    "折合161万元",
    "涉案金额 3,600,000 元",
    "共计1,610,000.00元",
    "2025-03-12",
    "2025年3月12日 13:45",
    "2025-03-12 13:45",
    "2025.03.12 13:45:30",
    "2019、2020、2021年",
    "2019 2020 2021 2022 年",
    "2019-2020-2021",
    "2013 2014 2015 2016 年连续获奖",
    "第一百零三条",
    "第 13 条第 2 款",
    "依据第十三条、第38条",
    "举报电话 12388",
    "12345 政务服务热线",
    "12388 12345 12315",
    "监督电话 0851-12345678",
    "(0851) 8123 4567",
    "010-12345678",
    "400-123-4567",
    "95598",
    "2025-jlp-hongguang",
    "案例编号 2025-jlp-hongguang-2",
    "https://www.ccdi.gov.cn/yaowenn/202601/t20260122_448765.html",
    "来源：https://www.ccdi.gov.cn/yaowenn/202601/t20260122_448765.html，2026-01-22",
    "手机尾号 138****5678",
    "ISBN 978-7-5098-1384-9",
    "电话 138 1234\n\n5678",  # a paragraph break ends a number
    "138<p>12345678",  # so does a block tag
    "1380000 元，1234 次",
    "110105194912310021",  # wrong check digit
    '<svg viewBox="0 0 24 24"><path d="M138 1234 5678 13812345678 1.2-3.4"/></svg>',  # geometry is no text
    '<polygon points="13 8 1 2 3 4 5 6 7 8 9"/>',
    "![图](../media/2025-03-12-13.jpg)",
    "第 1 2 3 条",
    "电话13812，3456789",  # a full-width comma ends a number
    "电话138。12345678",  # so does an ideographic full stop
    "2013/2014/2015",
    "2025/03/12 13:45:30",
    "13:45:30 12:00:00",
    "2025年3月12日\u200e 13:45",
    "第 1 条\u200e第 2 条\u200e第 3 条",
    "①②③ 三项要求",
    "2019          2020          2021",
    "电话 138 1234\n   \n5678",  # a paragraph break with spaces in it still ends a number
    "\u202e2025-03-12\u202c",
    "<!-- 2025-03-12 -->",
    "1. \n2. \n3. \n4. \n5. \n6. \n7. \n8. \n9. \n10. \n11. \n12. \n13. \n14.",  # a PDF's column of list numbers
    "3 4 5 6 7 8 9 10 11 12 13",  # counting up is no ID, though 345678 910111 213 would read as one
]


@pytest.mark.parametrize("text", BENIGN)
def test_benign_numbers_pass(text):
    assert scanned(text) == [], text


def test_the_same_digits_in_groups_that_do_not_count_up_are_an_id():
    assert [hit.masked for hit in privacy.find("345678 910111 213")] == ["345********1213"]


def test_find_gives_kind_mask_and_line():
    hits = privacy.find(f"甲\n电话 138 1234 5678，身份证 {ID}\n乙 110105491231002")
    assert [(h.kind, h.masked, h.line) for h in hits] == [
        ("mobile", "138****5678", 2),
        ("id18", "110***********002X", 2),
        ("id15", "110********1002", 3),
    ]
    assert str(hits[0]) == "疑似手机号码（138****5678）"


def test_one_problem_per_number():
    assert len(scanned("13812345678 与 13912345678，再写一次 13812345678")) == 3


@pytest.mark.parametrize(
    "text",
    [
        "1 2 3 4 5 6 7 8 9 0 " * 5000,
        "&#49;" * 10 + "x" * 50000,
        ("1<b>" * 10 + "x") * 3000,
        "<a " + "1" * 9 + " " * 5000,
    ],
)
def test_pathological_inputs_end(text):
    # Inputs built against the separators' backtracking: they must simply finish (speed is measured in bench/).
    assert privacy.find(text) is not None


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
