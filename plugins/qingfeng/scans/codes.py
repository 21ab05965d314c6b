"""Which board a request asks for: a path of the site, on the main site or the mirror, to a board code.

Built from model/urls.py, the one table of addresses: a board is `urls.board(code)`, published as
its folder's index, below site_url's path and again below the mirror's folder.

Codes are upper case (model/parks.py). A path is matched whatever its case, and only the server's
answer decides whether the load counts: nginx and Apache answer 404 to `/b/ks01/`, IIS serves the
page, and a page served is a board read, counted under KS01.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import unquote, unquote_to_bytes, urlsplit

from ..model import urls
from ..model.parks import CODE
from ..model.schema import Project

UNKNOWN = ""  # a request into the boards' folder that names no board of the project: a typo or a probe
_REMEMBERED = 200  # bytes: a longer path is worked out each time

_MARK = "\x00"
_PLACE = urls.board(_MARK)
_FOLDER = _PLACE.path.partition(_MARK)[0].lower()  # the boards' folder, "b/"
_INDEX = urls.Urls().dest(_PLACE).partition(_MARK)[2].lstrip("/").lower()  # the page's file, asked for by name


@dataclass(frozen=True)
class Known:
    """A code the project knows: a board now, or a code the QR lock remembers."""

    code: str
    title: str
    park_id: str  # "" when no park is known: a retired code that now leads to a page
    park: str  # the park's name
    # Loads of the codes of one group are one reading for the 30-minute rule: a retired code's
    # page forwards the phone to its new board at once, and that second load is no second scan.
    group: str
    retired: bool = False


def known_codes(project: Project) -> list[Known]:
    """Every code the project knows, in the order the report lists them: park by park, by code."""
    boards = {board.code: (park, board) for park in project.parks for board in park.boards}
    known = [Known(b.code, b.title, p.id, p.name, b.code) for p, b in boards.values()]
    for code, entry in sorted(project.lock.items()):
        if code in boards:
            continue
        target = entry.retired
        if target in boards:
            park, board = boards[target]
            known.append(Known(code, f"已停用，转至 {target}：{board.title}", park.id, park.name, target, True))
        elif target:
            known.append(Known(code, f"已停用，转至 {target}", "", "", code, True))
        else:  # the check reports it; its loads still count
            known.append(Known(code, "已不在项目中", "", "", code, True))
    order = {park.id: index for index, park in enumerate(project.parks)}
    return sorted(known, key=lambda k: (order.get(k.park_id, len(order)), k.code))


def _site_path(site_url: str | None) -> str:
    path = unquote(urlsplit(site_url or "/").path).strip("/").lower()
    return f"/{path}/" if path else "/"


class Boards:
    """The codes a request path can name, and the folders they are published in."""

    def __init__(self, project: Project):
        self.known = {k.code: k for k in known_codes(project)}
        root = _site_path(project.site_url)
        self._folders = (root + _FOLDER, f"{root}{urls.MIRROR.lower()}/{_FOLDER}")
        # Per instance: the same paths come back on every line of a log.
        self._remembered = lru_cache(maxsize=1 << 14)(self._code)
        # A first look, before reading the path: every path into the folder has `/b/`, `/b` at its
        # end (the folder itself: a probe) or an escape.
        folder = re.escape(f"/{_FOLDER.rstrip('/')}".encode())
        self.maybe = re.compile(folder + rb"(?:/|\?|#|$)|%", re.IGNORECASE).search

    def code(self, target: bytes) -> str | None:
        """The code of the board page `target` asks for, UNKNOWN, or None for a path outside the boards."""
        path = target.partition(b"?")[0]
        # Queries are many (`?from=…`) and a probe's path may be kilobytes long: neither fills the memory.
        return self._remembered(path) if len(path) <= _REMEMBERED else self._code(path)

    def _code(self, path: bytes) -> str | None:
        raw = path.partition(b"#")[0]
        if not raw.startswith(b"/"):  # absolute form (a proxy's request line, W3C's cs-uri)
            scheme, found, rest = raw.partition(b"://")
            if not found or not scheme.isalpha():
                return None
            raw = rest[rest.find(b"/") :] if b"/" in rest else b"/"
        text = unquote_to_bytes(raw).decode("utf-8", "replace").lower()
        # As the servers read a path: repeated slashes are one, dot segments resolved.
        spelled = "/" + "/".join(part for part in text.split("/") if part) + ("/" if text.endswith("/") else "")
        resolved = posixpath.normpath(spelled)
        for folder in self._folders:
            if resolved.startswith(folder):
                name, _, tail = resolved[len(folder) :].partition("/")
                code = name.upper()
                return code if tail in ("", _INDEX) and CODE.fullmatch(code) and code in self.known else UNKNOWN
        if any(spelled.startswith(folder) or resolved + "/" == folder for folder in self._folders):
            return UNKNOWN  # `/b/`, `/b/../…`
        return None
