"""Parks, boards and the QR lock (CONTENT-FORMAT sections 5 and 7)."""

import pytest
import yaml
from qingfeng.boards import artwork
from qingfeng.model.schema import Board

from tests.conftest import find, markdown

PARKS = {
    "parks": [
        {"id": "kushan", "name": "枯山湿地廉洁文化主题公园", "place": "兴义市"},
        {"id": "xiguan", "name": "喜观廉洁文化教育基地"},
    ]
}


def board(site, code="KS01", park="kushan", name=None, **meta):
    data = {"board": code, "title": "羊续悬鱼", "theme": "廉洁典故", **meta}
    return site.write(f"content/park/{park}/{name or code.lower()}.md", markdown(data, "羊续为官清廉。"))


@pytest.fixture
def park(site):
    site.write("site_config/parks.yml", yaml.safe_dump(PARKS, allow_unicode=True))
    return site


def lock(site, boards):
    site.write("site_config/qr-lock.yml", yaml.safe_dump({"boards": boards}, allow_unicode=True))


def entry(code, **extra):
    return {"url": f"https://lian.qingfeng.test/b/{code}/", "first_built": "2026-11-22", **extra}


def test_boards_load_in_code_order(park):
    board(park, "KS02", theme="先賢家訓", size="800x1200")
    board(park, "KS01")
    parks = park.load().parks
    assert [b.code for b in parks[0].boards] == ["KS01", "KS02"]
    assert parks[0].boards[1].theme == "先贤家训" and parks[0].boards[1].size_mm == (800, 1200)
    assert parks[0].boards[0].size_mm == (600, 900)


def test_folder_not_named_in_parks_yml(park):
    board(park, park="nowhere")
    assert "parks.yml" in find(park.problems(), "content/park/nowhere/ks01.md", "位置").message


def test_board_outside_a_park_folder(park):
    park.write("content/park/ks09.md", markdown({"board": "KS09", "title": "题", "theme": "其他"}, "正文"))
    find(park.problems(), "content/park/ks09.md", "位置")


@pytest.mark.parametrize("code", ["ks01", "K", "KS-01", "ABCDEFGHI"])
def test_bad_code(park, code):
    board(park, code, name="bad")
    find(park.problems(), "content/park/kushan/bad.md", "字段 board")


def test_code_unique_across_parks(park):
    board(park, "KS01")
    board(park, "KS01", park="xiguan")
    assert "content/park/kushan/ks01.md" in find(park.problems(), "content/park/xiguan/ks01.md", "字段 board").message


def test_unknown_theme(park):
    board(park, theme="历史")
    find(park.problems(), "content/park/kushan/ks01.md", "字段 theme")


# size, and what the author is told (None: accepted). The code is at least 80 mm and the artwork
# keeps 10 mm round it, so the short side needs 100 mm, whichever side it is.
SIZES = [
    ("大号", "应写作“宽x高”"),
    ("600x", "应写作“宽x高”"),
    ("600x20000", "应写作“宽x高”"),
    ("80x120", "展板尺寸 80x120 太小：二维码至少 80 毫米，加上边距，展板的短边至少要 100 毫米"),
    ("900x99", "展板尺寸 900x99 太小"),
    ("10x10", "短边至少要 100 毫米"),
    ("100x100", None),
    ("100x900", None),
    ("900x100", None),
]


@pytest.mark.parametrize(("size", "told"), SIZES)
def test_board_size(park, size, told):
    board(park, size=size)
    if told is None:
        assert min(park.load().parks[0].boards[0].size_mm) == 100
    else:
        assert told in find(park.problems(), "content/park/kushan/ks01.md", "字段 size").message


def test_every_size_the_model_accepts_holds_a_scannable_code_in_its_margins():
    # From the smallest accepted short side up to where the code grows with the board.
    for short in range(100, 1201):
        for size in ((short, short), (short, 3 * short), (3 * short, short)):
            layout = artwork.layout(Board("KS01", "", "", "kushan", "题", "其他", None, size))
            assert layout.qr >= 80 and layout.margin >= 10, size
            assert layout.qr + 2 * layout.margin <= short, size


def test_site_url_required_with_boards(park):
    board(park)
    park.config.pop("site_url")
    park.save_config()
    assert "site_url" in find(park.problems(), "mkdocs.yml", "字段 site_url").message


def test_park_duplicate_id(site):
    site.write(
        "site_config/parks.yml",
        yaml.safe_dump({"parks": [{"id": "a", "name": "甲"}, {"id": "a", "name": "乙"}]}, allow_unicode=True),
    )
    find(site.problems(), "site_config/parks.yml", "parks[2].id")


def test_locked_code_without_board(park):
    board(park, "KS01")
    lock(park, {"KS01": entry("KS01"), "KS02": entry("KS02")})
    assert "KS02" in find(park.problems(), "site_config/qr-lock.yml", "boards.KS02").message


def test_retired_code_forwards_to_board_or_page(park):
    board(park, "KS05")
    park.write("content/jiafeng/zhuzi.md", "# 朱子家训\n")
    lock(
        park,
        {
            "KS05": entry("KS05"),
            "KS02": entry("KS02", retired="KS05"),
            "KS03": entry("KS03", retired="jiafeng/zhuzi.md"),
        },
    )
    assert park.load().lock["KS02"].retired == "KS05"


def test_retired_code_reused(park):
    board(park, "KS05")
    board(park, "KS02")
    lock(park, {"KS05": entry("KS05"), "KS02": entry("KS02", retired="KS05")})
    assert "KS02" in find(park.problems(), "content/park/kushan/ks02.md", "字段 board").message


@pytest.mark.parametrize("target", ["KS09", "jiafeng/gone.md"])
def test_retired_target_missing(park, target):
    board(park, "KS05")
    lock(park, {"KS05": entry("KS05"), "KS02": entry("KS02", retired=target)})
    assert target in find(park.problems(), "site_config/qr-lock.yml", "boards.KS02.retired").message
