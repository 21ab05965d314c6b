"""HTML to PDF with WeasyPrint, imported only when a PDF is made."""

from __future__ import annotations

from pathlib import Path


def render_pdf(html: str, base_url: Path | str | None = None) -> bytes:
    try:
        import weasyprint
    except ImportError as error:  # pragma: no cover - depends on the installation
        raise RuntimeError("生成 PDF 需要 WeasyPrint 及其系统库（Pango），请运行 bash scripts/build.sh 安装") from error
    return weasyprint.HTML(string=html, base_url=str(base_url) if base_url else None).write_pdf()


def version() -> str:
    import weasyprint

    return weasyprint.__version__
