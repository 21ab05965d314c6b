from mkdocs.config import config_options as c

from ..core.base import PluginConfig


class BookletsConfig(PluginConfig):
    """Booklets, pack and quiz PDFs at /downloads/, and the downloads page."""

    title = c.Type(str, default="下载")
    packs = c.Type(bool, default=True)  # /downloads/packs/<id>.pdf
    papers = c.Type(bool, default=True)  # /downloads/quizzes/<id>-A.pdf and -B.pdf
    # PDFs take seconds; `mkdocs serve` skips them unless asked.
    pdf_on_serve = c.Type(bool, default=False)
