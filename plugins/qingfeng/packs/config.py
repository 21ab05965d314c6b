from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class PacksConfig(Config):
    """Study packs at /<url>/<id>/ and their list at /<url>/."""

    url = c.Type(str, default="packs")
    list_title = c.Type(str, default="以案四说学习包")
