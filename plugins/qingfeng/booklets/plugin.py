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
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..cases.plugin import BASE as CASES
from ..core.markdown import Renderer
from ..core.pages import front_matter
from ..core.plugin import cache_of, pdf_roots, project_of
from ..model.quiz import VARIANTS, bank_quiz, paper
from ..model.schema import Booklet
from ..render import folio, impose, pdf, qr
from ..render.cache import Cache
from .chapters import PageSource, chapters, pack_booklet, split
from .config import BookletsConfig

log = logging.getLogger("mkdocs.plugins.qingfeng.booklets")

TEMPLATES = Path(__file__).parent / "templates"
BASE = "downloads"
# Page numbers as booklet.html places the footer: 8pt, centred in its 16mm bottom margin.
FOOTER = folio.Footer(size=8, baseline=20, first=1)
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


def _size(length: int) -> str:
    return f"{length / 1024:.0f} KB" if length < 1024 * 1024 else f"{length / 1024 / 1024:.1f} MB"


class BookletsPlugin(BasePlugin[BookletsConfig]):
    def __init__(self) -> None:
        self.serving = False
        self.pages: dict[str, PageSource] = {}  # src_uri -> rendered page, for `page:` items
        self.downloads: list[Download] = []
        self.cache: Cache | None = None
        self.wanted: set[str] = set()
        self.images: pdf.Images | None = None
        self.list_uri = f"{BASE}/index.md"

    def on_startup(self, *, command, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.pages, self.downloads = {}, []
        config.theme.dirs.append(str(TEMPLATES))
        return config

    @property
    def enabled(self) -> bool:
        return self.config.pdf_on_serve or not self.serving

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        # Pages that booklets print (`page:` items): their HTML is kept as it is rendered.
        self.wanted = {item.page for b in project_of(config).booklets for item in b.contents if item.page}
        self.images = pdf.Images(Path(config.docs_dir))
        meta = {"title": self.config.title, "template": "qingfeng/downloads.html"}
        files.append(File.generated(config, self.list_uri, content=front_matter(meta)))
        return files

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if page.file.src_uri in self.wanted and self.enabled:
            # As MkDocs wrote it for the page's URL: its images are found from the folder of that URL.
            printed = self.images(html, posixpath.dirname(unquote(page.file.url)))
            self.pages[page.file.src_uri] = PageSource(Markup(page.title or ""), Markup(printed))
        return html

    # Every page's content exists now and no page is written yet, so the
    # downloads page can list page counts and sizes.
    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        if not self.enabled:
            return env
        project = project_of(config)
        self.cache = cache_of(config)
        markdown = Renderer(config)

        def render(text: str, folder: str = "") -> str:
            """Markdown written relative to the docs-relative `folder`, for print."""
            return self.images(markdown(text), folder)

        out = Path(config.site_dir) / BASE
        roots = pdf_roots(config)
        year = datetime.date.today().year

        def code(case_id: str) -> str | None:
            """A small QR code to the case online, so a reader can go on to its quiz."""
            if not config.site_url:
                return None
            return qr.png_data_uri(f"{config.site_url.rstrip('/')}/{CASES}/{case_id}/")

        def booklet_pdf(booklet: Booklet, target: str) -> bytes:
            started = time.perf_counter()  # the time logged includes the QR codes and templates
            printed = chapters(booklet, project, render, self.pages)
            codes = {c.case.id: code(c.case.id) for c in printed if c.case}
            template = env.get_template("qingfeng/booklet.html")

            def part(chapters: list, first: bool) -> str:
                toc = printed if first else []
                return template.render(booklet=booklet, toc=toc, chapters=chapters, qr=codes, year=year)

            groups = split(printed, os.cpu_count() or 1, PART_SIZE, lead=FRONT_SIZE) or [[]]
            parts = [part(group, first=n == 0) for n, group in enumerate(groups)]
            digits = template.render(booklet=booklet, digits=True)
            key = ("booklet", *parts, digits)
            return self._write(out, target, booklet.title, key, lambda: _join(parts, digits, roots), started=started)

        for booklet in project.booklets:
            data = booklet_pdf(booklet, f"{booklet.id}.pdf")
            if booklet.imposition == "saddle":
                self._write(
                    out,
                    f"{booklet.id}-print.pdf",
                    f"{booklet.title}（骑马钉印刷版）",
                    ("impose", data),
                    lambda d=data: impose.impose(d),
                    note="A4 横向双面打印，沿短边翻转，对折装订",
                )
        if self.config.packs:
            for pack in project.packs:
                booklet_pdf(pack_booklet(pack), f"packs/{pack.id}.pdf")
        if self.config.papers:
            for bank in project.banks:
                quiz = bank_quiz(bank)
                for variant in VARIANTS:
                    html = env.get_template("qingfeng/paper-print.html").render(
                        paper=paper(quiz, variant),
                        paper_quiz=quiz,
                        variant=variant,
                        case_titles={case.id: case.title for case in project.cases},
                    )
                    target = f"quizzes/{bank.id}-{variant}.pdf"
                    title = f"{bank.title}（试卷 {variant}）"
                    self._write(out, target, title, ("paper", html), lambda h=html: pdf.render_pdf(h, roots=roots))
        self.images.warn_missing()
        return env

    def _write(
        self,
        out: Path,
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
        (out / target).parent.mkdir(parents=True, exist_ok=True)
        (out / target).write_bytes(data)
        pages = impose.page_count(data)
        self.downloads.append(Download(title, f"{BASE}/{target}", pages, _size(len(data)), note))
        log.info(f"PDF {BASE}/{target}：{pages} 页，{_size(len(data))}，{time.perf_counter() - started:.2f} 秒")
        return data

    # After qingfeng/packs and qingfeng/quiz have put their pack or quiz into the context.
    @event_priority(-30)
    def on_page_context(self, context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
        urls = {d.url for d in self.downloads}
        if page.file.src_uri == self.list_uri:
            context["downloads"] = self.downloads
        if "pack" in context and f"{BASE}/packs/{context['pack'].id}.pdf" in urls:
            context["pack_pdf"] = f"{BASE}/packs/{context['pack'].id}.pdf"
        quiz = context.get("paper_quiz") or (context.get("quiz") if "papers" in context else None)
        if quiz is not None:
            pdfs = [(v, f"{BASE}/quizzes/{quiz.id}-{v}.pdf") for v in VARIANTS]
            context["paper_pdfs"] = [(v, url) for v, url in pdfs if url in urls]
        return context


def _join(parts: list[str], digits: str, roots: tuple[Path, ...]) -> bytes:
    """Render a booklet's parts and its digits side by side and join them, page numbers stamped."""
    *rendered, sample = pdf.render_many([*parts, digits], roots=roots)
    return folio.assemble(rendered, sample.pdf, FOOTER)
