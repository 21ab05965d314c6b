"""qingfeng/booklets: printable booklets (警示录, 家风读本), pack and quiz PDFs, /downloads/."""

from __future__ import annotations

import datetime
import logging
import os
import posixpath
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from jinja2 import Environment
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..core.base import CASES, CORE, QUIZ, QingfengPlugin, enabled
from ..core.markdown import Renderer
from ..core.plugin import cache_of, page_file, pdf_roots, project_of, shown, urls_of
from ..model import urls as places
from ..model.paths import size_text
from ..model.quiz import VARIANTS, QuizPage, bank_quiz, paper
from ..model.schema import Booklet, Pack
from ..render import folio, impose, pdf, qr
from ..render.cache import Cache
from .chapters import PageSource, chapters, pack_booklet, split
from .config import BookletsConfig

log = logging.getLogger("mkdocs.plugins.qingfeng.booklets")

TEMPLATES = Path(__file__).parent / "templates"
# Page numbers in 8pt, centred in the 16mm bottom margin, which booklet.html's @page takes from here.
FOOTER = folio.Footer(size=8, margin=16, first=1)
# A booklet renders in parts side by side, one per core, each of at least this size
# (Chapter.size; about 15 A5 pages): a part costs some 0.3 s and 150 KB of fonts of its own.
PART_SIZE = 10_000
FRONT_SIZE = 2_000  # the cover and 目录, which the first part prints too


@dataclass(frozen=True)
class Download:
    title: str
    url: str  # site-relative
    pages: int
    size: str
    note: str = ""


class BookletsPlugin(QingfengPlugin[BookletsConfig]):
    requires = (CORE, CASES)  # a booklet's QR codes open the case pages
    list_uri = places.DOWNLOADS_PAGE.src_uri

    def __init__(self) -> None:
        self.serving = False
        self.pages: dict[str, PageSource] = {}  # src_uri -> rendered page, for `page:` items
        self.downloads: list[Download] = []
        self.cache: Cache | None = None
        self.wanted: set[str] = set()
        self.images: pdf.Images | None = None

    def on_startup(self, *, command, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.pages, self.downloads = {}, []
        config.theme.dirs.append(str(TEMPLATES))
        return config

    @property
    def making(self) -> bool:
        """Whether this build makes the PDFs."""
        return self.config.pdf_on_serve or not self.serving

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        # Pages that booklets print (`page:` items): their HTML is kept as it is rendered.
        self.wanted = {item.page for b in project_of(config).booklets for item in b.contents if item.page}
        self.images = pdf.Images(Path(config.docs_dir))
        meta = {"title": self.config.title, "template": "qingfeng/downloads.html"}
        files.append(page_file(config, places.DOWNLOADS_PAGE, meta))
        return files

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if page.file.src_uri in self.wanted and self.making:
            # As MkDocs wrote it for the page's URL: its images are found from the folder of that URL.
            printed = self.images(html, posixpath.dirname(unquote(page.file.url)))
            self.pages[page.file.src_uri] = PageSource(Markup(page.title or ""), Markup(printed))
        return html

    # Every page's content exists now and no page is written yet, so the
    # downloads page can list page counts and sizes.
    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        if not self.making:
            return env
        project = project_of(config)
        self.cache = cache_of(config)
        markdown = Renderer(config)

        def render(text: str, folder: str = "") -> str:
            """Markdown written relative to the docs-relative `folder`, for print."""
            return self.images(markdown(text), folder)

        site = Path(config.site_dir)
        urls = urls_of(config)
        roots = pdf_roots(config)
        year = datetime.date.today().year

        def code(case_id: str) -> str | None:
            """A small QR code to the case online, so a reader can go on to its quiz."""
            url = urls.printed(places.case(case_id))
            return qr.png_data_uri(url) if url else None

        def booklet_pdf(booklet: Booklet, target: str) -> bytes:
            started = time.perf_counter()  # the time logged includes the QR codes and templates
            printed = chapters(booklet, project, render, self.pages)
            codes = {c.case.id: code(c.case.id) for c in printed if c.case}
            template = env.get_template("qingfeng/booklet.html")

            def part(chapters: list, first: bool) -> str:
                toc = printed if first else []
                return template.render(booklet=booklet, toc=toc, chapters=chapters, qr=codes, year=year, footer=FOOTER)

            groups = split(printed, os.cpu_count() or 1, PART_SIZE, lead=FRONT_SIZE) or [[]]
            parts = [part(group, first=n == 0) for n, group in enumerate(groups)]
            digits = template.render(booklet=booklet, digits=True, footer=FOOTER)
            key = ("booklet", *parts, digits, repr(FOOTER))  # the footer is stamped after rendering
            return self._write(site, target, booklet.title, key, lambda: _join(parts, digits, roots), started=started)

        for booklet in project.booklets:
            data = booklet_pdf(booklet, places.booklet_pdf(booklet.id))
            if booklet.imposition == "saddle":
                self._write(
                    site,
                    places.booklet_pdf(booklet.id, imposed=True),
                    f"{booklet.title}（骑马钉印刷版）",
                    ("impose", data),
                    lambda d=data: impose.impose(d),
                    note="A4 横向双面打印，沿短边翻转，对折装订",
                )
        if self.config.packs:
            for pack in project.packs:
                booklet_pdf(pack_booklet(pack), places.pack_pdf(pack.id))
        if self.config.papers and enabled(config.plugins, QUIZ):  # a paper is laid out by qingfeng/quiz
            for bank in project.banks:
                quiz = bank_quiz(bank)
                for variant in VARIANTS:
                    html = env.get_template("qingfeng/paper-print.html").render(
                        paper=paper(quiz, variant),
                        paper_quiz=quiz,
                        variant=variant,
                        case_titles={case.id: case.title for case in project.cases},
                    )
                    target = places.paper_pdf(bank.id, variant)
                    title = f"{bank.title}（试卷 {variant}）"
                    self._write(site, target, title, ("paper", html), lambda h=html: pdf.render_pdf(h, roots=roots))
        self.images.warn_missing()
        return env

    def _write(
        self,
        site: Path,
        target: str,
        title: str,
        key: tuple[str | bytes, ...],
        make: Callable[[], bytes],
        note: str = "",
        started: float | None = None,
    ) -> bytes:
        """The PDF made from these inputs, made only if the cache lacks it."""
        started = started or time.perf_counter()
        path = self.cache.get((*key, pdf.version()), ".pdf", make)
        data = path.read_bytes()
        (site / target).parent.mkdir(parents=True, exist_ok=True)
        (site / target).write_bytes(data)
        pages = impose.page_count(data)
        self.downloads.append(Download(title, target, pages, size_text(len(data)), note))
        log.info(f"PDF {target}：{pages} 页，{size_text(len(data))}，{time.perf_counter() - started:.2f} 秒")
        return data

    def on_page_context(self, context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
        made = {d.url for d in self.downloads}
        thing = shown(config, page)
        if page.file.src_uri == self.list_uri:
            context["downloads"] = self.downloads
        elif isinstance(thing, Pack) and places.pack_pdf(thing.id) in made:
            context["pack_pdf"] = places.pack_pdf(thing.id)
        elif isinstance(thing, QuizPage):
            pdfs = [(v, places.paper_pdf(thing.quiz.id, v)) for v in VARIANTS]
            context["paper_pdfs"] = [(v, url) for v, url in pdfs if url in made]
        return context


def _join(parts: list[str], digits: str, roots: tuple[Path, ...]) -> bytes:
    """Render a booklet's parts and its digits side by side and join them, page numbers stamped."""
    *rendered, sample = pdf.render_many([*parts, digits], roots=roots)
    return folio.assemble(rendered, sample.pdf, FOOTER)
