"""Media files under content/ are published as they are: each must be what its name says (CONTENT-FORMAT 10).

A file is judged by its first bytes, not its name, so a document renamed `x.jpg` (or a hard link to a
file of the build machine) is not published as a picture. A PDF is published too: it may carry no
script, launch action or embedded file, and its text obeys the personal-data rule like any other.
"""

from __future__ import annotations

import io
from pathlib import Path

from . import privacy
from .problems import Problems

# suffix -> (what it is, called in messages; does the head of the file look like it)
_KINDS = {
    ".jpg": ("JPEG 图片", lambda head: head.startswith(b"\xff\xd8\xff")),
    ".jpeg": ("JPEG 图片", lambda head: head.startswith(b"\xff\xd8\xff")),
    ".png": ("PNG 图片", lambda head: head.startswith(b"\x89PNG\r\n\x1a\n")),
    ".gif": ("GIF 图片", lambda head: head.startswith((b"GIF87a", b"GIF89a"))),
    ".webp": ("WebP 图片", lambda head: head[:4] == b"RIFF" and head[8:12] == b"WEBP"),
    ".mp4": ("MP4 视频", lambda head: head[4:8] == b"ftyp"),
    ".webm": ("WebM 视频", lambda head: head.startswith(b"\x1a\x45\xdf\xa3")),
    ".pdf": ("PDF 文档", lambda head: b"%PDF-" in head[:1024]),
    ".vtt": ("WebVTT 字幕", lambda head: head.removeprefix(b"\xef\xbb\xbf").startswith(b"WEBVTT")),
}
# What makes a PDF do something when it is opened or clicked, or carry other files.
_ACTIVE_KEYS = {"/JS", "/JavaScript", "/AA", "/EmbeddedFiles", "/RichMediaContent", "/XFA"}
_ACTIVE_TYPES = {"/EmbeddedFile", "/FileAttachment", "/RichMedia", "/Movie", "/Sound", "/Screen"}
_ACTIVE_ACTIONS = {"/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/GoToE", "/GoToR", "/Rendition"}


def check_kind(path: Path, rel: str, problems: Problems) -> bool:
    """Report a media file whose content is not of the kind its suffix says; True if it is."""
    suffix = path.suffix.lower()
    if suffix not in _KINDS:
        return True
    name, looks_right = _KINDS[suffix]
    try:
        with path.open("rb") as file:
            head = file.read(1024)
    except OSError as error:
        problems.add(rel, "文件", f"无法读取：{error.strerror}")
        return False
    if not looks_right(head):
        problems.add(rel, "文件", f"文件内容不是{name}（扩展名是 {suffix}）：请用正确的格式另存，或改成正确的扩展名")
        return False
    return True


def check_pdf(path: Path, rel: str, problems: Problems) -> None:
    """A published PDF: no active content, no personal data in its text."""
    try:
        reader = _reader(path.read_bytes())
        active = _active(reader)
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as error:  # any failure of the PDF reader: the file cannot be checked, so not published
        problems.add(rel, "文件", f"PDF 无法读取，无法检查其中的内容（{type(error).__name__}）：请重新导出 PDF")
        return
    if active:
        problems.add(rel, "文件", f"PDF 含有脚本、动作或附件（{active}），不能发布：请用“另存为 PDF”重新导出")
    for number, text in enumerate(pages, start=1):
        for hit in privacy.find(text):
            problems.add(rel, f"第 {number} 页", f"{hit}，个人信息不得发布")


def pdf_text(data: bytes) -> str:
    """The text of every page of a PDF."""
    return "\n\n".join(page.extract_text() or "" for page in _reader(data).pages)


def _reader(data: bytes):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        reader.decrypt("")
    return reader


def _active(reader) -> str | None:
    """The first key or action that makes the PDF active, walking every object reachable from the trailer."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    seen: set[tuple[int, int]] = set()
    stack: list = [reader.trailer]
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            if (item.idnum, item.generation) in seen:
                continue
            seen.add((item.idnum, item.generation))
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            for key, value in item.items():
                if key in _ACTIVE_KEYS:
                    return key
                action = key == "/S" and value in _ACTIVE_ACTIONS
                if action or (key in ("/Type", "/Subtype") and value in _ACTIVE_TYPES):
                    return str(value)
                if key != "/Parent":  # the page tree links back up: already on the way
                    stack.append(value)
        elif isinstance(item, ArrayObject):
            stack.extend(item)
    return None
