"""qingfeng/analysis: 类案分析, where the cases cluster, computed at build time."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..cases.plugin import BASE as CASES
from ..core.pages import front_matter, page_url
from ..core.plugin import project_of
from . import stats
from .config import AnalysisConfig

TEMPLATES = Path(__file__).parent / "templates"


class AnalysisPlugin(BasePlugin[AnalysisConfig]):
    def __init__(self) -> None:
        self.uri = ""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.uri = f"{self.config.url.strip('/')}/index.md"
        config.theme.dirs.append(str(TEMPLATES))
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        meta = {"title": self.config.title, "template": "qingfeng/analysis.html"}
        files.append(File.generated(config, self.uri, content=front_matter(meta)))
        return files

    def on_page_context(self, context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
        if page.file.src_uri == self.uri:
            cases = project_of(config).cases
            context["cases"] = cases
            context["charts"] = stats.charts(cases)
            context["chart_geometry"] = {"width": stats.WIDTH, "row": stats.ROW, "bar": stats.BAR}
            context["library_url"] = page_url(CASES, config.use_directory_urls)
        return context
