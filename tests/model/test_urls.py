"""Author paths as the build places them: where a relative URL points, and rewriting the URLs of raw HTML."""

import pytest
from qingfeng.model import urls
from qingfeng.model.markup import rewrite_urls
from qingfeng.model.paths import Local, local_url


@pytest.mark.parametrize(
    ("url", "base", "expected"),
    [
        ("media/x.png", "", Local("media/x.png")),
        ("./media/x.png", "", Local("media/x.png")),
        ("img/x.png", "jiafeng", Local("jiafeng/img/x.png")),
        ("../media/x.png", "jiafeng", Local("media/x.png")),
        ("../img/x.png", "jiafeng/a", Local("jiafeng/img/x.png")),  # a page as MkDocs wrote it for jiafeng/a/
        ("media/%E7%85%A7.png?v=1#top", "", Local("media/照.png", "?v=1#top")),
        ("jiafeng/", "", Local("jiafeng/")),
        ("media/x.png", ".", Local("media/x.png")),
    ],
)
def test_local_url_finds_the_file_under_content(url, base, expected):
    assert local_url(url, base) == expected


@pytest.mark.parametrize(
    "url",
    [
        "",
        "#top",
        "?q",
        "https://x.cn/a.png",
        "//x.cn/a.png",
        "/media/x.png",
        "data:image/png;base64,AA",
        "file:///etc/passwd",
        "../x.png",
        "media/../../x.png",
        ".",
        "media\\x.png",
    ],
)
def test_local_url_is_none_for_anything_else(url):
    assert local_url(url, "") is None


def prefixed(url: str) -> str | None:
    return None if url.startswith("https:") else "p/" + url


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<img src="a.png" alt="a">', '<img src="p/a.png" alt="a">'),
        ("<IMG SRC=a.png>", '<IMG SRC="p/a.png">'),
        ("<img alt='x' src = 'a&amp;b.png' >", "<img alt='x' src = \"p/a&amp;b.png\" >"),
        ('<img srcset="a.png 1x, b.png 2x">', '<img srcset="p/a.png 1x, p/b.png 2x">'),
        (
            '<video poster="p.jpg"><source src="v.mp4"></video>',
            '<video poster="p/p.jpg"><source src="p/v.mp4"></video>',
        ),
        ('<img src="https://x.cn/a.png">', '<img src="https://x.cn/a.png">'),
        ('<!-- <img src="a.png"> --><img src="b.png">', '<!-- <img src="a.png"> --><img src="p/b.png">'),
        ('<img data-src="a.png" src="b.png">', '<img data-src="a.png" src="p/b.png">'),
        ('<a href="a.md">a</a>', '<a href="a.md">a</a>'),  # links are not loads
        ("<p>没有标签 src=a.png</p>", "<p>没有标签 src=a.png</p>"),
    ],
)
def test_rewrite_urls_replaces_only_the_values(html, expected):
    assert rewrite_urls(html, prefixed) == expected


def test_rewritten_values_are_escaped():
    assert rewrite_urls('<img src="a.png">', lambda url: '"><script>') == '<img src="&quot;&gt;&lt;script&gt;">'


# Places as each scheme publishes them (model/urls.py): what MkDocs does with a page's file,
# except the printed pages, which are the index of their own folder in both schemes.
@pytest.mark.parametrize(
    ("place", "directory", "flat"),
    [
        (urls.pack("a"), ("packs/a/index.html", "packs/a/"), ("packs/a.html", "packs/a.html")),
        (urls.board("KS01"), ("b/KS01/index.html", "b/KS01/"), ("b/KS01/index.html", "b/KS01/index.html")),
        (urls.case("2025-a"), ("cases/2025-a/index.html", "cases/2025-a/"), ("cases/2025-a/index.html",) * 2),
        (urls.paper("q", "A"), ("quizzes/q/paper/index.html", "quizzes/q/paper/"), ("quizzes/q/paper.html",) * 2),
        (urls.paper("q", "B"), ("quizzes/q/paper/b/index.html", "quizzes/q/paper/b/"), ("quizzes/q/paper/b.html",) * 2),
        (urls.HOME, ("index.html", ""), ("index.html", "index.html")),
    ],
)
def test_places_in_both_schemes(place, directory, flat):
    for scheme, (dest, url) in ((urls.Urls(True), directory), (urls.Urls(False), flat)):
        assert (scheme.dest(place), scheme.url(place)) == (dest, url)


@pytest.mark.parametrize("site", ["https://host.cn/lian/", "https://host.cn/lian"])
def test_printed_urls_keep_the_site_path_and_the_folder_form(site):
    for scheme in (urls.Urls(True, site), urls.Urls(False, site)):
        assert scheme.printed(urls.board("KS01")) == "https://host.cn/lian/b/KS01/"
        assert scheme.printed(urls.case("a")) == "https://host.cn/lian/cases/a/"
        assert scheme.absolute(urls.FEED) == "https://host.cn/lian/feed.xml"
    assert urls.Urls(True).printed(urls.board("KS01")) is None
