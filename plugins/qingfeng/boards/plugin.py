"""qingfeng/boards: park boards on phones, QR codes that never break, print artwork."""

from __future__ import annotations

import logging
import posixpath
from pathlib import Path
from urllib.parse import unquote

import segno
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..core.base import QingfengPlugin
from ..core.pages import move
from ..core.plugin import cache_of, markdown_templates, page_file, pdf_roots, project_of, show, shown, urls_of
from ..model import urls as places
from ..model.parks import CODE
from ..model.schema import Board, Park
from ..render import pdf, qr
from ..render.cache import Cache
from .artwork import layout
from .config import BoardsConfig

log = logging.getLogger("mkdocs.plugins.qingfeng.boards")

TEMPLATES = Path(__file__).parent / "templates"


class BoardsPlugin(QingfengPlugin[BoardsConfig]):
    list_uri = places.PARKS.src_uri

    def __init__(self) -> None:
        self.serving = False
        self.retired: dict[str, str] = {}  # src_uri -> site-relative target URL
        self.texts: dict[str, str] = {}  # code -> board text as HTML, for the artwork

    def on_startup(self, *, command, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.retired, self.texts = {}, {}
        self.images = pdf.Images(Path(config.docs_dir))  # one per build: each photo read and hashed once
        config.theme.dirs.append(str(TEMPLATES))
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        project = project_of(config)
        urls = urls_of(config)
        for park in project.parks:
            meta = {"title": park.name, "template": "qingfeng/park.html"}
            files.append(page_file(config, places.park(park.id), meta))
            show(config, places.park(park.id).src_uri, park)
            for board in park.boards:
                # The page itself at /b/<CODE>/, no redirect: one round trip less on a weak network.
                move(files.get_file_from_path(board.src_uri), urls.dest(places.board(board.code)))
                show(config, board.src_uri, board)
                self._add_codes(files, config, board)
        for code, entry in project.lock.items():
            if entry.retired:
                target = entry.retired
                page = None if CODE.fullmatch(target) else files.get_file_from_path(target)
                url = page.url if page is not None else urls.url(places.board(target))
                meta = {
                    "title": f"展板 {code} 已更换",
                    "template": "qingfeng/board-retired.html",
                    "search": {"exclude": True},
                }
                files.append(page_file(config, places.board(code), meta, hidden=True))
                self.retired[places.board(code).src_uri] = url
        meta = {"title": self.config.list_title, "template": "qingfeng/park-list.html"}
        files.append(page_file(config, places.PARKS, meta))
        return files

    def _add_codes(self, files: Files, config: MkDocsConfig, board: Board) -> None:
        url = urls_of(config).printed(places.board(board.code))
        cache = cache_of(config)
        for kind, make in (("svg", qr.svg), ("png", qr.png)):
            path = cache.get(("qr", kind, url, qr.ERROR_LEVEL, segno.__version__), f".{kind}", lambda m=make: m(url))
            files.append(File.generated(config, places.qr_image(board.code, kind), abs_src_path=str(path)))

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if isinstance(shown(config, page), Board):
            page.meta["template"] = "qingfeng/board.html"
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        board = shown(config, page)
        if isinstance(board, Board):
            # Printed on the board's PDF: its images placed as the booklets place them.
            self.texts[board.code] = self.images(html, posixpath.dirname(unquote(page.file.url)))
        return html

    def on_page_context(self, context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
        src_uri = page.file.src_uri
        project = project_of(config)
        thing = shown(config, page)
        if isinstance(thing, Board):
            park = next(park for park in project.parks if park.id == thing.park)
            index = park.boards.index(thing)
            context["board"] = thing
            context["park"] = park
            context["previous"] = park.boards[index - 1] if index > 0 else None
            context["next"] = park.boards[index + 1] if index + 1 < len(park.boards) else None
        elif isinstance(thing, Park):
            context["park"] = thing
            context["pdfs"] = self._pdfs_built(config)
        elif src_uri in self.retired:
            context["target_url"] = self.retired[src_uri]
        elif src_uri == self.list_uri:
            context["parks"] = project.parks
        return context

    def _pdfs_built(self, config: MkDocsConfig) -> bool:
        return self.config.pdf and (self.config.pdf_on_serve or not self.serving)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self._pdfs_built(config):
            return
        env = markdown_templates(config)
        cache = cache_of(config)
        urls = urls_of(config)
        site = Path(config.site_dir)
        roots = pdf_roots(config)
        for park in project_of(config).parks:
            for board in park.boards:
                url = urls.printed(places.board(board.code))
                html = env.get_template("qingfeng/board-print.html").render(
                    board=board,
                    park=park,
                    text=self.texts.get(board.code, ""),
                    layout=layout(board),
                    qr_svg=qr.svg(url).decode(),
                    url=url,
                )
                self._pdf(cache, html, site / places.board_pdf(board.code), roots)
            if park.boards:
                stickers = [(b, qr.svg(urls.printed(places.board(b.code))).decode()) for b in park.boards]
                html = env.get_template("qingfeng/board-stickers.html").render(park=park, stickers=stickers)
                self._pdf(cache, html, site / places.stickers_pdf(park.id), roots)
        self.images.warn_missing()

    @staticmethod
    def _pdf(cache: Cache, html: str, target: Path, roots: tuple[Path, ...]) -> None:
        path = cache.get(("pdf", html, pdf.version()), ".pdf", lambda: pdf.render_pdf(html, roots=roots))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
