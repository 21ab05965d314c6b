"""qingfeng/jiafeng: 家风 pages (家训, 家书, 家风故事): pinyin over the text, an index by kind."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..core.base import QingfengPlugin
from ..core.plugin import page_file, project_of
from ..model import urls as places
from ..model.schema import KINDS, JiafengPage
from .config import JiafengConfig
from .ruby import RubyExtension

TEMPLATES = Path(__file__).parent / "templates"
INDEX = places.JIAFENG.src_uri


@dataclass(frozen=True)
class Entry:
    title: str
    url: str  # site-relative
    page: JiafengPage


class JiafengPlugin(QingfengPlugin[JiafengConfig]):
    def __init__(self) -> None:
        self.ruby = RubyExtension()
        self.pages: dict[str, JiafengPage] = {}  # src_uri -> page
        self.files: Files | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        config.theme.dirs.append(str(TEMPLATES))
        config.markdown_extensions.append(self.ruby)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.files = files
        self.pages = {page.src_uri: page for page in project_of(config).jiafeng if page.src_uri != INDEX}
        if files.get_file_from_path(INDEX) is None:
            files.append(page_file(config, places.JIAFENG, {"title": self.config.title}))
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        entry = self.pages.get(page.file.src_uri)
        # The Markdown of this page is rendered next, with pinyin or without.
        self.ruby.overrides = project_of(config).pinyin if entry and entry.pinyin else None
        if entry and entry.pinyin:
            page.meta.setdefault("template", "qingfeng/jiafeng.html")
        elif page.file.src_uri == INDEX:
            page.meta.setdefault("template", "qingfeng/jiafeng-index.html")
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        self.ruby.overrides = None  # other Markdown rendered later (booklets, confessions) gets no pinyin
        return html

    def on_page_context(self, context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
        if page.file.src_uri == INDEX:
            context["jiafeng_groups"] = self._groups()
        return context

    def _groups(self) -> list[tuple[str, list[Entry]]]:
        """The pages by kind, kinds in their fixed order, pages in the order of their files."""
        entries = [
            Entry(file.page.title, file.page.url, item)
            for src_uri, item in self.pages.items()
            if (file := self.files.get_file_from_path(src_uri)) is not None and file.page is not None
        ]
        groups = [(kind, [entry for entry in entries if entry.page.kind == kind]) for kind in KINDS]
        return [(kind, group) for kind, group in groups if group]
