"""qingfeng/search: full-text search that loads nothing until it is used, and only what a query needs.

Material's search sends its whole index to every reader on the first page they open (2.8 MB
gzipped at 2,000 cases). This index is split into shards (search/index.py); the box in the
header is Material's in look, driven by search.js. The mirror gets its own index, of its
pages' text in traditional script.
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import replace
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..core.base import QingfengPlugin, enabled
from ..core.plugin import mirrored_apart
from ..model.urls import MIRROR, SEARCH
from .config import SearchConfig
from .index import Doc, build
from .text import page_text

log = logging.getLogger("mkdocs.plugins.qingfeng.search")

TEMPLATES = Path(__file__).parent / "templates"
# Material's header, with this plugin's box in it: ahead of Material, behind a site's custom_dir.
OVERRIDES = Path(__file__).parent / "overrides"


class SearchPlugin(QingfengPlugin[SearchConfig]):
    def __init__(self) -> None:
        self.docs: list[tuple[Doc, bool]] = []  # each page, and whether it keeps its script on the mirror

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if enabled(config.plugins, "material/search"):
            raise PluginError(
                "mkdocs.yml 的 plugins 里同时有 search 和 qingfeng/search：两个搜索只能留一个。"
                "请删去 search（Material 的搜索会让每位读者打开第一页时就下载整个搜索索引）"
            )
        self.docs = []
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
            doc = Doc(
                url=page.url,
                title=page_text(title if isinstance(title, str) else page.title or ""),
                text=page_text(page.content or ""),
                tags=tuple(page_text(str(tag)) for tag in tags) if isinstance(tags, list) else (),
                boost=float(boost) if isinstance(boost, int | float) and boost > 0 else 1.0,
            )
            self.docs.append((doc, page.meta.get("script") == "keep"))
        return context

    @event_priority(-50)  # after the plugins that add pages, before qingfeng/core mirrors and publishes the site
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site = Path(config.site_dir)
        docs = [doc for doc, _ in self.docs]
        written = _write(site / SEARCH, build(docs))
        log.info(f"搜索索引：{len(docs)} 个页面，{written} 个文件")
        traditional = mirrored_apart(config, SEARCH)
        if traditional is not None:
            converted = [
                doc if keep else replace(
                    doc,
                    title=traditional(doc.title),
                    text=traditional(doc.text),
                    tags=tuple(traditional(tag) for tag in doc.tags),
                )
                for doc, keep in self.docs
            ]
            _write(site / MIRROR / SEARCH, build(converted))


def _write(folder: Path, files: dict[str, str]) -> int:
    shutil.rmtree(folder, ignore_errors=True)  # only this version: a dirty build leaves none behind
    for path, text in files.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return len(files)
