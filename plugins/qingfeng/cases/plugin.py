"""qingfeng/cases: a page per case and the case library with filters."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..core.markdown import Renderer, page_relative
from ..core.pages import front_matter, page_url
from ..core.plugin import markdown_templates, project_of, record_origin
from ..model.markup import LOADS
from ..model.schema import Case
from .config import CasesConfig
from .library import facets

TEMPLATES = Path(__file__).parent / "templates"
BASE = "cases"  # fixed by the content format: a case URL must never change
CONFESSIONS = f"{BASE}/confessions/index.md"  # the model keeps "confessions" from being a case id
FILMS = "films/index.md"
FEED = "feed.xml"
LINKED = LOADS | {"href"}  # what a case body's HTML on another page points at


def case_src_uri(case_id: str) -> str:
    """The generated Markdown file of a case, for links from other pages."""
    return f"{BASE}/{case_id}.md"


class CasesPlugin(BasePlugin[CasesConfig]):
    def __init__(self) -> None:
        self.pages: dict[str, Case] = {}  # src_uri -> case
        self.retired: dict[str, str] = {}  # src_uri of a retired case's page -> where it forwards
        self.library_uri = ""
        self.library_url = ""
        self.env: Environment | None = None
        self.files: Files | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.pages, self.retired = {}, {}
        self.library_uri = f"{BASE}/index.md"
        config.theme.dirs.append(str(TEMPLATES))
        # An Atom feed needs absolute links; qingfeng/core's main.html links it from every page.
        config.extra["qingfeng_feed"] = FEED if config.site_url else None
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
            src_uri = case_src_uri(case.id)
            content = front_matter(meta) + body.render(case=case)
            # Case pages stay out of the navigation: with every page linking
            # every other one, the build grows with the square of the cases.
            files.append(File.generated(config, src_uri, content=content, inclusion=InclusionLevel.NOT_IN_NAV))
            self.pages[src_uri] = case
            record_origin(config, src_uri, case.path)
        for case_id, entry in project.case_lock.items():
            if entry.retired and case_id not in project.case_by_id:
                # A printed case URL never breaks: the old address forwards (CONTENT-FORMAT 11).
                page = files.get_file_from_path(entry.retired)
                target = (
                    page.url if page is not None else page_url(f"{BASE}/{entry.retired}", config.use_directory_urls)
                )
                meta = {
                    "title": "案例已移到新的网址",
                    "template": "qingfeng/case-retired.html",
                    "search": {"exclude": True},
                }
                src_uri = case_src_uri(case_id)
                files.append(
                    File.generated(config, src_uri, content=front_matter(meta), inclusion=InclusionLevel.NOT_IN_NAV)
                )
                self.retired[src_uri] = target
        meta = {"title": self.config.library_title, "template": "qingfeng/case-library.html"}
        library = File.generated(config, self.library_uri, content=front_matter(meta))
        files.append(library)
        self.library_url = library.url
        for uri, title, template in (
            (CONFESSIONS, self.config.confessions_title, "qingfeng/confessions.html"),
            (FILMS, self.config.films_title, "qingfeng/films.html"),
        ):
            files.append(File.generated(config, uri, content=front_matter({"title": title, "template": template})))
        return files

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        self.env = env
        return env

    def on_page_context(self, context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
        case = self.pages.get(page.file.src_uri)
        if page.file.src_uri in self.retired:
            context["target_url"] = self.retired[page.file.src_uri]
        elif case is not None:
            context["case"] = case
            context["library_url"] = self.library_url
            context["library_title"] = self.config.library_title
        elif page.file.src_uri == self.library_uri:
            cases = project_of(config).cases
            context["cases"] = cases
            context["facets"] = facets(cases)
            context["case_urls"] = self.case_urls(cases, config)
        elif page.file.src_uri == CONFESSIONS:
            confessing = [case for case in project_of(config).cases if case.section("chanhui")]
            render = Renderer(config)

            def shown(case: Case) -> str:
                # Written relative to content/, shown on this page: images and links placed for it.
                html = render(case.section("chanhui").markdown)
                return page_relative(html, "", page.file, self.files, LINKED)

            context["confessions"] = [(case, shown(case)) for case in confessing]
            context["case_urls"] = self.case_urls(confessing, config)
        elif page.file.src_uri == FILMS:
            films = [case for case in project_of(config).cases if case.video]
            context["films"] = films
            context["case_urls"] = self.case_urls(films, config)
        return context

    @staticmethod
    def case_urls(cases: list[Case], config: MkDocsConfig) -> dict[str, str]:
        return {case.id: page_url(f"{BASE}/{case.id}", config.use_directory_urls) for case in cases}

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not config.extra.get("qingfeng_feed"):
            return
        cases = project_of(config).cases[: self.config.feed_size]
        feed = self.env.get_template("qingfeng/feed.xml").render(
            config=config, cases=cases, case_urls=self.case_urls(cases, config)
        )
        Path(config.site_dir, FEED).write_text(feed, encoding="utf-8")
