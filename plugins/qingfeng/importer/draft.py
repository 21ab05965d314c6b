"""A draft in the content format from a Word document's blocks: a case, a 家风 page or a board.

What the document gives fills the draft; every required field it does not give is written empty
with a `# 待补充` comment, so that `qingfeng check` names it and the draft cannot be published
unfinished. Nothing of the document's text is dropped without saying so: text before the first
heading goes to 案情, facts the format has no field for are listed in the report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml
from pypinyin import Style, lazy_pinyin

from ..model import privacy
from ..model.paths import excerpt
from ..model.schema import SECTIONS
from . import recognize
from .recognize import Value
from .word import Block, Paragraph, Picture, Table, escape, opening

MISSING = "待补充"
FIELD_NAMES = {
    "id": "编号",
    "title": "标题",
    "summary": "摘要",
    "subject": "当事人",
    "position": "职务",
    "role": "身份",
    "region": "地区",
    "sector": "领域",
    "violations": "违纪违法行为",
    "amount": "涉案金额",
    "outcome": "处理结果",
    "date": "处理时间",
    "source": "来源",
    "kind": "类别",
    "author": "作者",
    "era": "朝代",
    "board": "展板编码",
    "theme": "主题",
    "location": "位置",
}
_HAN = re.compile(r"[\u4e00-\u9fff]")
_ADMINISTRATIVE = re.compile(r"(?:自治区|自治州|自治县|特别行政区|省|市|区|县|州|盟|旗|镇|乡)")
_BOARD_CODE = re.compile(r"[A-Z0-9]{2,8}")
_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_LIST_ITEM = re.compile(r"(?:-|1\.) ")
_SHORT = 40  # a bold line this long or shorter, alone in its paragraph, is a heading of the text


@dataclass
class Draft:
    """A file to write (its path relative to the project) with its pictures, and the report."""

    path: str
    text: str
    pictures: list[tuple[str, bytes]] = field(default_factory=list)
    filled: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


# The fields a `字段：值` line or a facts table may fill, by kind: a label of another kind's
# field is text of this one ("主题：…" in a 家风 story).
CASE_FIELDS = frozenset({
    "title", "summary", "subject", "position", "role", "region", "sector",
    "violations", "amount", "outcome", "date", "source",
})
JIAFENG_FIELDS = frozenset(("title", "kind", "author", "era"))
BOARD_FIELDS = frozenset(("title", "board", "theme", "location"))
# Lines of a cover rather than the title: "内部资料 注意保存", "警示教育学习材料", "2026年3月".
_COVER = re.compile(
    r"(?:内部资料|注意保存|秘密|机密|学习材料|教育材料|参考资料|汇编|目录|第[\d一二三四五六七八九十]+期|"
    r"印发|编印|纪委监委|纪委|监委|委员会|办公室)$|^[\d〇一二三四五六七八九十年月日\s.\-]+$"
)
# Discussion questions numbered by hand: "1.", "1、", "（1）", "①", "一、" (as Markdown has them).
_QUESTION_NUMBER = re.compile(
    r"^\s*(?:\d{1,2}\\?[.、．)）]|[（(]\d{1,2}[)）]|[①-⑳]|[一二三四五六七八九十]{1,3}[、．.])\s*"
)


@dataclass
class _Read:
    """A document sorted into title, facts, and text by section ("" before any section)."""

    title: str | None = None
    facts: dict[str, str] = field(default_factory=dict)
    links: dict[str, tuple[str, ...]] = field(default_factory=dict)  # a fact's line's web links
    sections: dict[str, list[str]] = field(default_factory=dict)
    pictures: list[Picture] = field(default_factory=list)
    unused: list[str] = field(default_factory=list)  # facts the format has no field for
    notes: list[str] = field(default_factory=list)


def _sort(blocks: list[Block], fields: frozenset[str], sections: bool) -> _Read:
    read = _Read()
    current = ""
    shapes: set[tuple] = set()  # how this document sets its section headings
    waiting: str | None = None  # a label alone on its line ("当事人："): its value is the next paragraph
    for block in blocks:
        if waiting is not None:
            key, waiting = waiting, None
            if isinstance(block, Paragraph) and _plain_value(block, fields, sections):
                _fact(read, key, _joined(block.text))
                continue
            read.notes.append(f"“{FIELD_NAMES.get(key, key)}”一栏后面没有内容")
        if isinstance(block, Table):
            form = False
            if sections:
                block, form = _section_rows(read, block)  # a 案例登记表 or a table of the 以案四说
                if block is None:
                    continue
            facts = _table_facts(block, fields, least=1 if form else 2)
            if facts is not None and (current == "" or not sections):
                for key, label, value in facts:
                    if key is None:
                        read.unused.append(f"{label}：{value}")
                    else:
                        _fact(read, key, value)
                continue
            _add(read, current, _table_markdown(block))
            continue
        text = block.text
        shape = (block.level, recognize.numbering(text), block.bold)
        first, broken, rest = text.partition("\n")
        heading = recognize.heading_of(first, styled=True) if sections and broken else None
        if heading:
            # "二、以案说德↵为官…": a heading and its text in one paragraph, parted by a line break.
            current = heading.section
            read.sections.setdefault(current, [])
            _add(read, current, opening(block.markdown.split("  \n", 1)[-1].strip()) if rest.strip() else "")
            _add(read, current, _pictures(block, read))
            continue
        if sections and text:
            heading = recognize.heading_of(text, styled=bool(block.level or shape[1]))
            if heading:
                if heading.section in read.sections:
                    read.notes.append(f"“{heading.section}”出现了不止一次：后面的内容接在前面的后面")
                if heading.loose:
                    read.notes.append(f"标题“{excerpt(text, 30)}”当作“{heading.section}”导入，请核对")
                current = heading.section
                shapes.add(shape)
                read.sections.setdefault(current, [])
                if heading.subtitle:
                    _add(read, current, f"**{escape(heading.subtitle)}**")
                _add(read, current, _pictures(block, read))
                continue
            opened = recognize.split_heading(text)
            set_as_heading = opened and (block.level or recognize.numbering(opened[1]) or _led(block, opened[1]))
            if opened and not set_as_heading and opened[0] not in read.sections:
                # Plain text that begins with a section's name: most likely that section, but a
                # sentence may begin so too; the editor is told.
                read.notes.append(f"“{excerpt(text, 20)}”当作“{opened[0]}”一节的开头，请核对")
            if opened and (set_as_heading or opened[0] not in read.sections):
                current = opened[0]
                read.sections.setdefault(current, [])
                _add(read, current, _markdown(block, read, current, after_colon=True))
                continue
            if shape in shapes and shape[:2] != (0, "") and len(text) <= 30 and not text.endswith(("。", "；", ";")):
                where = f"“{current}”" if current else "案情开头"
                read.notes.append(
                    f"“{excerpt(text, 30)}”像是章节标题，但不是内容格式的章节：其后的内容放在了{where}，请核对"
                )
        lines = [line for line in text.split("\n") if line.strip()]
        per_line = [recognize.facts_of(line, fields) for line in lines]
        facts = [found for line in per_line for found in line]
        whole = bool(lines) and all(per_line)
        at_top = current == "" if sections else not any(read.sections.values())
        if facts and whole and (at_top or (sections and facts[0][0] == "source")):
            if len(facts) == 1 and not facts[0][1]:
                waiting = facts[0][0]
                continue
            for key, value in facts:
                if key is None:
                    read.unused.append(value)
                else:
                    _fact(read, key, value)
            if block.links:
                key = facts[0][0] if len(facts) == 1 else None
                if key == "source":
                    read.links[key] = block.links
                else:
                    read.notes.append(f"“{excerpt(text, 30)}”中的链接未导入")
            _add(read, current, _pictures(block, read))
            continue
        set_apart = block.level or block.bold or block.large  # as a title is: a heading style, bold, large type
        if read.title is None and text and set_apart and current == "" and not read.sections:
            if _COVER.search(text.replace("\n", "")):
                read.notes.append(f"封面文字“{excerpt(_joined(text), 30)}”不是标题，未导入")
                continue
            read.title = _joined(text)
            read.notes.append(f"标题取自文档中的“{excerpt(read.title, 40)}”（第一个标题或加粗行），请核对")
            if block.links:
                read.notes.append("标题中的链接未导入")
            _add(read, current, _pictures(block, read))
            continue
        _add(read, current, _markdown(block, read, current))
    return read


def _plain_value(block: Paragraph, fields: frozenset[str], sections: bool) -> bool:
    """Whether a paragraph can be the value of the label before it: short text, not a heading or a fact."""
    text = block.text
    if not text or len(text) > 200 or recognize.facts_of(text, fields):
        return False
    return not (sections and recognize.heading_of(text, styled=bool(block.level)))


def _section_rows(read: _Read, table: Table) -> tuple[Table | None, bool]:
    """The rows of a table whose first cell names a section (基本案情 | …, 以案说德 | …) go to that
    section; the rest of the table (None when nothing is left), and whether any row moved."""
    rest = []
    moved = []
    for row in table.rows:
        heading = recognize.heading_of(row[0]) if row and any(row[1:]) else None
        if heading is None:
            rest.append(row)
            continue
        text = " ".join(cell for cell in row[1:] if cell)
        read.sections.setdefault(heading.section, []).append(escape(text))
        moved.append(heading.section)
    if moved:
        read.notes.append(f"表格中的“{'”“'.join(dict.fromkeys(moved))}”一栏放入了同名章节，请核对")
    return (Table(tuple(rest)) if rest else None), bool(moved)


def _add(read: _Read, section: str, chunk: str) -> None:
    """A chunk of Markdown at the end of a section; the next item of a list joins its list."""
    if not chunk:
        return
    chunks = read.sections.setdefault(section, [])
    if chunks and _LIST_ITEM.match(chunk) and _LIST_ITEM.match(chunks[-1].rsplit("\n", 1)[-1]):
        chunks[-1] += "\n" + chunk
    else:
        chunks.append(chunk)


def _led(block: Paragraph, heading: str) -> bool:
    """Whether the paragraph opens with this heading in bold ("**以案说德：**为官…"): a heading
    run into its text, not a sentence that happens to begin with the word."""
    return bool(block.lead) and recognize.bare(block.lead).startswith(recognize.bare(heading))


def _joined(text: str) -> str:
    """A title or value Word broke over lines, as one line: no space between Han characters."""
    return re.sub(r"(?<=[\u3000-\u9fff])\s*\n\s*(?=[\u3000-\u9fff])", "", text).replace("\n", " ")


def _fact(read: _Read, key: str, value: str) -> None:
    if not value:
        return
    if key in read.facts and read.facts[key] != value:
        read.notes.append(f"{FIELD_NAMES.get(key, key)}写了两次，用了第一处“{excerpt(read.facts[key], 30)}”")
        return
    read.facts.setdefault(key, value)


def _table_facts(table: Table, fields: frozenset[str], least: int = 2) -> list[tuple[str | None, str, str]] | None:
    """(field or None, label, value) of a facts table: label, value[, label, value…] in each row, or
    a row of labels over a row of values. None when it is a table of the text."""
    rows = [row for row in table.rows if any(row)]
    for pairs in (
        [(row[n], row[n + 1]) for row in rows for n in range(0, len(row) - 1, 2)],
        list(zip(*rows, strict=True)) if len(rows) == 2 and len(rows[0]) == len(rows[1]) else [],
    ):
        facts = [(_field(label, fields), label, value) for label, value in pairs]
        known = sum(1 for key, _, _ in facts if key)
        labels_as_values = any(recognize.label_of(value) for _, value in pairs)  # read the wrong way
        if known >= least and known * 2 >= len(facts) and not labels_as_values:
            return facts
    return None


def _field(label: str, fields: frozenset[str]) -> str | None:
    key = recognize.label_of(label)
    return key if key in fields else None


def _table_markdown(table: Table) -> str:
    if not any(table.rows):
        return ""
    width = max(len(row) for row in table.rows)
    rows = [[escape(cell) for cell in row] + [""] * (width - len(row)) for row in table.rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + " --- |" * width]
    lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
    return "\n".join(lines)


def _markdown(paragraph: Paragraph, read: _Read, section: str, after_colon: bool = False) -> str:
    """The paragraph as Markdown in its section, its pictures after it. `after_colon`: only what
    follows the heading it opens with."""
    text = paragraph.markdown
    if after_colon:
        text = opening(re.split(r"[:：]", text, maxsplit=1)[1].strip())
    if text:
        if paragraph.listed:
            text = f"{'-' if section == '讨论' else paragraph.listed} {text}"
        elif section == "讨论" and (_QUESTION_NUMBER.match(text) or paragraph.text.endswith(("？", "?"))):
            text = "- " + _QUESTION_NUMBER.sub("", text, count=1)  # a question of the discussion's list
        elif (paragraph.level or paragraph.bold) and len(paragraph.text) <= _SHORT and not after_colon:
            text = f"**{text}**"  # a heading within a section: bold, never a heading of the format
    return "\n\n".join(part for part in (text, _pictures(paragraph, read)) if part)


def _pictures(paragraph: Paragraph, read: _Read) -> str:
    """Placeholders for the paragraph's pictures: their paths once the draft has its name."""
    parts = []
    for picture in paragraph.pictures:
        read.pictures.append(picture)
        parts.append(f"\0picture{len(read.pictures)}\0")
    return "\n\n".join(parts)


def _scalar(value: object) -> str:
    text = yaml.safe_dump(value, allow_unicode=True, width=2**31 - 1, default_flow_style=True)
    return text.removesuffix("\n...\n").removesuffix("\n")


def _comment(note: str) -> str:
    return " ".join(note.split()).replace("#", "＃")


class _FrontMatter:
    """Lines of YAML front matter, with what is filled and what is missing."""

    def __init__(self, draft: Draft) -> None:
        self.lines: list[str] = []
        self.draft = draft

    def add(self, key: str, value: Value | object, required: bool = True, indent: str = "", name: str = "") -> None:
        found = value if isinstance(value, Value) else Value(value)
        name = name or FIELD_NAMES[key]
        if found.value in (None, "", []):
            if required:
                self.lines.append(f"{indent}{key}:  # {MISSING}" + (f"：{_comment(found.note)}" if found.note else ""))
                self.draft.missing.append(name)
            if found.note:
                self.draft.notes.append(found.note)
            return
        # Dates as authors write them (2025-03, not '2025-03'); any other text is quoted as YAML needs.
        plain = key == "date" and isinstance(found.value, str) and _DATE.fullmatch(found.value)
        line = f"{indent}{key}: {found.value if plain else _scalar(found.value)}"
        self.lines.append(line + (f"  # {_comment(found.note)}" if found.note else ""))
        if found.note:
            self.draft.notes.append(found.note)
        if name not in self.draft.filled:
            self.draft.filled.append(name)

    def text(self, origin: str) -> str:
        return "---\n" + f"# {origin}：核对后可删去此行\n" + "\n".join(self.lines) + "\n---\n"


def origin_mark(name: str, digest: str) -> str:
    """What a draft says of the document it came from; a second import of that document finds it."""
    return f"由 qingfeng import 从 {_comment(name)}（{digest}）导入"


def case(blocks: list[Block], origin: str, taken: set[str], folder: str) -> Draft:
    """A case write-up: `taken` holds the ids in use (cases, the lock); `folder` is cases/."""
    read = _sort(blocks, CASE_FIELDS, sections=True)
    facts = read.facts
    title = facts.get("title") or read.title
    when = recognize.date(facts["date"]) if "date" in facts else Value(None)
    region = facts.get("region")
    case_id = _unique(_case_id(when.value, region, title), taken)
    draft = Draft(f"{folder}/{case_id}.md", "")
    front = _FrontMatter(draft)
    front.add("id", case_id)
    front.add("title", title)
    front.add("summary", facts.get("summary"))
    subject = facts.get("subject")
    if subject and re.search(r"[，,]", subject) and len(re.split(r"[，,]", subject)[0]) <= 6:
        # "赵某，男，汉族，1970年生，中共党员": the name; the rest is personal data the format does not hold.
        subject, rest = (part.strip() for part in re.split(r"[，,]", subject, maxsplit=1))
        draft.notes.append(f"当事人一栏逗号后的“{excerpt(rest, 30)}”未导入：性别、出生年月等不在页面上公开")
    front.add("subject", subject)
    if subject and recognize.full_name(subject):
        draft.notes.append(
            f"当事人写的是全名“{subject}”：非公众人物只能写作“{subject[0]}某”（内容格式第 1 节），请核对正文中的写法"
        )
    front.add("position", facts.get("position"))
    front.add("role", recognize.role(facts["role"]) if "role" in facts else None)
    front.add("region", region)
    front.add("sector", recognize.text_list(facts["sector"]) if "sector" in facts else None)
    front.add("violations", recognize.text_list(facts["violations"]) if "violations" in facts else None)
    if "amount" in facts:
        front.add("amount", recognize.amount(facts["amount"]), required=False)
    front.add("outcome", facts.get("outcome"))
    front.add("date", when)
    publisher, published, url = (None, Value(None), None)
    if "source" in facts:
        publisher, published, url = recognize.source(facts["source"], read.links.get("source", ()))
    front.lines.append("source:")
    front.add("publisher", publisher, indent="  ", name="来源")
    front.add("date", published, indent="  ", name="来源日期")
    if url:
        front.add("url", url, indent="  ", name="来源链接")
    body = _case_body(read, draft)
    _finish(draft, read, front, body, case_id, "", origin)
    return draft


def _case_body(read: _Read, draft: Draft) -> str:
    lead = read.sections.pop("", [])
    if lead:
        where = "“案情”开头" if "案情" in read.sections else "“案情”下"
        draft.notes.append(f"第一个标题之前的 {len(lead)} 段正文放在了{where}，请核对")
        read.sections["案情"] = lead + read.sections.get("案情", [])
    parts = []
    for kind in SECTIONS:
        chunks = read.sections.get(kind.heading)
        if chunks is None:
            if kind.required:
                draft.missing.append(f"章节“{kind.heading}”")
            continue
        if kind.heading == "忏悔":  # the official's own words, quoted (CONTENT-FORMAT 1)
            chunks = ["\n".join(f"> {line}".rstrip() for line in chunk.split("\n")) for chunk in chunks]
        parts.append(f"## {kind.heading}\n\n" + ("\n>\n" if kind.heading == "忏悔" else "\n\n").join(chunks))
        if not chunks and kind.required:
            draft.missing.append(f"章节“{kind.heading}”的内容")
    draft.filled += [f"章节“{kind.heading}”" for kind in SECTIONS if read.sections.get(kind.heading)]
    return "\n\n".join(parts)


def jiafeng(blocks: list[Block], origin: str, taken: set[str], folder: str) -> Draft:
    """A 家风 page under `folder` (content/jiafeng)."""
    read = _sort(blocks, JIAFENG_FIELDS, sections=False)
    title = read.facts.get("title") or read.title
    slug = _unique(_slug(title) or "jiafeng", taken)
    draft = Draft(f"{folder}/{slug}.md", "")
    front = _FrontMatter(draft)
    if "kind" in read.facts:
        front.add("kind", recognize.kind(read.facts["kind"]))
    else:
        guessed = next((kind for kind in ("家训", "家书") if title and kind in title), None)
        front.add("kind", guessed, required=False)
        if guessed is None:
            draft.notes.append("未找到类别：可在 kind 中填 家训、家书、家风故事 或 其他")
    front.add("author", read.facts.get("author"), required=False)
    front.add("era", read.facts.get("era"), required=False)
    if title is None:
        draft.missing.append("标题")
    heading = f"# {escape(title)}\n\n" if title else f"# （{MISSING}：标题）\n\n"
    body = heading + "\n\n".join(read.sections.pop("", []))
    _finish(draft, read, front, body, slug, "../", origin)
    return draft


def board(blocks: list[Block], origin: str, taken: set[str], folder: str) -> Draft:
    """A board in the park folder `folder` (content/park/<park>); its code must be set by hand
    unless the document gives one: a code is printed, it is never invented."""
    read = _sort(blocks, BOARD_FIELDS, sections=False)
    title = read.facts.get("title") or read.title
    code = read.facts.get("board", "").strip().upper()
    valid = bool(_BOARD_CODE.fullmatch(code)) and code.lower() not in taken
    slug = _unique(code.lower() if valid else _slug(title) or "board", taken)
    draft = Draft(f"{folder}/{slug}.md", "")
    front = _FrontMatter(draft)
    note = "" if not code or valid else f"编码“{code}”不可用（应为 2–8 位大写字母或数字，且未被使用）"
    front.add("board", Value(code if valid else None, note))
    front.add("title", title)
    front.add("theme", recognize.theme(read.facts["theme"]) if "theme" in read.facts else None)
    front.add("location", read.facts.get("location"), required=False)
    body = "\n\n".join(read.sections.pop("", []))
    _finish(draft, read, front, body, slug, "../../", origin)
    return draft


def _finish(draft: Draft, read: _Read, front: _FrontMatter, body: str, name: str, up: str, origin: str) -> None:
    """The draft's text, its pictures' paths (content/media/<name>/), the rest of the report."""
    for number, picture in enumerate(read.pictures, start=1):
        path = f"media/{name}/{number}{picture.suffix}"
        draft.pictures.append((path, picture.data))
        alt = escape(picture.alt) if picture.alt else f"图{number}"
        body = body.replace(f"\0picture{number}\0", f"![{alt}]({up}{path})")
    draft.text = front.text(origin) + "\n" + body.strip() + "\n"
    if read.pictures:
        draft.notes.append(f"{len(read.pictures)} 张图片存入 content/media/{name}/")
    if read.unused:
        draft.notes.append("内容格式没有这些栏目，未导入：" + "；".join(excerpt(line, 40) for line in read.unused))
    draft.notes += read.notes
    for hit in privacy.find("\n".join(read.unused)):
        draft.notes.append(f"未导入的栏目中有{hit}：文档本身也不应外传")


def _case_id(when: object, region: str | None, title: str | None) -> str:
    """2025-jlp-hongguang: the year, the region's initials, the title's first two characters."""
    parts = [str(when)[:4]] if when and re.fullmatch(r"[0-9]{4}", str(when)[:4]) else []
    if region:
        units = ["".join(_HAN.findall(unit)) for unit in _ADMINISTRATIVE.split(region)]
        units = [unit for unit in units if unit]
        if units:
            parts.append("".join(lazy_pinyin(units[-1], style=Style.FIRST_LETTER)))
    if title:
        rest = title
        for unit in _ADMINISTRATIVE.split(region or ""):
            rest = rest.removeprefix(unit).lstrip("省市区县州")
        parts.append(_slug(rest, characters=2))
    # Only the format's characters, whatever the document held: an id is a file name and a URL.
    found = "-".join(re.sub(r"[^a-z0-9]", "", part.lower()) for part in parts)
    return re.sub(r"-{2,}", "-", found).strip("-") or "case"


def _slug(text: str | None, characters: int = 4) -> str:
    """The pinyin of the first Han characters of a text, in the format's [a-z0-9-]."""
    han = "".join(_HAN.findall(text or ""))[:characters]
    return re.sub(r"[^a-z0-9]", "", "".join(lazy_pinyin(han, style=Style.NORMAL)).lower())


def _unique(name: str, taken: set[str]) -> str:
    found, number = name, 2
    while found in taken:
        found, number = f"{name}-{number}", number + 1
    taken.add(found)
    return found
