from mkdocs.config import config_options as c

from ..core.base import PluginConfig


class BoardsConfig(PluginConfig):
    """Board pages at /b/<CODE>/, park indexes at /park/, QR codes and print PDFs."""

    list_title = c.Type(str, default="廉洁文化主题公园")
    # Board artwork and sticker sheets at /print/boards/.
    pdf = c.Type(bool, default=True)
    # PDFs take seconds; `mkdocs serve` skips them unless asked.
    pdf_on_serve = c.Type(bool, default=False)
