"""The traditional-script mirror: the built site again under /zh-hant/, converted with OpenCC.

In Taiwan's forms by default, or Hong Kong's (`mirror_script`), names by the rule of
model/script.py: the mirror is the main site converted, so it never sees a text the main
site does not show.

Made from the finished site rather than by a second build, so it costs a
fraction of the build: HTML and JSON (the search index, quiz data) are
converted, every other file (assets, images, PDFs, QR codes) is a hard link.
Relative links stay inside the mirror, so its pages, search and quizzes work
on their own; QR codes keep pointing at the main site.
"""

from __future__ import annotations

import contextlib
import copy
import gzip
import json
import os
import re
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType
from xml.etree import ElementTree

from ..model.urls import MIRROR
from ..render.cache import unchanged
from ..render.parallel import run_in_parts

# Spans between these marks keep their script: the script switch's labels, `script: keep` pages.
KEEP_OPEN, KEEP_CLOSE = "<!--qf:keep-->", "<!--/qf:keep-->"
KEPT = re.escape(KEEP_OPEN) + ".*?" + re.escape(KEEP_CLOSE)
CONVERTED = (".html", ".json", ".data.js")  # .data.js: data for the browser (render/scriptdata.py)
# Sitemaps list the main site's pages; the mirror has none of its own.
SKIPPED = ("sitemap.xml", "sitemap.xml.gz")
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
_LANG = re.compile(r'<html lang="[^"]*"')
# The script switch (qingfeng/script-switch.html): the mirror's link back replaces the link to the mirror.
# Only the first on a page, the theme's, which comes before any content an author wrote.
_SWITCH = re.compile(r'<a class="qf-script__hant"[^>]*>[^<]*</a><!--qf:mirror (.*?) -->', re.DOTALL)


def mirror(
    site_dir: Path,
    convert: Callable[[str], str],
    site_url: str | None,
    apart: frozenset[str] = frozenset(),
    previous: Path | None = None,
    same: frozenset[str] = frozenset(),
    ready: Mapping[str, bytes] = MappingProxyType({}),
) -> int:
    """Write the mirror into site_dir/zh-hant; returns the number of converted files.

    `apart`: top-level folders that a plugin writes for each site itself (the search index):
    the main site's are not copied, the mirror's are kept. `previous`: a site mirrored by the
    same conversion (the preview's last build): a file the same as there takes its mirror from there;
    `same` names files (relative to site_dir) known to be the same, which are not compared.
    `ready`: files whose mirror is written already (core/written.py), by the digest of what it was
    made from; it is kept where the file is still that.
    """
    target = site_dir / MIRROR
    _clear(target, apart, ready)
    converted: list[tuple[Path, Path]] = []
    written = 0  # converted already
    for folder, dirnames, filenames in os.walk(site_dir):
        here = Path(folder)
        if here == site_dir:
            dirnames[:] = [name for name in dirnames if name != MIRROR and name not in apart]
        out = target / here.relative_to(site_dir)
        out.mkdir(parents=True, exist_ok=True)
        for name in filenames:
            if here == site_dir and name in SKIPPED:
                continue
            if name.endswith(CONVERTED):
                if unchanged(here / name, ready.get((here / name).relative_to(site_dir).as_posix())):
                    written += 1
                else:
                    converted.append((here / name, out / name))
            else:
                link_or_copy(here / name, out / name)
    canonical = canonical_mark(site_url)
    if previous is not None:
        converted = [pair for pair in converted if not _same_as_before(site_dir, previous, same, *pair)]
    run_in_parts(lambda pairs: _convert_files(pairs, convert, canonical), converted)
    if site_url and (site_dir / "sitemap.xml").is_file():
        _add_to_sitemap(site_dir, site_url)
    return written + len(converted)


def _add_to_sitemap(site_dir: Path, site_url: str) -> None:
    """List the mirror's pages in the site's sitemap too: they are public pages."""
    ElementTree.register_namespace("", SITEMAP)
    tree = ElementTree.parse(site_dir / "sitemap.xml")
    root = tree.getroot()
    for url in list(root):
        loc = url.find(f"{{{SITEMAP}}}loc")
        if loc is not None and loc.text and loc.text.startswith(site_url):
            # Copied one level down (a deep copy of each took a tenth of a preview's rebuild): the
            # copy shares the entry's other children and its attributes, which the tree only writes out.
            entry, address = copy.copy(url), copy.copy(loc)
            address.text = f"{site_url}{MIRROR}/{loc.text[len(site_url) :]}"
            entry[list(url).index(loc)] = address
            root.append(entry)
    tree.write(site_dir / "sitemap.xml", encoding="utf-8", xml_declaration=True)
    data = (site_dir / "sitemap.xml").read_bytes()
    with gzip.GzipFile(site_dir / "sitemap.xml.gz", "wb", mtime=0) as out:
        out.write(data)


def _clear(target: Path, apart: frozenset[str], ready: Mapping[str, bytes]) -> None:
    """Remove the mirror's files of an earlier build: all but those written for this one already,
    and the folders in `apart`."""
    for old in target.iterdir() if target.is_dir() else ():
        if old.name in apart:
            continue
        if old.is_dir() and not old.is_symlink():
            if ready:
                _clear_tree(target, old, ready)
            else:
                shutil.rmtree(old)
        elif old.name not in ready:
            old.unlink()


def _clear_tree(target: Path, folder: Path, ready: Mapping[str, bytes]) -> None:
    for here, dirnames, filenames in os.walk(folder, topdown=False):
        for name in filenames:
            path = Path(here, name)
            if path.relative_to(target).as_posix() not in ready:
                path.unlink()
        for name in dirnames:
            path = Path(here, name)
            if path.is_symlink():
                path.unlink()
            else:
                with contextlib.suppress(OSError):  # not empty: it holds files written for this build
                    path.rmdir()


def _same_as_before(site_dir: Path, previous: Path, same: frozenset[str], source: Path, target: Path) -> bool:
    """Links the mirror of `source` from `previous` when the file there is the same; whether it did."""
    rel = source.relative_to(site_dir)
    before, mirrored = previous / rel, previous / MIRROR / rel
    try:
        if rel.as_posix() in same:
            pass
        elif before.stat().st_size != source.stat().st_size or before.read_bytes() != source.read_bytes():
            return False
        link_or_copy(mirrored, target)
    except OSError:  # not there before
        return False
    return True


# Absolute addresses of a page that name the page itself, which the mirror points at its own: the
# canonical link (the theme's) and the address of a shared link (qingfeng/share). Its card stays
# the main site's: the same image.
SELF_ADDRESSES = ('rel="canonical" href="', 'property="og:url" content="')


def canonical_mark(site_url: str | None) -> tuple[str, ...]:
    """The starts of a page's absolute addresses of itself on the main site (SELF_ADDRESSES)."""
    return tuple(f"{mark}{site_url}" for mark in SELF_ADDRESSES) if site_url else ()


def _convert_files(pairs: list[tuple[Path, Path]], convert: Callable[[str], str], canonical: tuple[str, ...]) -> None:
    for source, target in pairs:
        text = source.read_text(encoding="utf-8")
        if source.suffix == ".json":  # as characters, not \u escapes, so that they convert
            text = json.dumps(json.loads(text), ensure_ascii=False, separators=(",", ":"))
        target.write_text(mirrored(text, source.suffix, convert, canonical), encoding="utf-8")


def mirrored(text: str, suffix: str, convert: Callable[[str], str], canonical: tuple[str, ...]) -> str:
    """The mirror's version of a file's text (a .json file's with its characters unescaped)."""
    text = convert(text)
    if suffix == ".html":
        text = _LANG.sub('<html lang="zh-Hant"', text, count=1)
        text = _SWITCH.sub(r"\1", text, count=1)
        for mark in canonical:
            text = text.replace(mark, f"{mark}{MIRROR}/", 1)
    return text


def link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # another filesystem, or links not allowed
        shutil.copy2(source, target)
