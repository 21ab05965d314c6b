from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class CasesConfig(Config):
    """Case pages at /cases/<id>/ and the case library at /cases/."""

    library_title = c.Type(str, default="案例库")
    # Material tags for sectors and violations, linking to the tags index.
    tags = c.Type(bool, default=True)
