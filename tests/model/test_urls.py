"""Author paths as the build places them: where a relative URL points, and rewriting the URLs of raw HTML."""

import pytest
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
