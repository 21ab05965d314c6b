"""`mkdocs serve` with content errors: the preview shows the problems instead of hanging.

A build that raises leaves MkDocs' dev server waiting for a site that never
comes (and a failed first build ends `mkdocs serve`). Under serve, the core
plugin therefore finishes such a build with one page listing the problems.
MkDocs serves `404.html` for every address it has no file for, so a site
holding nothing else shows that page wherever the author is; the page reloads
itself when the next build is ready.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from jinja2 import Environment
from mkdocs.plugins import BasePlugin, PluginCollection
from mkdocs.utils import clean_directory, write_file

from ..model.problems import Problem

TEMPLATE = "qingfeng/serve-error.html"
# What MkDocs' dev server sends for any path without a file (mkdocs/commands/serve.py).
PAGE = "404.html"
# The events of a build that follow on_pre_build: they work on the content.
BUILD_EVENTS = (
    "files",
    "nav",
    "env",
    "pre_template",
    "template_context",
    "post_template",
    "pre_page",
    "page_read_source",
    "page_markdown",
    "page_content",
    "page_context",
    "post_page",
    "post_build",
)


def only(plugins: PluginCollection, plugin: BasePlugin) -> None:
    """For the rest of this build, run no other plugin: they all need valid content.

    The collection is made anew for every build, so the next one runs them all again.
    """
    for event in BUILD_EVENTS:
        plugins.events[event] = [h for h in plugins.events[event] if getattr(h, "__self__", None) is plugin]


def render(env: Environment, problems: Iterable[Problem], site_name: str) -> str:
    return env.get_template(TEMPLATE).render(problems=list(problems), site_name=site_name)


def show(site_dir: Path, html: str) -> None:
    """Make the page everything the preview serves."""
    clean_directory(str(site_dir))
    write_file(html.encode("utf-8"), str(site_dir / PAGE))
