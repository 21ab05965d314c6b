"""Fixture sites: small content trees written to tmp dirs and built for real."""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from qingfeng.model import ContentError, Problem, Project, load_project

from tests.forkbuild import Forker

REPO = Path(__file__).resolve().parents[1]
# Content never holds YAML anchors (the format forbids them): tests that write content with
# yaml.safe_dump must not get `&id001` for a value they happen to repeat.
yaml.SafeDumper.ignore_aliases = lambda self, data: True
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml: tests write thousands of files
DUMPER.ignore_aliases = yaml.SafeDumper.ignore_aliases


def dump(data) -> str:
    """YAML as an author would write it: characters, not escapes, keys in their order."""
    return yaml.dump(data, Dumper=DUMPER, allow_unicode=True, sort_keys=False)


BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
# `mkdocs` and `qingfeng` commands as forks of a process that has imported them (tests/forkbuild.py).
FORKER = Forker(ENV)

MKDOCS_YML = {
    "site_name": "测试站点",
    "site_url": "https://lian.qingfeng.test/",
    "docs_dir": "content",
    "theme": {"name": "material", "language": "zh", "font": False},
    "plugins": [
        "qingfeng/core",
        "qingfeng/cases",
        "qingfeng/packs",
        "qingfeng/quiz",
        "qingfeng/boards",
        "qingfeng/booklets",
        "qingfeng/jiafeng",
        "qingfeng/analysis",
        "qingfeng/search",
        "qingfeng/share",
    ],
    "nav": [{"首页": "index.md"}, {"案例库": "cases/index.md"}],
}

BODY = {
    "案情": "某县某局原局长在工程项目中收受财物，经县纪委监委审查调查，问题查实。",
    "以案说德": "为官当以德为先，贪念一起，底线即失。",
    "以案说纪": "违反廉洁纪律，依据《中国共产党纪律处分条例》给予处分。",
    "以案说法": "构成受贿罪，依照《中华人民共和国刑法》第三百八十五条处罚。",
    "以案说责": "党组织履行主体责任不力，纪检监察组监督责任落实不到位。",
}


# The first bytes of each media kind: the loader judges a file by its content, not its name.
MEDIA_HEADS = {
    ".jpg": b"\xff\xd8\xff\xe0",
    ".png": b"\x89PNG\r\n\x1a\n",
    ".mp4": b"\x00\x00\x00\x18ftypmp42",
    ".webm": b"\x1a\x45\xdf\xa3",
    ".vtt": b"WEBVTT\n\n",
}


def case_meta(case_id: str = "2025-test-case", **overrides) -> dict:
    meta = {
        "id": case_id,
        "title": f"测试案例{case_id}",
        "summary": "利用职务便利收受财物。",
        "subject": "王某",
        "position": "某县某局原局长",
        "role": "一把手",
        "region": "某省某县",
        "sector": ["教育"],
        "violations": ["受贿"],
        "amount": 1610000,
        "outcome": "被开除党籍和公职，移送检察机关",
        "date": "2025-03",
        "source": {"publisher": "某某日报", "date": "2026-01-22"},
    }
    meta.update(overrides)
    return {k: v for k, v in meta.items() if v is not None}


def case_body(sections: dict[str, str] | None = None) -> str:
    sections = BODY if sections is None else sections
    return "".join(f"## {heading}\n\n{text}\n\n" for heading, text in sections.items())


def markdown(meta: dict | None, body: str = "") -> str:
    if meta is None:
        return body
    return "---\n" + dump(meta) + "---\n\n" + body


class Site:
    """A project folder: mkdocs.yml, content/, cases/, site_config/."""

    def __init__(self, root: Path):
        self.root = root
        self.config = yaml.safe_load(yaml.safe_dump(MKDOCS_YML))
        self.write("content/index.md", "# 首页\n\n清风测试站点。\n")
        self.save_config()

    def options(self, plugin: str, **options) -> Site:
        """Sets options of one of mkdocs.yml's plugins."""
        plugins = self.config["plugins"]
        plugins[plugins.index(plugin)] = {plugin: options}
        self.save_config()
        return self

    def save_config(self) -> None:
        self.write("mkdocs.yml", dump(self.config))

    def write(self, rel: str, content: str | bytes) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    def case(self, case_id: str = "2025-test-case", body: str | None = None, file: str | None = None, **meta) -> Path:
        text = markdown(case_meta(case_id, **meta), case_body() if body is None else body)
        return self.write(file or f"cases/{case_id}.md", text)

    def load(self) -> Project:
        return load_project(self.root, site_url=self.config.get("site_url"))

    def problems(self) -> list[Problem]:
        with pytest.raises(ContentError) as caught:
            self.load()
        return caught.value.problems

    def build(self, *args: str, fresh: bool = False) -> subprocess.CompletedProcess:
        """`mkdocs build`; `fresh` runs it in a new interpreter rather than a fork of the build
        server, for tests that compare two builds (a fork shares its server's hash seed)."""
        command = ["build", "-f", str(self.root / "mkdocs.yml"), *args]
        if fresh:
            return subprocess.run(
                [str(BIN / "mkdocs"), *command], capture_output=True, text=True, env=ENV, cwd=self.root, check=False
            )
        return FORKER.run("mkdocs", command, cwd=self.root)

    def built(self, fresh: bool = False) -> Path:
        """Build and fail on any warning: a clean site builds silently."""
        result = self.build(fresh=fresh)
        assert result.returncode == 0, result.stderr
        assert "WARNING" not in result.stderr, result.stderr
        return self.root / "site"

    def check(self) -> subprocess.CompletedProcess:
        return FORKER.run("qingfeng", ["check", "-f", str(self.root / "mkdocs.yml")])

    def html(self, rel: str) -> str:
        return (self.root / "site" / rel).read_text(encoding="utf-8")

    def copy(self, root: Path) -> Site:
        """This project as it stands, built site, lock and cache included, in `root`: one to change
        and rebuild without building its first state again."""
        shutil.copytree(self.root, root, dirs_exist_ok=True)
        other = object.__new__(Site)
        other.root = root
        other.config = yaml.safe_load(yaml.safe_dump(self.config))
        return other


@pytest.fixture(scope="session", autouse=True)
def _forker() -> Iterator[None]:
    yield
    FORKER.close()


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return Site(tmp_path)


@pytest.fixture(scope="session")
def new_site(tmp_path_factory) -> Callable[[str], Site]:
    """A fresh project in a folder of its own, for module-scoped fixtures: `new_site("park")`."""
    return lambda name: Site(tmp_path_factory.mktemp(name))


def _files(root: Path) -> dict[str, tuple[int, int]]:
    return {
        str(path.relative_to(root)): (path.stat().st_size, path.stat().st_mtime_ns)
        for path in root.rglob("*")
        if path.is_file()
    }


@contextmanager
def shared(site: Site) -> Iterator[Site]:
    """`site` built once for tests that only read it; afterwards, fail if any of them changed it,
    since the tests after would then read what that one left."""
    site.built()
    before = _files(site.root)
    yield site
    assert _files(site.root) == before, f"a test changed the shared site {site.root}: give it a site of its own"


def _call(path: Path, kind: str) -> dict:
    """The data of one file of the search index: `qingfengSearch("d",3,{…});` (search/index.py)."""
    found = re.fullmatch(rf'qingfengSearch\("{kind}",\d+,(.*)\);\n', path.read_text(encoding="utf-8"), re.DOTALL)
    assert found, path
    return json.loads(found.group(1))


def serve_builds(root: Path, steps: list[dict], out: Path) -> subprocess.CompletedProcess:
    """Builds as `mkdocs serve` does, once and again after each step of edits (tests/previewbuild.py);
    OUT/<n> holds what build n served."""
    out.mkdir()
    (out / "steps.json").write_text(json.dumps(steps, ensure_ascii=False), encoding="utf-8")
    script = REPO / "tests/previewbuild.py"
    command = [sys.executable, str(script), str(root), str(out / "steps.json"), str(out)]
    return subprocess.run(command, capture_output=True, text=True, env=ENV, cwd=root, check=False)


def library_data(site_dir: Path, mirror: bool = False) -> dict:
    """The library's filter data: `qingfengLibrary({"keys": […], "cases": […]});` (cases/library.py)."""
    path = site_dir / ("zh-hant/" if mirror else "") / "cases/library.data.js"
    found = re.fullmatch(r"qingfengLibrary\((.*)\);\n", path.read_text(encoding="utf-8"), re.DOTALL)
    assert found, path
    return json.loads(found.group(1))


def search_docs(site_dir: Path, mirror: bool = False) -> list[dict]:
    """The pages in a built site's search index, as its files hold them: address "u", title "t", text "x"."""
    index = site_dir / ("zh-hant/search" if mirror else "search")
    version = _call(index / "index.js", "m")["v"]
    return [_call(path, "d") for path in sorted((index / version / "d").glob("*.js"))]


def find(problems: list[Problem], path: str, where: str) -> Problem:
    """The one problem at this file and field; fails with all problems listed."""
    hits = [p for p in problems if p.path == path and where in p.where]
    assert hits, f"no problem at {path} / {where}; got:\n" + "\n".join(map(str, problems))
    return hits[0]


@contextmanager
def built_once(
    tmp_path_factory, worker_id: str, name: str, make: Callable[[Path], dict]
) -> Iterator[tuple[Path, dict]]:
    """A project made and built once per test run for every test process: the first process to
    need it runs `make(root)` (write the project, build it, return what the tests need to know of
    the build as JSON), the others wait for that and read the same folder. Yields the folder and
    make's answer; at the end, fails if a test changed the folder."""
    base = tmp_path_factory.getbasetemp()
    folder = base if worker_id == "master" else base.parent  # the run's folder, shared by the workers
    root, done = folder / name, folder / f"{name}.ok"
    with open(folder / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(root, ignore_errors=True)  # what a process that died while making it left
            root.mkdir()
            answer = make(root)
            done.write_text(json.dumps({"answer": answer, "files": _files(root)}), encoding="utf-8")
    record = json.loads(done.read_text(encoding="utf-8"))
    yield root, record["answer"]
    changed = {k: list(v) for k, v in _files(root).items()} != record["files"]
    assert not changed, f"a test changed {root}, which other tests read: give it a project of its own"


def _make_sample(root: Path) -> dict:
    for name in ("content", "cases", "site_config"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    result = FORKER.run("mkdocs", ["build", "-f", str(root / "mkdocs.yml")], cwd=root)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return {}


@pytest.fixture(scope="session")
def sample(tmp_path_factory, worker_id) -> Iterator[Path]:
    """The repository's sample site, copied and built once per test run."""
    with built_once(tmp_path_factory, worker_id, "sample", _make_sample) as (root, _):
        yield root / "site"


CHROMIUM = "/usr/bin/chromium"
# Without these Chromium keeps trying to reach Google services on a closed network.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole run: Playwright's sync API allows one driver per thread."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def unused_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
