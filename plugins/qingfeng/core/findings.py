"""What MkDocs itself finds in the content, told in Chinese and naming the file.

MkDocs (pinned below 2.0, so its messages are fixed) checks links as it renders
pages and logs English with paths inside docs_dir. A logging filter rewrites
those records in place: same level, so `--strict` still counts them.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator
from urllib.parse import urlsplit

from mkdocs.structure.nav import Link, Section

# The loggers of mkdocs/structure/pages.py, which checks links, and of the build, which names a
# page that failed before it stops.
LOGGERS = ("mkdocs.structure.pages", "mkdocs.commands.build")
# Logged by MkDocs as a page fails with an error of ours or of the system (a full disk): the error
# itself reaches the author once, in Chinese, from qingfeng/core's on_build_error.
_FAILED_PAGE = re.compile(r"Error building page '(?P<page>.+?)': .+", re.DOTALL)
# Logged for a page whose template gave nothing: what the preview's pages taken from the last build give.
_SKIPPED_PAGE = re.compile(r"Page skipped: '(?P<page>.+?)'\. Generated empty output\.")

# doc src_uri and the text to find in its source -> "content/x.md: 第 3 行"
Locate = Callable[[str, str], str]

_DOC = r"Doc file '(?P<doc>.+?)' contains "
_HINT = r"(?: Did you mean '(?P<hint>.*)'\?)?"
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            _DOC + r"a link '(?P<link>.*?)', but the target(?: '.*?')? is not found among documentation files\." + _HINT
        ),
        "链接或图片 {link} 指向的文件不存在{hint}",
    ),
    (
        re.compile(_DOC + r"an unrecognized relative link '(?P<link>.*?)', it was left as is\." + _HINT),
        "链接 {link} 既不是网址，也不是站内的文件，已原样保留{hint}",
    ),
    (
        re.compile(_DOC + r"an absolute link '(?P<link>.*?)', it was left as is\." + _HINT),
        "链接 {link} 以 / 开头，已原样保留；站内链接请写相对路径{hint}",
    ),
    (
        re.compile(
            _DOC + r"a link '(?P<link>.*?)', but the doc '(?P<target>.+?)' does not contain an anchor "
            r"'#(?P<anchor>.*?)'\."
        ),
        "链接 {link} 指向的 {target} 中没有 #{anchor} 这个位置",
    ),
    (
        re.compile(_DOC + r"a link '(?P<link>.*?)', but there is no such anchor on this page\."),
        "链接 {link} 指向本页的位置不存在",
    ),
    (
        re.compile(_DOC + r"a link to '(?P<link>.*?)' which is excluded from the built site\."),
        "链接指向的 {link} 不会发布到网站上",
    ),
)


def translate(message: str, locate: Locate) -> str | None:
    """The Chinese for one of MkDocs' link findings, or None for any other message."""
    for pattern, text in _PATTERNS:
        if match := pattern.fullmatch(message):
            fields = match.groupdict()
            hint = fields.pop("hint", None)
            fields["hint"] = f"（是不是要写 {hint}？）" if hint else ""
            return f"{locate(fields.pop('doc'), fields['link'])}: {text.format(**fields)}"
    return None


class Chinese(logging.Filter):
    """Rewrites MkDocs' link findings in place; holds back its English line for a failed page."""

    def __init__(self, locate: Locate, carried: Callable[[str], bool] = lambda src_uri: False):
        super().__init__()
        self.locate = locate
        self.carried = carried  # whether a page (src_uri) is one the preview takes from its last build
        self.failed: str | None = None  # the src_uri of the page MkDocs said failed

    def filter(self, record: logging.LogRecord) -> bool:
        if failed := _FAILED_PAGE.fullmatch(record.getMessage()):
            self.failed = failed["page"]
            return False
        if (skipped := _SKIPPED_PAGE.fullmatch(record.getMessage())) and self.carried(skipped["page"]):
            return False
        text = translate(record.getMessage(), self.locate)
        if text is not None:
            record.msg, record.args = text, ()
        return True

    def install(self) -> None:
        for name in LOGGERS:
            logging.getLogger(name).addFilter(self)

    def remove(self) -> None:
        for name in LOGGERS:
            logging.getLogger(name).removeFilter(self)


def dead_links(items: Iterable) -> Iterator[Link]:
    """Menu entries for pages the site does not have.

    MkDocs turns a nav entry whose file it cannot find into a Link to the text as
    written; a URL or an absolute path is meant as a link, anything else is a page.
    """
    for item in items:
        if isinstance(item, Section):
            yield from dead_links(item.children)
        elif isinstance(item, Link):
            parts = urlsplit(item.url)
            if not (parts.scheme or parts.netloc or item.url.startswith("/")):
                yield item
