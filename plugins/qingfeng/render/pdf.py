"""HTML to PDF with WeasyPrint, imported only when a PDF is made."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .parallel import map_forked

# An anchor's place: page index and its box (left, top, right, bottom) in CSS px from the top-left corner.
Place = tuple[int, tuple[float, float, float, float]]


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    pages: int
    anchors: dict[str, Place]  # element id -> where it was laid out


def _weasyprint():
    try:
        import weasyprint
    except ImportError as error:  # pragma: no cover - depends on the installation
        raise RuntimeError("生成 PDF 需要 WeasyPrint 及其系统库（Pango），请运行 bash scripts/build.sh 安装") from error
    return weasyprint


def render_pdf(html: str, base_url: Path | str | None = None) -> bytes:
    return _weasyprint().HTML(string=html, base_url=str(base_url) if base_url else None).write_pdf()


def render(html: str) -> Rendered:
    """The PDF and where each element with an id landed, for page numbers stamped afterwards."""
    document = _weasyprint().HTML(string=html).render()
    anchors: dict[str, Place] = {}
    for index, page in enumerate(document.pages):
        for name, box in page.anchors.items():
            anchors.setdefault(name, (index, box))  # an element that runs on is where it starts
    return Rendered(document.write_pdf(), len(document.pages), anchors)


def render_many(htmls: list[str]) -> list[Rendered]:
    """Render independent documents side by side, one process per core.

    WeasyPrint is single-threaded, so a booklet split into parts renders about
    twice as fast on two cores.
    """
    _weasyprint()  # imported before forking, so each worker starts with it loaded
    return map_forked(render, htmls)


def version() -> str:
    """What a cached PDF depends on besides its HTML: WeasyPrint and our own PDF code."""
    code = hashlib.sha256(b"".join(path.read_bytes() for path in sorted(Path(__file__).parent.glob("*.py"))))
    return f"{_weasyprint().__version__} {code.hexdigest()[:12]}"
