"""Facets of the case library: the values its filters offer."""

from __future__ import annotations

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
