"""The content model: typed objects, built once by `load.py` after validation."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .script import fold

ROLES = ("一把手", "班子成员", "关键岗位", "一般干部")
THEMES = ("廉洁典故", "先贤家训", "当代楷模", "廉洁诗词", "地方特色", "其他")
KINDS = ("家训", "家书", "家风故事", "其他")
QUESTION_TYPES = ("single", "multiple", "judge")
PAPERS = ("A5", "A4")
IMPOSITIONS = ("saddle",)
FILTER_KEYS = ("sector", "role", "region", "violations", "year")

# Every field the format calls text, per content type ("a.b" is key b of mapping a; lists of text count).
# Text is shown exactly as written wherever it lands; tests/security writes a payload into each of these.
# tests/model/test_text_fields.py fails when a parser learns a key that is neither here nor in NOT_TEXT.
TEXT_FIELDS: dict[str, tuple[str, ...]] = {
    "case": (
        "title",
        "summary",
        "subject",
        "position",
        "region",
        "sector",
        "violations",
        "outcome",
        "rules",
        "source.publisher",
        "video.title",
    ),
    "question": ("stem", "options", "explain"),
    "bank": ("title",),
    "pack": ("title",),
    "jiafeng": ("title", "author", "era"),
    "park": ("name", "place"),
    "board": ("title", "location"),
    "booklet": ("title", "subtitle", "issuer"),
    "page": ("title", "description", "subtitle", "tags"),  # front matter of any Markdown page under content/
}


@dataclass(frozen=True)
class SectionKind:
    key: str  # stable anchor on the page, e.g. #shuo-de
    heading: str  # canonical simplified heading text
    required: bool
    lesson: str = ""  # the 以案四说 character, for the four lessons


# The order pages show them in (CONTENT-FORMAT section 1).
SECTIONS = (
    SectionKind("anqing", "案情", True),
    SectionKind("shuo-de", "以案说德", True, "德"),
    SectionKind("shuo-ji", "以案说纪", True, "纪"),
    SectionKind("shuo-fa", "以案说法", True, "法"),
    SectionKind("shuo-ze", "以案说责", True, "责"),
    SectionKind("zhenggai", "整改", False),
    SectionKind("taolun", "讨论", False),
    SectionKind("chanhui", "忏悔", False),
)
SECTION_BY_HEADING = {kind.heading: kind for kind in SECTIONS}


def facet_counts(cases: list[Case], key: str) -> tuple[tuple[str, int], ...]:
    """A filter's values with how many cases have each, as the case library and 类案分析 list them."""
    counts = Counter(value for case in cases for value in set(case.filter_values(key)))
    if key == "role":  # by rank, as ROLES gives it
        order = sorted(counts, key=lambda v: (ROLES.index(v) if v in ROLES else len(ROLES), v))
    elif key == "year":
        order = sorted(counts, reverse=True)  # newest first
    else:  # most common first: what people look for most
        order = sorted(counts, key=lambda v: (-counts[v], v))
    return tuple((value, counts[value]) for value in order)


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, month or day, as reports give it."""

    year: int
    month: int = 0
    day: int = 0

    @classmethod
    def of(cls, year: int, month: int | None, day: int | None) -> PartialDate:
        datetime.date(year, month or 1, day or 1)  # raises ValueError when impossible
        return cls(year, month or 0, day or 0)

    def __str__(self) -> str:
        parts = [f"{self.year:04d}"] + [f"{n:02d}" for n in (self.month, self.day) if n]
        return "-".join(parts)

    @property
    def chinese(self) -> str:
        text = f"{self.year}年"
        if self.month:
            text += f"{self.month}月"
        if self.day:
            text += f"{self.day}日"
        return text


def chinese_amount(yuan: int) -> str:
    """Money the way Chinese reports write it: 1610000 -> 161.0万元."""
    if yuan >= 100_000_000:
        return f"{yuan / 100_000_000:.2f}亿元"
    if yuan >= 10_000:
        return f"{yuan / 10_000:.1f}万元"
    return f"{yuan}元"


@dataclass(frozen=True)
class Source:
    publisher: str
    date: PartialDate
    url: str | None


@dataclass(frozen=True)
class Question:
    id: str
    type: str  # single | multiple | judge
    stem: str
    options: tuple[str, ...]
    answer: tuple[str, ...] | bool  # letters for single/multiple, bool for judge
    explain: str | None
    case: str | None

    @property
    def lettered_options(self) -> list[tuple[str, str]]:
        return [(chr(ord("A") + i), option) for i, option in enumerate(self.options)]


@dataclass(frozen=True)
class Video:
    file: str  # relative to docs_dir
    title: str | None
    poster: str | None
    captions: str | None


@dataclass(frozen=True)
class Section:
    kind: SectionKind
    written: str  # the heading as the author wrote it
    markdown: str


@dataclass
class Case:
    id: str
    path: str
    title: str
    summary: str
    subject: str
    position: str
    role: str
    region: str
    sector: tuple[str, ...]
    violations: tuple[str, ...]
    amount: int | None
    outcome: str
    date: PartialDate
    source: Source
    rules: tuple[str, ...]
    questions: tuple[Question, ...]
    video: Video | None
    lead: str  # Markdown before the first heading, if any
    sections: tuple[Section, ...]  # in page order
    discussion: tuple[str, ...]  # the items of 讨论
    keep_script: bool = False  # `script: keep`: shown as written on both sites

    @property
    def year(self) -> int:
        return self.date.year

    @property
    def amount_text(self) -> str | None:
        return None if self.amount is None else chinese_amount(self.amount)

    @property
    def sort_key(self) -> tuple:
        """Newest first, then by id."""
        return (-self.date.year, -self.date.month, -self.date.day, self.id)

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.kind.key == key), None)

    def filter_values(self, key: str) -> tuple[str, ...]:
        """This case's values for a filter key, folded to one script."""
        if key == "year":
            return (str(self.year),)
        value = getattr(self, key)
        values = value if isinstance(value, tuple) else (value,)
        return tuple(fold(v) for v in values)


@dataclass(frozen=True)
class Filter:
    """`select:` / booklet filters: every key must match (CONTENT-FORMAT 3)."""

    terms: tuple[tuple[str, frozenset[str]], ...]

    def matches(self, case: Case) -> bool:
        return all(wanted.intersection(case.filter_values(key)) for key, wanted in self.terms)


DEFAULT_PASS = 60  # percent, for a bank without `pass:` and for case and pack quizzes


@dataclass
class QuizBank:
    id: str
    path: str
    title: str
    pass_percent: int
    draw: int | None
    questions: tuple[Question, ...]


@dataclass
class Pack:
    id: str
    path: str  # the Markdown file, relative to the project root
    src_uri: str  # relative to docs_dir
    title: str
    cases: tuple[str, ...]  # selected case ids, in page order
    quiz: bool | int  # False, True (all questions) or questions per attempt
    markdown: str  # the pack's own text: agenda, introduction


@dataclass
class JiafengPage:
    path: str
    src_uri: str
    kind: str
    author: str | None
    era: str | None
    pinyin: bool


@dataclass
class Board:
    code: str
    path: str
    src_uri: str
    park: str
    title: str
    theme: str
    location: str | None
    size_mm: tuple[int, int]


@dataclass
class Park:
    id: str
    name: str
    place: str | None
    boards: list[Board] = field(default_factory=list)


@dataclass(frozen=True)
class LockEntry:
    code: str
    url: str
    first_built: PartialDate
    retired: str | None  # a board code or a page path under content/


@dataclass(frozen=True)
class BookletItem:
    kind: str  # cases | pack | page | confessions
    cases: tuple[str, ...] = ()  # resolved case ids for cases/confessions
    pack: str | None = None
    page: str | None = None  # relative to docs_dir


@dataclass
class Booklet:
    id: str
    title: str
    subtitle: str | None
    issuer: str | None
    paper: str
    imposition: str | None
    contents: tuple[BookletItem, ...]


@dataclass
class Project:
    """Everything the authors wrote, validated."""

    root: Path
    docs_dir: Path
    site_url: str | None
    cases: list[Case]  # newest first
    banks: list[QuizBank]
    packs: list[Pack]
    jiafeng: list[JiafengPage]
    parks: list[Park]
    booklets: list[Booklet]
    lock: dict[str, LockEntry]
    lock_file: Path  # site_config/qr-lock.yml, written by the build
    published: frozenset[str] = frozenset()  # docs-relative files under content/ that may be published
    names: tuple[str, ...] = ()  # names.yml, then case subjects: script.py says how each script writes them
    pinyin: dict[str, tuple[str, ...]] = field(default_factory=dict)  # phrase -> syllables, from pinyin.yml
    case_lock: dict[str, LockEntry] = field(default_factory=dict)  # every case ever built (CONTENT-FORMAT 11)
    marked: frozenset[str] = frozenset()  # files whose body has raw HTML, links or attribute lists

    @cached_property
    def case_by_id(self) -> dict[str, Case]:
        return {case.id: case for case in self.cases}

    @property
    def boards(self) -> list[Board]:
        return [board for park in self.parks for board in park.boards]
