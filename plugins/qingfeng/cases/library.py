"""The case library: the values its filters offer, its pages, and its cases as data for filtering."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..model.schema import Case, facet_counts

FACETS = (("sector", "领域"), ("role", "身份"), ("violations", "违纪违法"), ("region", "地区"), ("year", "年份"))


@dataclass(frozen=True)
class Facet:
    key: str
    label: str
    values: tuple[tuple[str, int], ...]  # value and how many cases have it


def facets(cases: list[Case]) -> list[Facet]:
    return [Facet(key, label, facet_counts(cases, key)) for key, label in FACETS]


@dataclass(frozen=True)
class Pager:
    """Where a page of the library is among all of them."""

    number: int  # from 1
    count: int  # pages in all
    first: int  # the number of its first case in the whole list, from 1
    last: int
    total: int  # cases in all
    size: int  # cases a page

    def around(self, near: int = 2) -> list[int | None]:
        """The page numbers a pager links: the first, the last and those `near` this one; None for a gap.
        A gap of one page is shown as that page: "…" would take as much room."""
        wanted = sorted(
            {1, self.count, *range(self.number - near, self.number + near + 1)} & set(range(1, self.count + 1))
        )
        out: list[int | None] = []
        for number in wanted:
            if out and number - out[-1] == 2:
                out.append(number - 1)
            elif out and number - out[-1] > 2:
                out.append(None)
            out.append(number)
        return out


def pages(total: int, size: int) -> int:
    """How many pages the library has: one at least, the empty library's."""
    return max(1, -(-total // size))


def pager(number: int, total: int, size: int) -> Pager:
    first, last = min(total, (number - 1) * size + 1), min(total, number * size)
    return Pager(number, pages(total, size), first, last, total, size)


def library_data(cases: list[Case], url: Callable[[Case], str]) -> dict:
    """Every case as the library lists it, and its filter values, for filtering in the browser.

    `url`: a case's page relative to the library's folder.
    """
    keys = [key for key, _ in FACETS]
    return {
        "keys": keys,
        "cases": [
            {
                "u": url(case),
                "t": case.title,
                "s": case.summary,
                "d": str(case.date),
                "dt": case.date.chinese,
                "r": case.region,
                "o": case.role,
                "c": list(case.sector),
                "a": case.amount_text or "",
                "f": [list(case.filter_values(key)) for key in keys],
            }
            for case in cases
        ],
    }
