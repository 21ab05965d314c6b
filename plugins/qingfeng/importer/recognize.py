"""How offices write: the headings, labels and values of a Word write-up, as the format names them.

Headings are compared in simplified script with their numbering, brackets and colons taken off
(一、案情 / （一）以案说德 / 1. 以案說紀：); labels the same way (当事人：王某). Values become
the format's: lists split on 、，,；; amounts in yuan (161万余元, 3.6万元, 三万六千元); dates as
YYYY, YYYY-MM or YYYY-MM-DD (2025年3月); a source line as publisher and date. Whatever is
not certain is left for the editor, with a note saying why: nothing is guessed.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass

import cn2an

from ..model.schema import KINDS, ROLES, SECTIONS, THEMES
from ..model.script import fold

# Other names offices give the format's headings (simplified, without spaces or numbering).
SECTION_NAMES: dict[str, tuple[str, ...]] = {
    "案情": (
        *("基本案情", "案情简介", "简要案情", "案情概述", "主要案情"),
        *("案件情况", "违纪违法事实", "主要违纪违法事实"),
    ),
    "以案说德": ("以案明德",),
    "以案说纪": ("以案明纪",),
    "以案说法": ("以案释法", "以案明法"),
    "以案说责": ("以案明责",),
    "整改": ("以案促改", "整改措施", "整改情况", "以案促改措施"),
    "讨论": ("讨论题", "思考题", "讨论问题", "讨论与思考", "思考与讨论", "学习讨论"),
    "忏悔": ("忏悔书", "忏悔录", "忏悔书摘录", "忏悔书节选", "本人忏悔"),
}
_HEADINGS = {fold(name): kind.heading for kind in SECTIONS for name in (kind.heading, *SECTION_NAMES[kind.heading])}

# The labels offices put before a fact, by the field they fill.
LABELS: dict[str, tuple[str, ...]] = {
    "title": ("标题", "案例标题", "题目"),
    "subject": ("姓名", "当事人", "涉案人", "涉案人员", "被处分人"),
    "position": ("职务", "原职务", "职务职级", "单位及职务", "工作单位及职务"),
    "role": ("身份", "角色", "人员类别", "干部类别"),
    "region": ("地区", "所在地区", "地域"),
    "sector": ("领域", "所属领域", "行业", "行业领域"),
    "violations": ("违纪违法行为", "违法违纪行为", "违纪行为", "违纪违法类型", "问题类型", "主要问题"),
    "amount": ("涉案金额", "金额", "涉案数额"),
    "outcome": ("处理结果", "处分结果", "处理情况", "处分情况", "处理处分"),
    "date": ("处理时间", "处分时间", "处理日期", "处分日期"),
    "source": ("来源", "信息来源", "资料来源", "稿件来源", "出处"),
    "summary": ("摘要", "内容摘要", "案情摘要", "简介"),
    # 家风 pages and boards
    "kind": ("类别", "类型", "体裁"),
    "author": ("作者",),
    "era": ("朝代", "年代", "时代"),
    "board": ("编码", "展板编码", "点位编码", "编号"),
    "theme": ("主题", "展板主题"),
    "location": ("位置", "点位", "地点", "所在位置"),
}
_LABELS = {fold(label): key for key, labels in LABELS.items() for label in labels}

# What offices write for the four roles of the format.
ROLE_NAMES: dict[str, tuple[str, ...]] = {
    "一把手": ("主要负责人", "党政主要负责人", "主要领导", "单位一把手"),
    "班子成员": ("领导班子成员", "班子副职", "分管领导", "副职"),
    "关键岗位": ("关键岗位人员", "重点岗位", "重点岗位人员"),
    "一般干部": ("普通干部", "一般工作人员", "工作人员", "一般党员干部"),
}
_ROLES = {fold(name): role for role in ROLES for name in (role, *ROLE_NAMES[role])}

_NUMBERING = re.compile(
    r"^(?:第[一二三四五六七八九十百\d]+(?:部分|章|节|条|篇)、?|[（(〔［【][一二三四五六七八九十百\d]{1,3}[)）〕］】]|"
    r"[一二三四五六七八九十百]{1,3}[、.．]|\d{1,3}(?:[、.．)）]|\s)|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]{1,4}[、.．]?|"
    r"[①-⑳⑴-⒇⒈-⒛㈠-㈩])\s*"
)
_DECORATION = " \t\u3000*_【】[]「」《》（）():：.。◆◇●○■□★☆▲△►▶•·［］〔〕〈〉“”‘’\"'"
# Invisible characters pasted with text (zero-width spaces, joiners, direction marks, BOMs).
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u202a\u202b\u202c\u202d\u202e"))
# Japanese forms of the lessons' characters that OpenCC leaves as they are (以案説徳).
_VARIANTS = str.maketrans({"徳": "德", "説": "说", "紀": "纪", "責": "责"})
# What follows a heading's name and is not its name: "忏悔书（节选）", "以案说德——从小节到大节".
_SUBTITLE = re.compile(r"\s*(?:[（(][^（）()]{1,20}[）)]\s*$|(?:——|—|--|－－|~|～)\s*(?P<rest>.+)$)")
_NEXT_LABEL = re.compile(r"(?:^|(?<=[\s；;，,]))([^\s:：；;，,]{1,8})[:：]")
_LIST_SEPARATORS = re.compile(r"\s*[、，,；;]\s*")
_QUOTES = "“”‘’\"'「」『』《》〈〉"
_URL = re.compile(r"https?://[^\s，。；、（）()《》【】“”<>\"']+")
_FOREIGN = re.compile(
    r"美元|美金|港币|港元|澳门元|澳元|欧元|日元|英镑|韩元|卢布|新台币|台币|外币|[$€£￡]|"
    r"\b(?:USD|HKD|EUR|JPY|GBP|MOP|TWD|AUD|CAD|dollars?|euros?|pounds?|yen)\b",
    re.IGNORECASE,
)
_VAGUE = re.compile(r"[数几][十百千万亿]|若干|上百|上千|上万")
_ABOUT = re.compile(r"[余多约近超逾许]|以上|左右|上下|不等")
# A wire service's dateline, "新华社北京1月5日电": the agency, then a place.
_DATELINE = re.compile(
    r"^(?P<agency>.+?(?:社|报|台|网))[\u4e00-\u9fff]{0,8}?(?P<when>(?:\d{4}年)?\d{1,2}月\d{1,2}日)?电$"
)
_DIGITS = "\\d〇零一二三四五六七八九十"
# 2025年3月5日, 2025-03-05, 2025.3, 二〇二五年三月五日: year, month, day (each in either numerals).
_DATE = re.compile(
    rf"(?<![\d〇零一二三四五六七八九])([\d〇零一二三四五六七八九]{{4}})\s*(?:年|[-./]|$)\s*"
    rf"(?:([{_DIGITS}]{{1,3}})\s*(?:月|[-./])?\s*(?:([{_DIGITS}]{{1,3}})\s*[日号]?)?)?"
)
# A span of months or days: 3-5月, 3月至5月, 5日—8日.
_SPAN = re.compile(r"\d\s*[-－]\s*\d{1,2}\s*[月日]|[月日号]\s*(?:至|到|[~～—–-])\s*[\d一二三四五六七八九十]")
_AMOUNT = re.compile(r"[\d.,，零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟]+")
_NUMERAL = r"[\d一二两三四五六七八九十百千壹贰叁肆伍陆柒捌玖拾佰仟]"
_MASKED = re.compile(r"[\u4e00-\u9fff]{0,2}某{1,3}[\u4e00-\u9fff]?")
_FULL_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")


def visible(text: str) -> str:
    """The text without the invisible characters pasted with it."""
    return text.translate(_INVISIBLE)


def bare(text: str) -> str:
    """A heading or label as compared: simplified, without numbering, brackets, colons or spaces."""
    return "".join(fold(_unnumbered(text)).translate(_VARIANTS).split())


def _unnumbered(text: str) -> str:
    """Without numbering, decoration around it, or numbering inside the decoration ("“一、案情”")."""
    text = _NUMBERING.sub("", visible(text).strip()).strip(_DECORATION)
    return _NUMBERING.sub("", text).strip(_DECORATION)


def numbering(text: str) -> str:
    """How a line is numbered, with the numbers taken out: "一、" and "二、" are both "N、"."""
    found = _NUMBERING.match(text.strip())
    return re.sub(r"[一二三四五六七八九十百\d]+", "N", found.group().strip()) if found else ""


@dataclass(frozen=True)
class Heading:
    """A line that names a section of the format: which, what follows its name, how sure."""

    section: str
    subtitle: str = ""  # "从小节到大节" of "以案说德——从小节到大节"
    loose: bool = False  # the name only begins the line ("整改落实情况"): the editor should look


def heading_of(text: str, styled: bool = False) -> Heading | None:
    """The format's section that this line names. `styled`: the line is set as a heading (a heading
    style or numbering), so a name that only begins it counts too ("整改落实情况")."""
    if len(text) > 30 or "\n" in text:
        return None
    # Numbering and decoration off the front only: a trailing "（节选）" is a subtitle's to take.
    name = _NUMBERING.sub("", _NUMBERING.sub("", visible(text).strip()).lstrip(_DECORATION))
    subtitle = ""
    found = _SUBTITLE.search(name)
    if found and found.start() > 0:
        subtitle = (found.group("rest") or "").strip()
        name = name[: found.start()]
    key = bare(name)
    if key in _HEADINGS:
        return Heading(_HEADINGS[key], subtitle)
    if styled:
        starts = [heading for known, heading in _HEADINGS.items() if len(known) >= 2 and key.startswith(known)]
        if starts and len(key) <= 8:
            return Heading(max(starts, key=len), subtitle, loose=True)
    return None


def split_heading(text: str) -> tuple[str, str] | None:
    """A line that opens with a heading and goes on after its colon ("以案说德：为官…"): the
    section and the heading as written."""
    found = re.match(r"^([^:：\n]{1,30})[:：]\s*\S", text)
    heading = heading_of(found.group(1)) if found else None
    return (heading.section, found.group(1)) if heading and not heading.subtitle else None


def facts_of(text: str, fields: frozenset[str]) -> list[tuple[str | None, str]]:
    """The facts of a "字段：值" line, several when one line holds them ("姓名：王某 职务：局长");
    empty unless it opens with a label offices use for one of these fields. After a semicolon,
    a label of no field ends the value too: (None, "性别：男") of "姓名：赵某；性别：男"."""
    found = re.match(r"^\s*([^:：]{1,12})[:：]\s*(.*)$", visible(text), re.DOTALL)
    key = label_of(found.group(1)) if found else None
    if key not in fields:
        return []
    facts: list[tuple[str | None, str]] = []
    label, rest = found.group(1), found.group(2)
    while True:
        # The next label of the line, after a space or a separator: "王某 职务：…", "王某；职务：…".
        after = next(
            (
                m
                for m in _NEXT_LABEL.finditer(rest)
                if label_of(m.group(1)) in fields or rest[: m.start()].rstrip().endswith(("；", ";"))
            ),
            None,
        )
        value = (rest if after is None else rest[: after.start()]).strip(" ；;，,")
        facts.append((key, value) if key is not None else (None, f"{label}：{value}"))
        if after is None:
            return facts
        label, rest = after.group(1), rest[after.end() :]
        key = label_of(label) if label_of(label) in fields else None


def label_of(text: str) -> str | None:
    return _LABELS.get(bare(text))


@dataclass(frozen=True)
class Value:
    """A field's value as the format has it, or None; and a note for the editor."""

    value: object
    note: str = ""


def text_list(text: str) -> Value:
    items = [item.strip(_QUOTES).strip() for item in _LIST_SEPARATORS.split(text.strip(" 。."))]
    items = [item for item in items if item]
    quoted = any(item != item.strip(_QUOTES) for item in _LIST_SEPARATORS.split(text))
    return Value(items or None, "去掉了标签两边的引号" if quoted else "")


def amount(text: str) -> Value:
    """Yuan as an integer: 161万余元 is 1610000 (with a note: the text says more than that).
    Nothing is filled for other currencies, for 数十万元, or for several amounts in one line."""
    written = text.strip()
    plain = unicodedata.normalize("NFKC", written)  # full-width digits as Word pastes them: ３.６万元
    if _FOREIGN.search(plain):
        return Value(None, f"涉案金额“{written}”不是人民币：请折算为人民币元后手工填写 amount（整数）")
    if _VAGUE.search(plain):
        return Value(None, f"涉案金额“{written}”不是确切数额：请按通报的数额手工填写 amount（单位：元，整数）")
    # "二十余万元": the 余 says "more than", the unit still counts; 3.6w is 3.6万 as people type it.
    plain = re.sub(r"(?<=[\d十百千])[余多](?=[万亿])", "", plain.replace("人民币", ""))
    plain = re.sub(r"(?<=\d)\s*[wW](?![a-zA-Z])", "万", plain)
    numbers = [m for m in _AMOUNT.finditer(plain) if re.search(_NUMERAL, m.group().strip(",，.万亿"))]
    if len(numbers) > 1:
        return Value(None, f"涉案金额“{written}”中有不止一个数额：请手工填写 amount（合计，单位：元，整数）")
    found = numbers[0] if numbers else None
    if not found:
        return Value(None, f"涉案金额“{written}”无法识别，请手工填写 amount（单位：元，整数）")
    number = found.group().strip(",，.").replace(",", "").replace("，", "")
    try:
        yuan = float(cn2an.cn2an(number, "smart"))
    except (ValueError, KeyError, IndexError):
        return Value(None, f"涉案金额“{written}”无法识别，请手工填写 amount（单位：元，整数）")
    whole = int(yuan)
    approximate = _ABOUT.search(written) or whole != yuan
    return Value(whole, f"原文“{written}”，按 {whole} 元填写，请核对" if approximate else "")


def date(text: str) -> Value:
    """YYYY, YYYY-MM or YYYY-MM-DD from 2025年3月, 2025.3.5, 20250305, 二〇二五年三月. Nothing for a
    span of time (2025年3-5月) or several dates: which is the disposition's is the editor's to say."""
    written = text.strip()
    plain = unicodedata.normalize("NFKC", written)
    compact = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", plain.strip())
    if compact:
        plain = "-".join(compact.groups())
    if _SPAN.search(plain):
        return Value(None, f"日期“{written}”是一段时间：请填写处分（处理）的日期，如 2025-03")
    if len(_DATE.findall(plain)) > 1:
        return Value(None, f"“{written}”中有不止一个日期：请填写处分（处理）的日期，如 2025-03")
    found = _DATE.search(plain)
    if not found:
        return Value(None, f"日期“{written}”无法识别，请写成 2025-03 或 2025-03-15")
    try:
        year, month, day = (_number(part) if part else None for part in found.groups())
    except ValueError:
        return Value(None, f"日期“{written}”无法识别，请写成 2025-03 或 2025-03-15")
    try:
        if day:
            return Value(datetime.date(int(year), int(month), int(day)).isoformat())
        if month:
            datetime.date(int(year), int(month), 1)
            return Value(f"{year}-{int(month):02d}")
    except ValueError:
        return Value(None, f"日期“{written}”不存在，请核对")
    return Value(year)


def _number(digits: str) -> str:
    """Arabic digits of 2025, 二〇二五 or 十二."""
    if digits.isdigit():
        return digits
    if len(digits) == 4 and "十" not in digits:  # a year digit by digit
        return "".join(str("〇一二三四五六七八九".index("〇" if c == "零" else c)) for c in digits)
    return str(cn2an.cn2an(digits, "smart"))


def source(text: str, links: tuple[str, ...] = ()) -> tuple[str | None, Value, str | None]:
    """(publisher, date, url) of "重庆日报，2026年1月22日", "重庆日报（2026年1月22日）",
    "据重庆日报2026年1月22日报道", "重庆日报 2026-01-22 https://…" or a dateline "新华社北京1月5日电";
    `links`: the line's own. Of two sources, the first, with a note."""
    written = unicodedata.normalize("NFKC", text.strip())  # full-width digits and brackets as ASCII
    url_found = _URL.search(written)
    url = url_found.group() if url_found else next(iter(links), None)
    rest = _URL.sub("", written)
    dates = list(_DATE.finditer(rest))
    when = date(dates[0].group()) if dates else Value(None)
    notes = []
    if len(dates) > 1:
        notes.append(f"来源“{text.strip()}”中有不止一个来源或日期，用了第一个，请核对")
        publisher = rest[: dates[0].start()]
    else:
        publisher = (rest[: dates[0].start()] + rest[dates[0].end() :]) if dates else rest
    publisher = re.sub(r"\(\s*\)|\[\s*\]", "", publisher)  # the brackets a date was written in
    for aside in re.findall(r"\(([^()]*)\)", publisher):  # "（记者 张三）": not the publisher
        notes.append(f"来源中括号内的“{aside.strip()}”未导入")
    publisher = re.sub(r"\([^()]*\)?", "", publisher)
    publisher = re.sub(r"^\s*据|(?:报道|消息|刊发|发布|报导)\s*$", "", publisher.strip(" ，,、。.；;：:"))
    dateline = _DATELINE.match(publisher.strip())
    if dateline:
        publisher = dateline.group("agency")
        if dateline.group("when") and when.value is None:
            notes.append(f"来源“{text.strip()}”的电头没有年份：请填写 source.date")
    publisher = _LIST_SEPARATORS.sub(" ", publisher).strip(" ，,、。.；;：:()")
    if notes:
        when = Value(when.value, "；".join(filter(None, [when.note, *notes])))
    return publisher or None, when, url


def role(text: str) -> Value:
    found = _ROLES.get(bare(text))
    if found:
        return Value(found)
    return Value(None, f"身份“{text.strip()}”不是 {'、'.join(ROLES)} 之一，请选一个填入 role")


def choice(text: str, allowed: tuple[str, ...], field: str) -> Value:
    found = next((value for value in allowed if fold(value) == bare(text)), None)
    if found:
        return Value(found)
    return Value(None, f"“{text.strip()}”不是 {'、'.join(allowed)} 之一，请选一个填入 {field}")


def kind(text: str) -> Value:
    return choice(text, KINDS, "kind")


def theme(text: str) -> Value:
    return choice(text, THEMES, "theme")


def full_name(subject: str) -> bool:
    """Whether a subject looks like a person's full name rather than the masked 王某 form."""
    return bool(_FULL_NAME.fullmatch(subject)) and not _MASKED.fullmatch(subject)
