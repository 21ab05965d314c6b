"""Markdown to HTML with the site's own extensions; author paths placed where the HTML is shown.

Authors write paths relative to a folder under content/ (CONTENT-FORMAT 1): a case body's to content/ itself, a
page's to its own folder. MkDocs resolves the paths of Markdown links and images against the page's own source
folder and leaves raw HTML alone. `AuthorPaths` closes both gaps on every page MkDocs renders: Markdown written
for another folder (a case body, generated into cases/<id>.md) is marked with `data-qf-base` by its template, and
raw HTML `src`, `poster` and `srcset` become URLs relative to the page, the way MkDocs writes its own.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as etree
from collections.abc import Callable
from urllib.parse import quote

import markdown
from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from ..model.markup import LOADS, rewrite_urls, rewrite_value
from ..model.paths import local_url

# On an element of generated Markdown (md_in_html): the docs-relative folder that the paths written inside it are
# relative to ("" for content/). Authors cannot write data-qf-* attributes (markup.RESERVED_DATA); it is removed.
BASE_ATTRIBUTE = "data-qf-base"
# The elements whose URLs MkDocs resolves (those that Markdown made, and raw HTML that md_in_html made into
# elements), and the attribute it resolves.
_RESOLVED = {"a": "href", "img": "src"}


class Renderer:
    """Markdown rendered outside MkDocs' pages (print, the confessions page). Its HTML keeps the author's relative
    paths: `page_relative` places them for a page, render/pdf.Images for a PDF."""

    def __init__(self, config: MkDocsConfig):
        self._md = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)

    def __call__(self, text: str) -> str:
        html = self._md.reset().convert(text)
        return html


def install(config: MkDocsConfig) -> AuthorPaths:
    """The site's AuthorPaths extension, added to its Markdown extensions once."""
    found = next((e for e in config.markdown_extensions if isinstance(e, AuthorPaths)), None)
    if found is None:
        found = AuthorPaths()
        config.markdown_extensions.append(found)
    return found


def page_relative(html: str, base: str, page: File, files: Files, names: frozenset[str] = LOADS) -> str:
    """HTML rendered from Markdown written relative to the docs-relative folder `base`, shown on `page`: its
    local URLs (in these attributes) made relative to the page, for the files of the site that they name."""
    return rewrite_urls(html, _to_page(base, page, files), names)


def _to_page(base: str, page: File, files: Files) -> Callable[[str], str | None]:
    def change(url: str) -> str | None:
        target = local_url(url, base)
        found = files.get_file_from_path(target.path.rstrip("/")) if target else None
        return None if found is None else get_relative_url(found.url, page.url) + target.rest

    return change


class AuthorPaths(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After the inline patterns (20), which make the images, links and inline HTML; before MkDocs'
        # "relpath" (0), which resolves what Markdown made against the page's source folder.
        md.treeprocessors.register(_AuthorPathsTreeprocessor(md), "qingfeng_paths", 3)


class _AuthorPathsTreeprocessor(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        # MkDocs registers its link resolver for each page it renders, with the page and the site's files; print
        # templates render Markdown without one (render/pdf.py places their images).
        try:
            resolver = self.md.treeprocessors["relpath"]
        except KeyError:
            resolver = None
        page, files = getattr(resolver, "file", None), getattr(resolver, "files", None)
        if not isinstance(page, File) or not isinstance(files, Files):
            for element in root.iter():
                element.attrib.pop(BASE_ATTRIBUTE, None)
            return
        folder = posixpath.dirname(page.src_uri)
        raw_bases: dict[int, str] = {}  # raw HTML in the stash: the folder its paths are relative to
        stack = [(root, folder)]
        while stack:
            element, base = stack.pop()
            own = element.attrib.pop(BASE_ATTRIBUTE, None)
            if own is not None:
                base = posixpath.normpath(own) if own.strip("./") else ""
            resolved = _RESOLVED.get(element.tag)
            for name, value in list(element.items()):
                if name == resolved:
                    # MkDocs resolves this one next, against the page's source folder.
                    target = local_url(value, base) if base != folder else None
                    if target is not None:
                        element.set(name, _relative(target.path, folder) + target.rest)
                elif name in LOADS:  # raw HTML that md_in_html made into elements; MkDocs leaves it
                    element.set(name, rewrite_value(name, value, _to_page(base, page, files)))
            _note(element.text, base, raw_bases)
            for child in element:
                _note(child.tail, base, raw_bases)
                stack.append((child, base))
        stash = self.md.htmlStash.rawHtmlBlocks
        for index, block in enumerate(stash):  # raw HTML inside raw HTML, as md_in_html may store it
            if isinstance(block, str) and index in raw_bases:
                _note(block, raw_bases[index], raw_bases)
        for index, block in enumerate(stash):
            if isinstance(block, str):
                stash[index] = page_relative(block, raw_bases.get(index, folder), page, files)


def _note(text: str | None, base: str, bases: dict[int, str]) -> None:
    if text and "\x02" in text:
        for m in HTML_PLACEHOLDER_RE.finditer(text):
            bases.setdefault(int(m.group(1)), base)


def _relative(path: str, folder: str) -> str:
    """The docs-relative `path` written relative to the docs-relative `folder`, as a URL path."""
    relative = posixpath.relpath(path, folder or ".") + ("/" if path.endswith("/") else "")
    return quote(relative)
