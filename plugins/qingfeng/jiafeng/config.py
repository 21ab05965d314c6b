from mkdocs.config import config_options as c

from ..core.base import PluginConfig


class JiafengConfig(PluginConfig):
    """家风 pages under content/jiafeng/: pinyin where asked, an index at /jiafeng/ grouped by kind."""

    title = c.Type(str, default="家风家训")  # of the index, when content/jiafeng/index.md does not exist
