"""The library's pages: how many, which cases each holds, which numbers a pager links."""

import pytest
from qingfeng.cases.library import pager, pages


@pytest.mark.parametrize(("total", "size", "count"), [(0, 50, 1), (1, 50, 1), (50, 50, 1), (51, 50, 2), (2000, 50, 40)])
def test_pages_hold_every_case_once(total, size, count):
    assert pages(total, size) == count
    held = [pager(number, total, size) for number in range(1, count + 1)]
    listed = [n for page in held if page.total for n in range(page.first, page.last + 1)]
    assert listed == list(range(1, total + 1))


def test_the_empty_library_is_one_page_of_nothing():
    assert pager(1, 0, 50) == pager(1, 0, 50).__class__(1, 1, 0, 0, 0, 50)


@pytest.mark.parametrize(
    ("number", "count", "shown"),
    [
        (1, 1, [1]),
        (1, 5, [1, 2, 3, 4, 5]),
        (1, 40, [1, 2, 3, None, 40]),
        (5, 40, [1, 2, 3, 4, 5, 6, 7, None, 40]),  # 2 stands for a gap of one page
        (20, 40, [1, None, 18, 19, 20, 21, 22, None, 40]),
        (40, 40, [1, None, 38, 39, 40]),
        (37, 40, [1, None, 35, 36, 37, 38, 39, 40]),
    ],
)
def test_a_pager_links_the_ends_and_the_pages_near(number, count, shown):
    assert pager(number, count * 10, 10).around() == shown
