"""Shared machinery for the attack table: hostile overlays built for real.

Every attack is a small overlay on a clean, already built project (the "base"):
the overlay is written, `qingfeng check` and `mkdocs build` run on it, and the
test reads what a user would see: exit codes, the Chinese problem lines, the
site folder before and after, every byte of the site (PDF streams included),
and the requests a local canary HTTP server received.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gzip
import hashlib
import html
import io
import os
import re
import secrets
import shutil
import threading
import unicodedata
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml
from qingfeng.model.problems import Problem

from tests.conftest import FORKER, Site, built_once, case_body, markdown

# ---------------------------------------------------------------------------
# Running the real commands


@dataclass
class Run:
    """One finished command: what a user sees, plus wall time and peak memory."""

    args: list[str]
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    maxrss_mb: float  # peak resident memory of the command and the children it waited for
    timed_out: bool = False

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def _forked(tool: str, args: list[str], root: Path, timeout: float) -> Run:
    done = FORKER.run(tool, args, cwd=root, timeout=timeout)
    return Run(
        done.args, done.returncode, done.stdout, done.stderr, done.seconds, done.maxrss_kb / 1024, done.timed_out
    )


def mkdocs_build(root: Path, timeout: float = 180) -> Run:
    return _forked("mkdocs", ["build", "-f", str(root / "mkdocs.yml")], root, timeout)


def qingfeng_check(root: Path, timeout: float = 180) -> Run:
    return _forked("qingfeng", ["check", "-f", str(root / "mkdocs.yml")], root, timeout)


# ---------------------------------------------------------------------------
# Problem lines: `path: where: message`

PROBLEM = re.compile(r"^(?:ERROR\s*-\s*)?((?:cases|content|site_config)/[^:\n]*|mkdocs\.yml): ([^:\n]+): (.+)$")
CJK = re.compile(r"[\u4e00-\u9fff]")


def problems(text: str) -> list[Problem]:
    return [Problem(*m.groups()) for m in map(PROBLEM.match, text.splitlines()) if m]


def line_of(text: str, needle: str, start: int = 0) -> int:
    """1-based line of the first occurrence of `needle` in a file we wrote."""
    index = text.index(needle, start)
    return text.count("\n", 0, index) + 1


def at_line(found: list[Problem], path: str, line: int) -> list[Problem]:
    return [p for p in found if p.path == path and re.search(rf"第 {line} 行", p.where)]


def naming(found: list[Problem], path: str) -> list[Problem]:
    return [p for p in found if p.path.rstrip("/") == path.rstrip("/")]


def listing(found: list[Problem]) -> str:
    return "\n".join(map(str, found)) or "(no problem lines)"


# ---------------------------------------------------------------------------
# The site folder: hashes and a thorough search for things that must not be there


def tree(folder: Path) -> dict[str, str]:
    """Every entry under a folder with a content hash (links as their target)."""
    if not folder.exists():
        return {}
    out = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            out[rel] = "link:" + os.readlink(path)
        elif path.is_dir():
            out[rel] = "dir"
        else:
            out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def files(folder: Path) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path


_STREAM = re.compile(rb"stream\r?\n(.*?)endstream", re.S)


def pdf_texts(data: bytes) -> Iterator[tuple[str, str]]:
    """Everything a PDF holds as text: page text, every decompressed stream, attachments."""
    from pypdf import PdfReader

    yield "raw", data.decode("latin-1")
    for n, match in enumerate(_STREAM.finditer(data)):
        chunk = match.group(1)
        for attempt in (chunk, chunk.rstrip(b"\r\n")):
            try:
                yield f"stream {n}", zlib.decompressobj().decompress(attempt).decode("latin-1")
                break
            except zlib.error:
                continue
    try:
        reader = PdfReader(io.BytesIO(data))
        for n, page in enumerate(reader.pages, 1):
            yield f"page {n}", page.extract_text() or ""
        for name, contents in (reader.attachments or {}).items():
            yield f"attachment {name}", name
            for content in contents:
                yield f"attachment {name}", content.decode("utf-8", "replace")
                yield f"attachment {name}", content.decode("latin-1")
    except Exception as error:  # an unreadable PDF is itself a finding
        yield "pypdf", f"unreadable PDF: {error!r}"


def texts(site_dir: Path) -> Iterator[tuple[str, str]]:
    """(where, text) for every file under the site, PDFs and gzip files opened."""
    for path in files(site_dir):
        rel = path.relative_to(site_dir).as_posix()
        data = path.read_bytes()
        if data.startswith(b"\x1f\x8b"):
            with contextlib.suppress(OSError):
                data = gzip.decompress(data)
        if data.startswith(b"%PDF"):
            for where, text in pdf_texts(data):
                yield f"{rel} ({where})", text
            continue
        text = data.decode("utf-8", "replace")
        yield rel, text
        if "&" in text:
            yield f"{rel} (entities decoded)", html.unescape(text)


_SEPARATORS = re.compile(r"[\s\u00a0\u2000-\u200f\u2028-\u202f\u205f-\u2064\u3000\ufeff\-‐‑‒–—―−－.．。·・*_~`'\"]")
_TAG = re.compile(r"<[^<>]{0,200}>")


def squeeze(text: str) -> str:
    """A number as a reader would read it: entities, tags, width and separators gone."""
    text = unicodedata.normalize("NFKC", html.unescape(text))
    return _SEPARATORS.sub("", _TAG.sub("", text)).upper()


def assert_absent(site_dir: Path, *tokens: str, digits: bool = False) -> None:
    """No token anywhere in the site: raw bytes, decoded entities, PDF page text, streams, attachments.

    With digits=True the search also ignores every separator, width and markup
    between the characters (a phone number split by <b>, NBSP, dashes...).
    """
    hits = []
    wanted = [squeeze(t) for t in tokens] if digits else []
    for where, text in texts(site_dir):
        for token in tokens:
            if token in text:
                hits.append(f"{where}: {token}")
        if digits:
            flat = squeeze(text)
            for token, squeezed in zip(tokens, wanted, strict=True):
                if squeezed in flat:
                    hits.append(f"{where}: {token} (with separators)")
    assert not hits, "found in the built site:\n" + "\n".join(sorted(set(hits)))


def pdfs(site_dir: Path) -> list[Path]:
    return [p for p in files(site_dir) if p.suffix == ".pdf"]


# ---------------------------------------------------------------------------
# Fixtures: the outside secret and the canary server


@dataclass
class Secret:
    folder: Path  # outside every project
    token: str
    txt: Path
    png: Path
    png_size: tuple[int, int]


@pytest.fixture(scope="session")
def secret(tmp_path_factory) -> Secret:
    from PIL import Image, PngImagePlugin

    folder = tmp_path_factory.mktemp("outside")
    token = "qfsecret" + secrets.token_hex(12)
    txt = folder / "secret.txt"
    txt.write_text(f"机密 {token}\n", encoding="utf-8")
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", token)
    size = (7, 13)  # an odd size, to recognise the image if it is ever embedded
    png = folder / "secret.png"
    Image.new("RGB", size, (200, 10, 10)).save(png, pnginfo=info)
    return Secret(folder, token, txt, png, size)


class _Recorder(BaseHTTPRequestHandler):
    def _record(self):
        self.server.requests.append(f"{self.command} {self.path}")
        body = b"/* canary */"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    do_GET = do_POST = do_HEAD = _record

    def log_message(self, format, *args):
        pass


@dataclass
class Canary:
    port: int
    requests: list[str]

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def hits(self, prefix: str = "/") -> list[str]:
        return [r for r in self.requests if r.split(" ", 1)[1].startswith(prefix)]


@pytest.fixture(scope="session")
def canary() -> Iterator[Canary]:
    """A local HTTP server that records every request: nothing may ever reach it."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    server.requests = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Canary(server.server_address[1], server.requests)
    server.shutdown()


# ---------------------------------------------------------------------------
# The clean base project, and hostile overlays on copies of it

BASE_CASE = "2025-base"
BASE_BOOKLET = "base"
JIAFENG = "jiafeng/x.md"


def tiny_png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (20, 120, 20)).save(buffer, format="PNG")
    return buffer.getvalue()


def booklets_yml(contents: list, booklet_id: str = BASE_BOOKLET, **extra) -> str:
    booklet = {"id": booklet_id, "title": "基础读本", **extra, "contents": contents}
    return yaml.safe_dump({"booklets": [booklet]}, allow_unicode=True, sort_keys=False)


BASE_CONTENTS = [{"cases": [BASE_CASE]}, {"page": JIAFENG}]


class Project(Site):
    """A project folder that already exists (a copy of the base): nothing is rewritten on open."""

    def __init__(self, root: Path):
        self.root = root
        self.config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))

    def link(self, rel: str, target: Path) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_symlink() or path.exists():
            path.unlink()
        path.symlink_to(target)
        return path

    def text(self, rel: str) -> str:
        return (self.root / rel).read_text(encoding="utf-8")


def write_base(site: Site, sections: dict[str, str] | None = None) -> None:
    site.case(
        BASE_CASE,
        title="基础案例甲局原局长受贿案",
        body=case_body(sections),
        questions=[{"id": "q1", "type": "judge", "stem": "收受礼金违反廉洁纪律？", "answer": True}],
    )
    site.write("content/media/ok.png", tiny_png())
    site.write(f"content/{JIAFENG}", markdown({"kind": "家训"}, "# 家训一则\n\n黎明即起，洒扫庭除。\n"))
    site.write("site_config/booklets.yml", booklets_yml(BASE_CONTENTS))


@pytest.fixture(scope="session")
def base(tmp_path_factory) -> Path:
    """A clean project with a case, a family-ethos page and a booklet, built once."""
    root = tmp_path_factory.mktemp("base")
    write_base(Site(root))
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    return root


def snapshot(root: Path) -> dict[str, str]:
    """The site and the lock file: all a failed build must leave as they were."""
    state = {f"site/{k}": v for k, v in tree(root / "site").items()}
    lock = root / "site_config" / "qr-lock.yml"
    state["site_config/qr-lock.yml"] = hashlib.sha256(lock.read_bytes()).hexdigest() if lock.exists() else "absent"
    return state


@dataclass
class Outcome:
    project: Project
    before: dict[str, str]
    after: dict[str, str]
    check: Run
    build: Run
    extra: dict = field(default_factory=dict)

    @property
    def build_problems(self) -> list[Problem]:
        return problems(self.build.stderr)

    @property
    def check_problems(self) -> list[Problem]:
        return problems(self.check.stdout + self.check.stderr)

    @property
    def site(self) -> Path:
        return self.project.root / "site"


def attempt(base: Path, dest: Path, overlay: Callable[[Project], dict | None], timeout: float = 180) -> Outcome:
    """Copy the built base, apply the overlay, run `qingfeng check` then `mkdocs build`."""
    shutil.copytree(base, dest, symlinks=True)
    project = Project(dest)
    extra = overlay(project) or {}
    before = snapshot(dest)  # the overlay writes sources only: site/ is still the base's
    check = qingfeng_check(dest, timeout)
    build = mkdocs_build(dest, timeout)
    return Outcome(project, before, snapshot(dest), check, build, extra)


# ---------------------------------------------------------------------------
# What every refused overlay must show

REFUSED = ("build-fails", "check-fails", "check-lists-the-same-problems", "no-traceback", "site-unchanged", "chinese")


def assert_refused(outcome: Outcome, invariant: str) -> None:
    build, check = outcome.build, outcome.check
    if invariant == "build-fails":
        assert build.returncode != 0, "mkdocs build succeeded:\n" + build.stderr[-3000:]
        assert outcome.build_problems, "no `path: where: message` line:\n" + build.stderr[-3000:]
    elif invariant == "check-fails":
        assert check.returncode != 0, "qingfeng check passed:\n" + check.output[-3000:]
    elif invariant == "check-lists-the-same-problems":
        assert outcome.check_problems, "check printed no problem line:\n" + check.output[-3000:]
        only_check = set(map(str, outcome.check_problems)) - set(map(str, outcome.build_problems))
        only_build = set(map(str, outcome.build_problems)) - set(map(str, outcome.check_problems))
        assert not only_check and not only_build, (
            "only in check:\n" + "\n".join(sorted(only_check)) + "\nonly in build:\n" + "\n".join(sorted(only_build))
        )
    elif invariant == "no-traceback":
        for result in (build, check):
            assert "Traceback" not in result.output, result.output[-4000:]
            assert not result.timed_out, f"{result.args[1]} did not finish"
    elif invariant == "site-unchanged":
        before, after = outcome.before, outcome.after
        changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
        assert not changed, f"{len(changed)} entries changed, e.g. {changed[:10]}"
    elif invariant == "chinese":
        found = outcome.build_problems + outcome.check_problems
        assert found, "no problem lines"
        bad = [p for p in found if not CJK.search(p.message)]
        assert not bad, listing(bad)
    else:  # pragma: no cover
        raise ValueError(invariant)


def assert_problem_at(outcome: Outcome, path: str, line: int) -> None:
    """Both the build and the check name this file and this line, in Chinese."""
    for name, found in (("build", outcome.build_problems), ("check", outcome.check_problems)):
        hits = at_line(found, path, line)
        assert hits, f"{name}: no problem at {path} 第 {line} 行; got:\n{listing(found)}"
        assert all(CJK.search(p.message) for p in hits), listing(hits)


def assert_problem_naming(outcome: Outcome, path: str) -> None:
    for name, found in (("build", outcome.build_problems), ("check", outcome.check_problems)):
        hits = naming(found, path)
        assert hits, f"{name}: no problem naming {path}; got:\n{listing(found)}"
        assert all(CJK.search(p.message) for p in hits), listing(hits)


# ---------------------------------------------------------------------------
# Attack 3's project (payloads in every text field), built once: it must build.


@dataclass
class Built:
    root: Path
    build: Run

    @property
    def site(self) -> Path:
        return self.root / "site"


def _make_payload_site(root: Path) -> dict:
    from tests.security.payloads import write_project

    write_project(Site(root))
    return dataclasses.asdict(mkdocs_build(root))


@pytest.fixture(scope="session")
def payload_site(tmp_path_factory, worker_id) -> Iterator[Built]:
    """Built once per test run, for every test process."""
    with built_once(tmp_path_factory, worker_id, "payloads", _make_payload_site) as (root, build):
        yield Built(root, Run(**build))
