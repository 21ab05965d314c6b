from mkdocs.config import config_options as c

from ..core.base import PluginConfig


class CasesConfig(PluginConfig):
    """Case pages at /cases/<id>/ and the case library at /cases/."""

    library_title = c.Type(str, default="案例库")
    # Material tags for sectors and violations, linking to the tags index.
    tags = c.Type(bool, default=True)
    confessions_title = c.Type(str, default="忏悔录")  # /cases/confessions/
    films_title = c.Type(str, default="警示教育片")  # /films/
    feed_size = c.Type(int, default=20)  # newest cases in /feed.xml (needs site_url)
