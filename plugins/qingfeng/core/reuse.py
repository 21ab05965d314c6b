"""The preview's rebuilds: pages whose inputs did not change are taken from the last build.

Under `mkdocs serve` every save rebuilds the site. Most of a large site is case pages, and a
case page shows its own case file and what the whole site shares (mkdocs.yml, the menu, the
templates, content/ and site_config/, the list of cases, the names the mirror keeps). A page
whose own file and shared inputs are both as they were is byte for byte what it was, so the
last build's output is reused; every other page is built as in any build, and so are the
lists, the search index and the mirror of every changed page. The shared inputs are judged by
file size and modification time: a file saved without change only costs a full rebuild.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..model.load import RACY_NS


def fingerprint(paths: Iterable[Path], extra: Iterable[str]) -> str:
    """A digest of these files and folders (names, sizes, times of every file in them) and `extra`.
    With a file changed within RACY_NS of now, whose time may not tell two saves apart, it is one
    that no later fingerprint equals."""
    digest = hashlib.sha256()
    settled = time.time_ns() - RACY_NS
    for path in paths:
        for folder, dirnames, filenames in os.walk(path) if path.is_dir() else [(path.parent, [], [path.name])]:
            dirnames.sort()
            for name in sorted(filenames):
                try:
                    stat = os.stat(os.path.join(folder, name))
                except OSError:
                    continue
                digest.update(f"{folder}/{name}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
                if stat.st_mtime_ns > settled:
                    digest.update(os.urandom(16))
    for text in extra:
        digest.update(b"\1" + text.encode())
    return digest.hexdigest()


@dataclass(frozen=True)
class Kept:
    """A page as the last build read and rendered it, to take it again without reading or rendering."""

    key: str  # the digest of its own file
    meta: dict  # its front matter, as read
    title: str | None  # the title its rendering found
    anchors: frozenset[str]  # the ids in it, which links into it may name


@dataclass(frozen=True)
class Built:
    """What the last complete build of the preview was made from, and where it is."""

    site: Path  # the folder it was published to
    shared: str  # fingerprint of the shared inputs
    pages: dict[str, Kept]  # src_uri of a page that shows one file -> how it was
    mirror: str  # what the mirror's conversion depends on: a page the same as then converts the same
