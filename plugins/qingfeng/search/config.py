from mkdocs.config import config_options as c

from ..core.base import PluginConfig


class SearchConfig(PluginConfig):
    """Search in the header of every page: its index at /search/ (and /zh-hant/search/)."""

    # A result opens its page with the words marked (?h=), as Material's search.highlight does.
    highlight = c.Type(bool, default=True)
