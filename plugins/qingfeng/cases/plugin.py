"""qingfeng/cases: a page per case and the case library with filters."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from ..core.base import QingfengPlugin
from ..core.markdown import Renderer, page_relative
from ..core.plugin import markdown_templates, page_file, project_of, reusable_page, show, shown, urls_of
from ..model import urls as places
from ..model.markup import LOADS
from ..model.schema import Case
from ..render.scriptdata import script_call
from .config import CasesConfig
from .library import Facet, facets, library_data, pager, pages

TEMPLATES = Path(__file__).parent / "templates"
CONFESSIONS = places.CONFESSIONS.src_uri
TAGS_TEMPLATE = "qingfeng/case-tags.html"
FILMS = places.FILMS.src_uri
LINKED = LOADS | {"href"}  # what a case body's HTML on another page points at


def case_src_uri(case_id: str) -> str:
    """The generated Markdown file of a case, for links from other pages."""
    return places.case(case_id).src_uri


class CasesPlugin(QingfengPlugin[CasesConfig]):

    def __init__(self) -> None:
        self.retired: dict[str, str] = {}  # src_uri of a retired case's page -> where it forwards
        self.env: Environment | None = None
        self.files: Files | None = None
        self.library_pages: dict[str, int] = {}  # src_uri of a page of the library -> its number
        self.facets: list[Facet] = []

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.retired, self.library_pages = {}, {places.LIBRARY.src_uri: 1}
        config.theme.dirs.append(str(TEMPLATES))
        # An Atom feed needs absolute links; qingfeng/core links it from the head of every page.
        config.extra["qingfeng_feed"] = places.FEED if config.site_url else None
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        project = project_of(config)
        self.files = files
        body = markdown_templates(config).get_template("qingfeng/case-body.html")
        for case in project.cases:
            meta = {"title": case.title, "description": case.summary, "template": "qingfeng/case.html"}
            if self.config.tags:
                meta["tags"] = list(dict.fromkeys(case.sector + case.violations))
            if case.keep_script:
                meta["script"] = "keep"
            # Case pages stay out of the navigation: with every page linking
            # every other one, the build grows with the square of the cases.
            place = places.case(case.id)
            reusable_page(config, place, project.root / case.path)
            files.append(page_file(config, place, meta, body.render(case=case), hidden=True))
            show(config, case_src_uri(case.id), case, origin=case.path)
        for case_id, entry in project.case_lock.items():
            if entry.retired and case_id not in project.case_by_id:
                # A printed case URL never breaks: the old address forwards (CONTENT-FORMAT 11).
                page = files.get_file_from_path(entry.retired)
                target = page.url if page is not None else urls_of(config).url(places.case(entry.retired))
                meta = {
                    "title": "案例已移到新的网址",
                    "template": "qingfeng/case-retired.html",
                    "search": {"exclude": True},
                }
                files.append(page_file(config, places.case(case_id), meta, hidden=True))
                self.retired[case_src_uri(case_id)] = target
        self.facets = facets(project.cases)
        for number in range(2, pages(len(project.cases), self.config.library_page_size) + 1):
            place = places.library_page(number)
            title = f"{self.config.library_title}（第 {number} 页）"
            meta = {"title": title, "template": "qingfeng/case-library.html", "search": {"exclude": True}}
            files.append(page_file(config, place, meta, hidden=True))
            self.library_pages[place.src_uri] = number
        for place, title, template in (
            (places.LIBRARY, self.config.library_title, "qingfeng/case-library.html"),
            (places.CONFESSIONS, self.config.confessions_title, "qingfeng/confessions.html"),
            (places.FILMS, self.config.films_title, "qingfeng/films.html"),
        ):
            files.append(page_file(config, place, {"title": title, "template": template}))
        taken = {file.dest_uri for file in files}
        if urls_of(config).dest(places.TAGS) not in taken:  # a site's own tags page (Material's) stays
            files.append(page_file(config, places.TAGS, {"title": self.config.tags_title, "template": TAGS_TEMPLATE}))
        return files

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        self.env = env
        return env

    def on_page_context(self, context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
        case = shown(config, page)
        if page.file.src_uri in self.retired:
            context["target_url"] = self.retired[page.file.src_uri]
        elif isinstance(case, Case):
            context["case"] = case
            context["library_title"] = self.config.library_title
        elif page.file.src_uri in self.library_pages:
            cases, size = project_of(config).cases, self.config.library_page_size
            number = self.library_pages[page.file.src_uri]
            context["cases"] = cases[(number - 1) * size : number * size]
            context["facets"] = self.facets
            context["pager"] = pager(number, len(cases), size)
            context["library_pages"] = [places.library_page(n) for n in range(1, context["pager"].count + 1)]
            context["library_data"] = places.LIBRARY_DATA
        elif page.file.src_uri == CONFESSIONS:
            confessing = [case for case in project_of(config).cases if case.section("chanhui")]
            render = Renderer(config)

            def placed(case: Case) -> str:
                # Written relative to content/, shown on this page: images and links placed for it.
                html = render(case.section("chanhui").markdown)
                return page_relative(html, "", page.file, self.files, LINKED)

            context["confessions"] = [(case, placed(case)) for case in confessing]
        elif page.file.src_uri == places.TAGS.src_uri and page.meta.get("template") == TAGS_TEMPLATE:
            context["facets"] = self.facets
        elif page.file.src_uri == FILMS:
            context["films"] = [case for case in project_of(config).cases if case.video]
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        urls = urls_of(config)
        library = urls.url(places.LIBRARY)

        def case_url(case: Case) -> str:
            return get_relative_url(urls.url(places.case(case.id)), library)

        data = script_call("qingfengLibrary", library_data(project_of(config).cases, case_url))
        Path(config.site_dir, places.LIBRARY_DATA).write_text(data, encoding="utf-8")
        if not config.extra.get("qingfeng_feed"):
            return
        cases = project_of(config).cases[: self.config.feed_size]
        feed = self.env.get_template("qingfeng/feed.xml").render(config=config, cases=cases)
        Path(config.site_dir, places.FEED).write_text(feed, encoding="utf-8")
