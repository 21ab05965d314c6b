"""qingfeng/analysis: 类案分析, where the cases cluster, computed at build time."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..core.base import CASES, CORE, QingfengPlugin
from ..core.plugin import page_file, project_of
from ..model import urls as places
from . import stats
from .config import AnalysisConfig

TEMPLATES = Path(__file__).parent / "templates"


class AnalysisPlugin(QingfengPlugin[AnalysisConfig]):
    requires = (CORE, CASES)  # its bars open the case library
    uri = places.ANALYSIS.src_uri

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        config.theme.dirs.append(str(TEMPLATES))
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        meta = {"title": self.config.title, "template": "qingfeng/analysis.html"}
        files.append(page_file(config, places.ANALYSIS, meta))
        return files

    def on_page_context(self, context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
        if page.file.src_uri == self.uri:
            cases = project_of(config).cases
            context["cases"] = cases
            context["charts"] = stats.charts(cases)
        return context
