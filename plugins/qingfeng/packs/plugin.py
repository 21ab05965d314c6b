"""qingfeng/packs: 以案四说 study packs, one page per pack and a list."""

from __future__ import annotations

import posixpath
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..cases.plugin import case_src_uri
from ..core.pages import front_matter, page_url, place
from ..core.plugin import markdown_templates, project_of
from ..model.schema import Pack
from .config import PacksConfig

TEMPLATES = Path(__file__).parent / "templates"


class PacksPlugin(BasePlugin[PacksConfig]):
    def __init__(self) -> None:
        self.pages: dict[str, Pack] = {}  # src_uri -> pack
        self.urls: dict[str, str] = {}  # pack id -> site-relative URL
        self.list_uri = ""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.pages, self.urls = {}, {}
        self.list_uri = f"{self.config.url.strip('/')}/index.md"
        config.theme.dirs.append(str(TEMPLATES))
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        base = self.config.url.strip("/")
        for pack in project_of(config).packs:
            # The URL comes from the pack id, whatever the file is called;
            # links to the source file keep working.
            place(files.get_file_from_path(pack.src_uri), f"{base}/{pack.id}", config.use_directory_urls)
            self.pages[pack.src_uri] = pack
            self.urls[pack.id] = page_url(f"{base}/{pack.id}", config.use_directory_urls)
        meta = {"title": self.config.list_title, "template": "qingfeng/pack-list.html"}
        files.append(File.generated(config, self.list_uri, content=front_matter(meta)))
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        pack = self.pages.get(page.file.src_uri)
        if pack is None:
            return markdown
        page.meta["template"] = "qingfeng/pack.html"
        cases = [project_of(config).case_by_id[case_id] for case_id in pack.cases]
        body = markdown_templates(config).get_template("qingfeng/pack-body.html")
        folder = posixpath.dirname(page.file.src_uri)
        links = {case.id: posixpath.relpath(case_src_uri(case.id), folder) for case in cases}
        return markdown + "\n\n" + body.render(pack=pack, cases=cases, links=links)

    # After qingfeng/cases has put the case into the context.
    @event_priority(-10)
    def on_page_context(self, context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
        project = project_of(config)
        pack = self.pages.get(page.file.src_uri)
        if pack is not None:
            context["pack"] = pack
            context["pack_cases"] = [project.case_by_id[case_id] for case_id in pack.cases]
        elif page.file.src_uri == self.list_uri:
            context["packs"] = [(p, self.urls[p.id]) for p in project.packs]
        case = context.get("case")
        if case is not None:
            context["case_packs"] = [(p, self.urls[p.id]) for p in project.packs if case.id in p.cases]
        return context
