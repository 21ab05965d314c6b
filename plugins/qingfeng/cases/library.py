"""Facets of the case library: the values its filters offer."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..model.schema import ROLES, Case

FACETS = (("sector", "领域"), ("role", "身份"), ("violations", "违纪违法"), ("region", "地区"), ("year", "年份"))


@dataclass(frozen=True)
class Facet:
    key: str
    label: str
    values: tuple[tuple[str, int], ...]  # value and how many cases have it


def facets(cases: list[Case]) -> list[Facet]:
    result = []
    for key, label in FACETS:
        counts = Counter(value for case in cases for value in set(case.filter_values(key)))
        if key == "role":
            order = sorted(counts, key=lambda v: ROLES.index(v) if v in ROLES else len(ROLES))
        elif key == "year":
            order = sorted(counts, reverse=True)
        else:  # most common first: what people look for most
            order = sorted(counts, key=lambda v: (-counts[v], v))
        result.append(Facet(key, label, tuple((value, counts[value]) for value in order)))
    return result
