"""qingfeng/core: validate all content before the site is touched.

Every other Qingfeng plugin reads the validated `Project` from here.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from html import escape
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler, yaml_load

from ..model import ContentError, Project, load_project
from ..model.script import Converter, is_simplified
from ..render.cache import Cache
from .config import CoreConfig
from .mirror import FOLDER, KEEP_CLOSE, KEEP_OPEN, KEPT, mirror
from .pages import markdown_text
from .publish import discard, publish, staging_dir

log = logging.getLogger("mkdocs.plugins.qingfeng.core")

TEMPLATES = Path(__file__).parent / "templates"
# Replacements for some of Material's own partials: ahead of Material, behind a site's custom_dir.
OVERRIDES = Path(__file__).parent / "overrides"
STYLESHEET = "assets/qingfeng/qingfeng.css"
# Generated pages wrap Markdown in HTML sections and give headings fixed ids.
MARKDOWN_EXTENSIONS = ("attr_list", "md_in_html", "toc")
# Front-matter values that Material prints without escaping.
TEXT_META = ("title", "description", "subtitle")


def _core(config: MkDocsConfig) -> CorePlugin:
    core = config.plugins.get("qingfeng/core")
    if not isinstance(core, CorePlugin) or core.project is None:
        raise PluginError("Qingfeng 插件需要先在 mkdocs.yml 的 plugins 中启用 qingfeng/core")
    return core


def project_of(config: MkDocsConfig) -> Project:
    """The validated content, for the other Qingfeng plugins."""
    return _core(config).project


def cache_of(config: MkDocsConfig) -> Cache:
    """Where slow outputs are kept between builds."""
    return _core(config).cache


def after_publish(config: MkDocsConfig, hook: Callable[[], None]) -> None:
    """Run `hook` only once the whole build has succeeded and the site is in place."""
    _core(config).hooks.append(hook)


def markdown_templates(config: MkDocsConfig) -> Environment:
    """The theme's templates, for rendering generated Markdown before MkDocs' own env exists."""
    core = _core(config)
    if core.env is None:
        core.env = core.on_env(config.theme.get_env(), config=config, files=None)
    return core.env


def _configured_site_url(config: MkDocsConfig) -> str | None:
    with open(config.config_file_path, encoding="utf-8") as file:
        url = yaml_load(file).get("site_url")
    return (url if url.endswith("/") else f"{url}/") if isinstance(url, str) and url else None


class CorePlugin(BasePlugin[CoreConfig]):
    def __init__(self) -> None:
        self.project: Project | None = None
        self.dirty = False
        self.site_dir: Path | None = None
        self.warnings: CountHandler | None = None
        self.env: Environment | None = None
        self.cache: Cache | None = None
        self.hooks: list[Callable[[], None]] = []
        self.serving = False
        self.converter = Converter()

    def on_startup(self, *, command, dirty: bool) -> None:
        # A dirty build only rewrites changed pages, so it must build in place.
        self.dirty = dirty
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.project = None
        self.env = None
        self.hooks = []
        self.cache = Cache(Path(config.config_file_path).parent / self.config.cache_dir)
        if self.serving:
            # `mkdocs serve` points site_url at the dev server; QR codes and the qr-lock need the real one.
            config.site_url = _configured_site_url(config) or config.site_url
        config.theme.dirs.append(str(TEMPLATES))
        material = next((n for n, d in enumerate(config.theme.dirs) if Path(d).parent.name == "material"), 0)
        config.theme.dirs.insert(material, str(OVERRIDES))
        if self.config.traditional:
            # Material includes partials/alternate.html, its language slot in the header, when
            # extra.alternate is set; ours holds the 简体/繁體 switch. Not a list: a list would also
            # make Material redirect clicks into the mirror to its home page.
            config.extra["alternate"] = True
            config.extra["qingfeng_mirror"] = FOLDER
        if STYLESHEET not in config.extra_css:
            config.extra_css.insert(0, STYLESHEET)
        for extension in MARKDOWN_EXTENSIONS:
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        self.site_dir = None
        building = Path(config.site_dir).name.endswith(".building")  # config reused by a caller
        if self.config.atomic and not self.dirty and not building:
            self.site_dir = Path(config.site_dir)
            config.site_dir = str(staging_dir(self.site_dir))
        if config.strict:
            # MkDocs aborts strict builds after on_post_build; count warnings
            # ourselves so that such a build is not swapped in.
            self.warnings = CountHandler()
            self.warnings.setLevel(logging.WARNING)
            logging.getLogger("mkdocs").addHandler(self.warnings)
        return config

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files | None) -> Environment:
        env.filters["markdown_text"] = markdown_text
        return env

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        # Cases and site_config live outside docs_dir; rebuild when they change.
        root = Path(config.config_file_path).parent
        for folder in (self.config.cases_dir, self.config.config_dir):
            if (root / folder).is_dir():
                server.watch(str(root / folder))
        return server

    # Validate before MkDocs cleans site_dir, which happens right after this event.
    @event_priority(100)  # first, so no other plugin works on invalid content
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        root = Path(config.config_file_path).parent
        try:
            self.project = load_project(
                root,
                docs_dir=os.path.relpath(config.docs_dir, root),
                cases_dir=self.config.cases_dir,
                config_dir=self.config.config_dir,
                site_url=config.site_url,
                config_file=Path(config.config_file_path).name,
            )
        except ContentError as error:
            raise PluginError(error.report()) from None
        # One converter for the build: it sorts out which of the site's names need keeping.
        self.converter = Converter(self.project.names, kept=KEPT)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        # Quiz banks carry their answers: source YAML is never published.
        for src_uri in self.project.source_files:
            file = files.get_file_from_path(src_uri)
            if file is not None:
                files.remove(file)
        return files

    @event_priority(100)  # before Material reads titles and tags
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        # Front-matter values are text; Material treats them as HTML.
        for key in TEXT_META:
            if isinstance(page.meta.get(key), str):
                page.meta[key] = escape(page.meta[key])
        if isinstance(page.meta.get("tags"), list):
            page.meta["tags"] = [escape(str(tag)) for tag in page.meta["tags"]]
        if page.meta.get("script") == "keep" or is_simplified(markdown + str(page.meta.get("title", ""))):
            return markdown
        # The main site is in simplified script; names keep their characters.
        if isinstance(page.meta.get("title"), str):
            page.meta["title"] = self.converter.simplified(page.meta["title"])
        return self.converter.simplified(markdown)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        # Marks that the mirror leaves alone: the page keeps the script it is written in.
        return f"{KEEP_OPEN}{html}{KEEP_CLOSE}" if page.meta.get("script") == "keep" else html

    @event_priority(-100)  # last: every plugin has written its files
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self._stop_counting():
            return  # MkDocs aborts this strict build next; on_build_error cleans up
        if self.config.traditional:
            count = mirror(Path(config.site_dir), self.converter.traditional, config.site_url)
            log.info(f"繁体版：{count} 个文件已转换到 /{FOLDER}/")
        if self.site_dir is not None:
            publish(Path(config.site_dir), self.site_dir)
            config.site_dir = str(self.site_dir)
            log.info(f"网站已生成并替换到 {self.site_dir}")
        for hook in self.hooks:
            hook()

    def on_build_error(self, *, error: Exception) -> None:
        self._stop_counting()
        if self.site_dir is not None:
            discard(staging_dir(self.site_dir))

    def _stop_counting(self) -> bool:
        if self.warnings is None:
            return False
        logging.getLogger("mkdocs").removeHandler(self.warnings)
        failed = bool(self.warnings.get_counts())
        self.warnings = None
        return failed
