"""What a booklet prints, in order: its items resolved into chapters."""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field

from markupsafe import Markup

from ..model.schema import Booklet, BookletItem, Case, Pack, Project


@dataclass
class Chapter:
    kind: str  # case | pack | page | confessions
    anchor: str
    title: str | Markup
    case: Case | None = None
    pack: Pack | None = None
    html: Markup = field(default_factory=Markup)  # pack intro, page content, a case's text before its first heading
    sections: list[tuple[str, str, Markup]] = field(default_factory=list)  # (key, heading, html)
    cases: list[Case] = field(default_factory=list)  # a pack's cases, or the confessions' cases
    confessions: list[tuple[Case, Markup]] = field(default_factory=list)

    @property
    def size(self) -> int:
        """About how much it prints, in characters of HTML; a case's facts card counts for some."""
        parts = [self.html, *(html for _, _, html in self.sections), *(html for _, html in self.confessions)]
        return 500 + sum(len(part) for part in parts)


@dataclass(frozen=True)
class PageSource:
    title: Markup  # MkDocs page titles are already HTML-safe text
    html: Markup


def chapters(
    booklet: Booklet,
    project: Project,
    render: Callable[[str, str], str],
    pages: dict[str, PageSource],
) -> list[Chapter]:
    """Chapters in the order given; a case reached twice is printed once, at its first place.

    `render(markdown, folder)` makes HTML for print of Markdown whose paths start at the docs-relative `folder`.
    """
    cases = project.case_by_id
    printed: set[str] = set()
    result: list[Chapter] = []

    def add_cases(ids: tuple[str, ...]) -> None:
        for case_id in ids:
            if case_id not in printed:
                printed.add(case_id)
                result.append(case_chapter(cases[case_id], render))

    for number, item in enumerate(booklet.contents, start=1):
        if item.kind == "cases":
            add_cases(item.cases)
        elif item.kind == "pack":
            pack = next(p for p in project.packs if p.id == item.pack)
            # The pack's own chapter (agenda, its cases with their pages, discussion), then its cases.
            result.append(
                Chapter(
                    "pack",
                    f"pack-{pack.id}",
                    pack.title,
                    pack=pack,
                    html=Markup(render(pack.markdown, posixpath.dirname(pack.src_uri))),
                    cases=[cases[c] for c in pack.cases],
                )
            )
            add_cases(pack.cases)
        elif item.kind == "page":
            source = pages[item.page]
            result.append(Chapter("page", f"page-{number}", source.title, html=source.html))
        else:
            confessions = [(cases[c], Markup(render(cases[c].section("chanhui").markdown, ""))) for c in item.cases]
            result.append(Chapter("confessions", f"confessions-{number}", "忏悔录", confessions=confessions))
    return result


def split(printed: list[Chapter], most: int, least_size: int, lead: int = 0) -> list[list[Chapter]]:
    """Runs of consecutive chapters of about equal size, at most `most` of them, each of at least `least_size`.

    The first run also prints something of size `lead` before its chapters.
    """
    weights = [chapter.size for chapter in printed]
    total = lead + sum(weights)
    count = max(1, min(most, total // least_size))
    groups: list[list[Chapter]] = [[] for _ in range(count)]
    done = lead
    for chapter, weight in zip(printed, weights, strict=True):
        groups[min(count - 1, (done + weight // 2) * count // total)].append(chapter)
        done += weight
    return [group for group in groups if group]


def case_chapter(case: Case, render: Callable[[str, str], str]) -> Chapter:
    # A case body's paths start at content/ (CONTENT-FORMAT 1).
    sections = [(s.kind.key, s.kind.heading, Markup(render(s.markdown, ""))) for s in case.sections]
    lead = Markup(render(case.lead, "")) if case.lead else Markup()
    return Chapter("case", f"case-{case.id}", case.title, case=case, html=lead, sections=sections)


def pack_booklet(pack: Pack) -> Booklet:
    """A pack printed on its own, like a booklet of that pack."""
    return Booklet(pack.id, pack.title, "以案四说学习包", None, "A5", None, (BookletItem("pack", pack=pack.id),))
