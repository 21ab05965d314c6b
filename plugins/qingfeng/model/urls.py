"""Every address of the site: where each thing is published and the URL that reaches it.

The one table for plugins, templates, booklets and the QR lock. Pages follow MkDocs'
`use_directory_urls` (`packs/x/` or `packs/x.html`), except the pages whose address is
printed: a board's and a case's page is always the index of its own folder, so the
`…/b/KS01/` on a board opens on any web server whichever scheme the site uses
(CONTENT-FORMAT 5, 11). Absolute URLs keep the path of `site_url` (`https://host/lian/`).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from .quiz import VARIANTS

MIRROR = "zh-hant"  # the traditional-script mirror: the whole site again below this folder
FEED = "feed.xml"
DOWNLOADS = "downloads"  # booklets, pack and quiz PDFs
BOARD_PRINT = "print/boards"  # board artwork and sticker sheets
QR = "qr"  # the board codes as images
OFFLINE = f"{DOWNLOADS}/offline.zip"  # the whole site, to open from disk (core/offline.py)
SEARCH = "search"  # the search index (qingfeng/search), the mirror's at zh-hant/search
CARDS = "cards"  # share cards (qingfeng/share); the mirror's pages show these


@dataclass(frozen=True)
class Place:
    """A page: its path without suffix (`cases/x`).

    `index`: the page is its folder's index (`cases/index.md`), in either scheme.
    `printed`: its address is printed, so it is published as its folder's index in either scheme,
    from a file named like any page (`cases/x.md`, which a menu may name).
    """

    path: str
    index: bool = False
    printed: bool = False

    @property
    def src_uri(self) -> str:
        """The Markdown file of a generated page at this place."""
        return f"{self.path}/index.md" if self.index else f"{self.path}.md"


HOME = Place("", index=True)
LIBRARY = Place("cases", index=True)
CONFESSIONS = Place("cases/confessions", index=True)  # the model keeps "confessions" from being a case id
FILMS = Place("films", index=True)
PACKS = Place("packs", index=True)
QUIZZES = Place("quizzes", index=True)
PARKS = Place("park", index=True)
ANALYSIS = Place("analysis", index=True)
TAGS = Place("tags", index=True)  # every filter value of the library, with its count
JIAFENG = Place("jiafeng", index=True)
DOWNLOADS_PAGE = Place(DOWNLOADS, index=True)


LIBRARY_DATA = "cases/library.data.js"  # every case as the library lists it, for its filters


def library_page(number: int) -> Place:
    """The library's page `number` (from 1). Not a name a case id can have ([a-z0-9-])."""
    return LIBRARY if number == 1 else Place(f"cases/page_{number}", index=True)


def case(case_id: str) -> Place:
    return Place(f"cases/{case_id}", printed=True)  # in booklets


def board(code: str) -> Place:
    return Place(f"b/{code}", printed=True)  # on the board


def park(park_id: str) -> Place:
    return Place(f"park/{park_id}", index=True)


def pack(pack_id: str) -> Place:
    return Place(f"packs/{pack_id}")


def quiz(bank_id: str) -> Place:
    return Place(f"quizzes/{bank_id}", index=True)  # its papers are below it


def paper(bank_id: str, variant: str) -> Place:
    """The first variant at …/paper/, the others below it (…/paper/b/)."""
    base = f"quizzes/{bank_id}/paper"
    return Place(base if variant == VARIANTS[0] else f"{base}/{variant.lower()}")


# Files: site-relative paths, the same in either scheme.


def booklet_pdf(booklet_id: str, imposed: bool = False) -> str:
    return f"{DOWNLOADS}/{booklet_id}{'-print' if imposed else ''}.pdf"


def pack_pdf(pack_id: str) -> str:
    return f"{DOWNLOADS}/packs/{pack_id}.pdf"


def paper_pdf(bank_id: str, variant: str) -> str:
    return f"{DOWNLOADS}/quizzes/{bank_id}-{variant}.pdf"


def board_pdf(code: str) -> str:
    return f"{BOARD_PRINT}/{code}.pdf"


def stickers_pdf(park_id: str) -> str:
    return f"{BOARD_PRINT}/{park_id}-qr.pdf"


def card(dest_uri: str, square: bool = False) -> str:
    """The share card of the page written to `dest_uri` (cases/x/index.html: cards/cases/x/index.png);
    the site's own card is the home page's (cards/index.png). A page's file is its own, so is its card."""
    return f"{CARDS}/{dest_uri.removesuffix('.html')}{'.square' if square else ''}.png"


def qr_image(code: str, kind: str) -> str:
    return f"{QR}/{code}.{kind}"


def _query_part(text: str) -> str:
    # Chinese stays as written, so that the mirror converts it with the page (a filter link on
    # /zh-hant/ asks for 工程建設, as the library there lists it); ASCII that means something in
    # a URL, and invisible characters, are escaped.
    return "".join(ch if ord(ch) > 127 and ch.isprintable() and not ch.isspace() else quote(ch, safe="") for ch in text)


def query(**params: object) -> str:
    """A query string for the case library's filters: `sector=教育&year=2025`."""
    return "&".join(f"{_query_part(key)}={_query_part(str(value))}" for key, value in params.items())


def printed(site_url: str, place: Place) -> str:
    """The absolute URL a QR code carries: always the folder form, which every scheme publishes."""
    return f"{site_url.rstrip('/')}/{place.path}/" if place.path else f"{site_url.rstrip('/')}/"


@dataclass(frozen=True)
class Urls:
    """Places as this site publishes them: by its `use_directory_urls` and `site_url`."""

    directory_urls: bool = True
    site_url: str | None = None

    def dest(self, place: Place) -> str:
        """The file the page is written to, relative to site/."""
        if place.index or place.printed or self.directory_urls:
            return f"{place.path}/index.html".lstrip("/")
        return f"{place.path}.html"

    def url(self, place: Place) -> str:
        """The site-relative URL of the page, as MkDocs links it."""
        if self.directory_urls:
            return f"{place.path}/" if place.path else ""
        return self.dest(place)

    def absolute(self, path: str) -> str | None:
        """A site-relative URL or file made absolute; None without a site_url."""
        return f"{self.site_url.rstrip('/')}/{path}" if self.site_url else None

    def printed(self, place: Place) -> str | None:
        return printed(self.site_url, place) if self.site_url else None
