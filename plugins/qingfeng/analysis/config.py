from mkdocs.config import config_options as c

from ..core.base import PluginConfig


class AnalysisConfig(PluginConfig):
    """类案分析 at /analysis/: statistics of all cases, as charts with data tables."""

    title = c.Type(str, default="类案分析")
