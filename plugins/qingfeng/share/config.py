import re

from mkdocs.config import config_options as c

from ..core.base import PluginConfig


class Colour(c.BaseConfigOption[str]):
    """A colour written #rrggbb, refused in Chinese otherwise."""

    def __init__(self, default: str) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> str:
        if not isinstance(value, str) or not re.fullmatch(r"#[0-9A-Fa-f]{6}", value):
            raise c.ValidationError(f"应是 #rrggbb 形式的颜色（如 {self.default}），实际是 {value!r}")
        return value


class ShareConfig(PluginConfig):
    """What a chat app shows for a shared link: Open Graph tags on every page, and a card image
    for case, pack, board and 家风 pages (the site's own card for the others)."""

    cards = c.Type(bool, default=True)  # false: the tags only, with no image
    # The seal colour of the cards; the site's primary colour in qingfeng.css.
    seal_color = Colour(default="#a31515")
