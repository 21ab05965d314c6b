"""`mkdocs serve` tells the author: content errors show in the browser, and the page comes back by itself."""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
import time

import pytest
from playwright.sync_api import expect

from tests.conftest import BIN, ENV, REPO

CASE = "cases/2024-jlp-tielu.md"
OTHER = "cases/2025-ps-toudan.md"
TITLE = "铁路中学原校长任某某以权谋私侵害学生利益案"
XSS = "<img src=x onerror=window.pwned=1>"
WAIT = 20_000  # ms: a rebuild of the sample takes about two seconds


def copy_sample(root):
    for name in ("content", "cases", "site_config"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")


def replace_line(path, start: str, line: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    at = next(n for n, text in enumerate(lines) if text.startswith(start))
    lines[at] = line
    path.write_text("\n".join(lines), encoding="utf-8")


@pytest.fixture
def project(tmp_path, unused_port):
    root = tmp_path / "project"
    copy_sample(root)
    yield root, f"http://127.0.0.1:{unused_port}/"


def start(root, url, log):
    # TMPDIR: MkDocs serves from a temporary folder; keep it inside the test's own.
    env = {**ENV, "TMPDIR": str(root.parent)}
    process = subprocess.Popen(
        [str(BIN / "mkdocs"), "serve", "-a", url.removeprefix("http://").rstrip("/")],
        cwd=root,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 30
    while "Serving on" not in log_text(root):
        assert process.poll() is None, log_text(root)
        assert time.monotonic() < deadline, log_text(root)
        time.sleep(0.1)
    return process


def log_text(root) -> str:
    return (root.parent / "serve.log").read_text(encoding="utf-8", errors="replace")


def stop(process) -> None:
    process.send_signal(signal.SIGINT)  # what Ctrl+C sends: MkDocs removes its temporary folder
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def test_errors_show_in_the_browser_and_the_page_comes_back_by_itself(project, page):
    root, url = project
    case, other = root / CASE, root / OTHER
    good, other_good = case.read_text(encoding="utf-8"), other.read_text(encoding="utf-8")
    replace_line(case, "title:", 'title: "铁路中学原校长任某某以权谋私侵害学生利益案')  # quote never closed
    replace_line(other, "role:", f"role: {XSS}")
    with open(root.parent / "serve.log", "w") as log:
        process = start(root, url, log)  # a first build that fails must not end `mkdocs serve`
        try:
            response = page.goto(f"{url}cases/2024-jlp-tielu/")
            assert response.status == 404
            expect(page.locator("h1")).to_have_text("内容有错，预览暂停")
            rows = page.locator("tbody tr")
            expect(rows.filter(has_text=CASE).first).to_contain_text(re.compile(r"第 \d+ 行"))
            expect(rows.filter(has_text=OTHER).first).to_contain_text(XSS)  # shown as text, never run
            assert page.locator("img").count() == 0 and page.evaluate("window.pwned") is None
            assert "内容检查发现" in log_text(root) and f"{CASE}: 第 " in log_text(root)

            case.write_text(good, encoding="utf-8")
            other.write_text(other_good, encoding="utf-8")
            expect(page.locator("h1")).to_have_text(TITLE, timeout=WAIT)  # reloaded by itself

            replace_line(case, "role:", f"role: {XSS}")  # broken again, from a page of the real site
            expect(page.locator("h1")).to_have_text("内容有错，预览暂停", timeout=WAIT)
            expect(page.locator("tbody")).to_contain_text(CASE)
            assert process.poll() is None
        finally:
            stop(process)
    assert "Traceback" not in log_text(root)
