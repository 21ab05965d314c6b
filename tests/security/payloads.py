"""Attack 3's project: a script-injection payload in every text field of TEXT_FIELDS.

The fields come from `qingfeng.model.schema.TEXT_FIELDS`, so a field added there
later gets a payload here without anyone touching this file. Each (place, field)
has its own marker, so a finding names the field, and a field that is silently
dropped is caught too (its marker appears nowhere).
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import html5lib
import yaml
from qingfeng.model.schema import TEXT_FIELDS

from tests.conftest import Site, case_body, case_meta, markdown

SITE_URL = "https://lian.test.gov.cn/"  # not "example": boards may be added (CONTENT-FORMAT 7)
CASE = "2025-xss"
TAG_CASE = "2025-xss-tags"


def payload(marker: str) -> str:
    """Breaks out of attributes and text; must be shown exactly as written."""
    return f'"><script>window.{marker}=1</script><img src=x onerror="window.{marker}=2">&amp;<b>粗</b>'


def tag_payload(marker: str) -> str:
    """For tags, which also land in SVG charts and in the library's filter data (JSON)."""
    return (
        f'</text><script>window.{marker}=3</script><svg onload="window.{marker}=4"/>'
        f"'\"]}}</script><script>window.{marker}=5</script>"
    )


# Where each content type's text is written: a place name per location (questions live in two).
PLACES = {
    "case": "case",
    "question@case": "question",
    "question@bank": "question",
    "bank": "bank",
    "pack": "pack",
    "jiafeng": "jiafeng",
    "park": "park",
    "board": "board",
    "booklet": "booklet",
    "page": "page",
}


@dataclass(frozen=True)
class Field:
    place: str  # a key of PLACES
    name: str  # as in TEXT_FIELDS, e.g. source.publisher
    tag: bool = False  # the tag variant

    @property
    def id(self) -> str:
        return f"{self.place}.{self.name}" + ("[tag-variant]" if self.tag else "")

    @property
    def marker(self) -> str:
        return "__pwned_" + re.sub(r"\W+", "_", self.id).strip("_")

    @property
    def value(self) -> str:
        return tag_payload(self.marker) if self.tag else payload(self.marker)


def fields() -> list[Field]:
    out = []
    for place, kind in PLACES.items():
        out += [Field(place, name) for name in TEXT_FIELDS[kind]]
    out += [Field("case", name, tag=True) for name in ("sector", "violations") if name in TEXT_FIELDS["case"]]
    return out


FIELDS = fields()
MARKERS = [f.marker for f in FIELDS]


def put(data: dict, dotted: str, value: str) -> None:
    """Set key a.b.c; a list keeps its other items (options need two), a one-item list otherwise."""
    *parents, leaf = dotted.split(".")
    for key in parents:
        data = data.setdefault(key, {})
    old = data.get(leaf)
    if isinstance(old, list):
        data[leaf] = [value, *old[1:]]
    else:
        data[leaf] = value


def question() -> dict:
    return {"id": "q1", "type": "single", "stem": "题干？", "options": ["甲项", "乙项"], "answer": "A", "explain": "解"}


def templates() -> dict[str, dict]:
    """A valid value for each place, before payloads."""
    return {
        "case": case_meta(
            CASE,
            rules=["《中国共产党纪律处分条例》第一百零三条"],
            video={"file": "media/v.mp4", "title": "警示教育片"},
        ),
        "question@case": question(),
        "question@bank": question(),
        "bank": {"id": "xss", "title": "题库"},
        "pack": {"pack": "xss", "title": "学习包", "cases": [CASE, TAG_CASE], "quiz": True},
        "jiafeng": {"kind": "家训", "title": "家训", "author": "朱柏庐", "era": "明"},
        "park": {"id": "kushan", "name": "枯山湿地公园", "place": "兴义市"},
        "board": {"board": "KS01", "title": "羊续悬鱼", "theme": "廉洁典故", "location": "健康跑道东段"},
        "booklet": {"id": "xss", "title": "警示录", "subtitle": "以案为鉴", "issuer": "某县纪委监委 编印"},
        "page": {"title": "关于本站", "description": "简介", "subtitle": "副标题", "tags": ["标签"]},
    }


def write_project(site: Site) -> None:
    data = copy.deepcopy(templates())
    tags = case_meta(TAG_CASE, title="标签案例", date="2024-05")
    for f in FIELDS:
        put(tags if f.tag else data[f.place], f.name, f.value)

    site.config["site_url"] = SITE_URL
    # In the nav too: Material shows a page's title and subtitle there.
    site.config["nav"] += [{"关于": "about.md"}, {"家风": "jiafeng/xss.md"}]
    site.save_config()
    site.write("content/media/v.mp4", b"\x00\x00\x00\x18ftypmp42not-a-real-film")
    site.write(
        f"cases/{CASE}.md",
        markdown({**data["case"], "questions": [data["question@case"]]}, case_body()),
    )
    site.write(f"cases/{TAG_CASE}.md", markdown(tags, case_body()))
    site.write("content/quizzes/xss.yml", yaml.safe_dump({**data["bank"], "questions": [data["question@bank"]]}))
    site.write("content/packs/xss.md", markdown(data["pack"], "## 会议议程\n\n主持人讲话。\n"))
    site.write("content/jiafeng/xss.md", markdown(data["jiafeng"], "黎明即起，洒扫庭除。\n"))
    site.write("site_config/parks.yml", yaml.safe_dump({"parks": [data["park"]]}, allow_unicode=True))
    site.write("content/park/kushan/ks01.md", markdown(data["board"], "羊续悬鱼的故事。\n"))
    booklet = {**data["booklet"], "contents": [{"cases": [CASE, TAG_CASE]}, {"pack": "xss"}, {"page": "about.md"}]}
    site.write("site_config/booklets.yml", yaml.safe_dump({"booklets": [booklet]}, allow_unicode=True))
    site.write("content/about.md", markdown(data["page"], "本站介绍警示教育内容。\n"))


# ---------------------------------------------------------------------------
# Reading the built site back

EXECUTABLE = {"", "text/javascript", "application/javascript", "module", "text/ecmascript"}
RAW_MARKUP = ("<script>window.__pwned", "<img src=x onerror", "<svg onload")


@dataclass
class Finding:
    file: str
    rule: str
    text: str

    def __str__(self) -> str:
        return f"{self.file}: {self.rule}: {self.text[:160]}"


def local(tag) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def strings(value) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from strings(k)
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)


@dataclass
class Reading:
    findings: list[Finding]  # markup that came alive
    shown: list[str]  # every text a reader gets: HTML text and attributes, JSON strings, PDF text
    raw: list[str]  # every file's raw text (markers are ASCII: found wherever they are)


def read_site(site_dir: Path) -> Reading:
    from tests.security.conftest import files, pdf_texts

    findings, shown, raw = [], [], []
    for path in files(site_dir):
        rel = path.relative_to(site_dir).as_posix()
        data = path.read_bytes()
        if path.suffix == ".pdf":
            for where, text in pdf_texts(data):
                raw.append(text)
                if where.startswith("page"):
                    shown.append(re.sub(r"\s+", "", text))
            continue
        text = data.decode("utf-8", "replace")
        raw.append(text)
        if "__pwned" not in text and path.suffix not in (".html", ".htm"):
            continue
        if path.suffix in (".html", ".htm"):
            read_html(rel, text, findings, shown)
        else:
            for needle in RAW_MARKUP:
                if needle in text:
                    findings.append(Finding(rel, f"raw {needle!r} in a {path.suffix} file", excerpt(text, needle)))
            # The search index's files hold JSON that search.js shows as text (qingfeng/search).
            index = re.fullmatch(r'qingfengSearch\("[a-z]",\d+,(.*)\);\n', text, re.DOTALL)
            data = index.group(1) if index and path.suffix == ".js" else text if path.suffix == ".json" else None
            if data is not None:
                try:
                    found = list(strings(json.loads(data)))
                except ValueError:
                    findings.append(Finding(rel, "JSON that does not parse", text[:200]))
                    continue
                shown.extend(found)
    return Reading(findings, shown, raw)


def excerpt(text: str, needle: str) -> str:
    at = text.find(needle)
    return text[max(0, at - 80) : at + 120]


def read_html(rel: str, text: str, findings: list[Finding], shown: list[str]) -> None:
    root = html5lib.parse(text, treebuilder="etree", namespaceHTMLElements=False)
    shown.append("".join(root.itertext()))
    for el in root.iter():
        name = local(el.tag)
        attrs = {local(k): v for k, v in el.attrib.items()}
        shown.extend(attrs.values())
        body = el.text or ""
        if name == "script":
            kind = attrs.get("type", "").strip().lower()
            if kind in EXECUTABLE and "__pwned" in body:
                findings.append(Finding(rel, "executable <script> with a payload", body))
            elif "json" in kind:
                try:
                    shown.extend(strings(json.loads(body)))
                except ValueError:
                    findings.append(Finding(rel, "JSON data block that does not parse (broken out of?)", body))
        for key, value in attrs.items():
            if key == "onerror" or (key.startswith("on") and "__pwned" in value):
                findings.append(Finding(rel, f"<{name} {key}=…> event handler", value))
        if name == "img" and attrs.get("src", "").strip() == "x":
            findings.append(Finding(rel, "<img src=x> element from a payload", str(attrs)))
        if name == "b" and "".join(el.itertext()) == "粗":
            findings.append(Finding(rel, "<b>粗</b> interpreted as markup", "粗"))
