"""A Word document (.docx) as the blocks an import needs, read with python-docx.

Only what a write-up is made of is kept: paragraphs (their text as Markdown, whether Word set
them as a heading, in bold or as a list item), tables (cell text) and embedded pictures. The
document is never trusted: its size is bounded before it is opened, a picture is kept only when
its bytes are an image a browser shows, and nothing it links to is fetched. Footnotes and
comments live in parts of their own and are never read.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import docx
from docx.drawing import Drawing
from docx.table import Table as WordTable
from docx.text.hyperlink import Hyperlink
from docx.text.paragraph import Paragraph as WordParagraph
from docx.text.run import Run

from ..model.paths import size_text

MAX_UNPACKED = 200 * 1024 * 1024  # a write-up with its photos is a few MB; more is a zip bomb
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .wps, and encrypted .docx: a Compound File
_ZIP = b"PK\x03\x04"
# What a browser shows, by its first bytes; EMF, WMF, TIFF and SVG (which can hold script) are not kept.
_IMAGES = ((b"\x89PNG\r\n\x1a\n", ".png"), (b"\xff\xd8\xff", ".jpg"), (b"GIF87a", ".gif"), (b"GIF89a", ".gif"))
_URL_SAFE = "/:?#@!$&'*+,;=%~-._"  # kept in a link; spaces, quotes, brackets and parentheses are encoded
_HEADING_STYLE = re.compile(r"(?:heading|标题)\s*(\d)", re.IGNORECASE)
_TITLE_STYLES = ("title", "标题")
_BULLET_STYLE = re.compile(r"bullet|项目符号", re.IGNORECASE)
_LIST_STYLE = re.compile(r"list|列表|编号", re.IGNORECASE)
# Markdown's own characters, written as text: *stars* stay text; angle brackets are entities, so
# that <script> typed in a document is text to Markdown and to the check of markup alike.
# Only characters Python-Markdown unescapes: any other backslash would show on the page.
_SPECIAL = re.compile(r"([\\`*_\[\]{}|])")
_LINE_START = re.compile(r"^(\s*)(?:([#+-])|(\d+)([.)]))")


class NotReadable(Exception):
    """The file is not a .docx this import can read; the message says what to do."""


@dataclass(frozen=True)
class Picture:
    data: bytes
    suffix: str  # ".png", ".jpg", ".gif"
    alt: str


@dataclass(frozen=True)
class Paragraph:
    text: str  # plain text, as the document shows it
    markdown: str  # the same as Markdown: special characters escaped, web links kept
    level: int  # 0: body text; 1…9: a heading style of that level (the Title style is 1)
    bold: bool  # every character that shows is bold
    listed: str  # "": not a list item; "-" or "1.": an item of a bulleted or numbered Word list
    pictures: tuple[Picture, ...]


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[str, ...], ...]


Block = Paragraph | Table


def read(path: Path) -> tuple[list[Block], list[str]]:
    """The document's blocks in order, and notes on what was left out."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise NotReadable(f"无法读取文件（{error.strerror or error}）") from None
    if data.startswith(_OLE):
        raise NotReadable(
            "这是旧版 Word 格式（.doc）或加密的文档：请在 WPS 或 Word 中“另存为” .docx（不设密码）后再导入"
        )
    if not data.startswith(_ZIP):
        raise NotReadable("不是 Word 文档（.docx）：请在 WPS 或 Word 中“另存为” .docx 后再导入")
    try:
        unpacked = sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(data)).infolist())
    except (zipfile.BadZipFile, ValueError):
        raise NotReadable("文件已损坏，无法打开：请在 WPS 或 Word 中重新保存为 .docx") from None
    if unpacked > MAX_UNPACKED:
        limit = size_text(MAX_UNPACKED)
        raise NotReadable(f"文档解压后有 {size_text(unpacked)}，超过 {limit}：请压缩其中的图片后再导入")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises many kinds for a broken package
        detail = type(error).__name__
        raise NotReadable(f"文件已损坏，无法打开（{detail}）：请在 WPS 或 Word 中重新保存为 .docx") from None
    notes: list[str] = []
    blocks: list[Block] = []
    for item in document.iter_inner_content():
        if isinstance(item, WordTable):
            blocks.append(_table(item))
        else:
            blocks.append(_paragraph(item, notes))
    return blocks, notes


def escape(text: str, starts: bool = True) -> str:
    """Text as Markdown that shows exactly this text; `starts`: it begins its paragraph."""
    text = _SPECIAL.sub(r"\\\1", text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
    return line_starts(text) if starts else text


def line_starts(markdown: str) -> str:
    """What would open a list or heading at a line's start, as text; Word's line breaks as hard breaks."""
    lines = [_LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[2] else f"{m[1]}{m[3]}\\{m[4]}", line)
             for line in markdown.split("\n")]
    return "  \n".join(lines)


def _table(table: WordTable) -> Table:
    rows = []
    for row in table.rows:
        cells: list[str] = []
        previous = None
        for cell in row.cells:
            if cell._tc is previous:  # a merged cell is listed once per column it spans
                continue
            previous = cell._tc
            cells.append(" ".join(cell.text.split()))
        rows.append(tuple(cells))
    return Table(tuple(rows))


def _paragraph(paragraph: WordParagraph, notes: list[str]) -> Paragraph:
    parts: list[str] = []
    markdown: list[str] = []
    pictures: list[Picture] = []
    bold = []
    for item in paragraph.iter_inner_content():
        runs = item.runs if isinstance(item, Hyperlink) else [item]
        text = "".join(_run_text(run, pictures, notes) for run in runs)
        parts.append(text)
        bold += [_bold(run, paragraph) for run in runs if run.text.strip()]
        url = item.url if isinstance(item, Hyperlink) else ""
        if url.startswith(("http://", "https://")) and text.strip():
            markdown.append(f"[{escape(text, starts=False)}]({quote(url, safe=_URL_SAFE)})")
        else:
            markdown.append(escape(text, starts=False))
    style = _style_names(paragraph)
    return Paragraph(
        text="".join(parts).strip(),
        markdown=line_starts("".join(markdown).strip()),
        level=_level(style),
        bold=bool(bold) and all(bold),
        listed=_listed(paragraph, style),
        pictures=tuple(pictures),
    )


def _run_text(run: Run, pictures: list[Picture], notes: list[str]) -> str:
    text = []
    for item in run.iter_inner_content():
        if isinstance(item, str):
            text.append(item.replace("\t", " "))
        elif isinstance(item, Drawing) and item.has_picture:
            picture = _picture(item, len(pictures) + 1, notes)
            if picture is not None:
                pictures.append(picture)
    return "".join(text)


def _picture(drawing: Drawing, number: int, notes: list[str]) -> Picture | None:
    try:
        data = drawing.image.blob
    except Exception:  # a broken reference, an image format python-docx does not know, a cut-off file
        notes.append(f"第 {number} 张图片无法读取，已略去")
        return None
    suffix = next((suffix for head, suffix in _IMAGES if data.startswith(head)), None)
    if suffix is None and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        suffix = ".webp"
    if suffix is None:
        notes.append(
            f"第 {number} 张图片不是 PNG、JPG、GIF 或 WebP（可能是 EMF/WMF 矢量图），已略去：请另存为图片后手工加入"
        )
        return None
    described = drawing._drawing.xpath(".//wp:docPr/@descr")  # the picture's alt text in Word
    alt = " ".join(str(described[0]).split()) if described else ""
    return Picture(data, suffix, alt)


def _style_names(paragraph: WordParagraph) -> list[str]:
    """The paragraph's style and the styles it is based on, nearest first."""
    names = []
    style = paragraph.style
    while style is not None and len(names) < 10:
        names.append((style.name or "").strip())
        style = style.base_style
    return names


def _level(styles: list[str]) -> int:
    for name in styles:
        if name.lower() in _TITLE_STYLES:
            return 1
        found = _HEADING_STYLE.fullmatch(name)
        if found and found.group(1) != "0":
            return int(found.group(1))
    return 0


def _listed(paragraph: WordParagraph, styles: list[str]) -> str:
    properties = paragraph._p.pPr
    numbered = properties is not None and properties.numPr is not None
    if not numbered and not any(_LIST_STYLE.search(name) for name in styles):
        return ""
    return "-" if any(_BULLET_STYLE.search(name) for name in styles) else "1."


def _bold(run: Run, paragraph: WordParagraph) -> bool:
    """Whether the run shows bold: its own setting, else its character style's, else its paragraph's."""
    if run.bold is not None:
        return run.bold
    for style in (run.style, paragraph.style):
        while style is not None:
            if style.font.bold is not None:
                return style.font.bold
            style = style.base_style
    return False
