"""How a booklet is split into parts that render side by side."""

from markupsafe import Markup
from qingfeng.booklets.chapters import Chapter, split


def chapter(n, size):
    return Chapter("page", f"page-{n}", f"第{n}章", html=Markup("字" * (size - 500)))


def test_parts_are_runs_of_consecutive_chapters_of_about_equal_size():
    printed = [chapter(n, size) for n, size in enumerate([3000, 1000, 1000, 1000, 3000, 1000, 2000], start=1)]
    groups = split(printed, most=2, least_size=1000)
    assert [c for group in groups for c in group] == printed  # in order, none lost or repeated
    sizes = [sum(c.size for c in group) for group in groups]
    assert len(groups) == 2 and abs(sizes[0] - sizes[1]) <= 3000


def test_the_first_part_counts_the_cover_and_contents():
    printed = [chapter(n, 2000) for n in range(6)]
    plain, led = split(printed, 2, 1000), split(printed, 2, 1000, lead=4000)
    assert len(led[0]) < len(plain[0])


def test_small_booklets_are_not_split_and_empty_ones_have_no_parts():
    assert len(split([chapter(n, 2000) for n in range(4)], most=2, least_size=10_000)) == 1
    assert split([], most=2, least_size=10_000) == []
    assert len(split([chapter(n, 2000) for n in range(40)], most=2, least_size=1000)) == 2  # never more than cores
