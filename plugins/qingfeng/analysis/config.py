from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class AnalysisConfig(Config):
    """类案分析 at /<url>/: statistics of all cases, as charts with data tables."""

    url = c.Type(str, default="analysis")
    title = c.Type(str, default="类案分析")
