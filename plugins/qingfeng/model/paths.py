"""Paths that authors write: one rule for every reference into content/.

`check` and the build resolve a reference the same way (`./x.md` and `x.md`
are one page), and nothing may point outside content/: no absolute path, no
`..` that climbs out, no URL scheme, no symbolic link on the way.
"""

from __future__ import annotations

import posixpath
import re
import reprlib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# Bounded repr: a value quoted in a message is cut before it is formatted, however big it is.
_REPR = reprlib.Repr()
_REPR.maxlevel, _REPR.maxlist, _REPR.maxdict, _REPR.maxstring, _REPR.maxother = 2, 4, 4, 60, 60


_QUOTES = "“”‘’\"'「」"  # around a path, as Word pastes it
SOURCE_SUFFIXES = (".yml", ".yaml")  # read by the build, never published (quiz banks carry their answers)


def leftover(name: str) -> bool:
    """Editor and Office leftovers and hidden files: never published, never an error (CONTENT-FORMAT 10)."""
    lower = name.lower()
    return (
        lower.startswith((".", "~$"))
        or lower.endswith(("~", ".bak", ".orig", ".tmp", ".swp", ".swo"))
        or (lower.startswith("#") and lower.endswith("#"))
    )


@dataclass(frozen=True)
class Resolved:
    """A reference resolved against content/: `path` is docs-relative (posix) or None with `problem` set."""

    path: str | None
    problem: str | None = None


def content_path(value: str, docs_dir: Path, base: str = "", must_exist: bool = True) -> Resolved:
    """Resolve `value` (relative to the docs-relative folder `base`) to a normalised docs-relative path.

    The query and fragment of a link are not part of the path.
    """
    text = value.strip()
    if not text:
        return Resolved(None, "路径为空")
    if len(text) > 1 and text[0] in _QUOTES and text[-1] in _QUOTES:
        return Resolved(None, f"路径“{excerpt(text)}”两边带着引号（Word 粘贴时常见）：请去掉引号")
    if "\\" in text:
        return Resolved(None, f"路径“{excerpt(text)}”含反斜杠“\\”，请改用“/”")
    if _SCHEME.match(text) or text.startswith("//"):
        return Resolved(None, f"“{excerpt(text)}”不是 content/ 中的文件（不能引用其他网站或本机路径）")
    if text.startswith("/"):
        return Resolved(None, f"“{excerpt(text)}”是绝对路径；请写相对于 content/ 的路径")
    text = text.split("#", 1)[0].split("?", 1)[0]
    joined = posixpath.normpath(posixpath.join(base, text)) if text else posixpath.normpath(base or ".")
    if joined == ".." or joined.startswith("../"):
        return Resolved(None, f"“{excerpt(value)}”指向 content/ 之外")
    if not must_exist:
        return Resolved(joined)
    target = docs_dir / joined
    # A symbolic link on the way could lead anywhere: the resolved file must still be inside content/.
    try:
        inside = target.resolve().is_relative_to(docs_dir.resolve())
        exists = target.exists()
    except (OSError, ValueError):  # a NUL character, a name too long for the file system
        return Resolved(None, f"路径“{excerpt(value)}”无法读取（含有不能用于文件名的字符，或太长）")
    if not inside:
        return Resolved(None, f"“{excerpt(value)}”指向 content/ 之外")
    if any(leftover(part) for part in joined.split("/")) or joined.lower().endswith(SOURCE_SUFFIXES):
        never = "题库等 YAML 源文件、隐藏文件和编辑器临时文件都不发布"
        return Resolved(None, f"“{excerpt(value)}”不会发布到网站（{never}）")
    if not exists:
        if joined.startswith("content/") and (docs_dir / joined[len("content/") :]).exists():
            inner = excerpt(joined[len("content/") :], 80)
            return Resolved(None, f"路径“{excerpt(value)}”多写了开头的 content/（从它里面算起）：请写成 {inner}")
        return Resolved(None, f"文件“{excerpt(value)}”不存在（应为 {excerpt('content/' + joined, 80)}）")
    return Resolved(joined)


@dataclass(frozen=True)
class Local:
    """A relative URL as the file under content/ it names: `path` docs-relative, `rest` its "?query#fragment"."""

    path: str
    rest: str = ""


def local_url(url: str, base: str = "") -> Local | None:
    """Where a relative URL written in a body (or in HTML made from one) points, read against the docs-relative
    folder `base` (content/ itself for a case body, a page's folder, or the folder of a page's URL in the site);
    None for another host, a scheme, an absolute path, a bare #fragment and a path that leaves content/.

    The check of the source (`content_path`) reports those; this only finds files, for the build to link them.
    """
    text = url.strip()
    if not text or "\\" in text or _SCHEME.match(text) or text.startswith("/"):
        return None
    cut = min((at for at in (text.find("?"), text.find("#")) if at >= 0), default=len(text))
    path, rest = text[:cut], text[cut:]
    if not path:
        return None
    joined = posixpath.normpath(posixpath.join(base, unquote(path)))
    if joined in (".", "..") or joined.startswith("../"):
        return None
    return Local(joined + ("/" if path.endswith("/") else ""), rest)


def excerpt(value: object, limit: int = 40) -> str:
    """A value quoted in a message: at most `limit` characters, so a huge value never floods the output."""
    text = value[: limit * 4] if isinstance(value, str) else _REPR.repr(value)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def size_text(length: int) -> str:
    """A file's size as a download list shows it: 350 KB, 2.4 MB."""
    return f"{length / 1024:.0f} KB" if length < 1024 * 1024 else f"{length / 1024 / 1024:.1f} MB"


def printable(text: str) -> str:
    """A path or name as it can be shown: bytes of another encoding (a GBK name unpacked on
    Linux) escaped rather than raising."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")
