"""Benchmark: Qingfeng build time against plain Material on the same corpus.

Run: .venv/bin/python bench/bench.py [--sizes 1000,2000]

For each size it generates N synthetic cases and builds them with Qingfeng;
then it builds N plain Markdown pages of the same text with plain Material
(same Markdown extensions, bounded nav, and a search index on both sides:
qingfeng/search against Material's search set up for Chinese, with jieba when
it is installed). It also times `qingfeng check` on the same content.
Figures are wall-clock seconds of whole `mkdocs build` processes.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import itertools
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).parent))
from corpus import write_cases

BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
REPO = Path(__file__).resolve().parents[1]


def write_park(root: Path) -> None:
    """One park with three boards, for the board page weight."""
    (root / "site_config").mkdir(exist_ok=True)
    (root / "site_config/parks.yml").write_text("parks:\n  - {id: bench, name: 基准公园}\n", encoding="utf-8")
    (root / "content/park/bench").mkdir(parents=True)
    for n in range(1, 4):
        text = "东汉时，羊续出任南阳太守，府丞送来鲜鱼，他挂在院中，再送时指给对方看。" * 4
        front = f"---\nboard: BN0{n}\ntitle: 展板{n}\ntheme: 廉洁典故\n---\n\n"
        (root / f"content/park/bench/{n}.md").write_text(front + text, encoding="utf-8")


# Material's search as a Chinese site sets it up: words split by jieba (when installed) and these.
MATERIAL_SEARCH = {"search": {"separator": "[\\s\\u200b\\u3000\\-、。，．？！；]+"}}


def shared_config() -> dict:
    """Markdown settings taken from the sample mkdocs.yml, for both sides."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    # The slugify tag needs the full loader; keep it as written for both sides.
    config = yaml.load(text, Loader=yaml.UnsafeLoader)
    return {"markdown_extensions": config["markdown_extensions"], "theme": config["theme"]}


def dump(path: Path, config: dict) -> None:
    path.write_text(yaml.dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


def qingfeng_site(root: Path, count: int, shared: dict) -> list[tuple[dict, str]]:
    written = write_cases(root, count)
    (root / "content").mkdir()
    (root / "content/index.md").write_text("# 首页\n\n基准测试站点。\n", encoding="utf-8")
    (root / "content/tags.md").write_text("# 标签\n\n<!-- material/tags -->\n", encoding="utf-8")
    write_park(root)
    dump(
        root / "mkdocs.yml",
        {
            "site_name": "基准",
            "site_url": "https://bench.qingfeng.test/",
            "docs_dir": "content",
            "theme": shared["theme"],
            # Board PDFs are left out here: their cache makes rebuilds free, and they cost
            # the same whatever the number of cases.
            "plugins": [
                "qingfeng/core",
                "qingfeng/cases",
                "qingfeng/packs",
                "qingfeng/quiz",
                {"qingfeng/boards": {"pdf": False}},
                "qingfeng/search",
                "tags",
            ],
            "markdown_extensions": shared["markdown_extensions"],
            "nav": [{"首页": "index.md"}, {"案例库": "cases/index.md"}, {"标签": "tags.md"}],
        },
    )
    return written


def plain_site(root: Path, written: list[tuple[dict, str]], shared: dict) -> None:
    (root / "docs/cases").mkdir(parents=True)
    (root / "docs/index.md").write_text("# 首页\n\n基准测试站点。\n", encoding="utf-8")
    for meta, text in written:
        page = f"# {meta['title']}\n\n{meta['summary']}\n\n{text}"
        (root / "docs/cases" / f"{meta['id']}.md").write_text(page, encoding="utf-8")
    dump(
        root / "mkdocs.yml",
        {
            "site_name": "基准",
            "docs_dir": "docs",
            "theme": shared["theme"],
            "plugins": [MATERIAL_SEARCH],
            "markdown_extensions": shared["markdown_extensions"],
            "nav": [{"首页": "index.md"}],
            "not_in_nav": "/cases/",
        },
    )


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def page_weight(site_dir: Path, path: str) -> tuple[int, int] | None:
    """Bytes (gzipped) and requests of everything Chromium fetches for a page's first view."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sizes: dict[str, int] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
            )
            page = browser.new_page(viewport={"width": 360, "height": 740})
            page.on("response", lambda r: sizes.__setitem__(r.url, len(gzip.compress(r.body()))))
            response = page.goto(f"http://127.0.0.1:{server.server_address[1]}/{path}", wait_until="networkidle")
            if not response.ok:
                sys.exit(f"{path}: HTTP {response.status}")
            if page.locator("label[for='__search']:visible").count():
                page.locator("label[for='__search']:visible").first.click()  # Material loads its index here
                page.wait_for_timeout(1500)
            browser.close()
    finally:
        server.shutdown()
    return sum(sizes.values()), len(sizes)


def booklet_figures(work: Path, shared: dict, cases: int = 25) -> str:
    """Build a site whose booklet holds `cases` cases (about 100 A5 pages); the plugin logs each PDF.

    The booklet's time covers everything it needs on a first build (its QR codes, templates,
    rendering in parts, joining); the saddle-stitch version's time is its imposition.
    """
    root = work / "booklet"
    root.mkdir()
    written = qingfeng_site(root, cases, shared)
    ids = [meta["id"] for meta, _ in written]
    booklets = {
        "booklets": [{"id": "bench", "title": "基准警示录", "imposition": "saddle", "contents": [{"cases": ids}]}]
    }
    (root / "site_config/booklets.yml").write_text(yaml.safe_dump(booklets, allow_unicode=True), encoding="utf-8")
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.UnsafeLoader)
    config["plugins"].insert(5, "qingfeng/booklets")
    dump(root / "mkdocs.yml", config)
    result = subprocess.run([str(BIN / "mkdocs"), "build"], cwd=root, env=ENV, capture_output=True, text=True)
    lines = [line.split("-  ", 1)[1] for line in result.stderr.splitlines() if "downloads/bench" in line]
    return "\n  ".join(lines) if lines else f"booklet build failed:\n{result.stderr[-2000:]}"


def output_scan(site_dir: Path) -> float:
    """Seconds the build's second line takes: the personal-data scan of the whole built site, PDFs not cached."""
    from qingfeng.guard.output import scan_site

    started = time.perf_counter()
    leaks = scan_site(site_dir, None)
    assert not leaks, leaks[:3]
    return time.perf_counter() - started


def timed(command: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=ENV, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{result.stderr[-3000:]}")
    return seconds


def best(command: list[str], cwd: Path, runs: int) -> float:
    return min(timed(command, cwd) for _ in range(runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,2000", help="numbers of cases, comma-separated")
    parser.add_argument("--runs", type=int, default=1, help="builds per figure; the fastest is shown")
    parser.add_argument("--no-booklet", dest="booklet", action="store_false", help="skip the booklet figures")
    parser.add_argument("--no-weights", dest="weights", action="store_false", help="skip the page weights")
    parser.add_argument("--keep", action="store_true", help="keep the generated sites")
    args = parser.parse_args()
    shared = shared_config()
    work = Path(tempfile.mkdtemp(prefix="qingfeng-bench-"))
    mkdocs = [str(BIN / "mkdocs"), "build", "-q"]
    print(
        f"{'cases':>6} {'pages':>6} {'qingfeng s':>10} {'ms/page':>8} {'material s':>10} {'ms/page':>8} "
        f"{'ratio':>6} {'check s':>8} {'scan s':>7} {'site MB':>8}"
    )
    results = {}
    for count in (int(n) for n in args.sizes.split(",")):
        ours, plain = work / f"qingfeng-{count}", work / f"material-{count}"
        ours.mkdir()
        plain.mkdir()
        written = qingfeng_site(ours, count, shared)
        plain_site(plain, written, shared)
        check = best([str(BIN / "qingfeng"), "check"], ours, args.runs)
        ours_s = best(mkdocs, ours, args.runs)
        plain_s = best(mkdocs, plain, args.runs)
        scan_s = output_scan(ours / "site")
        pages = sum(1 for _ in (ours / "site").rglob("index.html"))
        size = sum(p.stat().st_size for p in (ours / "site").rglob("*") if p.is_file()) / 1e6
        results[count] = ours_s
        print(
            f"{count:>6} {pages:>6} {ours_s:>10.2f} {1000 * ours_s / pages:>8.1f} {plain_s:>10.2f} "
            f"{1000 * plain_s / (count + 1):>8.1f} {ours_s / plain_s:>6.2f} {check:>8.2f} {scan_s:>7.2f} {size:>8.1f}"
        )
    if args.weights:
        site_dir = work / f"qingfeng-{max(results)}" / "site"
        for label, path in (
            ("board page /b/BN01/", "b/BN01/"),
            ("case page (Material + search)", "cases/2020-case-00000/"),
        ):
            measured = page_weight(site_dir, path)
            if measured:
                print(f"{label}: {measured[0] / 1024:.1f} KB gzipped in {measured[1]} requests")
        print("target: board page first view <= 60 KB gzipped")
    if args.booklet:
        print(f"booklet of 25 cases, first build:\n  {booklet_figures(work, shared)}")
        print("target: a 100-page A5 booklet in <= 5 s and <= 1.5 MB")
    sizes = sorted(results)
    for smaller, larger in itertools.pairwise(sizes):
        print(f"scaling {smaller} -> {larger} cases: {results[larger] / results[smaller]:.2f}x the time")
    print("targets: ratio <= 1.30 at 1000 cases; 2000 cases <= 2.20x the time of 1000; check < 3 s at 1000")
    print("scan s: the personal-data scan of the built site (part of the build time); target <= 10 % of the build")
    if args.keep:
        print(f"sites kept in {work}")
    else:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
