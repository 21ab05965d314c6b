"""Pages worked on as MkDocs writes them, in the build's helper process (render/sidecar.py).

Each page's personal-data scan and its page in the mirror are done while the next pages
render. After the build, the scan and the mirror take that work for every file that is still
what was worked on (same digest), and do the rest themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..guard.output import scan_text
from ..model.urls import MIRROR
from ..render.cache import digest


def as_written(output: str) -> bytes:
    """A page's bytes as MkDocs writes them."""
    return output.encode("utf-8", errors="xmlcharrefreplace")


@dataclass
class Done:
    """What was done for the pages, by their path in the site."""

    scanned: dict[str, tuple[bytes, list[str]]] = field(default_factory=dict)  # digest, findings
    mirrored: dict[str, bytes] = field(default_factory=dict)  # digest of the page it was made from


class PageWork:
    """The work on each written page: its scan when `scan`; its mirror page, when `mirror` gives a
    page's text in the mirror (core/mirror.py's `mirrored`)."""

    def __init__(self, site: Path, scan: bool, mirror: Callable[[str], str] | None) -> None:
        self.site, self.scan, self.mirror = site, scan, mirror
        self.done = Done()

    def page(self, dest: str, output: str) -> None:
        data = as_written(output)
        made_from = digest(data)
        if self.scan:
            self.done.scanned[dest] = (made_from, scan_text(dest, data))
        if self.mirror is not None:
            target = self.site / MIRROR / dest
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(self.mirror(data.decode("utf-8")), encoding="utf-8")
            self.done.mirrored[dest] = made_from

    def finish(self) -> Done:
        return self.done
