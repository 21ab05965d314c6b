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
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..core.base import QingfengPlugin, enabled
from ..core.plugin import (
    after_publishing,
    helper,
    mirrored_apart,
    page_work,
    reused,
    scanned_already,
    writing_apart,
)
from ..guard.output import scan_text
from ..model.urls import MIRROR, SEARCH
from ..render.cache import digest
from ..render.parallel import map_forked
from ..render.sidecar import Sidecar
from .config import SearchConfig
from .index import INDEX, Doc, build, counted
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
        self.read: dict[str, _Rendered] = {}  # pages rendered and not yet written, by source
        self.serving = False
        # Under serve, kept from the last build: each page as rendered, by URL, for the pages
        # taken from it unrendered (core/reuse.py); and what each index knew of each page.
        self.rendered: dict[str, _Rendered] = {}
        self.known: list[dict[_Rendered, _Known]] = []
        self.known_keys: list[str] = []  # each index's conversion, when it knew them
        self.helper: Sidecar | None = None  # learns each page's terms while the next renders
        self.written: tuple[int, dict[str, tuple[bytes, list[str]]]] = (0, {})  # in the helper: _index's result

    def on_startup(self, *, command, dirty: bool) -> None:
        self.serving = command == "serve"  # and MkDocs keeps this plugin from one build to the next

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if enabled(config.plugins, "material/search"):
            raise PluginError(
                "mkdocs.yml 的 plugins 里同时有 search 和 qingfeng/search：两个搜索只能留一个。"
                "请删去 search（Material 的搜索会让每位读者打开第一页时就下载整个搜索索引）"
            )
        self.pages, self.read = [], {}
        config.theme.dirs.append(str(TEMPLATES))
        material = next((n for n, d in enumerate(config.theme.dirs) if Path(d).parent.name == "material"), 0)
        config.theme.dirs.insert(material, str(OVERRIDES))
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self.helper = helper(config)
        if self.helper is not None:
            scripts = _scripts(config)
            self.known, self.known_keys = [{} for _ in scripts], [key for _, _, key in scripts]
            self.helper.task("search.learn", lambda page: self._learn(page, scripts))
            self.helper.task("search.write", lambda site: self._write_index(site, scripts))
            self.helper.task("search.written", lambda: self.written)

    @event_priority(-110)  # after qingfeng/core's last word on the page's HTML
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """A page's terms are learnt as soon as its HTML is final: MkDocs reads every page before it
        writes one, and the helper would otherwise sit idle until then."""
        if not _excluded(page) and not reused(config, page):
            self.read[page.file.src_uri] = rendered = _rendered(page, html)
            if self.helper is not None:
                self.helper.post("search.learn", rendered)
        return html

    def on_page_context(self, context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
        if _excluded(page):
            return context
        if reused(config, page) and page.url in self.rendered:
            self.pages.append(self.rendered[page.url])
            return context
        rendered = _rendered(page, page.content or "")
        if rendered != self.read.pop(page.file.src_uri, None) and self.helper is not None:
            self.helper.post("search.learn", rendered)  # a plugin changed the page since it was read
        self.pages.append(rendered)
        return context

    @event_priority(-50)  # after the plugins that add pages, before qingfeng/core mirrors and publishes the site
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        pages = self.pages
        if self.helper is not None:  # it knows every page's terms already
            page_work(config)
            self.helper.post("search.write", Path(config.site_dir))

            def written() -> None:
                files, scanned = self.helper.call("search.written")
                scanned_already(config, scanned)
                _report(files, len(pages))

            writing_apart(config, written)  # while the build does the rest
            return
        scripts = _scripts(config)
        if self.serving:  # what the next build takes for its pages carried from this one, written or not
            self.rendered = {page.url: page for page in pages}
        # The preview shows the pages first, and its search a moment later.
        if not after_publishing(config, lambda site: _report(self._index(site, scripts, pages)[0], len(pages))):
            _report(self._index(Path(config.site_dir), scripts, pages)[0], len(pages))

    def _write_index(self, site: Path, scripts: list[tuple[str, _Convert, str]]) -> None:
        """In the helper: the indexes of the pages it learnt, kept for search.written."""
        self.written = self._index(site, scripts, list(self.known[0]), scan=True)

    def _learn(self, page: _Rendered, scripts: list[tuple[str, _Convert, str]]) -> None:
        """In the helper: what each index knows of a page, as it is rendered."""
        for known, (_, convert, _) in zip(self.known, scripts, strict=True):
            known[page] = _know(page, convert)

    def _index(
        self, site: Path, scripts: list[tuple[str, _Convert, str]], pages: list[_Rendered], scan: bool = False
    ) -> tuple[int, dict[str, tuple[bytes, list[str]]]]:
        """Write the index of each script into `site`: the main site's, and the mirror's by its
        conversion, whose key says what that depends on. Returns the number of files of each, and
        with `scan` the main index's files scanned for personal data (scanned_already)."""
        indexes = [(site / prefix / SEARCH, convert) for prefix, convert, _ in scripts]
        serving, keys = self.serving, [key for _, _, key in scripts]
        # What each index knew of a page, while its conversion is the same.
        same = len(self.known) == len(indexes) and self.known_keys == keys
        known = self.known if same else [{} for _ in indexes]

        def write(n: int) -> tuple[int, dict[_Rendered, _Known], dict[str, tuple[bytes, list[str]]]]:
            folder, convert = indexes[n]
            new = {page: _know(page, convert) for page in pages if page not in known[n]}
            found = [known[n].get(page) or new[page] for page in pages]
            files = build([doc for doc, _ in found], [counts for _, counts in found])
            scanned = {}
            for path, text in files.items() if scan and convert is None else ():  # the mirror is not scanned
                data = text.encode("utf-8")
                scanned[f"{SEARCH}/{path}"] = (digest(data), scan_text(path, data))
            # What this process learnt, for the next build.
            return _write(folder, files), new if serving else {}, scanned

        # The two indexes side by side, each written by its own process.
        written = map_forked(write, list(range(len(indexes))), last_here=True)
        if serving:
            merged = [before | new for before, (_, new, _) in zip(known, written, strict=True)]
            self.known = [{page: both[page] for page in pages} for both in merged]  # only this build's pages
            self.known_keys = keys
        return written[0][0], written[0][2]


def _scripts(config: MkDocsConfig) -> list[tuple[str, _Convert, str]]:
    """Each index: its folder's prefix, its conversion (None for the main site's), and the key of
    what that depends on."""
    mirror = mirrored_apart(config, SEARCH)
    return [("", None, "")] if mirror is None else [("", None, ""), (f"{MIRROR}/", *mirror)]


def _excluded(page: Page) -> bool:
    options = page.meta.get("search")
    return isinstance(options, dict) and bool(options.get("exclude"))


def _rendered(page: Page, content: str) -> _Rendered:
    options = page.meta.get("search")
    boost = options.get("boost", 1) if isinstance(options, dict) else 1
    # The page's own title, as its head has it, rather than a menu entry's name for it.
    title = page.meta.get("title")
    tags = page.meta.get("tags")
    return _Rendered(
        url=page.url,
        title=title if isinstance(title, str) else page.title or "",
        content=content,
        tags=tuple(str(tag) for tag in tags) if isinstance(tags, list) else (),
        boost=float(boost) if isinstance(boost, int | float) and boost > 0 else 1.0,
        keep=page.meta.get("script") == "keep",
    )


def _report(files: int, pages: int) -> None:
    log.info(f"搜索索引：{pages} 个页面，{files} 个文件")


_Known = tuple[Doc, Counter[str]]  # a page as an index has it, and its terms
_Convert = Callable[[str], str] | None  # an index's script: None for the main site's


def _know(page: _Rendered, convert: Callable[[str], str] | None) -> _Known:
    """What search knows of a page, in the site's script (`convert` gives the mirror's), and its terms."""
    tags = tuple(map(page_text, page.tags))
    doc = Doc(page.url, page_text(page.title), page_text(page.content), tags, page.boost)
    if convert is not None and not page.keep:
        doc = replace(doc, title=convert(doc.title), text=convert(doc.text), tags=tuple(map(convert, doc.tags)))
    return doc, counted(doc)


def _write(folder: Path, files: dict[str, str]) -> int:
    """Write the index into `folder`, which may be the one readers use: the new version beside the
    old, then index.js, which names it, in one step; then nothing but this version is left."""
    kept = {path.split("/", 1)[0] for path in files}
    for parent in sorted({os.path.dirname(path) for path in files}):
        (folder / parent).mkdir(parents=True, exist_ok=True)
    for path, text in files.items():
        target = os.path.join(folder, path)
        if path == INDEX:
            target += ".new"
        with open(target, "w", encoding="utf-8") as file:
            file.write(text)
    os.replace(folder / f"{INDEX}.new", folder / INDEX)
    for old in folder.iterdir():  # earlier versions (a dirty build, the preview's last build)
        if old.name in kept:
            continue
        if old.is_dir():
            shutil.rmtree(old)
        else:
            old.unlink()
    return len(files)
