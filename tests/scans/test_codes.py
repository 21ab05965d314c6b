"""Request paths to board codes, as the site publishes its boards (model/urls.py)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from qingfeng.model.schema import Board, LockEntry, Park, PartialDate
from qingfeng.scans.codes import UNKNOWN, Boards, known_codes


def project(site_url="https://host.qingfeng.test/lian/"):
    def board(code, park, title):
        return Board(
            code, f"content/park/{park}/{code}.md", f"park/{park}/{code}.md", park, title, "其他", None, (600, 900)
        )

    parks = [
        Park("lianhu", "莲湖公园", None, [board("LH01", "lianhu", "黄大发")]),
        Park(
            "kushan", "枯山湿地公园", None, [board("KS01", "kushan", "羊续悬鱼"), board("KS02", "kushan", "颜氏家训")]
        ),
    ]
    built = PartialDate(2024, 5, 1)
    lock = {
        "KS01": LockEntry("KS01", "u", built, None),
        "AB12": LockEntry("AB12", "u", built, "KS02"),
        "AA01": LockEntry("AA01", "u", built, "jiafeng/yang.md"),
        "ZZ99": LockEntry("ZZ99", "u", built, None),  # gone, the check says; still a code of the project
    }
    return SimpleNamespace(parks=parks, lock=lock, site_url=site_url)


@pytest.mark.parametrize(
    ("target", "code"),
    [
        (b"/lian/b/KS01/", "KS01"),
        (b"/lian/b/KS01", "KS01"),
        (b"/lian/b/KS01/index.html", "KS01"),
        (b"/lian/b/KS01/?from=x&y=1", "KS01"),
        (b"/lian/b/KS01/#top", "KS01"),
        (b"/lian/zh-hant/b/KS01/", "KS01"),  # the mirror
        (b"/lian/b/ks01/", "KS01"),  # served by IIS, which ignores case
        (b"/LIAN/B/KS01/INDEX.HTML", "KS01"),
        (b"/lian/b/%4B%5301/", "KS01"),
        (b"/lian/b%2FKS01/", "KS01"),
        (b"//lian//b//KS01//", "KS01"),
        (b"/lian/b/./KS01/", "KS01"),
        (b"/lian/x/../b/KS01/", "KS01"),
        (b"https://host.qingfeng.test/lian/b/KS01/", "KS01"),  # a proxy's absolute form
        (b"/lian/b/AB12/", "AB12"),  # retired: under its own code
        (b"/lian/b/ZZ99/", "ZZ99"),
        (b"/lian/b/KS09/", UNKNOWN),
        (b"/lian/b/", UNKNOWN),
        (b"/lian/b", UNKNOWN),
        (b"/lian/b/../../etc/passwd", UNKNOWN),
        (b"/lian/b/KS01/qr.png", UNKNOWN),
        (b"/lian/b/KS01/index.php", UNKNOWN),
        (b"/lian/b/%E4%B8%AD/", UNKNOWN),
        (b"/lian/b/\xff/", UNKNOWN),
        (b"/lian/zh-hant/b/KS09/", UNKNOWN),
        (b"/lian/", None),
        (b"/lian/cases/b/KS01/", None),
        (b"/b/KS01/", None),  # not below site_url's path
        (b"/lian/park/kushan/", None),
        (b"*", None),
        (b"", None),
        (b"-", None),
    ],
)
def test_a_path_names_a_board(target, code):
    boards = Boards(project())
    assert boards.code(target) == code
    if code is not None:
        assert boards.maybe(target)  # the first look lets every board path through


def test_a_site_at_the_root_of_its_host():
    boards = Boards(project("https://lian.qingfeng.test"))
    assert boards.code(b"/b/KS01/") == "KS01"
    assert boards.code(b"/zh-hant/b/KS01/") == "KS01"
    assert boards.code(b"/lian/b/KS01/") is None


def test_a_site_path_in_chinese():
    boards = Boards(project("https://host.qingfeng.test/%E6%B8%85%E9%A3%8E/"))
    assert boards.code("/清风/b/KS01/".encode()) == "KS01"
    assert boards.code(b"/%E6%B8%85%E9%A3%8E/b/KS01/") == "KS01"


def test_known_codes_park_by_park():
    known = {k.code: k for k in known_codes(project())}
    assert list(known) == ["LH01", "AB12", "KS01", "KS02", "AA01", "ZZ99"]  # parks.yml's order, then no park
    assert (known["AB12"].title, known["AB12"].park, known["AB12"].group) == (
        "已停用，转至 KS02：颜氏家训",
        "枯山湿地公园",
        "KS02",
    )
    assert (known["AA01"].title, known["AA01"].park, known["AA01"].group) == (
        "已停用，转至 jiafeng/yang.md",
        "",
        "AA01",
    )
    assert known["KS01"].group == "KS01" and not known["KS01"].retired and known["AB12"].retired
