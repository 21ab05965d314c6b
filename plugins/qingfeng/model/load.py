"""Load the whole content tree once; collect every problem, raise one error."""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import os
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..render.parallel import map_forked
from . import markup, media, privacy, svg
from .cases import parse_case
from .fields import Fields
from .frontmatter import MAX_TEXT_BYTES, Document, parse_document, parse_yaml, read_document, read_text
from .locate import with_lines
from .lock import check_cases, check_lock, parse_case_lock, parse_lock, placeholder_codes
from .parks import parse_board, parse_parks
from .paths import SOURCE_SUFFIXES, leftover
from .pending import BOARD, CASE, PACK, Pending
from .problems import Problems
from .questions import parse_bank
from .schema import KINDS, Case, JiafengPage, Pack, Park, Project, QuizBank
from .script import HAN, Converter, is_simplified
from .selection import PAGE_KEYS, page_fields, parse_booklet, parse_pack

JIAFENG_KEYS = ("kind", "author", "era", "pinyin", *PAGE_KEYS)
# What content/ may publish besides its pages (CONTENT-FORMAT 10); .svg and .vtt are text, read and checked.
MEDIA_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".svg", ".mp4", ".webm", ".vtt", ".pdf")
TEXT_MEDIA = (".svg", ".vtt")
# Text files authors may leave in content/ by mistake: read for personal data, then reported as not publishable.
WORD_SUFFIXES = (".docx", ".doc", ".wps", ".rtf", ".odt", ".docm", ".dotx")
PLAIN_SUFFIXES = (".txt", ".markdown", ".mdown", ".mkd", ".text")  # a case with the wrong extension
STRAY_TEXT = (".txt", ".csv", ".json", ".srt", ".html", ".htm", ".xml", ".js", ".css")


_DIGIT = re.compile(r"\d")


def _strings(data: Any, where: str = "") -> Iterator[tuple[str, str]]:
    """(field, text) for every text key and value in parsed YAML."""
    if isinstance(data, str):
        yield where or "文件", data
    elif isinstance(data, dict):
        for key, value in data.items():
            inner = f"{where}.{key}" if where else str(key)
            if isinstance(key, str):
                yield inner, key
            yield from _strings(value, inner)
    elif isinstance(data, list):
        for index, value in enumerate(data, start=1):
            yield from _strings(value, f"{where}[{index}]")


def _walk(folder: Path, suffixes: tuple[str, ...] | None = None) -> Iterator[Path]:
    """Files below a folder in a stable order, skipping leftovers and symbolic links (reported by check_names())."""
    if not folder.is_dir():
        return
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(
            d for d in dirnames if not d.startswith(".") and not os.path.islink(os.path.join(dirpath, d))
        )
        for name in sorted(filenames):
            path = Path(dirpath, name)
            if leftover(name) or path.is_symlink():
                continue
            if suffixes is None or name.lower().endswith(suffixes):
                yield path


# File names become URLs and land in attributes: no quotes, brackets, URL syntax or control characters.
_UNSAFE_NAME = re.compile(r"[\"'<>&\\#?%`\x00-\x1f\x7f]")


# Bytes of a path below content/: Linux allows 4,096 for a whole path, and the build adds the project's
# own folder, .site.building/, zh-hant/ and /index.html.
PATH_MAX = 1000
_LINK = "这是符号链接（快捷方式），内容文件夹中不能有：请放入文件本身"
_NAME = "文件名不能含有引号、尖括号、& # ? % ` \\ 或控制字符：请改名"


def _names(folder: Path) -> Iterator[tuple[Path, str]]:
    """(entry, message) for every entry below a folder (or the folder itself) that may not be there as it is:
    a symbolic link, an unsafe name, a name holding personal data (file names become URLs)."""
    if folder.is_symlink():
        yield folder, _LINK
        return
    if not folder.is_dir():
        return
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in sorted(dirnames + filenames):
            if os.path.islink(os.path.join(dirpath, name)):
                yield Path(dirpath, name), _LINK
                continue
            if leftover(name):
                continue
            inside = os.path.relpath(os.path.join(dirpath, name), folder)
            if len(os.fsencode(inside)) > PATH_MAX:
                message = f"路径太长（超过 {PATH_MAX} 字节）：生成网站时会超出文件系统的限制，请缩短文件夹和文件名"
                yield Path(dirpath, name), message
                dirnames[:] = [d for d in dirnames if d != name]
                continue
            if _UNSAFE_NAME.search(name):
                yield Path(dirpath, name), _NAME
            for hit in privacy.find(name):
                yield Path(dirpath, name), f"文件名含有{hit}，个人信息不得发布：请改名"
        dirnames[:] = sorted(d for d in dirnames if not os.path.islink(os.path.join(dirpath, d)))


CASES_PER_WORKER = 500  # below this a second process costs more than it saves
RACY_NS = 3_000_000_000  # a file's time within this of now may not tell two saves apart


@dataclass
class Remembered:
    """Case files as one load read them, for the next load of the same project (`mkdocs serve`
    loads it on every save): a file with the same bytes, names and content/ reads the same."""

    context: tuple = ()  # the names, and every file of content/ (a body's images must exist)
    reads: dict[str, tuple[str, tuple]] = field(default_factory=dict)  # rel -> (digest, what was read)
    # path -> (size, time, inode) and the digest of its bytes then: an untouched file is not read again
    stats: dict[Path, tuple[tuple[int, int, int], str]] = field(default_factory=dict)

    def digest(self, path: Path) -> str | None:
        """The digest of a case file's bytes as the last load read them, before it parsed them: a save
        after that reads as a change next time, never as no change."""
        known = self.stats.get(path)
        return known[1] if known else None


def _tree(folder: Path) -> tuple:
    """Every file below `folder`, with its size and time."""
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames.sort()
        for name in sorted(filenames):
            with contextlib.suppress(OSError):
                stat = os.stat(os.path.join(dirpath, name))
                found.append((dirpath, name, stat.st_size, stat.st_mtime_ns))
    return tuple(found)


class _Loader:
    def __init__(self, root: Path, docs_dir: Path, cases_dir: Path, config_dir: Path, remembered: Remembered | None):
        self.root, self.docs_dir, self.cases_dir, self.config_dir = root, docs_dir, cases_dir, config_dir
        self.remembered = remembered
        self.problems = Problems()
        self.names: list[str] = []  # names.yml, then case subjects: their forms follow script.py's rule
        self.converter = Converter()
        self.marked: set[str] = set()  # files whose body holds markup, links or attribute lists
        self.failed: set[str] = set()  # YAML files that could not be read: reported once, at their line
        self.pending = Pending()  # content files that gave no object: what refers to them waits

    def rel(self, path: Path) -> str:
        text, inside = str(path), str(self.root) + os.sep
        if text.startswith(inside) and ".." not in text:  # every file the walk finds: no relpath needed
            return text[len(inside) :].replace(os.sep, "/")
        return Path(os.path.relpath(path, self.root)).as_posix()

    def check_names(self) -> None:
        """Symbolic links could lead anywhere; odd names break URLs: both are errors, before anything is read."""
        for folder in (self.cases_dir, self.docs_dir, self.config_dir):
            for path, message in _names(folder):
                self.problems.add(self.rel(path), "文件", message)

    def document(self, path: Path) -> Document | None:
        """Read a Markdown file, scan all of it for personal data and its body for unsafe markup."""
        rel = self.rel(path)
        doc = read_document(path, rel, self.problems)
        if doc is None:
            return None
        privacy.scan(doc.text, rel, self.problems)
        self.scan_values(doc.meta, doc.text, rel)
        markup.check_limits(doc.body, rel, doc.body_line, self.problems)  # every body: nesting too deep to render
        markup.check_typing(doc.body, rel, doc.body_line, self.problems)
        if markup.needs_check(doc.body):
            self.marked.add(rel)
            # A case body's paths start at content/ (CONTENT-FORMAT 1); a page's at its own folder.
            inside = path.is_relative_to(self.docs_dir)
            base = Path(path.relative_to(self.docs_dir)).parent.as_posix() if inside else ""
            markup.check_markdown(doc.body, rel, doc.body_line, self.problems, self.docs_dir, base.strip("."))
        script = doc.meta.get("script")
        if script is not None and script != "keep":
            self.problems.add(rel, "字段 script", "只能是 keep（保留原文字形，不做简繁转换）")
        if script == "keep" or is_simplified(doc.text):
            return doc
        # The main site is in simplified script: convert, names (and this case's subject) by their rule.
        subject = doc.meta.get("subject")
        names = [*self.names, subject] if isinstance(subject, str) else self.names
        return parse_document(Converter(names, kept=markup.FILE_REFERENCES).simplified(doc.text), rel, self.problems)

    def broken(self, kind: str, path: Path, doc: Document | None) -> None:
        """A file of `kind` gave no object: remember its id (from the text, if the YAML is broken)."""
        text = None
        if doc is None:
            with contextlib.suppress(OSError):
                text = path.read_bytes()[:MAX_TEXT_BYTES].decode("utf-8", "replace")
        self.pending.broken(kind, self.rel(path), doc.meta if doc else None, text)

    def yaml_file(self, path: Path) -> Any:
        """Read a YAML file and scan it for personal data; None if unreadable (then its path is in `failed`)."""
        rel = self.rel(path)
        text = read_text(path, rel, self.problems)
        if text is None:
            self.failed.add(rel)
            return None
        privacy.scan(text, rel, self.problems)
        ok, data = parse_yaml(self.converter.simplified(text), rel, self.problems)
        if not ok:
            self.failed.add(rel)
        self.scan_values(data, text, rel)
        return data

    def scan_values(self, data: Any, text: str, rel: str) -> None:
        """Values as YAML decodes them: an escape (a backslash, x31) spells a number that the text does not show."""
        seen: set[str] | None = None
        for where, value in _strings(data):
            if len(_DIGIT.findall(value)) < privacy.FEWEST_DIGITS:
                continue
            if seen is None:
                seen = {hit.masked for hit in privacy.find(text)}  # reported at their line already
            for hit in privacy.find(value):
                if hit.masked not in seen:
                    self.problems.add(rel, f"字段 {where}", f"{hit}，个人信息不得发布")

    def read_pinyin(self) -> dict[str, tuple[str, ...]]:
        """site_config/pinyin.yml: readings for phrases that pypinyin gets wrong (词语: 读音 读音)."""
        path = self.config_dir / "pinyin.yml"
        if not path.is_file():
            return {}
        rel = self.rel(path)
        data = self.yaml_file(path)
        if rel in self.failed:
            return {}  # reported at its line
        if not isinstance(data, dict):
            self.problems.add(rel, "文件", "应为“词语: 拼音”的映射，如 朝乾夕惕: zhāo qián xī tì")
            return {}
        readings = {}
        for phrase, reading in data.items():
            syllables = tuple(str(reading).split()) if isinstance(reading, str) else ()
            if not isinstance(phrase, str) or not HAN.fullmatch(phrase):
                self.problems.add(rel, f"字段 {phrase}", "词语只能由汉字组成")
            elif len(syllables) != len(phrase):
                self.problems.add(
                    rel, f"字段 {phrase}", f"有 {len(phrase)} 个字，拼音应为 {len(phrase)} 个音节（用空格分开）"
                )
            else:
                readings[phrase] = syllables
        return readings

    def read_names(self) -> None:
        """site_config/names.yml: the mirror's spelling of names that script.py's rule gets wrong."""
        path = self.config_dir / "names.yml"
        if not path.is_file():
            return
        rel = self.rel(path)
        text = read_text(path, rel, self.problems)
        if text is not None:
            privacy.scan(text, rel, self.problems)  # never published, but a name list is no place for numbers
        ok, data = parse_yaml(text, rel, self.problems) if text is not None else (False, None)
        names = data.get("names") if isinstance(data, dict) else None
        if not isinstance(names, list):
            if ok:  # an unreadable file is reported at its line already
                self.problems.add(rel, "字段 names", "应为人名列表（names: - 宋宇峰）")
            return
        Fields(data, rel, self.problems).unknown(("names",))
        for index, name in enumerate(names, start=1):
            if isinstance(name, str) and name.strip():
                self.names.append(name.strip())
            else:
                self.problems.add(rel, f"字段 names[{index}]", "应为非空的人名")

    # -- content types -------------------------------------------------------

    def read_cases(self, paths: list[Path]) -> tuple[list[tuple[Path, Document | None, Case | None, list]], set]:
        """Read and parse these case files: for each, the case (or its document, if it gave none) and
        its problems; and the files with markup. Runs in forked workers as well as here, so it keeps
        its findings apart from the loader's."""
        kept, self.marked = (self.problems, self.marked), set()
        read = []
        for path in paths:
            self.problems = Problems()
            doc = self.document(path)
            case = doc and parse_case(doc, self.rel(path), self.problems, self.docs_dir)
            read.append((path, None if case else doc, case, self.problems.items))
        marked = self.marked
        self.problems, self.marked = kept
        return read, marked

    def _read_all(self, paths: list[Path]) -> list[tuple[Path, Document | None, Case | None, list, bool]]:
        """read_cases of every path, in order, on every core; each with whether its body has markup."""
        # Contiguous parts, merged in order: everything comes out as one process would list it.
        parts = max(1, min(os.cpu_count() or 1, len(paths) // CASES_PER_WORKER))
        size = max(1, -(-len(paths) // parts))
        out = []
        parted = [paths[n : n + size] for n in range(0, len(paths), size)]
        for read, marked in map_forked(self.read_cases, parted, last_here=True):
            out += [(path, doc, case, found, self.rel(path) in marked) for path, doc, case, found in read]
        return out

    def _read_remembered(self, paths: list[Path]) -> list[tuple[Path, Document | None, Case | None, list, bool]]:
        """As _read_all, taking from the last load what it read of a file with the same bytes."""
        remembered = self.remembered
        context = (tuple(self.names), _tree(self.docs_dir))
        if remembered.context != context:
            remembered.context, remembered.reads = context, {}
        digests, stats, before = {}, {}, remembered.reads
        # A time older than this tells a file apart from one saved again in the same clock tick (a
        # file system may count in seconds): a file changed since is read again.
        settled = time.time_ns() - RACY_NS
        for path in paths:
            with contextlib.suppress(OSError):  # unreadable: read_cases reports it
                stat = path.stat()
                stats[path] = (stat.st_size, stat.st_mtime_ns, stat.st_ino)
                known_stat, digest = remembered.stats.get(path, (None, ""))
                if known_stat != stats[path] or stat.st_mtime_ns > settled:
                    digest = hashlib.sha256(path.read_bytes()).hexdigest()
                digests[path] = digest
        remembered.stats = {path: (stats[path], digests[path]) for path in digests}

        def known(path: Path) -> tuple | None:
            digest, entry = before.get(self.rel(path), ("", None))
            return entry if path in digests and digest == digests[path] else None

        fresh = iter(self._read_all([path for path in paths if known(path) is None]))
        out = [(path, *entry) if (entry := known(path)) is not None else next(fresh) for path in paths]
        remembered.reads = {self.rel(entry[0]): (digests[entry[0]], entry[1:]) for entry in out if entry[0] in digests}
        return out

    def cases(self) -> list[Case]:
        cases: dict[str, Case] = {}
        paths = list(_walk(self.cases_dir, (".md",)))
        read = self._read_all(paths) if self.remembered is None else self._read_remembered(paths)
        for path, doc, case, found, marked in read:
            if marked:
                self.marked.add(self.rel(path))
            self.problems.items += found
            if not case:
                self.broken(CASE, path, doc)
            elif case.id in cases:
                self.problems.add(case.path, "字段 id", f"案例 id“{case.id}”与 {cases[case.id].path} 重复")
            else:
                cases[case.id] = case
        return sorted(cases.values(), key=lambda c: c.sort_key)

    def banks(self, known: dict[str, Case]) -> list[QuizBank]:
        banks: dict[str, QuizBank] = {}
        for path in _walk(self.docs_dir / "quizzes", SOURCE_SUFFIXES):
            rel = self.rel(path)
            data = self.yaml_file(path)
            bank = None if rel in self.failed else parse_bank(data, rel, self.problems)
            if bank is None:
                continue
            if bank.id in banks:
                self.problems.add(rel, "字段 id", f"题库 id“{bank.id}”与 {banks[bank.id].path} 重复")
                continue
            banks[bank.id] = bank
            self.check_question_cases(rel, bank.questions, known)
        return list(banks.values())

    def check_question_cases(self, rel: str, questions, known: dict[str, Case]) -> None:
        for index, question in enumerate(questions, start=1):
            if question.case and question.case not in known and not self.pending.excuses(CASE, question.case):
                self.problems.add(rel, f"字段 questions[{index}].case", f"案例“{question.case}”不存在")

    def markdown_pages(self, folder: str, kind: str | None = None) -> Iterator[tuple[Path, str, Document, Fields]]:
        """The pages under `folder`; an unreadable one is recorded as a broken `kind`."""
        for path in _walk(self.docs_dir / folder, (".md",)):
            doc = self.document(path)
            if doc is None and kind:
                self.broken(kind, path, None)
            if doc is not None:
                yield (
                    path,
                    Path(path.relative_to(self.docs_dir)).as_posix(),
                    doc,
                    Fields(doc.meta, self.rel(path), self.problems),
                )

    def packs(self, cases: list[Case], known: dict[str, Case]) -> list[Pack]:
        packs: dict[str, Pack] = {}
        for path, src_uri, doc, f in self.markdown_pages("packs", PACK):
            pack = parse_pack(doc, self.rel(path), src_uri, f, cases, known, self.pending)
            if pack is None:
                self.broken(PACK, path, doc)
                continue
            if pack.id in packs:
                f.error("pack", f"学习包 id“{pack.id}”与 {packs[pack.id].path} 重复")
                continue
            packs[pack.id] = pack
        return list(packs.values())

    def jiafeng(self) -> list[JiafengPage]:
        pages = []
        for path, src_uri, _doc, f in self.markdown_pages("jiafeng"):
            f.unknown(JIAFENG_KEYS)
            page_fields(f, typed=True)
            f.text("title", required=False)
            kind = f.choice("kind", KINDS, required=False) or "其他"
            pages.append(
                JiafengPage(
                    self.rel(path),
                    src_uri,
                    kind,
                    f.text("author", required=False),
                    f.text("era", required=False),
                    f.boolean("pinyin"),
                )
            )
        return pages

    def parks(self) -> list[Park]:
        parks_file = self.config_dir / "parks.yml"
        parks_rel = self.rel(parks_file)
        parks = parse_parks(self.yaml_file(parks_file) if parks_file.is_file() else None, parks_rel, self.problems)
        by_id = {park.id: park for park in parks}
        # A parks.yml with a mistake names fewer parks: their boards wait for the fix, not "未登记".
        parks_broken = parks_rel in self.failed or any(p.path == parks_rel for p in self.problems.items)
        if parks_broken:
            self.pending.broken(BOARD, parks_rel, None, None)
        codes: dict[str, str] = {}
        park_root = self.docs_dir / "park"
        for path, src_uri, doc, f in self.markdown_pages("park", BOARD):
            parts = path.relative_to(park_root).parts
            if len(parts) < 2:
                self.problems.add(self.rel(path), "位置", "展板页面必须放在公园文件夹中（content/park/<公园 id>/）")
                continue
            if parts[0] not in by_id:
                if not parks_broken:
                    self.problems.add(self.rel(path), "位置", f"公园文件夹“{parts[0]}”未在 {parks_rel} 中登记")
                continue
            board = parse_board(doc, self.rel(path), src_uri, parts[0], f)
            if board is None:
                self.broken(BOARD, path, doc)
                continue
            if board.code in codes:
                f.error("board", f"展板编码 {board.code} 与 {codes[board.code]} 重复")
                continue
            codes[board.code] = board.path
            by_id[parts[0]].boards.append(board)
        for park in parks:
            park.boards.sort(key=lambda b: b.code)
        return parks

    def content_files(self) -> frozenset[str]:
        """Read every other file under content/ strictly; return what may be published (CONTENT-FORMAT 10).

        Pages and media are published; source YAML is read, never published; anything else is an error.
        """
        typed = ("packs/", "jiafeng/", "park/")  # Markdown read by their own loaders
        published = []
        for path in _walk(self.docs_dir):
            src_uri = Path(path.relative_to(self.docs_dir)).as_posix()
            suffix = path.suffix.lower()
            if suffix in SOURCE_SUFFIXES:
                if not src_uri.startswith("quizzes/"):  # banks are read by banks()
                    self.yaml_file(path)
                continue
            if suffix == ".md":
                if not src_uri.startswith(typed):
                    doc = self.document(path)
                    if doc is not None and not src_uri.startswith("cases/"):  # a misplaced case: reported once
                        page_fields(Fields(doc.meta, self.rel(path), self.problems))
            elif suffix in MEDIA_SUFFIXES:
                if suffix in TEXT_MEDIA:
                    self.media_text(path)
                if media.check_kind(path, self.rel(path), self.problems) and suffix == ".pdf":
                    media.check_pdf(path, self.rel(path), self.problems)
            else:
                if suffix in STRAY_TEXT:
                    text = read_text(path, self.rel(path), self.problems)
                    if text is not None:
                        privacy.scan(text, self.rel(path), self.problems)
                kinds = "、".join(s.lstrip(".") for s in (".md", *MEDIA_SUFFIXES))
                message = f"这种文件不会发布到网站，请移出 content/（可发布的文件类型：{kinds}）"
                if suffix in WORD_SUFFIXES:
                    message = "这是 Word/WPS 文档，不会发布到网站：页面请写成 .md 文件，供下载的文件请另存为 PDF"
                self.problems.add(self.rel(path), "文件", message)
                continue
            published.append(src_uri)
        return frozenset(published)

    def media_text(self, path: Path) -> None:
        """Captions and SVG images are text that the site publishes: personal data and (SVG) scripts are errors."""
        rel = self.rel(path)
        text = read_text(path, rel, self.problems)
        if text is None:
            return
        privacy.scan(text, rel, self.problems)
        if path.suffix.lower() == ".svg":
            svg.check_svg(text.encode("utf-8"), rel, self.problems)

    def stray_cases(self) -> None:
        """cases/ holds case write-ups only: another file there would be silently ignored.

        A case under content/cases/ would be published as a bare page outside the library.
        """
        for path in _walk(self.cases_dir):
            suffix = path.suffix.lower()
            if suffix in WORD_SUFFIXES:
                message = "这是 Word/WPS 文档，生成时不会读取：请把案例按格式写成 Markdown 文件（.md）再放进 cases/"
            elif suffix in PLAIN_SUFFIXES:
                message = f"案例文件的扩展名必须是 .md：请把它改名为 {path.stem}.md"
            elif suffix != ".md":
                message = "cases/ 中只能放案例的 Markdown 文件（.md）：请把这个文件移出 cases/"
            else:
                continue
            self.problems.add(self.rel(path), "文件", message)
        for path in _walk(self.docs_dir / "cases", (".md",)):
            self.problems.add(
                self.rel(path),
                "文件",
                f"案例要放在项目根目录的 {self.rel(self.cases_dir)}/ 中，不是 content/cases/："
                f"请把它移到 {self.rel(self.cases_dir)}/{path.name}",
            )


def _uncollected(load: Callable[..., Project]) -> Callable[..., Project]:
    """Run without Python's cycle collector: what a load reads stays alive, and the collector,
    which runs every few hundred new objects and now and then over all of them, took a sixth of
    reading 10,000 cases. A load makes few cycles; the collector finds them once it runs again."""

    @functools.wraps(load)
    def run(*args: Any, **kwargs: Any) -> Project:
        if not gc.isenabled():
            return load(*args, **kwargs)
        gc.disable()
        try:
            return load(*args, **kwargs)
        finally:
            gc.enable()

    return run


@_uncollected
def load_project(
    root: Path | str,
    *,
    docs_dir: str = "content",
    cases_dir: str = "cases",
    config_dir: str = "site_config",
    site_url: str | None = None,
    config_file: str = "mkdocs.yml",
    writes_lock: bool = True,
    remembered: Remembered | None = None,
) -> Project:
    """Parse and validate all content below `root`; raise ContentError listing every problem.

    `writes_lock`: this run records new codes in qr-lock.yml (a build, not a preview).
    `remembered`: what an earlier load of this project read, and where this one leaves what it read.
    """
    root = Path(root).resolve()
    loader = _Loader(root, root / docs_dir, root / cases_dir, root / config_dir, remembered)
    problems = loader.problems
    if not loader.docs_dir.is_dir():
        problems.add(docs_dir, "文件夹", "内容文件夹不存在")
    loader.check_names()
    loader.read_names()
    loader.stray_cases()
    cases = loader.cases()
    loader.names += [case.subject for case in cases]
    loader.converter = Converter(loader.names, kept=markup.FILE_REFERENCES)
    known = {case.id: case for case in cases}
    for case in cases:
        loader.check_question_cases(case.path, case.questions, known)
    banks = loader.banks(known)
    packs = loader.packs(cases, known)
    jiafeng = loader.jiafeng()
    parks = loader.parks()
    published = loader.content_files()

    pinyin = loader.read_pinyin()

    booklets = []
    booklets_file = loader.config_dir / "booklets.yml"
    data = loader.yaml_file(booklets_file) if booklets_file.is_file() else None
    booklets_rel = loader.rel(booklets_file)
    if data is not None:
        if not isinstance(data, dict) or not isinstance(data.get("booklets"), list):
            problems.add(booklets_rel, "字段 booklets", "应为手册列表（booklets: - id: …）")
        else:
            Fields(data, booklets_rel, problems).unknown(("booklets",))
            pack_ids = {pack.id for pack in packs}
            seen: set[str] = set()
            for index, entry in enumerate(data["booklets"], start=1):
                if not isinstance(entry, dict):
                    problems.add(booklets_rel, f"字段 booklets[{index}]", "应为映射（id、title、contents…）")
                    continue
                b = Fields(entry, booklets_rel, problems, f"booklets[{index}].")
                booklet = parse_booklet(b, cases, known, pack_ids, loader.docs_dir, loader.pending)
                if booklet is not None and booklet.id in seen:
                    b.error("id", f"手册 id“{booklet.id}”重复")
                elif booklet is not None:
                    seen.add(booklet.id)
                    booklets.append(booklet)

    lock_file = loader.config_dir / "qr-lock.yml"
    lock_rel = loader.rel(lock_file)
    lock_data = loader.yaml_file(lock_file) if lock_file.is_file() else None
    lock = parse_lock(lock_data, lock_rel, problems)
    case_lock = parse_case_lock(lock_data, lock_rel, problems)
    boards = {board.code: board for park in parks for board in park.boards}
    check_lock(lock, boards, loader.docs_dir, site_url, lock_rel, problems, loader.pending)
    case_files = {case.id: case.path for case in cases}
    check_cases(case_lock, case_files, loader.docs_dir, site_url, lock_rel, problems, loader.pending)
    if boards and not site_url:
        problems.add(
            config_file,
            "字段 site_url",
            "已有公园展板，必须设置 site_url（二维码需要完整网址，如 https://lian.example.gov.cn/）",
        )
    elif site_url and not site_url.startswith(("http://", "https://")):
        problems.add(config_file, "字段 site_url", f"“{site_url}”应以 http:// 或 https:// 开头")
    elif site_url and writes_lock and lock_rel not in loader.failed:  # an unreadable lock is no empty one
        placeholder_codes(site_url, [code for code in boards if code not in lock], config_file, problems)

    loader.pending.report(problems)
    problems.items = with_lines(problems.items, root)
    problems.raise_if_any()
    return Project(
        root,
        loader.docs_dir,
        site_url,
        cases,
        banks,
        packs,
        jiafeng,
        parks,
        booklets,
        lock,
        lock_file,
        published,
        tuple(loader.names),
        pinyin,
        case_lock,
        frozenset(loader.marked),
    )
