"""qingfeng/core: validate all content before the site is touched.

Every other Qingfeng plugin reads the validated `Project` from here.
"""

from __future__ import annotations

import copy
import datetime
import functools
import json
import logging
import os
import re
import subprocess
import sys
import threading
import warnings
from collections.abc import Callable, Mapping
from dataclasses import replace
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, BuildError, PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler, get_relative_url, yaml_load

from ..guard.output import scan_site
from ..model import ContentError, Project, Remembered, load_project, markup
from ..model import lock as qrlock
from ..model import urls as places
from ..model.paths import excerpt, size_text
from ..model.problems import Problem, Problems
from ..model.script import Converter, is_simplified
from ..model.urls import MIRROR, OFFLINE, Place, Urls
from ..render.cache import Cache
from ..render.parallel import forkable
from ..render.sidecar import HelperDied, Sidecar
from . import serve
from .base import BOARDS, CASES, PACKS, QingfengPlugin, check_set, enabled
from .config import CoreConfig
from .findings import Chinese, dead_links
from .markdown import install
from .mirror import KEEP_CLOSE, KEEP_OPEN, KEPT, canonical_mark, link_or_copy, mirror, mirrored
from .offline import Edition
from .pages import CarriedPage, front_matter, markdown_text, move
from .publish import (
    ClockMoved,
    Recycled,
    discard,
    disk_problem,
    keep_for_next,
    publish,
    remove_in_background,
    staging_dir,
    sweep,
    take_recycled,
)
from .reuse import Built, Kept, fingerprint
from .written import Done, PageWork

log = logging.getLogger("mkdocs.plugins.qingfeng.core")

TEMPLATES = Path(__file__).parent / "templates"
# Replacements for some of Material's own partials: ahead of Material, behind a site's custom_dir.
OVERRIDES = Path(__file__).parent / "overrides"
STYLESHEET = "assets/qingfeng/qingfeng.css"
# Generated pages wrap Markdown in HTML sections and give headings fixed ids.
MARKDOWN_EXTENSIONS = ("attr_list", "md_in_html", "toc")
# Front-matter values that name templates, not text shown to readers.
NAME_META = ("template",)
REUSED = "qingfeng/reused.html"  # a page taken from the last build, as it was


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


def pdf_roots(config: MkDocsConfig) -> tuple[Path, ...]:
    """What a PDF may load: files under content/ and the site being built, nothing else."""
    return (Path(config.docs_dir), Path(config.site_dir))


def urls_of(config: MkDocsConfig) -> Urls:
    """Where each thing is published, by this site's URL scheme (model/urls.py)."""
    return _core(config).urls


def page_file(config: MkDocsConfig, place: Place, meta: dict, body: str = "", hidden: bool = False) -> File:
    """A generated page at its place (model/urls.py); `hidden` keeps it out of the menu."""
    inclusion = InclusionLevel.NOT_IN_NAV if hidden else InclusionLevel.UNDEFINED
    file = File.generated(config, place.src_uri, content=front_matter(meta) + body, inclusion=inclusion)
    move(file, urls_of(config).dest(place))
    return file


def show(config: MkDocsConfig, src_uri: str, thing: object, origin: str | None = None) -> None:
    """The page `src_uri` shows `thing` (a case, a pack, a quiz page…): what other plugins ask for by page.

    `origin`: the content file (project-relative) a generated page comes from; problems found in it name that file.
    """
    core = _core(config)
    core.shown[src_uri] = thing
    if origin is not None:
        core.origins[src_uri] = origin


def shown(config: MkDocsConfig, page: Page) -> object | None:
    """What the page shows, as the plugin that made it said (show)."""
    return _core(config).shown.get(page.file.src_uri)


def mirrored_apart(config: MkDocsConfig, folder: str) -> tuple[Callable[[str], str], str] | None:
    """For a plugin that writes the top-level `folder` for each script itself (the search index):
    the mirror then neither copies the main site's nor removes its own. The mirror's conversion and
    what it depends on (a text converts as it did while that is the same), or None without a mirror."""
    core = _core(config)
    if not core.config.traditional:
        return None
    core.apart.add(folder)
    return core.converter.traditional, core.conversion()


def online_files(config: MkDocsConfig, task: Callable[[Path], None]) -> None:
    """Have `task` add files to the site (its folder given) that only the site online has, of no
    use from disk: after the mirror and the offline edition are written, which leave them out,
    just before publishing. Meanwhile the files can still be in the making (in a helper process),
    while the build does its last steps."""
    _core(config).online.append(task)


def reusable_page(config: MkDocsConfig, place: Place, source: Path) -> None:
    """The page at `place` shows only the file `source` and what the whole site shares: the preview
    takes it from its last build when neither changed (core/reuse.py), unless the menu names it."""
    core = _core(config)
    key = core.remembered.digest(source) if core.serving and core.site_dir is not None else None
    if key is None:  # not under serve; a build in place has no last build beside it
        return
    core.keys[place.src_uri] = key
    last = core.last
    kept = last.pages.get(place.src_uri) if last is not None and last.shared == core.shared else None
    output = last.site / core.urls.dest(place) if kept is not None and kept.key == key else None
    if output is not None and output.is_file():
        core.reused[place.src_uri] = (output, kept)


def after_publishing(config: MkDocsConfig, task: Callable[[Path], None]) -> bool:
    """Under serve, have `task` write into the preview once it shows this build's pages, while the
    author reads them; the next build waits for it. Whether it will; if not, do it now, in site_dir."""
    core = _core(config)
    if not core.serving or core.site_dir is None:
        return False
    core.later.append(task)
    return True


def helper(config: MkDocsConfig) -> Sidecar | None:
    """The build's helper process (render/sidecar.py), for work on each page as it is rendered.
    None under serve, whose preview takes unchanged pages' work from its last build instead, and
    where it could not run beside the build (no fork, or threads running)."""
    core = config.plugins.get("qingfeng/core")
    return core.sidecar if isinstance(core, CorePlugin) else None


def page_work(config: MkDocsConfig) -> None:
    """Have the helper's work on the pages collected now, once every page is written: before a
    plugin gives the helper work of its own after the pages, which it would otherwise wait for."""
    core = config.plugins.get("qingfeng/core")
    if isinstance(core, CorePlugin):
        core.page_work()


def writing_apart(config: MkDocsConfig, wait: Callable[[], None]) -> None:
    """A plugin goes on writing its folders apart (mirrored_apart) while the build does its last
    steps: `wait()` returns once they are written. The mirror, the removal of what the last site
    left (core/publish.py's sweep) and the offline edition do the rest of the site meanwhile."""
    _core(config).waiting.append(wait)


def scanned_already(config: MkDocsConfig, files: Mapping[str, tuple[bytes, list[str]]]) -> None:
    """Files of the site that a plugin scanned for personal data as it wrote them (guard/output.py's
    scan_text), by path: the digest of what was scanned, what was found. The scan of the built site
    takes that for a file that is still the same."""
    _core(config).scanned.update(files)


def reused(config: MkDocsConfig, page: Page) -> bool:
    """Whether this page is its last build's output again: its content is not rendered in this build."""
    return page.file.src_uri in _core(config).reused


def markdown_templates(config: MkDocsConfig) -> Environment:
    """The theme's templates, for rendering generated Markdown before MkDocs' own env exists."""
    core = _core(config)
    if core.env is None:
        core.env = core.set_up(config.theme.get_env())
    return core.env


_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)
_BODY_START = re.compile(r"<body\b[^>]*>", re.IGNORECASE)
SWITCH_MARK = 'class="qf-script"'  # in qingfeng/script-switch.html


def into_head(html: str, text: str) -> str:
    """`text` at the end of the page's <head>, whatever a site's templates put there."""
    return _insert(html, _HEAD_END, text, before=True)


def _insert(html: str, where: re.Pattern, text: str, before: bool) -> str:
    """`text` before or after the first match of `where`; the page unchanged when there is none."""
    found = where.search(html)
    if found is None:
        return html
    at = found.start() if before else found.end()
    return html[:at] + text + html[at:]


# Where the downloads page shows the offline edition's size, known only once it is written.
OFFLINE_SIZE = "<!--qf:offline-size-->"


def _configured_site_url(config: MkDocsConfig) -> str | None:
    with open(config.config_file_path, encoding="utf-8") as file:
        url = yaml_load(file).get("site_url")
    return (url if url.endswith("/") else f"{url}/") if isinstance(url, str) and url else None


class _Compiled(BytecodeCache):
    """Templates compiled once for all builds of `mkdocs serve`, which makes a new environment for
    each; Jinja recompiles a template whose source changed."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


class CorePlugin(QingfengPlugin[CoreConfig]):
    requires = ()

    def __init__(self) -> None:
        self.project: Project | None = None
        self.dirty = False
        self.site_dir: Path | None = None
        self.warnings: CountHandler | None = None
        self.env: Environment | None = None
        self.cache: Cache | None = None
        self.serving = False
        self.converter = Converter()
        self.origins: dict[str, str] = {}  # src_uri of a generated page -> the content file it shows
        self.shown: dict[str, object] = {}  # src_uri -> what the page shows (show)
        self.urls = Urls()
        self.outputs: dict[str, str] = {}  # dest_uri -> the content file it comes from
        self.late = Problems()  # found in the rendered site: reported before it replaces site/
        self.lock_news = ""
        self.current: str | None = None  # the page being rendered
        self.broken: list[Problem] | None = None  # under serve: the content errors this build shows
        self.chinese: Chinese | None = None  # MkDocs' link findings, translated while this build runs
        self.apart: set[str] = set()  # folders plugins write for the mirror themselves (mirrored_apart)
        self.online: list[Callable[[Path], None]] = []  # online_files' tasks
        self.offline = False  # this build writes the offline edition
        # Under serve (core/reuse.py): the last complete build, and what this one takes from it.
        self.last: Built | None = None
        self.shared = ""  # fingerprint of the inputs every page shares
        self.keys: dict[str, str] = {}  # src_uri -> the digest of its file in this build
        self.kept: dict[str, Kept] = {}  # src_uri -> the page as this build read and rendered it
        # src_uri of a page taken from the last build -> its output there, and how it was read
        self.reused: dict[str, tuple[Path, Kept]] = {}
        self.removing: list[subprocess.Popen] = []  # old previews being deleted
        self.recycled: Recycled | None = None  # the last site, taken as this build's folder
        self.written: set[str] = set()  # the pages MkDocs writes, by their path in the site
        self.compiled = _Compiled()
        self.remembered = Remembered()  # the case files as the last preview build read them
        self.later: list[Callable[[Path], None]] = []  # after_publishing's tasks for this build
        self.settling: threading.Thread | None = None  # the last build's, running
        self.sidecar: Sidecar | None = None  # helper(config)
        self.scanned: dict[str, tuple[bytes, list[str]]] = {}  # scanned_already

    def on_startup(self, *, command, dirty: bool) -> None:
        # A dirty build only rewrites changed pages, so it must build in place.
        self.dirty = dirty
        self.serving = command == "serve"

    @event_priority(100)  # first: no plugin starts on a set that cannot build
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self._settle()
        self._close_helper()
        check_set(config.plugins)
        self.project = None
        self.env = None
        self.recycled, self.written = None, set()
        self.origins, self.shown, self.outputs, self.late = {}, {}, {}, Problems()
        self.lock_news, self.current, self.broken = "", None, None
        self.apart, self.scanned, self.online = set(), {}, []
        self.done, self.waiting = None, []
        self.keys, self.kept, self.reused, self.later = {}, {}, {}, []
        # Case pages are reached through the library and search, never the menu: MkDocs'
        # list of pages missing from nav would name them all. Dead menu entries are
        # reported by on_nav, in Chinese.
        config.validation.nav.omitted_files = logging.DEBUG
        config.validation.nav.not_found = logging.DEBUG
        self._stop_translating()
        self.chinese = Chinese(self._locate, lambda src_uri: src_uri in self.reused)
        self.chinese.install()
        self.cache = Cache(Path(config.config_file_path).parent / self.config.cache_dir)
        if self.serving:
            # `mkdocs serve` points site_url at the dev server; QR codes and the qr-lock need the real one.
            config.site_url = _configured_site_url(config) or config.site_url
        self.urls = Urls(config.use_directory_urls, config.site_url)
        # Author paths in every body (a case body's start at content/, shown at cases/<id>/), whichever plugins are on.
        install(config)
        config.theme.dirs.append(str(TEMPLATES))
        material = next((n for n, d in enumerate(config.theme.dirs) if Path(d).parent.name == "material"), 0)
        config.theme.dirs.insert(material, str(OVERRIDES))
        if self.config.traditional:
            # Material includes partials/alternate.html, its language slot in the header, when
            # extra.alternate is set; ours holds the 简体/繁體 switch, and a site's own languages when
            # it lists them. Not our list: a list would also make Material redirect clicks into the
            # mirror to its home page.
            config.extra.setdefault("alternate", True)
            config.extra["qingfeng_mirror"] = MIRROR
        # Not under serve, whose preview stays local, nor in a dirty build, which is not the whole site.
        self.offline = self.config.offline and not self.serving and not self.dirty
        config.extra["qingfeng_offline"] = OFFLINE if self.offline else None
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

    def _stop_translating(self) -> None:
        if self.chinese is not None:
            self.chinese.remove()
            self.chinese = None

    def _locate(self, src_uri: str, needle: str) -> str:
        """Where a finding of MkDocs in a page (named by src_uri) was written: "content/x.md: 第 3 行"."""
        source = self.origins.get(src_uri)
        if self.project is None:
            return src_uri
        if source is None:
            if not (self.project.docs_dir / src_uri).is_file():
                return f"生成的页面 {src_uri}"
            source = Path(os.path.relpath(self.project.docs_dir / src_uri, self.project.root)).as_posix()
        return f"{source}: {self._line_of(source, needle)}"

    @event_priority(100)  # first: PDFs are written into the site from on_env on (qingfeng/booklets)
    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        # MkDocs has emptied the site's folder and nothing is written into it yet.
        if self.site_dir is not None and not self.serving:
            written = [file.dest_uri for file in files]
            if self.config.traditional:
                written += [f"{MIRROR}/{dest}" for dest in written]
            self.recycled = take_recycled(self.site_dir, Path(config.site_dir), written)
        return self.set_up(env)

    def set_up(self, env: Environment) -> Environment:
        """The theme's templates as Qingfeng's pages use them."""
        env.bytecode_cache = self.compiled
        env.filters["markdown_text"] = markdown_text
        # Every template links a thing by its place: qf_url(qf_place.case(id)) | url (model/urls.py).
        env.globals["qf_url"] = self.urls.url
        env.globals["qf_urls"] = self.urls
        env.globals["qf_place"] = places
        env.globals["qf_query"] = places.query
        # JSON in pages (library filters, quiz data) keeps its Chinese as characters, HTML-safe as
        # before: the mirror then converts it with the page's text, not only the text around it.
        env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
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
        # Taken before anything is read: a file saved while this build runs makes the next a full one.
        files = self._shared_files(config, root) if self.serving else ""
        try:
            self.project = load_project(
                root,
                docs_dir=os.path.relpath(config.docs_dir, root),
                cases_dir=self.config.cases_dir,
                config_dir=self.config.config_dir,
                site_url=config.site_url,
                config_file=Path(config.config_file_path).name,
                writes_lock=self.config.lock and not self.serving,  # as _lock_text decides
                remembered=self.remembered if self.serving else None,
            )
        except ContentError as error:
            if not self.serving:
                raise PluginError(error.report()) from None
            self._pause(config, error)
            return
        # One converter for the build: it sorts out which of the site's names need keeping.
        kept = f"{KEPT}|{markup.FILE_REFERENCES}"  # marked spans, and file names in either script
        self.converter = Converter(self.project.names, kept=kept, script=self.config.mirror_script)
        if self.serving:
            self.shared = fingerprint([], (files, *self._shared_facts(config)))
        elif forkable():  # otherwise the steps after the build do all the work, as under serve
            self._start_helper(config)

    def _start_helper(self, config: MkDocsConfig) -> None:
        """The helper scans each page and writes its mirror page while the next ones render."""
        self.sidecar = Sidecar()
        page = None
        if self.config.traditional:
            canonical = canonical_mark(config.site_url)
            page = functools.partial(mirrored, suffix=".html", convert=self.converter.traditional, canonical=canonical)
        work = PageWork(Path(config.site_dir), scan=True, mirror=page)
        self.sidecar.task("core.page", work.page)
        self.sidecar.task("core.done", work.finish)

    def _close_helper(self) -> None:
        if self.sidecar is not None:
            self.sidecar.close()
            self.sidecar = None

    def conversion(self) -> str:
        """What the mirror's conversion of a text depends on: the names it keeps, the standard."""
        return json.dumps([self.project.names, self.config.mirror_script], ensure_ascii=False)

    def _shared_files(self, config: MkDocsConfig, root: Path) -> str:
        """The files every page may show: content/, site_config/, the site's own templates and what
        mkdocs.yml watches. Installed themes and plugins do not change while serve runs."""
        installed = [Path(prefix).resolve() for prefix in {sys.prefix, sys.base_prefix}]
        own = [d for d in map(Path, config.theme.dirs) if not any(d.resolve().is_relative_to(p) for p in installed)]
        watched = [Path(path) for path in config.watch]
        return fingerprint([Path(config.docs_dir), root / self.config.config_dir, *own, *watched], ())

    def _shared_facts(self, config: MkDocsConfig) -> tuple[str, ...]:
        """What else every page may show: mkdocs.yml as it was read (its INHERIT parents in it), the
        list of cases, which packs hold them (a pack selects cases by their fields; a case page names
        its packs), and the names the mirror keeps."""
        project = self.project
        with warnings.catch_warnings():  # "to be removed" in a MkDocs 2 that this project does not take
            warnings.simplefilter("ignore", DeprecationWarning)
            read = config.user_configs
        settings = json.dumps(read, ensure_ascii=False, sort_keys=True, default=repr)
        packs = (f"pack {pack.id}\0{pack.title}\0{' '.join(pack.cases)}" for pack in project.packs)
        cases = sorted(f"case {case.id}" for case in project.cases)  # which, not in what order
        return (f"settings {settings}", *cases, *packs, f"conversion {self.conversion()}")

    def _pause(self, config: MkDocsConfig, error: ContentError) -> None:
        """Under serve: finish this build with only the page that lists the problems.

        Raising would leave the browser waiting (and end `mkdocs serve` on its first build).
        """
        log.error(error.report())
        self.broken = error.problems
        serve.only(config.plugins, self)
        config.theme.static_templates.clear()
        config.extra_templates = []

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.broken is not None:
            return Files([])
        # Only pages and media leave content/: never source YAML (quiz answers), never editor leftovers.
        docs_dir = os.path.join(os.path.abspath(config.docs_dir), "")
        # A board or pack page is shown by its plugin; with that plugin off it is not a page at all.
        off = {
            *(b.src_uri for b in self.project.boards if not enabled(config.plugins, BOARDS)),
            *(p.src_uri for p in self.project.packs if not enabled(config.plugins, PACKS)),
        }
        for file in list(files):
            inside = (file.abs_src_path or "").startswith(docs_dir)
            keep = file.src_uri in self.project.published and file.src_uri not in off
            if file.generated_by is None and inside and not keep:
                files.remove(file)
        return files

    @event_priority(100)  # first: the menu as mkdocs.yml has it, before a plugin adds to it
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        if self.broken is not None:
            return nav
        in_menu = {page.file.src_uri for page in nav.pages}  # the menu holds their page objects: not replaced
        for src_uri, (_, kept) in list(self.reused.items()):
            file = files.get_file_from_path(src_uri)
            if file is None or src_uri in in_menu:
                del self.reused[src_uri]
            else:
                CarriedPage(file, config, kept)
        config_file = Path(config.config_file_path).name
        for link in dead_links(nav.items):
            entry = f"“{link.title}”" if link.title else ""
            where = self._line_of(config_file, link.url, default="nav")
            # A warning, as MkDocs has it: the rest of the site is fine, and `qingfeng check` reads no menu.
            log.warning(f"{config_file}: {where}: 菜单（nav）中的{entry}指向 {link.url}，但网站里没有这个页面")
        return nav

    @event_priority(100)  # before Material reads titles and tags
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        self.current = self.origins.get(page.file.src_uri) or page.file.src_uri  # named if rendering it fails
        src_uri = page.file.src_uri
        if src_uri in self.keys and src_uri not in self.reused:  # its front matter as read, for the next preview
            self.kept[src_uri] = Kept(self.keys[src_uri], copy.deepcopy(page.meta), None, frozenset())
        # Front-matter values are text; Material prints them as HTML (title, description, author…).
        for key, value in page.meta.items():
            if key in NAME_META:
                continue
            if isinstance(value, str):
                page.meta[key] = escape(value)
            elif isinstance(value, list):
                page.meta[key] = [escape(str(item)) for item in value]
        if page.file.src_uri in self.reused:  # its meta as always, for the plugins that list pages by it
            page.meta["template"] = REUSED
            return ""
        if page.meta.get("script") == "keep" or is_simplified(markdown + str(page.meta.get("title", ""))):
            return markdown
        # The main site is in simplified script, names included.
        if isinstance(page.meta.get("title"), str):
            page.meta["title"] = self.converter.simplified(page.meta["title"])
        return self.converter.simplified(markdown)

    @event_priority(-100)  # last: the HTML every other plugin leaves is what the reader gets
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        self.current = None
        source = self.origins.get(page.file.src_uri)
        if source is None and page.file.abs_src_path:
            source = Path(os.path.relpath(page.file.abs_src_path, self.project.root)).as_posix()
        kept = self.kept.get(page.file.src_uri)
        if kept is not None:  # what the next preview build needs to take this page again
            anchors = frozenset(page.present_anchor_ids or ())
            self.kept[page.file.src_uri] = replace(kept, title=page._title_from_render, anchors=anchors)
        if source:
            self.outputs[page.file.dest_uri] = source
        # The second line behind the model's check of the source: the page as rendered, by the same policy.
        if source in self.project.marked:
            for finding in markup.check_html(html):
                self.late.add(source, self._line_of(source, finding.needle), finding.message)
        # Marks that the mirror leaves alone: the page keeps the script it is written in.
        return f"{KEEP_OPEN}{html}{KEEP_CLOSE}" if page.meta.get("script") == "keep" else html

    @event_priority(-100)  # last: the page as the theme and every plugin left it
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Qingfeng's part of every page, added here rather than in a theme template a site may replace."""
        if page.file.src_uri in self.reused:
            # The last build's page, linked rather than read and written again; MkDocs writes no
            # page for the empty output of its template (REUSED), and qingfeng/core quiets its note.
            target = Path(page.file.abs_dest_path)
            target.parent.mkdir(parents=True, exist_ok=True)
            link_or_copy(self.reused[page.file.src_uri][0], target)
            return ""
        if self.broken is not None:
            return output
        env = markdown_templates(config)
        context = {"config": config, "page": page, "base_url": get_relative_url(".", page.url)}
        head = env.get_template("qingfeng/head.html").render(context)
        output = into_head(output, head)
        if self.config.traditional and SWITCH_MARK not in output:
            # A site's own header or partials/alternate.html dropped the switch: it opens the body instead.
            bar = env.get_template("qingfeng/script-bar.html").render(context)
            output = _insert(output, _BODY_START, bar, before=False)
        if output.strip():  # MkDocs writes no page for an empty output
            self.written.add(page.file.dest_uri)
            if self.sidecar is not None:
                self.sidecar.post("core.page", page.file.dest_uri, output)
        return output

    def _line_of(self, source: str, needle: str, default: str = "正文") -> str:
        """Where in the source file a finding of the rendered page was written."""
        try:
            text = (self.project.root / source).read_text(encoding="utf-8-sig")
        except OSError:
            return default
        at = text.lower().find(needle.lower()) if needle else -1
        return default if at < 0 else f"第 {text.count(chr(10), 0, at) + 1} 行"

    def _scan_output(self, site: Path, done: Done) -> None:
        """Personal data in the built site fails the build, however it got there."""
        scanned = self.scanned | done.scanned
        for leak in scan_site(site, self.cache.folder / "pdfscan", skip=(MIRROR,), scanned=scanned):
            source = self.outputs.get(leak.file)
            where = f"（来自 {source}）" if source else ""
            self.late.add(f"site/{leak.file}", "生成结果", f"{leak.message}，个人信息不得发布{where}")

    @event_priority(-100)  # last: every plugin has written its files
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._stop_translating()
        if self._stop_counting():
            return  # MkDocs aborts this strict build next; on_build_error cleans up
        if self.serving and (self.broken or self.late):
            self._show_problems(config)
            return
        if self.late:
            raise PluginError(ContentError(self.late.items).report())
        done, site, apart = self.page_work(), Path(config.site_dir), frozenset(self.apart)
        # The folders apart may still be in the making (writing_apart): nothing here reads them
        # until it has waited for them.
        if self.recycled is not None:  # what is left of the last site and not written again
            try:
                sweep(self.recycled, self.written, skip=self._apart_paths())
            except ClockMoved as error:
                raise PluginError(str(error)) from None
            self.recycled = None
        lock_text = self._lock_text(config)
        # What the mirror's conversion of a page depends on besides the page.
        mirror_key = f"{self.conversion()}\0{config.site_url}\0{sorted(self.apart)}"
        if self.config.traditional:
            last = self.last
            # Under serve, a page as it was in the last build has the same mirror page as then.
            previous = last.site if last is not None and last.mirror == mirror_key and self.site_dir else None
            convert = self.converter.traditional
            carried = frozenset(output.relative_to(last.site).as_posix() for output, _ in self.reused.values())
            count = mirror(site, convert, config.site_url, apart, previous, carried, done.mirrored)
            log.info(f"繁体版：{count} 个文件已转换到 /{MIRROR}/")
        host = urlsplit(config.site_url).hostname if config.site_url else None
        edition = Edition(site, site / OFFLINE, host or "site", self._apart_paths()) if self.offline else None
        for wait in self.waiting:
            wait()
        self._close_helper()
        if edition is not None:
            for rel in self._apart_paths():
                if (site / rel).is_dir():
                    edition.add(site / rel)
            self._list_offline(site, edition.close())
        if not self.serving:  # what is published; serve's preview stays local and reloads often
            self._scan_output(site, done)
        if self.late:
            raise PluginError(ContentError(self.late.items).report())
        for task in self.online:
            task(Path(config.site_dir))
        self._publish(config)
        if self.later:
            self.settling = threading.Thread(target=self._run_later, args=(self.site_dir, self.later), daemon=True)
            self.settling.start()
        if self.serving:
            pages = {**self.kept, **{src_uri: kept for src_uri, (_, kept) in self.reused.items()}}
            self.last = Built(Path(config.site_dir), self.shared, pages, mirror_key) if self.site_dir else None
            if self.reused:
                log.info(f"预览：{len(self.reused)} 个页面与上次相同，沿用上次的结果")
        if lock_text is not None:
            qrlock.write(self.project.lock_file, lock_text)
            log.info(self.lock_news)
        if not self.serving and not self.dirty:
            self.cache.prune()  # entries no build uses any more: old PDFs, old QR images

    def _prefixes(self) -> tuple[str, ...]:
        """Where the sites are in the folder: the main site's at its top, the mirror's below it."""
        return ("", f"{MIRROR}/") if self.config.traditional else ("",)

    def _apart_paths(self) -> list[str]:
        """The folders apart, in the main site and the mirror."""
        return [f"{prefix}{folder}" for prefix in self._prefixes() for folder in sorted(self.apart)]

    def page_work(self) -> Done:
        """What the helper did for the pages (core/written.py), once the last is written; asked for
        before the helper is given other work, so as not to wait for that."""
        if self.done is None:
            self.done = self.sidecar.call("core.done") if self.sidecar is not None else Done()
        return self.done

    def _list_offline(self, site: Path, size: int) -> None:
        """The offline edition, written, listed with its size on the downloads pages."""
        text = size_text(size)
        for prefix in self._prefixes():
            if prefix:  # the mirror's downloads page offers the same file
                (site / prefix / OFFLINE).parent.mkdir(parents=True, exist_ok=True)
                (site / prefix / OFFLINE).unlink(missing_ok=True)
                link_or_copy(site / OFFLINE, site / prefix / OFFLINE)
            listing = site / prefix / places.DOWNLOADS_PAGE.path / "index.html"
            if listing.is_file():
                listing.write_text(listing.read_text(encoding="utf-8").replace(OFFLINE_SIZE, text), encoding="utf-8")
        log.info(f"离线版：{OFFLINE}（{text}）")

    def _publish(self, config: MkDocsConfig) -> None:
        if self.site_dir is not None:
            publish(Path(config.site_dir), self.site_dir, self._remove_later)
            config.site_dir = str(self.site_dir)
            if not self.serving:  # serve's folder is a temporary one of MkDocs'
                log.info(f"网站已生成并替换到 {self.site_dir}")

    def _run_later(self, site: Path, tasks: list[Callable[[Path], None]]) -> None:
        for task in tasks:
            try:
                task(site)
            except Exception as error:  # the preview goes on; the next build writes it all again
                log.error(f"预览的搜索索引未能更新（{type(error).__name__}: {excerpt(str(error), 200)}）")

    def _settle(self) -> None:
        """Wait for what the last build does after publishing."""
        if self.settling is not None:
            self.settling.join()
            self.settling = None

    def _remove_later(self, old: Path) -> None:
        """The replaced site is kept for the next build to take (core/publish.py). Under serve it is
        deleted, by a process of its own: serve's next build starts without waiting for it. What
        after_publishing's tasks write (the search index) moves into the new preview first, so that
        it has the last build's until they have written this one's."""
        if not self.serving:
            keep_for_next(old, self.site_dir)
            return
        for prefix in ("", f"{MIRROR}/"):
            for folder in self.apart if self.later else ():
                before, now = old / prefix / folder, self.site_dir / prefix / folder
                if before.is_dir() and not now.exists() and now.parent.is_dir():
                    os.rename(before, now)
        self.removing = [process for process in self.removing if process.poll() is None]
        process = remove_in_background(old)
        if process is not None:  # serve waits for it as it ends: it removes its own folder next
            self.removing.append(process)

    def on_shutdown(self) -> None:
        self._settle()
        self._close_helper()
        for process in self.removing:  # MkDocs removes its own folder next; nothing is left beside it
            process.wait()
        self.removing = []

    def _show_problems(self, config: MkDocsConfig) -> None:
        """The preview becomes one page listing the problems; it reloads once they are fixed."""
        self.last, self.later = None, []  # nothing of the site: no search index either
        if self.broken is None:
            log.error(ContentError(self.late.items).report())
        problems = self.broken or self.late.items
        serve.show(Path(config.site_dir), serve.render(config.theme.get_env(), problems, config.site_name))
        self._publish(config)
        log.info("浏览器中的预览现在列出这些问题；改好并保存后会自动刷新")

    def _lock_text(self, config: MkDocsConfig) -> str | None:
        """The qr-lock with the codes and cases built for the first time, checked by reading it back.

        Made before the swap, written after it: a failed build writes nothing.
        """
        project = self.project
        if not self.config.lock or self.serving or not config.site_url:
            return None
        today = datetime.date.today()
        # Only what this site publishes: a plugin that is off prints no codes.
        built = project.boards if enabled(config.plugins, BOARDS) else []
        boards = qrlock.new_entries(project.lock, built, config.site_url, today)
        ids = [c.id for c in project.cases] if enabled(config.plugins, CASES) else []
        cases = qrlock.new_case_entries(project.case_lock, ids, config.site_url, today)
        if not boards and not cases:
            return None
        try:
            text = qrlock.dump_checked({**project.lock, **boards}, {**project.case_lock, **cases})
        except ValueError as error:
            raise PluginError(f"{project.lock_file.name}: {error}") from None
        added = excerpt("、".join([*sorted(boards), *sorted(cases)]), 200)
        counts = "、".join(f"{n} 个{what}" for n, what in ((len(boards), "展板编码"), (len(cases), "案例")) if n)
        self.lock_news = f"二维码锁定文件新增 {counts}：{added}（请提交 qr-lock.yml）"
        return text

    def on_build_error(self, *, error: Exception) -> None:
        failed = self.chinese.failed if self.chinese is not None else None  # the page MkDocs named
        self.last = None
        self._close_helper()
        self._stop_translating()
        self._stop_counting()
        if self.site_dir is not None:
            discard(staging_dir(self.site_dir))
        if isinstance(error, BuildError):
            return  # MkDocs prints its message and stops
        if isinstance(error, HelperDied):  # no page's doing
            raise Abort(f"{error}；{'网站未改动' if self.site_dir is not None else '网站可能只生成了一部分'}")
        # Never a traceback for an author: one line saying what happened; the details with -v.
        log.debug("清风生成失败的详细信息", exc_info=error)
        root = Path(self.project.root) if self.project else None
        where = self.site_dir or Path(".")
        kept = self.site_dir is not None
        message = disk_problem(error, where, root=root, kept=kept) if isinstance(error, OSError) else None
        detail = f"{type(error).__name__}: {excerpt(str(error), 200)}"
        source = self.current or (failed and (self.origins.get(failed) or failed))
        page = f"处理 {source} 时" if source else ""
        raise Abort(message or f"{page}生成失败（内部错误 {detail}）；用 mkdocs build -v 可看详细信息")

    def _stop_counting(self) -> bool:
        if self.warnings is None:
            return False
        logging.getLogger("mkdocs").removeHandler(self.warnings)
        failed = bool(self.warnings.get_counts())
        self.warnings = None
        return failed
