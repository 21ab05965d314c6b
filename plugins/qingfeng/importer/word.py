"""A Word document (.docx) as the blocks an import needs, read with python-docx.

Only what a write-up is made of is kept: paragraphs (their text as Markdown, whether Word set
them as a heading, in bold or as a list item), tables (cell text) and embedded pictures. The
document is never trusted: its size is bounded before it is opened, a picture is kept only when
its bytes are an image a browser shows, and nothing it links to is fetched. Footnotes and
comments live in parts of their own and are never read.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import docx
import PIL.Image
import PIL.ImageOps
from docx.oxml.ns import nsmap
from docx.table import Table as WordTable
from docx.table import _Cell
from docx.text.hyperlink import Hyperlink
from docx.text.paragraph import Paragraph as WordParagraph
from docx.text.run import Run
from lxml import etree

from ..model.paths import size_text

MAX_UNPACKED = 200 * 1024 * 1024  # a write-up with its photos is a few MB; more is a zip bomb
MAX_PARAGRAPHS = 20_000  # a write-up is a few hundred paragraphs; a book is not one draft
MAX_PIXELS = 40_000_000  # a 40-megapixel photo; a small file can hold a far larger image that stalls a phone
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .wps, and encrypted .docx: a Compound File
_ZIP = b"PK\x03\x04"
# What a browser shows, by its first bytes; EMF, WMF, TIFF and SVG (which can hold script) are not kept.
_IMAGES = ((b"\x89PNG\r\n\x1a\n", ".png"), (b"\xff\xd8\xff", ".jpg"), (b"GIF87a", ".gif"), (b"GIF89a", ".gif"))
_URL_SAFE = "/:?#@!$&'*+,;=%~-._"  # kept in a link; spaces, quotes, brackets and parentheses are encoded
_HEADING_STYLE = re.compile(r"(?:heading|标题)\s*(\d)|([一二三])级标题", re.IGNORECASE)
_TITLE_STYLES = ("title", "标题", "公文标题", "文章标题", "大标题", "文件标题")
_BULLET_STYLE = re.compile(r"bullet|项目符号", re.IGNORECASE)
# List Bullet, List Number, 列表编号…, but not List Paragraph (列表段落), which any indented text may use.
_LIST_STYLE = re.compile(r"list(?!\s*paragraph)|列表(?!段落)|编号", re.IGNORECASE)
_TOC_STYLE = re.compile(r"(?:toc|目录)\s*\d|toc heading|目录标题", re.IGNORECASE)
_LARGE = 16  # points: a line set this large (公文 titles are 22-point 小标宋) is a heading though not bold
_HYPERLINK = re.compile(r'HYPERLINK\s+"([^"]+)"')
# Markdown's own characters, written as text: *stars* stay text; angle brackets are entities, so
# that <script> typed in a document is text to Markdown and to the check of markup alike.
# Only characters Python-Markdown unescapes: any other backslash would show on the page.
_SPECIAL = re.compile(r"([\\`*_\[\]{}|])")
_LINE_START = re.compile(r"^(\s*)(?:([#+-])|(\d+)([.)]))")
# What opens a block in the site's Markdown extensions (admonitions !!!, details ???, blocks ///,
# fences ~~~, a setext underline ===, a definition ": "), as text: the first mark as a character reference.
_BLOCK_MARK = re.compile(r"^(\s*)(?=!!!|\?\?\?|///|:::|~~~|=+\s*$|:\s)(.)")

_NS = {
    **nsmap,
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "v": "urn:schemas-microsoft-com:vml",
    "wpg": "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
}
_W, _MC, _MATH = (f"{{{_NS[prefix]}}}" for prefix in ("w", "mc", "m"))
# Containers whose paragraphs or runs are the document's text, as it shows: tracked insertions
# and moves, smart tags, custom XML, simple fields (their shown result), bidirectional runs.
_CONTAINERS = {_W + name for name in ("ins", "moveTo", "smartTag", "customXml", "fldSimple", "dir", "bdo")}
_EMBEDDED = etree.XPath(".//a:blip/@r:embed | .//v:imagedata/@r:id", namespaces=_NS)
_LINKED = etree.XPath(".//a:blip/@r:link", namespaces=_NS)
_GRAPHIC_KINDS = etree.XPath(".//a:graphicData/@uri", namespaces=_NS)
_DESCRIBED = etree.XPath(".//wp:docPr/@descr | .//v:shape/@alt", namespaces=_NS)
_TABLE_OF_CONTENTS = etree.XPath("./w:sdtPr/w:docPartObj/w:docPartGallery[@w:val='Table of Contents']", namespaces=_NS)
_BULLET_FORMAT = etree.XPath(
    "./w:abstractNum[@w:abstractNumId = ../w:num[@w:numId = $num]/w:abstractNumId/@w:val]"
    "/w:lvl[@w:ilvl = $lvl]/w:numFmt[@w:val = 'bullet']",
    namespaces=_NS,
)


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
    links: tuple[str, ...] = ()  # the web links in it
    lead: str = ""  # the bold text that opens it: "以案说德：" of "以案说德：为官…"
    large: bool = False  # all its text is set large (16 points or more), as 公文 titles are


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[str, ...], ...]


Block = Paragraph | Table


@dataclass(frozen=True)
class Document:
    blocks: list[Block]
    notes: list[str]  # what was left out, for the editor
    digest: str  # of the file's bytes: a second import of the same document is known by it

    @property
    def empty(self) -> bool:
        return not any(
            any(any(row) for row in block.rows) if isinstance(block, Table) else block.text or block.pictures
            for block in self.blocks
        )


def read(path: Path) -> Document:
    """The document's blocks in order, and notes on what was left out."""
    try:
        if path.stat().st_size > MAX_UNPACKED:
            limit = size_text(MAX_UNPACKED)
            raise NotReadable(f"文件有 {size_text(path.stat().st_size)}，超过 {limit}：请压缩其中的图片后再导入")
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
    body = document.element.body
    paragraphs = sum(1 for _ in body.iter(_W + "p"))
    if paragraphs > MAX_PARAGRAPHS:
        raise NotReadable(f"文档有 {paragraphs} 段，超过 {MAX_PARAGRAPHS} 段：一篇材料请存为一个文档，分开导入")
    reader = _Reader(document)
    blocks = list(reader.blocks(body, document._body))
    return Document(blocks, reader.notes, hashlib.sha256(data).hexdigest()[:12])


def escape(text: str, starts: bool = True) -> str:
    """Text as Markdown that shows exactly this text; `starts`: it begins its paragraph."""
    text = _SPECIAL.sub(r"\\\1", text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
    return line_starts(text) if starts else text


def line_starts(markdown: str) -> str:
    """What would open a list or heading at a line's start, as text; Word's line breaks as hard breaks."""
    return "  \n".join(opening(line) for line in markdown.split("\n"))


def opening(markdown: str) -> str:
    """What would open a list, a heading or another block at the start of this Markdown, as text."""
    markdown = _BLOCK_MARK.sub(lambda m: f"{m[1]}&#{ord(m[2])};", markdown)
    return _LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[2] else f"{m[1]}{m[3]}\\{m[4]}", markdown)


class _Reader:
    """Walks the document as python-docx parsed it, into the containers python-docx does not open.

    python-docx reads a paragraph's direct runs and the body's direct paragraphs and tables; Word
    and WPS also put text in tracked insertions, content controls, fields, smart tags and text
    boxes, and pictures in VML and in drawings inside mc:AlternateContent. Their text is the
    document's: it is read, never dropped. Deleted text (w:del) is not the document's text.
    """

    def __init__(self, document) -> None:
        self.notes: list[str] = []
        self.pictures = 0
        self._styles: dict[tuple[str, str], _StyleFacts] = {}
        self._numbering = _Numbering(document)

    def _note(self, note: str) -> None:
        if note not in self.notes:
            self.notes.append(note)

    def blocks(self, container, parent) -> Iterator[Block]:
        """Paragraphs and tables of a body, cell or text box, in order."""
        for child in container:
            if child.tag == _W + "p":
                paragraph = WordParagraph(child, parent)
                found, boxes = self._paragraph(paragraph)
                if found is not None:
                    yield found
                for box in boxes:  # a text box's text after the paragraph it is anchored in
                    yield from self.blocks(box, parent)
            elif child.tag == _W + "tbl":
                yield from self._table(WordTable(child, parent))
            elif child.tag in _CONTAINERS:
                yield from self.blocks(child, parent)
            elif child.tag == _W + "sdt":
                if _TABLE_OF_CONTENTS(child):
                    self._note("文档中的目录未导入")
                    continue
                yield from self.blocks(child.iterchildren(_W + "sdtContent"), parent)
            elif child.tag == _W + "sdtContent":
                yield from self.blocks(child, parent)
            elif child.tag == _W + "altChunk":
                self._note("文档中嵌入了另一种格式的内容（altChunk），未导入：请在 Word 中复制为普通文字")

    def _table(self, table: WordTable) -> Iterator[Block]:
        """A table's rows and cells, also those inside content controls (repeating sections, WPS
        forms), which python-docx does not list. A merged cell's text is in its first column and
        first row; the columns and rows it spans are empty, so nothing moves to another column."""
        rows = []
        pictures: list[Picture] = []
        for tr in _inside(table._tbl, _W + "tr"):
            cells: list[str] = []
            for tc in _inside(tr, _W + "tc"):
                properties = tc.tcPr
                merged = properties is not None and properties.find(_W + "vMerge") is not None
                if merged and properties.find(_W + "vMerge").get(_W + "val", "continue") == "continue":
                    cells += [""] * tc.grid_span  # the cell above holds the text
                    continue
                texts = []
                for block in self.blocks(tc, _Cell(tc, table)):
                    if isinstance(block, Table):  # a table in a cell: its cells' text, in order
                        texts += [text for inner in block.rows for text in inner if text]
                    else:
                        texts.append(block.text)
                        pictures += block.pictures
                cells += [" ".join(" ".join(texts).split())] + [""] * (tc.grid_span - 1)
            rows.append(tuple(cells))
        yield Table(tuple(rows))
        if pictures:
            self._note(f"表格中的 {len(pictures)} 张图片放在了表格之后，请核对位置")
            yield Paragraph("", "", 0, False, "", tuple(pictures))

    def _paragraph(self, paragraph: WordParagraph) -> tuple[Paragraph | None, list]:
        """The paragraph, and the text boxes anchored in it; None for an entry of a table of contents."""
        style = self._style(paragraph, None)
        if style.toc:
            self._note("文档中的目录未导入")
            return None, []
        parts: list[str] = []
        markdown: list[str] = []
        pictures: list[Picture] = []
        boxes: list = []
        links: list[str] = []
        bold: list[bool] = []
        large: list[bool] = []
        lead = ""  # the bold text that opens the paragraph
        for url, runs in self._linked(paragraph):
            texts = [self._run(run, pictures, boxes) for run in runs]
            text = "".join(texts)
            shown = [run for run, part in zip(runs, texts, strict=True) if part.strip()]
            bolds = [self._bold(run, paragraph, style.bold) for run in shown]
            if lead == "".join(parts) and bolds and all(bolds):
                lead += text
            bold += bolds
            large += [self._size(run, paragraph, style.size) >= _LARGE for run in shown]
            parts.append(text)
            if url.startswith(("http://", "https://")) and text.strip():
                links.append(url)
                markdown.append(f"[{escape(text, starts=False)}]({quote(url, safe=_URL_SAFE)})")
            else:
                markdown.append(escape(text, starts=False))
        properties = paragraph._p.pPr
        outline = properties.find(_W + "outlineLvl") if properties is not None else None
        level = style.level
        if outline is not None and (outline.get(_W + "val") or "9").isdigit() and int(outline.get(_W + "val")) < 9:
            level = int(outline.get(_W + "val")) + 1  # 大纲级别, as 公文 set their headings
        listing = style.listing
        if properties is not None and properties.numPr is not None:
            listing = "-" if self._numbering.bulleted(properties.numPr) else "1."
        return Paragraph(
            text="".join(parts).strip(),
            markdown=line_starts("".join(markdown).strip()),
            level=level,
            bold=bool(bold) and all(bold),
            listed=listing,
            pictures=tuple(pictures),
            links=tuple(links),
            lead=lead.strip(),
            large=bool(large) and all(large),
        ), boxes

    def _linked(self, paragraph: WordParagraph) -> Iterator[tuple[str, list[Run]]]:
        """(web link or "", runs) of a paragraph: links as Word writes them (w:hyperlink) and as
        WPS does, as a HYPERLINK field whose shown result is the runs between its separator and end."""
        field: list[str] | None = None  # the field's instruction while it is read
        url = ""
        for link, runs in self._pieces(paragraph._p, paragraph):
            kept: list[Run] = []
            for run in runs:
                mark = run._r.find(_W + "fldChar")
                kind = mark.get(_W + "fldCharType") if mark is not None else None
                if kind == "begin":
                    field = []
                elif kind == "separate" and field is not None:
                    found = _HYPERLINK.search("".join(field))
                    url, field = (found.group(1) if found else ""), None
                elif kind == "end":
                    url, field = "", None
                elif field is not None:
                    field += [text.text or "" for text in run._r.iter(_W + "instrText")]
                else:
                    kept.append(run)
                    continue
                if kept:
                    yield link, kept
                    kept = []
            if kept:
                yield link or url, kept

    def _pieces(self, element, paragraph: WordParagraph) -> Iterator[tuple[str, list[Run]]]:
        """(link or "", runs) of a paragraph, through the containers its runs may sit in."""
        for child in element:
            if child.tag == _W + "r":
                yield "", [Run(child, paragraph)]
            elif child.tag == _W + "hyperlink":
                try:
                    url = Hyperlink(child, paragraph).url
                except KeyError:  # a link whose target is missing from the package
                    url = ""
                yield url, [run for _, runs in self._pieces(child, paragraph) for run in runs]
            elif child.tag in _CONTAINERS or child.tag == _W + "sdtContent":
                yield from self._pieces(child, paragraph)
            elif child.tag == _W + "sdt":
                for content in child.iterchildren(_W + "sdtContent"):
                    yield from self._pieces(content, paragraph)
            elif child.tag in (_MATH + "oMath", _MATH + "oMathPara"):
                self._note("文档中的公式未导入：请改写为文字")

    def _run(self, run: Run, pictures: list[Picture], boxes: list) -> str:
        element = run._r
        properties = element.rPr
        hidden = properties.find(_W + "vanish") if properties is not None else None
        if hidden is not None and hidden.get(_W + "val", "true") not in ("0", "false", "off"):
            # Hidden text is not what the document shows: never published.
            self._note("文档中的隐藏文字未导入（Word 中设为“隐藏”的文字不会印出或显示）")
            return ""
        text = [item.replace("\t", " ") for item in run.iter_inner_content() if isinstance(item, str)]
        for ruby in element.iter(_W + "rubyBase"):  # 拼音指南: the characters, without their pinyin
            text += [node.text or "" for node in ruby.iter(_W + "t")]
            self._note("拼音指南的注音未导入，汉字保留：家风页面可在头信息中写 pinyin: true 自动加注音")
        if element.find(_W + "sym") is not None:
            self._note("文档中用“插入符号”插入的图形符号（如 Wingdings 字体的符号）未导入，请核对原文")
        if element.find(_W + "footnoteReference") is not None or element.find(_W + "endnoteReference") is not None:
            self._note("脚注和尾注未导入（正文中的注号也已去掉）：需要时请把注释写进正文")
        if element.find(_W + "object") is not None:
            self._note("文档中嵌入的对象（如 Excel 表格、Visio 图）未导入：请复制为文字或另存为图片后插入")
            return "".join(text)
        for graphic in self._graphics(element):
            # A text box's own paragraphs; one inside another box is read with that box.
            boxes += [box for box in graphic.iter(_W + "txbxContent") if not _inside_box(box, graphic)]
            ids = _EMBEDDED(graphic)  # DrawingML pictures, and VML ones as older Word and WPS write them
            for rid in ids:
                picture = self._picture(run, rid, graphic)
                if picture is not None:
                    pictures.append(picture)
            if _LINKED(graphic) and not ids:
                self.pictures += 1
                self._note(f"第 {self.pictures} 张图片链接在文档之外，未导入：请把图片插入文档后再导入")
            if any(uri.endswith(("/chart", "/diagram")) for uri in _GRAPHIC_KINDS(graphic)):
                self._note("文档中的图表或 SmartArt 未导入：请另存为图片后插入，或改写为文字")
        return "".join(text)

    @staticmethod
    def _graphics(run) -> Iterator:
        """A run's drawings and VML pictures, and of mc:AlternateContent only its first choice."""
        for child in run:
            if child.tag in (_W + "drawing", _W + "pict"):
                yield child
            elif child.tag == _MC + "AlternateContent":
                chosen = next(iter(child), None)
                if chosen is not None:
                    yield from (item for item in chosen if item.tag in (_W + "drawing", _W + "pict"))

    def _picture(self, run: Run, rid: str, graphic) -> Picture | None:
        self.pictures += 1
        number = self.pictures
        try:
            data = run.part.related_parts[rid].blob
        except (KeyError, AttributeError):  # a broken reference, a cut-off file
            self._note(f"第 {number} 张图片无法读取，已略去")
            return None
        suffix = next((suffix for head, suffix in _IMAGES if data.startswith(head)), None)
        if suffix is None and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
            suffix = ".webp"
        if suffix is None:
            self._note(
                f"第 {number} 张图片不是 PNG、JPG、GIF 或 WebP（可能是 EMF/WMF 矢量图），已略去："
                "请另存为图片后手工加入"
            )
            return None
        data = self._checked(data, suffix, number)
        if data is None:
            return None
        described = _DESCRIBED(graphic)
        alt = " ".join(str(described[0]).split()) if described else ""
        return Picture(data, suffix, alt)

    def _checked(self, data: bytes, suffix: str, number: int) -> bytes | None:
        """The picture as published: refused when it would take a phone's memory (a small file can
        hold a huge image), and without the camera's metadata (where it was taken, by whom)."""
        try:
            with PIL.Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    self._note(
                        f"第 {number} 张图片有 {width}×{height} 像素，太大，已略去："
                        f"请缩小到 {MAX_PIXELS // 1_000_000} 百万像素以内后手工加入"
                    )
                    return None
                if suffix not in (".jpg", ".png") or not (image.getexif() or "exif" in image.info):
                    return data
                shown = PIL.ImageOps.exif_transpose(image)  # turned as the camera meant, before its EXIF goes
                out = io.BytesIO()
                options = {"quality": 95} if suffix == ".jpg" else {}
                icc = image.info.get("icc_profile")
                shown.save(out, "JPEG" if suffix == ".jpg" else "PNG", icc_profile=icc, **options)
        except PIL.Image.DecompressionBombError:
            self._note(f"第 {number} 张图片像素太多，已略去：请缩小到 {MAX_PIXELS // 1_000_000} 百万像素以内后手工加入")
            return None
        except (OSError, ValueError):
            self._note(f"第 {number} 张图片无法读取，已略去")
            return None
        self._note("图片中的拍摄信息（位置、设备、作者等）已去掉")
        return out.getvalue()

    def _style(self, paragraph: WordParagraph, run: Run | None) -> _StyleFacts:
        """What a paragraph's or a run's style sets, looked up once per style: python-docx searches
        the styles part on every lookup."""
        properties = run._r.rPr if run is not None else paragraph._p.pPr
        found = properties.find(_W + ("rStyle" if run is not None else "pStyle")) if properties is not None else None
        key = ("r" if run is not None else "p", found.get(_W + "val", "") if found is not None else "")
        if key not in self._styles:
            self._styles[key] = _style_facts((run or paragraph).style)
        return self._styles[key]

    def _bold(self, run: Run, paragraph: WordParagraph, paragraph_bold: bool | None) -> bool:
        """Whether the run shows bold: its own setting, else its character style's, else its paragraph's."""
        if run.bold is not None:
            return run.bold
        style_bold = self._style(paragraph, run).bold
        return bool(style_bold if style_bold is not None else paragraph_bold)

    def _size(self, run: Run, paragraph: WordParagraph, paragraph_size: float) -> float:
        """The run's type size in points, as the bold is found."""
        if run.font.size is not None:
            return run.font.size.pt
        return self._style(paragraph, run).size or paragraph_size


@dataclass(frozen=True)
class _StyleFacts:
    level: int  # 0, or the heading level the style sets
    bold: bool | None
    listing: str  # "", "-" or "1.": a list style
    size: float  # points; 0 when the style does not say
    toc: bool  # an entry or the heading of a table of contents


def _style_facts(style) -> _StyleFacts:
    names = []
    bold = None
    size = 0.0
    while style is not None and len(names) < 10:
        names.append((style.name or "").strip())
        if bold is None:
            bold = style.font.bold
        if not size and style.font.size is not None:
            size = style.font.size.pt
        style = style.base_style
    listing = ""
    if any(_LIST_STYLE.search(name) for name in names):
        listing = "-" if any(_BULLET_STYLE.search(name) for name in names) else "1."
    toc = any(_TOC_STYLE.fullmatch(name) for name in names)
    return _StyleFacts(_level(names), bold, listing, size, toc)


class _Numbering:
    """Whether a Word list is bulleted or numbered, from the document's numbering definitions."""

    def __init__(self, document) -> None:
        try:
            self.element = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):  # a document without lists
            self.element = None
        self.known: dict[tuple[str, str], bool] = {}

    def bulleted(self, numbering) -> bool:
        number, level = numbering.find(_W + "numId"), numbering.find(_W + "ilvl")
        key = (
            number.get(_W + "val", "") if number is not None else "",
            level.get(_W + "val", "0") if level is not None else "0",
        )
        if key not in self.known:
            self.known[key] = self.element is not None and bool(_BULLET_FORMAT(self.element, num=key[0], lvl=key[1]))
        return self.known[key]


def _inside(element, tag: str) -> Iterator:
    """The children of `element` with this tag, and those inside content controls and custom XML."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in (_W + "sdt", _W + "sdtContent", _W + "customXml"):
            yield from _inside(child, tag)


def _inside_box(box, top) -> bool:
    """Whether a text box sits in another text box below `top`."""
    parent = box.getparent()
    while parent is not None and parent is not top:
        if parent.tag == _W + "txbxContent":
            return True
        parent = parent.getparent()
    return False


def _level(styles: list[str]) -> int:
    for name in styles:
        if name.lower() in _TITLE_STYLES:
            return 1
        found = _HEADING_STYLE.fullmatch(name)
        if found and found.group(2):
            return "一二三".index(found.group(2)) + 1
        if found and found.group(1) != "0":
            return int(found.group(1))
    return 0
