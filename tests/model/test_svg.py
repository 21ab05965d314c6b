"""An SVG published from content/: script, event attributes, external references and XML bombs are reported."""

from __future__ import annotations

import pytest
from qingfeng.model.problems import Problems
from qingfeng.model.svg import check_svg

CLEAN_SVG = b"""<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">
  <style>rect { fill: url(#g); stroke: #333 }</style>
  <defs><linearGradient id="g"><stop offset="0" stop-color="red"/></linearGradient></defs>
  <rect width="10" height="10" fill="url(#g)" style="opacity: .5"/>
  <use xlink:href="#r"/>
  <image href="x.png" width="5" height="5"/>
</svg>"""

SVG_HEAD = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">\n'


def svg_problems(data: bytes) -> list[tuple[str, str]]:
    problems = Problems()
    check_svg(data, "content/media/x.svg", problems)
    assert all(p.path == "content/media/x.svg" for p in problems.items)
    return [(p.where, p.message) for p in problems.items]


def test_clean_svg_passes():
    assert svg_problems(CLEAN_SVG) == []


@pytest.mark.parametrize(
    ("inner", "words"),
    [
        ("<script>alert(1)</script>", "<script>"),
        ('<script xlink:href="http://evil.example/x.js"/>', "<script>"),
        ('<rect onload="alert(1)"/>', "onload"),
        ('<rect ONCLICK="alert(1)"/>', "ONCLICK"),
        ('<image xlink:href="http://evil.example/x.png"/>', "其他网站"),
        ('<use href="//evil.example/x.svg#a"/>', "其他网站"),
        ('<feImage href="https://evil.example/x.png"/>', "其他网站"),
        ('<a xlink:href="javascript:alert(1)"><text>x</text></a>', "javascript:"),
        ('<image href="data:image/svg+xml;base64,PHN2Zz4="/>', "data:"),
        ("<foreignObject><div>x</div></foreignObject>", "foreignObject"),
        ('<html:script xmlns:html="http://www.w3.org/1999/xhtml">alert(1)</html:script>', "<script>"),
        ('<set attributeName="href" to="javascript:alert(1)"/>', "href"),
        ("<style>@import url(https://evil.example/x.css);</style>", "@import"),
        ("<style>rect { fill: url(http://evil.example/x.svg#g) }</style>", "其他网站"),
        ("<rect style=\"fill: url('https://evil.example/p.svg#p')\"/>", "其他网站"),
        ('<rect fill="url(//evil.example/p.svg#p)"/>', "其他网站"),
        ('<g xml:base="http://evil.example/"/>', "xml:base"),
    ],
)
def test_malicious_svg_is_reported_at_its_line(inner, words):
    found = svg_problems(f"{SVG_HEAD}{inner}\n</svg>".encode())
    assert any(where == "第 2 行" and words.lower() in message.lower() for where, message in found), found


@pytest.mark.parametrize(
    "data",
    [
        b'<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>\n<svg>&b;</svg>',
        b'<!doctype svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n<svg/>',
        '<!DOCTYPE svg [<!ENTITY a "x">]><svg xmlns="http://www.w3.org/2000/svg"/>'.encode("utf-16"),
    ],
)
def test_svg_with_doctype_or_entities_is_refused(data):
    [(_, message)] = svg_problems(data)
    assert "DOCTYPE" in message


def test_stylesheet_instruction_is_reported():
    data = b'<?xml-stylesheet href="https://evil.example/x.css"?>\n' + CLEAN_SVG.split(b"\n", 1)[1]
    assert "样式表" in svg_problems(data)[0][1]


def test_unparsable_svg_is_an_error_at_its_line():
    [(where, message)] = svg_problems(SVG_HEAD.encode() + b"<rect>\n</svg>")
    assert where == "第 3 行" and "XML" in message


def test_a_file_that_is_not_svg_is_reported():
    found = svg_problems(b'<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>')
    assert "不是 SVG" in found[0][1]


def test_svg_css_escapes_are_decoded_before_checking():
    font = SVG_HEAD + "<text style=\"font-family:'\\5FAE\\8F6F\\96C5\\9ED1'\">廉</text>\n</svg>"
    assert svg_problems(font.encode()) == []
    hidden = SVG_HEAD + "<style>rect { fill: \\75 rl(https://evil.example/x.svg#g) }</style>\n</svg>"
    assert "其他网站" in svg_problems(hidden.encode())[0][1]
