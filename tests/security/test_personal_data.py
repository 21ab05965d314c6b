"""Attack 4: mobile and ID-card numbers in every disguise an editor's paste produces (CONTENT-FORMAT 8)."""

import json

import pytest

from tests.conftest import markdown
from tests.security.conftest import REFUSED, assert_absent, assert_problem_at, assert_refused, attempt, line_of

MOBILE = "13812345678"
ID_NUMBER = "11010519491231002X"
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_check_digit(first17: str) -> str:
    return "10X98765432"[sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True)) % 11]


def test_the_id_number_used_here_is_valid():
    assert len(ID_NUMBER) == 18 and id_check_digit(ID_NUMBER[:17]) == ID_NUMBER[17]


def spaced(number: str, sep: str, groups=(3, 4, 4)) -> str:
    parts, start = [], 0
    for size in groups:
        parts.append(number[start : start + size])
        start += size
    return sep.join(parts)


FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")
ID_GROUPS = (6, 8, 4)

# Every disguise, one per line of an ordinary page.
IN_PAGE = {
    "mobile-plain": f"联系电话 {MOBILE}。",
    "mobile-nbsp": f"联系电话 {spaced(MOBILE, chr(0xA0))}。",
    "mobile-full-width-digits": f"联系电话 {MOBILE.translate(FULL_WIDTH)}。",
    "mobile-full-width-space": f"联系电话 {spaced(MOBILE, chr(0x3000))}。",
    "mobile-full-width-hyphens": f"联系电话 {spaced(MOBILE, '－')}。",
    "mobile-dots": f"联系电话 {spaced(MOBILE, '.')}。",
    "mobile-en-dash": f"联系电话 {spaced(MOBILE, '–')}。",
    "mobile-zero-width-space": f"联系电话 {spaced(MOBILE, chr(0x200B))}。",
    "mobile-html-entity": f"联系电话 &#{ord(MOBILE[0])};{MOBILE[1:]}。",
    "mobile-split-by-markup": f"联系电话 {MOBILE[:3]}**{MOBILE[3:7]}**{MOBILE[7:]}。",
    "mobile-plus-86": f"联系电话 +86 {spaced(MOBILE, ' ')}。",
    "mobile-after-a-link": f"详见[通报](https://www.ccdi.gov.cn/) 联系人 {MOBILE}。",
    "mobile-tel-link": f"[拨打电话](tel:{MOBILE})",
    "id-plain": f"身份证号 {ID_NUMBER}。",
    "id-grouped-spaces": f"身份证号 {spaced(ID_NUMBER, ' ', ID_GROUPS)}。",
    "id-grouped-dashes": f"身份证号 {spaced(ID_NUMBER, '-', ID_GROUPS)}。",
    "id-full-width-x": f"身份证号 {ID_NUMBER[:17]}{ID_NUMBER[17].translate(FULL_WIDTH)}。",
    "id-full-width-all": f"身份证号 {ID_NUMBER.translate(FULL_WIDTH)}。",
}

PUBLIC = "中央纪委国家监委举报电话 12388。"

# Other published (or stray) text files: (file, text, the line holding the number).
VTT = f"WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n举报电话 {spaced(MOBILE, ' ')}\n"
SVG = (
    f'<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40">\n  <text x="0" y="20">{MOBILE}</text>\n</svg>\n'
)
IN_FILES = {
    "vtt-captions": ("content/media/c.vtt", VTT, spaced(MOBILE, " ")),
    "txt": ("content/notes.txt", f"备忘\n第二行\n身份证 {ID_NUMBER}\n", ID_NUMBER),
    "csv": ("content/list.csv", f"姓名,电话\n王某,{MOBILE}\n", MOBILE),
    "json": ("content/data.json", json.dumps({"name": "王某", "tel": MOBILE}, indent=2) + "\n", MOBILE),
    "svg": ("content/media/p.svg", SVG, MOBILE),
    "case-front-matter": None,  # filled in the overlay (needs the case text)
}


@pytest.fixture(scope="module")
def outcome(base, tmp_path_factory):
    def overlay(project):
        lines = [*IN_PAGE.values(), PUBLIC]
        page = markdown({"title": "联系方式"}, "# 联系方式\n\n" + "\n\n".join(lines) + "\n")
        project.write("content/contacts.md", page)
        where = {key: ("content/contacts.md", line_of(page, text)) for key, text in IN_PAGE.items()}
        where["public"] = ("content/contacts.md", line_of(page, PUBLIC))
        for key, spec in IN_FILES.items():
            if spec is None:
                continue
            rel, text, needle = spec
            project.write(rel, text)
            where[key] = (rel, line_of(text, needle))
        case = project.text("cases/2025-base.md").replace("position: ", f"position: 联系{MOBILE}的", 1)
        project.write("cases/2025-base.md", case)
        where["case-front-matter"] = ("cases/2025-base.md", line_of(case, MOBILE))
        return where

    return attempt(base, tmp_path_factory.mktemp("pii") / "p", overlay)


@pytest.mark.parametrize("disguise", [*IN_PAGE, *IN_FILES])
def test_error_at_file_and_line(outcome, disguise):
    path, line = outcome.extra[disguise]
    assert_problem_at(outcome, path, line)


def test_public_service_number_is_fine(outcome):
    from tests.security.conftest import at_line

    path, line = outcome.extra["public"]
    assert not at_line(outcome.build_problems, path, line)


@pytest.mark.parametrize("invariant", REFUSED)
def test_refused(outcome, invariant):
    assert_refused(outcome, invariant)


def test_numbers_never_in_site(outcome):
    assert_absent(outcome.site, MOBILE, ID_NUMBER, digits=True)
