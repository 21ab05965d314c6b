from mkdocs.config import config_options as c

from ..core.base import Count, PluginConfig


class CasesConfig(PluginConfig):
    """Case pages at /cases/<id>/ and the case library at /cases/."""

    library_title = c.Type(str, default="案例库")
    # Cases on each page of the library; the filters find among all of them.
    library_page_size = Count(default=50)
    # Material tags for sectors and violations, linking to the tags index.
    tags = c.Type(bool, default=True)
    confessions_title = c.Type(str, default="忏悔录")  # /cases/confessions/
    # /tags/: every sector, violation, role, region and year, with its count, each opening the
    # library filtered by it; not made when a page of the site is there already (Material's tags).
    tags_title = c.Type(str, default="标签")
    films_title = c.Type(str, default="警示教育片")  # /films/
    feed_size = Count(default=20)  # newest cases in /feed.xml (needs site_url)
