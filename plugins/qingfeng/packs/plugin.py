"""qingfeng/packs: 以案四说 study packs, one page per pack and a list."""

from __future__ import annotations

import posixpath
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..cases.plugin import case_src_uri
from ..core.base import CASES, CORE, QingfengPlugin
from ..core.pages import move
from ..core.plugin import markdown_templates, page_file, project_of, show, shown, urls_of
from ..model import urls as places
from ..model.schema import Case, Pack
from .config import PacksConfig

TEMPLATES = Path(__file__).parent / "templates"


class PacksPlugin(QingfengPlugin[PacksConfig]):
    requires = (CORE, CASES)  # a pack shows its cases and links their pages
    list_uri = places.PACKS.src_uri

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        config.theme.dirs.append(str(TEMPLATES))
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        urls = urls_of(config)
        for pack in project_of(config).packs:
            # The URL comes from the pack id, whatever the file is called;
            # links to the source file keep working.
            move(files.get_file_from_path(pack.src_uri), urls.dest(places.pack(pack.id)))
            show(config, pack.src_uri, pack)
        meta = {"title": self.config.list_title, "template": "qingfeng/pack-list.html"}
        files.append(page_file(config, places.PACKS, meta))
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        pack = shown(config, page)
        if not isinstance(pack, Pack):
            return markdown
        page.meta["template"] = "qingfeng/pack.html"
        cases = [project_of(config).case_by_id[case_id] for case_id in pack.cases]
        body = markdown_templates(config).get_template("qingfeng/pack-body.html")
        folder = posixpath.dirname(page.file.src_uri)
        links = {case.id: posixpath.relpath(case_src_uri(case.id), folder) for case in cases}
        return markdown + "\n\n" + body.render(pack=pack, cases=cases, links=links)

    def on_page_context(self, context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
        project = project_of(config)
        thing = shown(config, page)
        if isinstance(thing, Pack):
            context["pack"] = thing
            context["pack_cases"] = [project.case_by_id[case_id] for case_id in thing.cases]
        elif isinstance(thing, Case):
            context["case_packs"] = [p for p in project.packs if thing.id in p.cases]
        elif page.file.src_uri == self.list_uri:
            context["packs"] = project.packs
        return context
