"""The second line against personal data: the built site is read before it is published.

Whatever put a number into the output (a template, a plugin, a caption, a PDF), it is
found here with the same rule as in the content files (`qingfeng.model.privacy`).
Every text output is read: pages (visible text and text attributes, not SVG
geometry), JSON (the search index), feeds, captions, scripts, SVG files and the
text of every PDF. Reading a PDF is slow, so a clean verdict is kept per content
hash in the cache folder.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from ..model import privacy
from ..model.media import pdf_text
from ..render.cache import unchanged
from ..render.parallel import map_forked

# Reading in this process below this much work: forking costs more than it saves.
_FORK_ABOVE = 4_000_000
_PDF_COST = 50  # a PDF not yet cached costs this many times its size in text bytes


@dataclass(frozen=True)
class Leak:
    """A personal number in a built file."""

    file: str  # path relative to the site folder, with forward slashes, e.g. "cases/x/index.html"
    message: str  # e.g. "疑似手机号码（138****5678）"


# Inline SVG icons are full of digit runs in their geometry. privacy.find would skip those attributes
# anyway, but only after looking at every run: cutting them first is faster.
_GEOMETRY = re.compile(r"""\s(?:d|points|viewBox|transform)\s*=\s*(?:"[^"]*"|'[^']*')""")


def _plain(text: str) -> str:
    return text


def _markup(text: str) -> str:
    """HTML or SVG without SVG geometry; privacy.find reads tags and their text attributes itself."""
    parts = []
    pos = 0
    while (start := text.find("<svg", pos)) >= 0 and (end := text.find("</svg>", start)) >= 0:
        parts += (text[pos:start], _GEOMETRY.sub("", text[start:end]))
        pos = end
    if not parts:
        return text
    parts.append(text[pos:])
    return "".join(parts)


def _feed(text: str) -> str:
    # Feeds carry pages as escaped HTML: unescape once, privacy.find does the rest.
    return _markup(html.unescape(text))


def _json(text: str) -> str:
    try:
        data = json.loads(text)
    except ValueError:
        return text
    # Strings apart: a number does not run from one value into the next. Values may be HTML.
    return "\n\n".join(_strings(data))


def _strings(data: object) -> Iterator[str]:
    """Every string, key and integer in decoded JSON, in document order."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, int) and not isinstance(item, bool):
            yield str(item)  # {"tel": 13812345678}
        elif isinstance(item, dict):
            for key, value in reversed(list(item.items())):
                stack += (value, key)
        elif isinstance(item, list):
            stack.extend(reversed(item))


# How each kind of text output is turned into text for privacy.find.
_TEXT: dict[str, Callable[[str], str]] = {
    ".html": _markup,
    ".htm": _markup,
    ".svg": _markup,
    ".xml": _feed,
    ".json": _json,
    ".webmanifest": _json,
    ".txt": _plain,
    ".vtt": _plain,
    ".srt": _plain,
    ".csv": _plain,
    ".md": _plain,
    ".js": _markup,
    ".mjs": _markup,
}


def scan_site(
    site_dir: Path,
    cache_dir: Path | None = None,
    skip: tuple[str, ...] = ("zh-hant",),
    scanned: Mapping[str, tuple[bytes, list[str]]] = MappingProxyType({}),
) -> list[Leak]:
    """Every personal number in the text outputs under site_dir, one leak per file and number.

    Top-level folders named in `skip` are not read (the traditional mirror converts pages read here).
    `scanned`: files scanned already (core/written.py), by path: the digest of what was scanned and
    what was found; taken for a file that is still that.
    """
    site_dir = Path(site_dir)
    costs: dict[str, int] = {}
    marks: set[str] = set()
    found: list[list[tuple[str, str]]] = []  # findings of the files scanned already
    for rel, size in _outputs(site_dir, skip):
        if rel in scanned and unchanged(site_dir / rel, scanned[rel][0]):
            found.append([(rel, message) for message in scanned[rel][1]])
            continue
        if rel.lower().endswith(".pdf"):
            mark = _pdf_mark(site_dir / rel, cache_dir)
            if mark is not None:
                marks.add(mark.name)
            if mark is not None and mark.is_file():
                continue  # found clean before, unchanged since
            size *= _PDF_COST
        costs[rel] = size
    parts = _split(sorted(costs, key=lambda rel: (-costs[rel], rel)), costs)

    def task(part: list[str]) -> list[tuple[str, str]]:
        return [(rel, message) for rel in part for message in _scan_file(site_dir, rel, cache_dir)]

    if sum(costs.values()) < _FORK_ABOVE or len(parts) < 2:
        results = [task(part) for part in parts]
    else:
        results = map_forked(task, parts)
    results += found
    if cache_dir is not None and Path(cache_dir).is_dir():
        for old in Path(cache_dir).glob("pdfscan-*.ok"):
            if old.name not in marks:  # the verdict on a PDF this site no longer has
                old.unlink(missing_ok=True)
    by_file: dict[str, dict[str, None]] = {}  # messages of a file in the order found, once each
    names = list(_names(site_dir, skip))  # file names become URLs: they are published text too
    for hit in privacy.find("\n\n".join(names)):  # one name per paragraph: a number never joins two names
        by_file.setdefault(names[(hit.line - 1) // 2], {})[f"文件名含有{hit}"] = None
    for result in results:
        for rel, message in result:
            by_file.setdefault(rel, {})[message] = None
    return [Leak(rel, message) for rel in sorted(by_file) for message in by_file[rel]]


def _outputs(site_dir: Path, skip: tuple[str, ...]) -> Iterator[tuple[str, int]]:
    """(relative path, size) of each file to read."""
    for dirpath, dirnames, filenames in os.walk(site_dir):
        if Path(dirpath) == site_dir:
            dirnames[:] = [name for name in dirnames if name not in skip]
        dirnames.sort()
        for name in sorted(filenames):
            suffix = os.path.splitext(name)[1].lower()
            if suffix in _TEXT or suffix == ".pdf":
                path = Path(dirpath, name)
                if path.is_file() and not path.is_symlink():
                    yield path.relative_to(site_dir).as_posix(), path.stat().st_size


def _names(site_dir: Path, skip: tuple[str, ...]) -> Iterator[str]:
    """The relative path of every file and folder of the site."""
    for dirpath, dirnames, filenames in os.walk(site_dir):
        if Path(dirpath) == site_dir:
            dirnames[:] = [name for name in dirnames if name not in skip]
        for name in dirnames + filenames:
            yield Path(dirpath, name).relative_to(site_dir).as_posix()


def _split(files: list[str], costs: dict[str, int]) -> list[list[str]]:
    """Files (costliest first) dealt to one part per core, each to the least loaded part."""
    parts: list[list[str]] = [[] for _ in range(max(1, os.cpu_count() or 1))]
    loads = [0] * len(parts)
    for rel in files:
        n = loads.index(min(loads))
        parts[n].append(rel)
        loads[n] += costs[rel]
    return [part for part in parts if part]


def _scan_file(site_dir: Path, rel: str, cache_dir: Path | None) -> list[str]:
    """Messages for the personal numbers in one output file."""
    path = site_dir / rel
    try:
        data = path.read_bytes()
    except OSError:
        return []
    if os.path.splitext(rel)[1].lower() == ".pdf":
        return _scan_pdf(data, cache_dir)
    return scan_text(rel, data)


def scan_text(rel: str, data: bytes) -> list[str]:
    """Messages for the personal numbers in the text file `rel` with these bytes."""
    text = _TEXT[os.path.splitext(rel)[1].lower()](data.decode("utf-8", errors="replace"))
    return [str(hit) for hit in privacy.find(text)]


def _scan_pdf(data: bytes, cache_dir: Path | None) -> list[str]:
    """Messages for one PDF; a clean PDF is remembered by its hash and not read again."""
    mark = _pdf_mark(data, cache_dir)
    if mark is not None and mark.is_file():
        return []
    try:
        text = pdf_text(data)
    except Exception as error:  # any failure of the PDF reader is reported, never skipped
        return [f"PDF 的文字无法读取（{type(error).__name__}），无法检查其中的个人信息"]
    messages = [str(hit) for hit in privacy.find(text)]
    if not messages and mark is not None:
        try:
            mark.parent.mkdir(parents=True, exist_ok=True)
            mark.write_bytes(b"")
        except OSError:
            pass  # no verdict kept: read again next time
    return messages


def _pdf_mark(pdf: Path | bytes, cache_dir: Path | None) -> Path | None:
    """The file that says a PDF with this content was found clean; None without a cache folder."""
    if cache_dir is None:
        return None
    try:
        data = pdf if isinstance(pdf, bytes) else pdf.read_bytes()
    except OSError:
        return None
    return Path(cache_dir) / f"pdfscan-{hashlib.sha256(data).hexdigest()}.ok"


