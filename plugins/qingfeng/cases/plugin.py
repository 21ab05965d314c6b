"""qingfeng/cases: a page per case and the case library with filters."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..core.base import QingfengPlugin
from ..core.markdown import Renderer, page_relative
from ..core.plugin import markdown_templates, page_file, project_of, show, shown, urls_of
from ..model import urls as places
from ..model.markup import LOADS
from ..model.schema import Case
from .config import CasesConfig
from .library import facets

TEMPLATES = Path(__file__).parent / "templates"
CONFESSIONS = places.CONFESSIONS.src_uri
FILMS = places.FILMS.src_uri
LINKED = LOADS | {"href"}  # what a case body's HTML on another page points at


def case_src_uri(case_id: str) -> str:
    """The generated Markdown file of a case, for links from other pages."""
    return places.case(case_id).src_uri


class CasesPlugin(QingfengPlugin[CasesConfig]):
    library_uri = places.LIBRARY.src_uri

    def __init__(self) -> None:
        self.retired: dict[str, str] = {}  # src_uri of a retired case's page -> where it forwards
        self.env: Environment | None = None
        self.files: Files | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.retired = {}
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
            files.append(page_file(config, places.case(case.id), meta, body.render(case=case), hidden=True))
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
        for place, title, template in (
            (places.LIBRARY, self.config.library_title, "qingfeng/case-library.html"),
            (places.CONFESSIONS, self.config.confessions_title, "qingfeng/confessions.html"),
            (places.FILMS, self.config.films_title, "qingfeng/films.html"),
        ):
            files.append(page_file(config, place, {"title": title, "template": template}))
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
        elif page.file.src_uri == self.library_uri:
            cases = project_of(config).cases
            context["cases"] = cases
            context["facets"] = facets(cases)
        elif page.file.src_uri == CONFESSIONS:
            confessing = [case for case in project_of(config).cases if case.section("chanhui")]
            render = Renderer(config)

            def placed(case: Case) -> str:
                # Written relative to content/, shown on this page: images and links placed for it.
                html = render(case.section("chanhui").markdown)
                return page_relative(html, "", page.file, self.files, LINKED)

            context["confessions"] = [(case, placed(case)) for case in confessing]
        elif page.file.src_uri == FILMS:
            context["films"] = [case for case in project_of(config).cases if case.video]
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not config.extra.get("qingfeng_feed"):
            return
        cases = project_of(config).cases[: self.config.feed_size]
        feed = self.env.get_template("qingfeng/feed.xml").render(config=config, cases=cases)
        Path(config.site_dir, places.FEED).write_text(feed, encoding="utf-8")
