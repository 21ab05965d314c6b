"""qingfeng/boards: park boards on phones, QR codes that never break, print artwork."""

from __future__ import annotations

import logging
import posixpath
from pathlib import Path
from urllib.parse import unquote

import segno
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..core.pages import front_matter, page_url, place
from ..core.plugin import cache_of, markdown_templates, pdf_roots, project_of
from ..model import lock as qrlock
from ..model.parks import CODE
from ..model.schema import Board, Park
from ..render import pdf, qr
from ..render.cache import Cache
from .artwork import layout
from .config import BoardsConfig

log = logging.getLogger("mkdocs.plugins.qingfeng.boards")

TEMPLATES = Path(__file__).parent / "templates"


class BoardsPlugin(BasePlugin[BoardsConfig]):
    def __init__(self) -> None:
        self.serving = False
        self.boards: dict[str, Board] = {}  # src_uri -> board
        self.parks: dict[str, Park] = {}  # src_uri of the park index -> park
        self.retired: dict[str, str] = {}  # src_uri -> site-relative target URL
        self.texts: dict[str, str] = {}  # code -> board text as HTML, for the artwork
        self.list_uri = "park/index.md"

    def on_startup(self, *, command, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.boards, self.parks, self.retired, self.texts = {}, {}, {}, {}
        self.images = pdf.Images(Path(config.docs_dir))  # one per build: each photo read and hashed once
        config.theme.dirs.append(str(TEMPLATES))
        return config

    def url(self, config: MkDocsConfig, path: str) -> str:
        return page_url(path, config.use_directory_urls)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        project = project_of(config)
        hidden = InclusionLevel.NOT_IN_NAV
        for park in project.parks:
            src_uri = f"park/{park.id}/index.md"
            files.append(
                File.generated(
                    config, src_uri, content=front_matter({"title": park.name, "template": "qingfeng/park.html"})
                )
            )
            self.parks[src_uri] = park
            for board in park.boards:
                # The page itself at /b/<CODE>/, no redirect: one round trip less on a weak network.
                place(files.get_file_from_path(board.src_uri), f"b/{board.code}", config.use_directory_urls)
                self.boards[board.src_uri] = board
                self._add_codes(files, config, board)
        for code, entry in project.lock.items():
            if entry.retired:
                target = entry.retired
                page = None if CODE.fullmatch(target) else files.get_file_from_path(target)
                url = page.url if page is not None else self.url(config, f"b/{target}")
                src_uri = f"b/{code}/index.md"
                meta = {
                    "title": f"展板 {code} 已更换",
                    "template": "qingfeng/board-retired.html",
                    "search": {"exclude": True},
                }
                files.append(File.generated(config, src_uri, content=front_matter(meta), inclusion=hidden))
                self.retired[src_uri] = url
        meta = {"title": self.config.list_title, "template": "qingfeng/park-list.html"}
        files.append(File.generated(config, self.list_uri, content=front_matter(meta)))
        return files

    def _add_codes(self, files: Files, config: MkDocsConfig, board: Board) -> None:
        url = qrlock.board_url(config.site_url, board.code)
        cache = cache_of(config)
        for kind, make in (("svg", qr.svg), ("png", qr.png)):
            path = cache.get(("qr", kind, url, qr.ERROR_LEVEL, segno.__version__), f".{kind}", lambda m=make: m(url))
            files.append(File.generated(config, f"qr/{board.code}.{kind}", abs_src_path=str(path)))

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if page.file.src_uri in self.boards:
            page.meta["template"] = "qingfeng/board.html"
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        board = self.boards.get(page.file.src_uri)
        if board is not None:
            # Printed on the board's PDF: its images placed as the booklets place them.
            self.texts[board.code] = self.images(html, posixpath.dirname(unquote(page.file.url)))
        return html

    def on_page_context(self, context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
        src_uri = page.file.src_uri
        project = project_of(config)
        parks = {park.id: park for park in project.parks}
        if src_uri in self.boards:
            board = self.boards[src_uri]
            park = parks[board.park]
            index = park.boards.index(board)
            context["board"] = board
            context["park"] = park
            context["park_url"] = self.url(config, f"park/{park.id}")
            context["previous"] = park.boards[index - 1] if index > 0 else None
            context["next"] = park.boards[index + 1] if index + 1 < len(park.boards) else None
            context["board_urls"] = {b.code: self.url(config, f"b/{b.code}") for b in park.boards}
        elif src_uri in self.parks:
            park = self.parks[src_uri]
            context["park"] = park
            context["board_urls"] = {b.code: self.url(config, f"b/{b.code}") for b in park.boards}
            context["pdfs"] = self._pdfs_built(config)
        elif src_uri in self.retired:
            context["target_url"] = self.retired[src_uri]
        elif src_uri == self.list_uri:
            context["parks"] = [(park, self.url(config, f"park/{park.id}")) for park in project.parks]
        return context

    def _pdfs_built(self, config: MkDocsConfig) -> bool:
        return self.config.pdf and (self.config.pdf_on_serve or not self.serving)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self._pdfs_built(config):
            return
        env = markdown_templates(config)
        cache = cache_of(config)
        out = Path(config.site_dir) / "print" / "boards"
        out.mkdir(parents=True, exist_ok=True)
        roots = pdf_roots(config)
        for park in project_of(config).parks:
            for board in park.boards:
                url = qrlock.board_url(config.site_url, board.code)
                html = env.get_template("qingfeng/board-print.html").render(
                    board=board,
                    park=park,
                    text=self.texts.get(board.code, ""),
                    layout=layout(board),
                    qr_svg=qr.svg(url).decode(),
                    url=url,
                )
                self._pdf(cache, html, out / f"{board.code}.pdf", roots)
            if park.boards:
                stickers = [(b, qr.svg(qrlock.board_url(config.site_url, b.code)).decode()) for b in park.boards]
                html = env.get_template("qingfeng/board-stickers.html").render(park=park, stickers=stickers)
                self._pdf(cache, html, out / f"{park.id}-qr.pdf", roots)
        self.images.warn_missing()

    @staticmethod
    def _pdf(cache: Cache, html: str, target: Path, roots: tuple[Path, ...]) -> None:
        path = cache.get(("pdf", html, pdf.version()), ".pdf", lambda: pdf.render_pdf(html, roots=roots))
        target.write_bytes(path.read_bytes())
