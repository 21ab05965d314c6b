"""Case write-ups (CONTENT-FORMAT 1)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from .body import list_items, split_sections
from .fields import Fields
from .frontmatter import Document
from .paths import content_path, excerpt
from .problems import Problems
from .questions import parse_questions
from .schema import ROLES, Case, Source, Video

CASE_KEYS = (
    "id",
    "title",
    "summary",
    "subject",
    "position",
    "role",
    "region",
    "sector",
    "violations",
    "amount",
    "outcome",
    "date",
    "source",
    "rules",
    "questions",
    "video",
    "script",
)
SOURCE_KEYS = ("publisher", "date", "url")
VIDEO_KEYS = ("file", "title", "poster", "captions")
SUMMARY_MAX = 120
RESERVED_IDS = ("confessions",)  # /cases/confessions/ is the 忏悔录 page
VIDEO_TYPES = {
    "file": (".mp4", ".webm"),
    "poster": (".jpg", ".jpeg", ".png", ".webp", ".gif"),
    "captions": (".vtt",),
}


def _source(f: Fields) -> Source | None:
    data = f.mapping("source")
    if data is None:
        return None
    s = f.nested("source", data)
    s.unknown(SOURCE_KEYS)
    publisher, date, url = s.text("publisher"), s.date("date"), s.text("url", required=False)
    if url and not url.startswith(("http://", "https://")):
        typed = unicodedata.normalize("NFKC", url)  # https：／／ as a Chinese input method types it
        hint = "：冒号和斜杠要用半角“://”" if typed.startswith(("http://", "https://")) else ""
        s.error("url", f"链接“{excerpt(url)}”应以 http:// 或 https:// 开头{hint}")
    return Source(publisher, date, url) if publisher and date else None


def _video(f: Fields, docs_dir: Path) -> Video | None:
    data = f.mapping("video", required=False)
    if data is None:
        return None
    v = f.nested("video", data)
    v.unknown(VIDEO_KEYS)
    paths = {}
    for key, suffixes in VIDEO_TYPES.items():
        value = v.text(key, required=key == "file")
        if value is None:
            continue
        resolved = content_path(value, docs_dir)
        if not value.lower().endswith(suffixes):
            v.error(key, f"“{excerpt(value)}”的格式不支持，应为 {'、'.join(suffixes)}")
        elif resolved.problem:
            v.error(key, resolved.problem)
        else:
            paths[key] = resolved.path
    title = v.text("title", required=False)
    if "file" not in paths:
        return None
    return Video(paths["file"], title, paths.get("poster"), paths.get("captions"))


def _unquoted(f: Fields, key: str) -> str | None:
    value = f.text(key)
    return None if value is None or f.quoted(key, value) else value


def parse_case(doc: Document, path: str, problems: Problems, docs_dir: Path) -> Case | None:
    """Validate one case file; None when it has any problem."""
    before = len(problems.items)
    f = Fields(doc.meta, path, problems)
    if not doc.has_front_matter:  # one message, not one per field and heading
        problems.add(path, "第 1 行", "案例文件应以“---”行开始，先写 id、title 等字段，再写“---”，然后是正文")
        return None
    f.unknown(CASE_KEYS)
    values = dict(
        id=f.identifier("id"),
        title=f.text("title"),
        summary=f.text("summary", max_length=SUMMARY_MAX),
        subject=_unquoted(f, "subject"),
        position=f.text("position"),
        role=f.choice("role", ROLES),
        region=_unquoted(f, "region"),  # a filter key: “重庆市” would be another region
        sector=f.text_list("sector", prose_list=True),
        violations=f.text_list("violations", prose_list=True),
        amount=f.integer("amount", 0),
        outcome=f.text("outcome"),
        date=f.date("date"),
        source=_source(f),
        rules=f.text_list("rules", required=False),
        questions=parse_questions(f, required=False),
        video=_video(f, docs_dir),
    )
    if values["id"] in RESERVED_IDS:
        f.error("id", f"“{values['id']}”已用作网址 /cases/{values['id']}/，请换一个案例 id")
    lead, sections = split_sections(doc.body, doc.body_line, path, problems)
    if len(problems.items) > before:
        return None
    discussion = next((list_items(s.markdown) for s in sections if s.kind.key == "taolun"), ())
    keep = doc.meta.get("script") == "keep"
    return Case(path=path, lead=lead, sections=sections, discussion=discussion, keep_script=keep, **values)
