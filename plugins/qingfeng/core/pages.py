"""Helpers for generated pages: where they live, their front matter, literal text in Markdown."""

from __future__ import annotations

import re

import yaml
from mkdocs.structure.files import File

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~<>&-])")


def move(file: File, dest_uri: str) -> None:
    """Publish a Markdown file at `dest_uri` (model/urls.py): a pack's URL comes from its id, not its file name."""
    file.dest_uri = dest_uri
    for derived in ("url", "abs_dest_path"):
        file.__dict__.pop(derived, None)


def markdown_text(value: str) -> str:
    """Front-matter text placed into generated Markdown stays literal text."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(value))


def front_matter(meta: dict) -> str:
    """The front matter of a generated page; its values are escaped later, like any page's."""
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n"
