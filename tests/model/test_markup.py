"""Raw HTML only as markup: every hostile construct is reported at its line, ordinary text and markup are not."""

from __future__ import annotations

import pytest
from qingfeng.model.markup import Finding, check_html, check_limits, check_markdown, needs_check
from qingfeng.model.problems import Problems

FIRST_LINE = 7  # the body starts on line 7 of its file


@pytest.fixture
def docs(tmp_path):
    (tmp_path / "media").mkdir()
    for name in ("x.png", "x.mp4", "x.vtt"):
        (tmp_path / "media" / name).write_bytes(b"x")
    (tmp_path / "jiafeng").mkdir()
    return tmp_path


def report(body: str, docs, base: str = "") -> list[tuple[int, str]]:
    problems = Problems()
    check_markdown(body, "cases/a.md", FIRST_LINE, problems, docs, base)
    assert all(p.path == "cases/a.md" for p in problems.items)
    return [(int(p.where.removeprefix("第 ").removesuffix(" 行")), p.message) for p in problems.items]


# (body, line of the body where the problem starts, words the message must contain)
HOSTILE = [
    ("<script>alert(1)</script>", 1, "<script>"),
    ("正文\n<SCRIPT>alert(1)</SCRIPT>", 2, "<script>"),
    ("<scr<script>ipt>alert(1)</script>", 1, "<"),
    ("<img src=media/x.png onerror=alert(1)>", 1, "onerror"),
    ("<img src=x onerror=alert(1)>", 1, "onerror"),
    ("<img/src=x/onerror=alert(1)>", 1, "不存在"),
    ("<svg/onload=alert(1)>", 1, "<svg>"),
    ('<b OnClick="alert(1)">粗</b>', 1, "onclick"),
    ('<a href="jav&#x61;script:alert(1)">x</a>', 1, "javascript:"),
    ('<a href="jav&#x09;ascript:alert(1)">x</a>', 1, "javascript:"),
    ('<a href="JaVaScRiPt:alert(1)">x</a>', 1, "javascript:"),
    ('<a href=" javascript:alert(1)">x</a>', 1, "javascript:"),
    ('<a href="java&#10;script&colon;alert(1)">x</a>', 1, "javascript:"),
    ('<a href="vbscript:msgbox(1)">x</a>', 1, "vbscript:"),
    ('<a href="data:text/html,<script>alert(1)</script>">x</a>', 1, "<"),
    ('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', 1, "data:"),
    ('<a href="file:///etc/passwd">x</a>', 1, "file:"),
    ('<a href="ftp://example.com/x">x</a>', 1, "http、https、mailto、tel"),
    ('<a href="/etc/passwd">x</a>', 1, "绝对路径"),
    ('<a href="../../secret.md">x</a>', 1, "content/ 之外"),
    ('<iframe src="https://evil.example/">', 1, "<iframe>"),
    ("<math><mi>x</mi></math>", 1, "<math>"),
    ("<style>body{display:none}</style>", 1, "<style>"),
    ('<link rel=stylesheet href="http://evil.example/x.css">', 1, "<link>"),
    ('<meta http-equiv="refresh" content="0;url=http://evil.example/">', 1, "<meta>"),
    ('<base href="http://evil.example/">', 1, "<base>"),
    ('<form action="http://evil.example/"><input name=p></form>', 1, "<form>"),
    ('<object data="x.swf"></object>', 1, "<object>"),
    ('<embed src="x.swf">', 1, "<embed>"),
    ("<template><b>x</b></template>", 1, "<template>"),
    ("<marquee>滚动</marquee>", 1, "<marquee>"),
    ("<blink>闪</blink>", 1, "<blink>"),
    ('<a rel="attachment" href="media/x.pdf">附件</a>', 1, "attachment"),
    ('<div style="background:url(http://evil/x.png)">x</div>', 1, "url()"),
    ('<div style="background: URL (x.png)">x</div>', 1, "url()"),
    ('<div style="width:expression(alert(1))">x</div>', 1, "expression"),
    ('<div style="background:u\\72l(x.png)">x</div>', 1, "转义"),
    ('<div style="position:fixed;top:0">x</div>', 1, "position:fixed"),
    ('<div data-qf-quiz="1">x</div>', 1, "data-qf-quiz"),
    ('<div contenteditable="true">x</div>', 1, "contenteditable"),
    ('<p type="x">x</p>', 1, "type"),
    ('<img src="http://evil.example/x.png">', 1, "其他网站"),
    ('<img src="media/x.png" srcset="media/x.png 1x, https://evil.example/x.png 2x">', 1, "其他网站"),
    ('<video controls src="media/x.mp4" poster="//evil.example/p.jpg"></video>', 1, "其他网站"),
    ('<audio src="media/none.mp3"></audio>', 1, "不存在"),
    ('<track src="../x.vtt">', 1, "content/ 之外"),
    ("[x](javascript:alert(1))", 1, "javascript:"),
    ("[x](<javascript:alert(1)>)", 1, "javascript:"),
    ("[x](jav&#x61;script:alert(1))", 1, "javascript:"),
    ("![x](http://evil.example/x.png)", 1, "其他网站"),
    ("![x](//evil/x.png)", 1, "其他网站"),
    ("第一段。\n\n![x][r]\n\n[r]: http://evil/x.png", 3, "其他网站"),
    ("![r]\n\n[r]: https://evil/x.png", 1, "其他网站"),
    ("[x][r]\n\n[r]: javascript:alert(1)", 3, "javascript:"),
    ("![x](../../etc/passwd)", 1, "content/ 之外"),
    ("![x](/etc/passwd)", 1, "绝对路径"),
    ("![x](%2e%2e/%2e%2e/etc/passwd)", 1, "content/ 之外"),
    ("![x](media/missing.png)", 1, "不存在"),
    ("[x](media/a\\b.png)", 1, "反斜杠"),
    ("<javascript://%0aalert(1)>", 1, "javascript:"),
    ('<div markdown="0">\n<http://x onmouseover=alert(1)>\n</div>', 2, "onmouseover"),
    ("<x@y/onmouseover=alert(1)>", 1, "onmouseover"),
    ('段落文字。\n{: onclick="alert(1)" }', 2, "onclick"),
    ("## 标题 {: onclick=alert(1) }", 1, "onclick"),
    ("*强调*{: onmouseover=alert(1) }", 1, "onmouseover"),
    ('[链接](https://www.ccdi.gov.cn/){: href="javascript:alert(1)" }', 1, "javascript:"),
    ("![图](media/x.png){: src=http://evil/x.png }", 1, "其他网站"),
    ('段落。\n{: style="background:url(x.png)" }', 2, "url()"),
    ('段落。\n{: style="background:url&#40;x.png)" }', 2, "url()"),
    ('<img\nsrc="media/x.png"\n  onerror="alert(1)">', 3, "onerror"),
    ('文字\n<iframe\n  src="https://evil.example/">', 2, "<iframe>"),
    ("文字 <!--\n<script>alert(1)</script>\n-->", 2, "<script>"),
    ('<b title="<script>alert(1)</script>">x</b>', 1, "<"),
    ("结尾 <img src=media/x.png onerror=alert(1)", 1, "没有结束"),
    # Reference definitions inside list items, block quotes and admonitions are definitions too.
    ("- ![x][evil]\n    [evil]: http://127.0.0.1:9/x.png", 1, "其他网站"),
    ("![x][r]\n\n> [r]: http://127.0.0.1:9/x.png", 1, "其他网站"),
    ("![x][r]\n\n!!! note\n\n    [r]: http://127.0.0.1:9/x.png", 1, "其他网站"),
    ("![x][r]\n\n> [r]: media/missing.png", 1, "不存在"),
    ("正文\n\n> [r]: ../../x.png", 3, "content/ 之外"),
    ("!!! note\n\n    [r]: javascript:alert(1)", 3, "javascript:"),
    ("- 列表\n\n    > - [r]:\n    >   javascript:alert(1)", 4, "javascript:"),
    ("![x][r]\n\n[r]: media/x.png\n\n> [r]: http://127.0.0.1:9/x.png", 1, "其他网站"),
    ("## 标题 { onclick=alert(1) } ##", 1, "onclick"),
    ("正文\n\n### 标题 {: onclick=alert(1) }###", 3, "onclick"),
    ("- ## 标题 { onclick=alert(1) } #", 1, "onclick"),
    ('<span style="unicode-bidi: bidi-override; direction: rtl">4321</span>', 1, "unicode-bidi"),
    ('<span dir="rtl" style="direction:rtl">4321</span>', 1, "direction"),
    ('<div style="display:flex; flex-direction: row-reverse"><span>1</span><span>2</span></div>', 1, "direction"),
    ('<div style="display:flex;flex-flow:row-reverse">x</div>', 1, "row-reverse"),
    ('<div style="display:flex;flex-flow:column-reverse">x</div>', 1, "column-reverse"),
    ('<span style="order: 2">1</span>', 1, "order"),
    ('<span style="color:red;ORDER:-1">1</span>', 1, "order"),
    ('<span style="-ms-flex-order:1">1</span>', 1, "order"),
    ('段落。\n{: style="unicode-bidi:bidi-override" }', 2, "unicode-bidi"),
    # An escaped backslash does not escape the brace after it.
    ('段落。\n\\\\{: onclick="alert(1)" }', 2, "onclick"),
]

BENIGN = [
    # Escaped braces are text before attr_list runs (Python-Markdown shows "{1}"), as qingfeng import writes them.
    "处分决定书见附件\\{1\\}，经查，\\{当事人姓名\\}",
    "普通的中文正文，没有任何标记。\n\n## 案情\n\n王某利用职务便利收受财物。",
    "<b>粗体</b>、<i>斜体</i>、<strong>强调</strong>",
    '<span class="x">说明</span>',
    "注<sup>1</sup>，H<sub>2</sub>O",
    "第一行<br>第二行<br/>第三行",
    "<details><summary>展开</summary>\n\n内容\n\n</details>",
    "金额<5万元",
    "a < b，且 c > d",
    "<<中国共产党纪律处分条例>>",
    "[新闻](https://www.ccdi.gov.cn/x.html)",
    '[新闻](https://www.ccdi.gov.cn/x.html "中央纪委国家监委网站")',
    "![图](media/x.png)",
    "![图](./media/x.png)",
    "![图][tu]\n\n[tu]: media/x.png",
    "<https://www.ccdi.gov.cn/>",
    "<jiwei@example.gov.cn>",
    "[邮件](mailto:a@b.cn)",
    "[电话](tel:12388)",
    "[本节](#facts)",
    "## 标题 { #id .c }",
    "段落。\n{: .note }",
    "集合 {a, b} 中的元素",
    '<img src="media/x.png" alt="图" width="300" class="wide">',
    '<img src="media/x.png" srcset="media/x.png 1x, media/x.png 2x">',
    '<video controls src="media/x.mp4" poster="media/x.png">\n'
    '<track kind="captions" src="media/x.vtt" srclang="zh">\n</video>',
    '<a href="https://www.ccdi.gov.cn/" rel="noopener nofollow" target="_blank">中央纪委</a>',
    '<table><tr><td colspan="2" style="text-align: center; color: #c00">合计</td></tr></table>',
    '<ol type="a" start="3"><li>三</li></ol>',
    '<div markdown="1" class="box" data-note="1" aria-label="说明">\n\n**正文**\n\n</div>',
    "<ruby>王<rt>wáng</rt></ruby>",
    "<!-- 编辑备注 -->",
    "`代码` 与 **粗体**",
    "## 标题 { #id .c } ##",
    "## 第 3 号 ##",
    "集合 {a, b} ##",
    "- ![图][tu]\n\n    [tu]: media/x.png",
    "> 见[新闻][n]。\n>\n> [n]: https://www.ccdi.gov.cn/x.html",
    '<td style="border: 1px solid #333; border-top: 0; text-align: right">合计</td>',
    '<div style="display: flex; flex-wrap: wrap">x</div>',
]


@pytest.mark.parametrize(("body", "line", "words"), HOSTILE, ids=[h[0][:40] for h in HOSTILE])
def test_hostile_markdown_is_reported_at_its_line(docs, body, line, words):
    found = report(body, docs)
    assert found, body
    assert any(at == FIRST_LINE + line - 1 and words.lower() in message.lower() for at, message in found), found


@pytest.mark.parametrize("body", BENIGN, ids=[b[:40] for b in BENIGN])
def test_benign_markdown_is_not_reported(docs, body):
    assert report(body, docs) == []


def test_messages_name_the_element_and_say_how_to_write_a_literal_bracket(docs):
    [(_, message)] = report("示例：`<script>`", docs)
    assert "<script>" in message and "&lt;" in message


def test_every_problem_is_reported_not_just_the_first(docs):
    body = "<script>x</script>\n\n![x](http://evil/x.png)\n\n<b onclick=x>b</b>"
    assert [line for line, _ in report(body, docs)] == [FIRST_LINE, FIRST_LINE + 2, FIRST_LINE + 4]


def test_page_paths_are_relative_to_the_page_folder(docs):
    assert report("![图](../media/x.png)", docs, base="jiafeng") == []
    assert "不存在" in report("![图](media/x.png)", docs, base="jiafeng")[0][1]
    assert "content/ 之外" in report("[上级](../../x.md)", docs, base="jiafeng")[0][1]
    assert report("[同级](zhuzi.md)", docs, base="jiafeng") == []  # MkDocs checks page links itself


def test_crlf_bodies_report_the_right_line(docs):
    assert report("一\r\n二\r\n<script>x</script>", docs)[0][0] == FIRST_LINE + 2


def test_huge_values_are_quoted_in_excerpt(docs):
    [(_, message)] = report(f'<a href="javascript:{"x" * 10000}">x</a>', docs)
    assert len(message) < 200


def test_escaped_brackets_do_not_hide_a_link(docs):
    assert "javascript:" in report("[a\\]b](javascript:alert(1))", docs)[0][1]


def test_pathological_input_is_reported_not_stalled(docs):
    # Built against the scanners' budgets: reported, never an endless scan (speed is measured in bench/).
    assert "太多" in report("[x](" * 20000, docs)[0][1]
    assert "太多" in report("{a " * 30000 + "}", docs)[-1][1]
    assert report("<b>" * 20000 + "{" * 20000 + "![" * 20000, docs)


def test_needs_check():
    assert not needs_check("王某利用职务便利，收受财物共计 161 万元。\n\n## 以案说纪\n\n金额<5万元，a < b。")
    for body in ("<b>x</b>", "[x](y)", "![x][y]", "[x]: y", "{: .c }", "<a@b.cn>", "<!-- x -->", "</b>"):
        assert needs_check(body), body


def _plain_body(n: int) -> str:
    paragraph = "王某在担任红光中学原党总支书记期间，利用职务便利为前妻公司承揽校园餐业务，收受财物共计 161 万元。"
    return "\n\n".join(f"## 第{k}节\n\n" + paragraph * 4 for k in range(n))


# ------------------------------------------------------------------------------------------- check_html

GENERATED = """<section class="qf-section qf-section--facts qf-lesson">
<h2 id="facts">案情<a class="headerlink" href="#facts" title="Permanent link">&para;</a></h2>
<p>王某<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>收受 <strong>财物</strong>，
见<a href="https://www.ccdi.gov.cn/x.html" title="题">新闻</a>。<img alt="图" class="wide" src="../media/x.png" /></p>
<table><thead><tr><th style="text-align: left;">a</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>
<div class="admonition note"><p class="admonition-title">注意</p><p><code>&lt;script&gt;</code></p></div>
<pre><code>&lt;iframe&gt;</code></pre>
<p><ruby>王<rt data-search-exclude>wáng</rt></ruby></p>
</section>
<div class="footnote"><hr /><ol><li id="fn:1"><p>脚注。&#160;<a class="footnote-backref" href="#fnref:1"
title="Jump back to footnote 1 in the text">&#8617;</a></p></li></ol></div>"""


def test_check_html_passes_what_markdown_and_our_templates_generate():
    assert check_html(GENERATED) == []


@pytest.mark.parametrize(
    ("fragment", "needle"),
    [
        ("<p><script>alert(1)</script></p>", "<script"),
        ('<p><img alt="x" src="http://evil.example/x.png" /></p>', "http://evil.example/x.png"),
        ('<p><img src="//evil.example/x.png"></p>', "//evil.example/x.png"),
        ('<p><a href="jav&#x61;script:alert(1)">x</a></p>', "javascript:alert(1)"),
        ('<p onclick="alert(1)">x</p>', "onclick"),
        ('<p><em onmouseover="alert(1)">x</em></p>', "onmouseover"),
        ('<iframe src="https://evil.example/"></iframe>', "<iframe"),
        ('<div style="background:url(https://evil.example/x.png)"></div>', "style"),
        ('<a href="x.pdf" rel="attachment">x</a>', "rel"),
        ('<p><img src="x.png" onerror="alert(1)"', "onerror"),
    ],
)
def test_check_html_finds_unsafe_markup(fragment, needle):
    findings = check_html(fragment)
    assert findings and all(isinstance(f, Finding) for f in findings)
    assert needle in [f.needle for f in findings], findings
    assert all(f.message for f in findings)


def test_check_html_does_not_check_local_paths():
    assert check_html('<img src="../../media/x.png"><a href="/cases/x/">x</a>') == []


# ------------------------------------------------------------------------------------------- check_limits


def limits(body: str) -> list[tuple[int, str]]:
    problems = Problems()
    check_limits(body, "cases/a.md", FIRST_LINE, problems)
    assert all(p.path == "cases/a.md" for p in problems.items)
    return [(int(p.where.removeprefix("第 ").removesuffix(" 行")), p.message) for p in problems.items]


def _nested_list(depth: int, indent: str = "    ") -> str:
    return "".join(indent * i + "- 项\n" for i in range(depth))


DEEP = [
    (">" * 300 + " 深", 1, "300层"),
    ("正文\n\n" + "> " * 21 + "深", 3, "21层"),
    ("> - " * 150 + "深", 1, "300层"),
    ("- " * 300 + "项", 1, "300层"),
    (_nested_list(300), 21, "300层"),
    (_nested_list(30, "\t"), 21, "30层"),
    ("".join("    " * i + "!!! note\n\n" for i in range(30)), 41, "嵌套太深"),
    ("*" * 5000 + "深" + "*" * 5000, 1, "5000"),
    ("正文\n" + "_" * 51 + "深" + "_" * 51, 2, "51"),
    ("~" * 60 + "深", 1, "60"),
]


@pytest.mark.parametrize(("body", "line", "words"), DEEP, ids=[d[0][:30] for d in DEEP])
def test_nesting_too_deep_is_an_error_at_its_line(body, line, words):
    found = limits(body)
    assert any(at == FIRST_LINE + line - 1 and words in message for at, message in found), found
    assert all("嵌套太深" in message and "请简化" in message for _, message in found), found


WITHIN = [
    ">" * 20 + " 引用",
    "> " * 20 + "引用",
    _nested_list(20),
    _nested_list(20, "\t"),
    "*" * 50 + "强调" + "*" * 50,
    "填空：" + "_" * 50,
    "- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - -",
    "* * * * * * * * * * * * * * * * * * * * * * * * * * * * * * *",
    "    " * 30 + "缩进很深的代码",
    _plain_body(6),
]


@pytest.mark.parametrize("body", WITHIN, ids=[w[:30] for w in WITHIN])
def test_nesting_within_the_limits_passes(body):
    assert limits(body) == []


DEEP_HTML = [
    ("<div>" * 3000 + "深" + "</div>" * 3000, 1, "3000层"),
    ("正文\n\n" + "<div>\n" * 101 + "深" + "</div>" * 101, 103, "101层"),
    ("<span>" * 200 + "深", 1, "200层"),
]


@pytest.mark.parametrize(("body", "line", "words"), DEEP_HTML, ids=[d[0][:30] for d in DEEP_HTML])
def test_html_nested_too_deep_is_an_error_at_its_line(docs, body, line, words):
    found = report(body, docs)
    assert any(at == FIRST_LINE + line - 1 and words in message and "嵌套太深" in message for at, message in found)


HTML_WITHIN = [
    "<div>" * 100 + "深" + "</div>" * 100,
    "<ul>" + "<li>项" * 300 + "</ul>",
    "<p>段" * 300,
    "<table>" + "<tr><td>1<td>2" * 200 + "</table>",
    "<br>" * 300 + "<img src=media/x.png>" * 300,
    "<div></div>" * 300,
]


@pytest.mark.parametrize("body", HTML_WITHIN, ids=[w[:30] for w in HTML_WITHIN])
def test_html_nesting_within_the_limit_passes(docs, body):
    assert report(body, docs) == []


def test_one_message_per_deep_structure():
    body = _nested_list(40) + "\n正文\n\n" + _nested_list(25)
    found = limits(body)
    assert [line for line, _ in found] == [FIRST_LINE + 20, FIRST_LINE + 43 + 20], found
    assert "40层" in found[0][1] and "25层" in found[1][1]


def test_limits_report_the_right_line_in_crlf_bodies():
    assert limits("一\r\n二\r\n" + "*" * 60)[0][0] == FIRST_LINE + 2


def test_bodies_at_the_limits_render():
    markdown = pytest.importorskip("markdown")
    extensions = ["admonition", "attr_list", "md_in_html", "toc"]
    for body in [*WITHIN, *HTML_WITHIN]:
        markdown.markdown(body, extensions=extensions)
