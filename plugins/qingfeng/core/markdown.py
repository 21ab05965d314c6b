"""Markdown to HTML with the site's own extensions, for print templates."""

from __future__ import annotations

import markdown
from mkdocs.config.defaults import MkDocsConfig


class Renderer:
    def __init__(self, config: MkDocsConfig):
        self._md = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)

    def __call__(self, text: str) -> str:
        html = self._md.reset().convert(text)
        return html
