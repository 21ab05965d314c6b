"""HTML to PDF with WeasyPrint, imported only when a PDF is made.

Content is untrusted, and the HTML we render carries it: the engine may read
only data: URLs and files of a resource kind (images, fonts, stylesheets)
under the roots the caller names, never another local file and never the
network, and a PDF embeds no attachments.
"""

from __future__ import annotations

import functools
import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import DataHandler, Request

from ..model.markup import rewrite_urls
from ..model.paths import local_url
from .parallel import map_forked

log = logging.getLogger("mkdocs.plugins.qingfeng.render")

# An anchor's place: page index and its box (left, top, right, bottom) in CSS px from the top-left corner.
Place = tuple[int, tuple[float, float, float, float]]

# What a rendered document may load from disk: images, fonts, stylesheets.
RESOURCE_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
    ".css": "text/css",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
}

IMAGE_SUFFIXES = frozenset(suffix for suffix, kind in RESOURCE_TYPES.items() if kind.startswith("image/"))


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    pages: int
    anchors: dict[str, Place]  # element id -> where it was laid out


class Refused(ValueError):
    """A resource the document may not load; the engine skips it."""


def load(url: str, roots: Iterable[Path]) -> tuple[bytes, str]:
    """The bytes and media type behind `url`, if the document may load it; else Refused.

    Engine-neutral: a data: URL, or a file:// URL whose real path (symbolic links
    resolved) lies under one of `roots` and has a resource suffix. Nothing else,
    and never a network request.
    """
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if scheme == "data":
        try:
            response = DataHandler().data_open(Request(url))
        except Exception as error:  # a malformed data: URL
            raise Refused(f"invalid data: URL ({error})") from None
        return response.read(), response.headers.get_content_type()
    if scheme != "file":
        raise Refused(f"only data: and project files may be loaded, not {url[:80]}")
    parts = urlsplit(url)
    if parts.netloc not in ("", "localhost"):
        raise Refused(f"not a local file: {url[:80]}")
    try:
        path = Path(unquote(parts.path)).resolve()
    except (OSError, RuntimeError, ValueError) as error:
        raise Refused(f"unreadable path {url[:80]} ({error})") from None
    kind = RESOURCE_TYPES.get(path.suffix.lower())
    if kind is None:
        raise Refused(f"not an image, font or stylesheet: {path}")
    if not any(path.is_relative_to(root.resolve()) for root in roots):
        raise Refused(f"outside the project: {path}")
    try:
        return path.read_bytes(), kind
    except OSError as error:
        raise Refused(f"cannot read {path} ({error.strerror})") from None


class Images:
    """Places the images of HTML fragments for a PDF made of them.

    A booklet joins HTML whose relative paths start in different folders (a case body at content/, a pack at its
    folder, a page as MkDocs wrote it for its URL), so no one base URL can resolve them: each local image becomes
    the file: URL of its file under docs_dir, with a hash of its content (cached PDFs follow a replaced photo).
    The URL fetcher still loads only files under the roots.
    """

    def __init__(self, docs_dir: Path):
        self.docs_dir = Path(docs_dir).resolve()
        self._urls: dict[str, str | None] = {}  # docs-relative path -> its URL, None if there is no such file
        self.missing: list[str] = []  # local images that no file under docs_dir backs, in order

    def __call__(self, html: str, folder: str = "") -> str:
        """`html` whose relative image paths start at the docs-relative (or, for a page as rendered, the
        site-relative) `folder`, with each image that names a file under docs_dir placed."""

        def change(url: str) -> str | None:
            target = local_url(url, folder)
            if target is None or Path(target.path).suffix.lower() not in IMAGE_SUFFIXES:
                return None  # not a local image: a video is not printed
            placed = self._url(target.path)
            if placed is None and target.path not in self.missing:
                self.missing.append(target.path)
            return placed

        return rewrite_urls(html, change, frozenset({"src"}))

    def warn_missing(self) -> None:
        """Say which images the PDFs could not print (the content check reports them at their line)."""
        if self.missing:
            shown = "、".join(self.missing[:5])
            log.warning(f"PDF 中有 {len(self.missing)} 张图片找不到文件，没有印出：{shown}")

    def _url(self, path: str) -> str | None:
        if path not in self._urls:
            file = self.docs_dir / path
            try:
                data = file.read_bytes() if file.resolve().is_relative_to(self.docs_dir) and file.is_file() else None
            except (OSError, ValueError):
                data = None
            self._urls[path] = None if data is None else f"{file.as_uri()}?v={hashlib.sha256(data).hexdigest()[:16]}"
        return self._urls[path]


def _weasyprint():
    try:
        import weasyprint
    except ImportError as error:  # pragma: no cover - depends on the installation
        raise RuntimeError("生成 PDF 需要 WeasyPrint 及其系统库（Pango），请运行 bash scripts/build.sh 安装") from error
    return weasyprint


@functools.cache
def _fetcher_class():
    """A WeasyPrint URL fetcher that serves `load` and nothing else."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class Fetcher(URLFetcher):
        def __init__(self, roots: tuple[Path, ...]):
            super().__init__(allowed_protocols=("data", "file"), allow_redirects=False)
            self.roots = roots

        def fetch(self, url, headers=None):
            try:
                data, kind = load(url, self.roots)
            except Refused as error:
                log.debug(f"PDF 未载入资源：{error}")
                raise
            return URLFetcherResponse(url, data, {"Content-Type": kind})

        def open(self, url, data=None, timeout=None):
            return self.fetch(url.full_url if isinstance(url, Request) else url)

    return Fetcher


def _document(html: str, roots: Iterable[Path], base_url: Path | str | None):
    """The laid-out document, with every attachment dropped before it is written."""
    weasyprint = _weasyprint()
    fetcher = _fetcher_class()(tuple(Path(root) for root in roots))
    if isinstance(base_url, Path):
        base_url = f"{base_url.resolve()}/" if base_url.is_dir() else str(base_url.resolve())
    document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher).render()
    # <link rel=attachment> and <a rel=attachment> would embed files in the PDF: none are wanted.
    document.metadata.attachments = []
    for page in document.pages:
        page.links[:] = [link for link in page.links if link[0] != "attachment"]
    return document


def render_pdf(html: str, *, roots: Iterable[Path] = (), base_url: Path | str | None = None) -> bytes:
    """The PDF of `html`, loading only data: URLs and resources under `roots` (none: data: URLs only).

    `base_url` (a folder under one of the roots) resolves relative image paths.
    """
    return _document(html, roots, base_url).write_pdf(attachments=None)


def render(html: str, *, roots: Iterable[Path] = (), base_url: Path | str | None = None) -> Rendered:
    """The PDF and where each element with an id landed, for page numbers stamped afterwards."""
    document = _document(html, roots, base_url)
    anchors: dict[str, Place] = {}
    for index, page in enumerate(document.pages):
        for name, box in page.anchors.items():
            anchors.setdefault(name, (index, box))  # an element that runs on is where it starts
    return Rendered(document.write_pdf(attachments=None), len(document.pages), anchors)


def render_many(htmls: list[str], *, roots: Iterable[Path] = (), base_url: Path | str | None = None) -> list[Rendered]:
    """Render independent documents side by side, one process per core.

    WeasyPrint is single-threaded, so a booklet split into parts renders about
    twice as fast on two cores.
    """
    _weasyprint()  # imported before forking, so each worker starts with it loaded
    _fetcher_class()
    return map_forked(functools.partial(render, roots=tuple(roots), base_url=base_url), htmls)


def version() -> str:
    """What a cached PDF depends on besides its HTML: WeasyPrint and our own PDF code."""
    code = hashlib.sha256(b"".join(path.read_bytes() for path in sorted(Path(__file__).parent.glob("*.py"))))
    return f"{_weasyprint().__version__} {code.hexdigest()[:12]}"
