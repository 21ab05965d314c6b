"""The repository's own sample site: valid, complete, and self-contained."""

import re
from html.parser import HTMLParser

from qingfeng.model import load_project

from tests.conftest import REPO

# Hosts Material's bundle names in code paths this site never takes: Mermaid
# diagrams (none configured), a ResizeObserver polyfill (every supported
# browser has it) and GitHub repository facts (no repo_url). The browser test
# below proves nothing is fetched from them.
DORMANT_IN_BUNDLE = {"unpkg.com", "api.github.com", "clipboardjs.com"}
# Attributes that make a browser fetch; <a href> and <link rel=canonical> do not.
FETCHING = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "track": ("src",),
    "input": ("src",),
}
FETCHING_RELS = {
    "stylesheet",
    "preload",
    "prefetch",
    "preconnect",
    "dns-prefetch",
    "icon",
    "modulepreload",
    "manifest",
    "apple-touch-icon",
}
URL_IN_CSS = re.compile(r"""(?:url\(\s*["']?|@import\s+["'])((?:https?:)?//[^"')\s]+)""", re.I)
URL_IN_JS = re.compile(r"""["'`]((?:https?:)?//([a-z0-9.-]+\.[a-z]{2,})[^"'`\s]*)""", re.I)


class _Fetches(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        names = FETCHING.get(tag, ())
        if tag == "link" and FETCHING_RELS & set((attrs.get("rel") or "").lower().split()):
            names = ("href",)
        for name in names:
            for part in (attrs.get(name) or "").split(","):
                if part.strip():
                    self.urls.append(part.strip().split()[0])


def fetched_urls(html: str) -> list[str]:
    parser = _Fetches()
    parser.feed(html)
    return parser.urls


def is_remote(url: str) -> bool:
    return url.startswith(("http://", "https://", "//"))


def test_the_scan_sees_what_it_must_forbid():
    html = (
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Noto">'
        '<script src="//cdn.example.com/x.js"></script><link rel="canonical" href="https://own/">'
        '<a href="https://news.example.cn/">来源</a><img srcset="a.png 1x, https://x.cn/b.png 2x">'
    )
    assert [u for u in fetched_urls(html) if is_remote(u)] == [
        "https://fonts.googleapis.com/css?family=Noto",
        "//cdn.example.com/x.js",
        "https://x.cn/b.png",
    ]


def test_sample_content_is_valid_and_covers_every_type():
    project = load_project(REPO, site_url="https://lian.example.gov.cn/")
    assert len(project.cases) >= 6
    # Some cases are written in traditional script (and read in simplified).
    traditional = [c for c in project.cases if "以案說德" in (REPO / c.path).read_text(encoding="utf-8")]
    assert len(traditional) >= 2 and all("以案说德" in {s.written for s in c.sections} for c in traditional)
    assert project.banks and project.packs and len(project.jiafeng) >= 2 and project.booklets
    assert any(len(park.boards) >= 3 for park in project.parks)
    for case in project.cases:
        assert all(case.section(key) for key in ("shuo-de", "shuo-ji", "shuo-fa", "shuo-ze"))


def test_home_page_leads_to_the_library(sample):
    html = (sample / "index.html").read_text(encoding="utf-8")
    assert 'href="cases/"' in html


def test_built_files_load_nothing_from_other_hosts(sample):
    offenders = []
    for path in sample.rglob("*"):
        if path.suffix not in (".html", ".css", ".js"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".html":
            offenders += [(path.name, url) for url in fetched_urls(text) if is_remote(url)]
            offenders += [(path.name, url) for url in URL_IN_CSS.findall(text)]
        elif path.suffix == ".css":
            offenders += [(path.name, url) for url in URL_IN_CSS.findall(text)]
        else:
            offenders += [
                (path.name, url)
                for url, host in URL_IN_JS.findall(text)
                if host.lower() not in DORMANT_IN_BUNDLE and not host.endswith("w3.org")
            ]
    assert offenders == []
    home = (sample / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in home and "fonts.gstatic" not in home


def test_sample_names_take_their_traditional_pairs_in_the_mirror(sample):
    page = (sample / "zh-hant/jiafeng/jiaoyulu-jiagui/index.html").read_text(encoding="utf-8")
    assert "焦裕祿" in page and "焦裕禄" not in page  # 禄 is simplified only: it takes its pair
    assert "蘭考" in page and "為" in page and "爲" not in page  # Taiwan's forms, not OpenCC's own
