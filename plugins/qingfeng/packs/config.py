from mkdocs.config import config_options as c

from ..core.base import PluginConfig


class PacksConfig(PluginConfig):
    """Study packs at /packs/<id>/ and their list at /packs/."""

    list_title = c.Type(str, default="以案四说学习包")
