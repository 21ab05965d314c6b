"""qingfeng/share: what a chat app shows for a shared link.

Every page gets Open Graph tags (title, description, absolute address and image). Case, pack,
board and 家风 pages get a card image of their own (share/card.py), the other pages the site's
card. The mirror's pages show the same cards: drawing them again in traditional script would
double the cost of a first build for a title the tags give in the mirror's script anyway. Cards
are kept in the build cache by what they show, so a rebuild draws none again. A first build draws
them in a helper process that runs only when a core is idle: from the moment a page's title is
known, while MkDocs reads pages, writes them and then writes the mirror and the offline edition
(core's online_files), before which the build draws the rest itself.

The card's text is the page's title as the page shows it, the same text as its og:title, which
the scan of the built site reads: a title that may not be published fails the build either way.
"""

from __future__ import annotations

import hashlib
import html
import logging
import shutil
from dataclasses import astuple
from pathlib import Path
from urllib.parse import quote

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from ..core.base import QingfengPlugin
from ..core.mirror import link_or_copy
from ..core.plugin import (
    cache_of,
    into_head,
    markdown_templates,
    online_files,
    project_of,
    reused,
    shown,
    urls_of,
)
from ..model import urls as places
from ..model.schema import Board, Case, Pack
from ..render.cache import store
from ..render.sidecar import Sidecar
from . import card as cards
from .card import SQUARE, WIDE, Card, NoFonts
from .config import ShareConfig

log = logging.getLogger("mkdocs.plugins.qingfeng.share")

TEMPLATES = Path(__file__).parent / "templates"
VERSION = "2"  # of the cards' design: a new design draws every card again
LABELS = {Case: "典型案例", Pack: "以案四说学习包"}
JIAFENG = "家风"


class SharePlugin(QingfengPlugin[ShareConfig]):
    def __init__(self) -> None:
        self.serving = False
        self.helper: Sidecar | None = None  # draws this build's cards (in this process where it cannot fork)
        self.cards: dict[str, Path] = {}  # a card in the site (site-relative) -> its cache entry
        self.drawing: dict[Path, tuple[Card, tuple[int, int]]] = {}  # entries sent to be drawn in this build
        self.sent: dict[str, tuple[tuple[str, str], list]] = {}  # src_uri -> its title and label, its cards
        self.fonts: cards.Fonts | None = None  # None: no cards in this build
        self.seal = (0, 0, 0)
        self.parks: dict[str, str] = {}  # park id -> name
        self.jiafeng: dict = {}  # src_uri -> JiafengPage

    def on_startup(self, *, command, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        config.theme.dirs.append(str(TEMPLATES))
        self._close()
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Set up once the content is known to be valid (a preview with errors never gets here)."""
        self.cards, self.drawing, self.sent, self.fonts = {}, {}, {}, None
        self.seal = tuple(int(self.config.seal_color[n : n + 2], 16) for n in (1, 3, 5))
        project = project_of(config)
        self.parks = {park.id: park.name for park in project.parks}
        self.jiafeng = {page.src_uri: page for page in project.jiafeng if page.src_uri != places.JIAFENG.src_uri}
        if not (self.config.cards and config.site_url) or self.serving:
            # An image Open Graph can use has an absolute address. The preview's would be the dev
            # server's, of no use to a chat app: it shows the tags, and a build draws the cards.
            return files
        online_files(config, self._place)  # a card is for a link shared from the site, not for a USB stick
        try:
            self.fonts = cards.fonts()
        except NoFonts as missing:
            raise PluginError(
                f"生成分享卡片需要中文字体 Noto CJK（{missing}，Debian 软件包 fonts-noto-cjk）：请安装，"
                "或在 mkdocs.yml 的 qingfeng/share 中设 cards: false"
            ) from None
        self.helper = Sidecar(idle=True)
        self.helper.task("share.draw", _draw)
        return files

    @event_priority(-100)  # the title as every plugin leaves it
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> None:
        """A first build sends a page's cards to be drawn as soon as its title is known: MkDocs
        reads every page before it writes one, and the helper draws on whatever core time the
        build leaves from then on. The page's tags are made (and its cards sent again should its
        title have changed since) once it is written."""
        if self.fonts is not None:
            subject = self._subject(page, config)
            self.sent[page.file.src_uri] = (subject, self._cards(config, page, *subject))

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if reused(config, page) or not output.strip():
            return output  # the preview's page as its last build made it, tags and all
        title, label = self._subject(page, config)
        urls = urls_of(config)
        description = page.meta.get("description") or config.site_description
        share = {
            "type": "article" if label else "website",
            "title": title,
            "description": description if isinstance(description, str) else config.site_description or "",
            "url": urls.absolute(page.url) if config.site_url else None,
        }
        if self.fonts is not None:
            subject, made = self.sent.pop(page.file.src_uri, (None, []))
            if subject != (title, label):
                made = self._cards(config, page, title, label)
            self.cards.update(made)
            (wide, _), (square, _) = made
            version = hashlib.sha256("".join(entry.name for _, entry in made).encode()).hexdigest()[:8]
            share |= {
                # A page's file name may hold any character; its card's address is percent-encoded as page.url is.
                "image": f"{urls.absolute(quote(wide))}?v={version}",
                "square": f"{urls.absolute(quote(square))}?v={version}",
                "width": WIDE[0],
                "height": WIDE[1],
            }
        head = markdown_templates(config).get_template("qingfeng/share.html").render(config=config, share=share)
        return into_head(output, head)

    def _subject(self, page: Page, config: MkDocsConfig) -> tuple[str, str]:
        """The page's title, and what the page is when it has a card of its own ("" otherwise)."""
        thing = shown(config, page)
        # As the page's <title> shows it: MkDocs and qingfeng/core keep titles as HTML text.
        title = html.unescape(page.title or "") or config.site_name
        if isinstance(thing, Board):
            return title, self.parks.get(thing.park, "廉洁文化主题公园")
        if type(thing) in LABELS:
            return title, LABELS[type(thing)]
        jiafeng = self.jiafeng.get(page.file.src_uri)
        if jiafeng is not None:
            return title, jiafeng.kind or JIAFENG
        return (config.site_name if page.is_homepage else title), ""

    def _cards(self, config: MkDocsConfig, page: Page, title: str, label: str) -> list[tuple[str, Path]]:
        """The page's wide and square cards: where each goes in the site, and its cache entry,
        sent to be drawn if it is not drawn yet."""
        dest = page.file.dest_uri if label else urls_of(config).dest(places.HOME)
        cache = cache_of(config)
        if not label:  # the site's card
            title, site = config.site_name, config.site_description or config.site_name
        else:
            site = config.site_name
        made = []
        shown_card = Card(title, label, site, self.seal)
        for size, square in ((WIDE, False), (SQUARE, True)):
            parts = (VERSION, *map(str, astuple(shown_card)), str(size), *map(str, astuple(self.fonts)))
            entry = cache.entry(parts, ".png")
            if entry not in self.drawing and not entry.is_file():
                self.drawing[entry] = (shown_card, size)
                # Not taken (the helper is behind or gone): _place draws it.
                self.helper.offer("share.draw", str(entry), shown_card, size, self.fonts)
            made.append((places.card(dest, square), entry))
        return made

    def _place(self, site: Path) -> None:
        """The cards into the site (the mirror's pages show the same). Needed only now: the
        helper draws while the build writes the mirror and the offline edition; what it has not
        drawn yet is drawn here, from the last card back while it goes on from the front, and it
        is stopped once every card is there (on a busy machine it may have drawn none)."""
        needed = set(self.cards.values())  # not a page's first cards if its title changed since
        drawn = [(entry, drawing) for entry, drawing in self.drawing.items() if entry in needed]
        for entry, (card, size) in reversed(drawn):
            if not entry.is_file():
                _draw(str(entry), card, size, self.fonts)
        self._close()
        # A build in place (--dirty) has the last build's mirror of the cards, which pages no longer name.
        shutil.rmtree(site / places.MIRROR / places.CARDS, ignore_errors=True)
        folders: set[Path] = set()  # made: a page's two cards share one
        for site_path, entry in self.cards.items():
            target = site / site_path
            if target.parent not in folders:
                target.parent.mkdir(parents=True, exist_ok=True)
                folders.add(target.parent)
            target.unlink(missing_ok=True)
            link_or_copy(entry, target)
        if drawn:
            log.info("分享卡片：新画了 %d 张", len(drawn))

    def on_build_error(self, *, error: Exception) -> None:
        self._close()

    def on_shutdown(self) -> None:
        self._close()

    def _close(self) -> None:
        if self.helper is not None:
            self.helper.close()
            self.helper = None


def _draw(entry: str, card: Card, size: tuple[int, int], fonts: cards.Fonts) -> None:
    store(Path(entry), cards.draw(card, size, fonts))
