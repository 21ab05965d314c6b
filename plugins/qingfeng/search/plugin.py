"""qingfeng/search: full-text search that loads nothing until it is used, and only what a query needs.

Material's search sends its whole index to every reader on the first page they open (2.8 MB
gzipped at 2,000 cases). This index is split into shards (search/index.py); the box in the
header is Material's in look, driven by search.js. The mirror gets its own index, of its
pages' text in traditional script.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..core.base import QingfengPlugin, enabled
from ..core.plugin import mirrored_apart
from ..model.urls import MIRROR, SEARCH
from ..render.parallel import map_forked
from .config import SearchConfig
from .index import Doc, build
from .text import page_text

log = logging.getLogger("mkdocs.plugins.qingfeng.search")

TEMPLATES = Path(__file__).parent / "templates"
# Material's header, with this plugin's box in it: ahead of Material, behind a site's custom_dir.
OVERRIDES = Path(__file__).parent / "overrides"


@dataclass(frozen=True)
class _Rendered:
    """A page as the build rendered it; search reads its text after the build, on every core."""

    url: str
    title: str  # HTML, as the theme prints it
    content: str  # HTML
    tags: tuple[str, ...]
    boost: float
    keep: bool  # `script: keep`: the mirror shows it as written


class SearchPlugin(QingfengPlugin[SearchConfig]):
    def __init__(self) -> None:
        self.pages: list[_Rendered] = []

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if enabled(config.plugins, "material/search"):
            raise PluginError(
                "mkdocs.yml 的 plugins 里同时有 search 和 qingfeng/search：两个搜索只能留一个。"
                "请删去 search（Material 的搜索会让每位读者打开第一页时就下载整个搜索索引）"
            )
        self.pages = []
        config.theme.dirs.append(str(TEMPLATES))
        material = next((n for n, d in enumerate(config.theme.dirs) if Path(d).parent.name == "material"), 0)
        config.theme.dirs.insert(material, str(OVERRIDES))
        return config

    def on_page_context(self, context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
        options = page.meta.get("search")
        options = options if isinstance(options, dict) else {}
        if not options.get("exclude"):
            boost = options.get("boost", 1)
            # The page's own title, as its head has it, rather than a menu entry's name for it.
            title = page.meta.get("title")
            tags = page.meta.get("tags")
            rendered = _Rendered(
                url=page.url,
                title=title if isinstance(title, str) else page.title or "",
                content=page.content or "",
                tags=tuple(str(tag) for tag in tags) if isinstance(tags, list) else (),
                boost=float(boost) if isinstance(boost, int | float) and boost > 0 else 1.0,
                keep=page.meta.get("script") == "keep",
            )
            self.pages.append(rendered)
        return context

    @event_priority(-50)  # after the plugins that add pages, before qingfeng/core mirrors and publishes the site
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site = Path(config.site_dir)
        indexes: list[tuple[Path, Callable[[str], str] | None]] = [(site / SEARCH, None)]
        traditional = mirrored_apart(config, SEARCH)
        if traditional is not None:
            indexes.append((site / MIRROR / SEARCH, traditional))
        pages = self.pages
        # The two indexes side by side, each written by its own process.
        written = map_forked(lambda index: _write(index[0], build(_docs(pages, index[1]))), indexes)
        log.info(f"搜索索引：{len(pages)} 个页面，{written[0]} 个文件")


def _docs(pages: list[_Rendered], convert: Callable[[str], str] | None) -> list[Doc]:
    """What search knows of each page, in the site's script: `convert` gives the mirror's."""
    docs = []
    for page in pages:
        tags = tuple(map(page_text, page.tags))
        doc = Doc(page.url, page_text(page.title), page_text(page.content), tags, page.boost)
        if convert is not None and not page.keep:
            doc = replace(doc, title=convert(doc.title), text=convert(doc.text), tags=tuple(map(convert, doc.tags)))
        docs.append(doc)
    return docs


def _write(folder: Path, files: dict[str, str]) -> int:
    shutil.rmtree(folder, ignore_errors=True)  # only this version: a dirty build leaves none behind
    for parent in sorted({os.path.dirname(path) for path in files}):
        (folder / parent).mkdir(parents=True, exist_ok=True)
    for path, text in files.items():
        with open(os.path.join(folder, path), "w", encoding="utf-8") as file:
            file.write(text)
    return len(files)
