"""The built site is read for personal data before it is published (CONTENT-FORMAT section 8)."""

import json
from pathlib import Path

import pytest
from qingfeng.guard import output
from qingfeng.guard.output import Leak, scan_site

MOBILE = "疑似手机号码（138****5678）"
ID = "疑似身份证号码（110***********002X）"

# Material-style inline icons: geometry full of digit runs, never text.
ICONS = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M138 1234 5678 13812345678 '
    '12 2C6.48 2 2 6.48 2 12s4.48 10 10 10 10-4.48 10-10S17.52 2 12 2m-1 17.93c-3.95-.49-7-3.85-7-7.93"/></svg>'
    '<svg viewBox="0 0 13812345678 11010519491231002"><polygon points="13 8 1 2 3 4 5 6 7 8 9 1 2 3"/>'
    '<g transform="translate(138 1234) scale(5678)"><circle cx="13812345678" cy="5" r="3"/></g></svg>'
)


def page(body: str, head: str = "") -> str:
    return (
        f'<!doctype html><html lang="zh"><head><meta charset="utf-8">{head}<title>案例</title></head>'
        f'<body><header>{ICONS}</header><article class="md-content">{body}</article>'
        '<footer>举报电话 12388 · 2025-03-12 13:45 · <a href="../2025-jlp-hongguang/">下一篇</a></footer>'
        "</body></html>"
    )


def write(root: Path, rel: str, content: str | bytes) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")


def pdf(text: str) -> bytes:
    weasyprint = pytest.importorskip("weasyprint")
    return weasyprint.HTML(string=f"<p>{text}</p>").write_pdf()


def test_pages_with_icons_and_ordinary_numbers_pass(tmp_path):
    write(
        tmp_path, "index.html", page("<p>收受 1,610,000 元，2025年3月12日，第一百零三条，监督电话 0851-12345678。</p>")
    )
    write(tmp_path, "icons.svg", f"<svg>{ICONS}</svg>")
    write(
        tmp_path,
        "cases/a/index.html",
        page('<p><a href="https://www.ccdi.gov.cn/yaowenn/202601/t20260122_448765.html">原文</a></p>'),
    )
    assert scan_site(tmp_path) == []


def test_numbers_in_text_attributes_and_split_by_tags_are_found(tmp_path):
    write(tmp_path, "a/index.html", page("<p>知情人电话 138 1234 5678。</p>"))
    write(tmp_path, "b/index.html", page("<p>正文</p>", head='<meta name="description" content="电话13812345678">'))
    write(tmp_path, "c/index.html", page("<p>电话 138<b>1234</b>5678</p>"))
    write(tmp_path, "d/index.html", page('<p><a href="tel:+8613812345678">拨打</a></p>'))
    write(tmp_path, "e/index.html", page(f'<p><img alt="证件 {"11010519491231002X"}" src="x.png"></p>'))
    write(tmp_path, "f/index.html", page('<p><span data-phone="138-1234-5678">联系</span></p>'))
    write(tmp_path, "g/index.html", page('<p><abbr title="&#49;3812345678">甲</abbr></p>'))
    write(tmp_path, "h/index.html", page('<script>var quiz = {"stem": "\\u7535\\u8bdd\\uff1a13812345678"};</script>'))
    assert scan_site(tmp_path) == [
        Leak("a/index.html", MOBILE),
        Leak("b/index.html", MOBILE),
        Leak("c/index.html", MOBILE),
        Leak("d/index.html", MOBILE),
        Leak("e/index.html", ID),
        Leak("f/index.html", MOBILE),
        Leak("g/index.html", MOBILE),
        Leak("h/index.html", MOBILE),
    ]


def test_one_leak_per_file_and_number(tmp_path):
    head = '<meta name="description" content="13812345678"><meta property="og:description" content="13812345678">'
    write(tmp_path, "a/index.html", page("<p>13812345678，又见 138 1234 5678，另 13912345678</p>", head=head))
    assert scan_site(tmp_path) == [Leak("a/index.html", MOBILE), Leak("a/index.html", "疑似手机号码（139****5678）")]


def test_search_index_feed_and_other_text_outputs(tmp_path):
    index = {
        "config": {"lang": ["zh"], "separator": "[\\s\\-]+"},
        "docs": [
            {"location": "", "title": "首页", "text": "<p>举报电话 12388</p>"},
            {"location": "cases/x/", "title": "案例", "text": "<p>电话 138<strong>1234</strong>5678</p>"},
        ],
    }
    write(tmp_path, "search/search_index.json", json.dumps(index, ensure_ascii=True))
    write(tmp_path, "tags.json", json.dumps({"tags": ["受贿", "2025-03-12"]}))
    write(tmp_path, "data/a.json", json.dumps({"amount": 1610000, "tel": 13812345678, "13912345678": True}))
    feed = (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>清风</title><item>'
        "<title>案例</title><description>&lt;p&gt;电话 138&lt;b&gt;1234&lt;/b&gt;5678&lt;/p&gt;</description>"
        "<pubDate>Wed, 22 Jan 2026 13:45:00 +0800</pubDate></item></channel></rss>"
    )
    write(tmp_path, "feed.xml", feed)
    write(tmp_path, "sitemap.xml", "<urlset><url><loc>https://x.cn/cases/2025-jlp-hongguang/</loc></url></urlset>")
    write(tmp_path, "media/a.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n请拨打 138 1234 5678\n")
    write(tmp_path, "media/b.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n举报电话 12388\n")
    write(tmp_path, "data/a.csv", "年份,金额\n2025,1610000\n")
    write(tmp_path, "data/b.txt", "证件 110105 19491231 002X\n")
    write(tmp_path, "assets/q.js", 'const bank = {"stem": "电话１３８１２３４５６７８"};')
    write(tmp_path, "media/c.svg", '<svg viewBox="0 0 24 24"><text x="1" y="2">电话 138 1234 5678</text></svg>')
    assert scan_site(tmp_path) == [
        Leak("assets/q.js", MOBILE),
        Leak("data/a.json", MOBILE),
        Leak("data/a.json", "疑似手机号码（139****5678）"),
        Leak("data/b.txt", ID),
        Leak("feed.xml", MOBILE),
        Leak("media/a.vtt", MOBILE),
        Leak("media/c.svg", MOBILE),
        Leak("search/search_index.json", MOBILE),
    ]


def test_skipped_folders_are_not_read(tmp_path):
    write(tmp_path, "zh-hant/a/index.html", page("<p>電話 13812345678</p>"))
    write(tmp_path, "a/zh-hant/index.html", page("<p>电话 13812345678</p>"))  # only top-level folders are skipped
    assert scan_site(tmp_path) == [Leak("a/zh-hant/index.html", MOBILE)]
    assert len(scan_site(tmp_path, skip=())) == 2


def test_pdf_text_is_read_and_clean_verdicts_are_cached(tmp_path, monkeypatch):
    site, cache = tmp_path / "site", tmp_path / "cache"
    write(site, "downloads/leak.pdf", pdf("知情人电话 138 1234 5678"))
    write(site, "downloads/clean.pdf", pdf("举报电话 12388，收受 1,610,000 元，2025-03-12"))
    reads = []
    extract = output.pdf_text

    def counting(data: bytes) -> str:
        reads.append(data)
        return extract(data)

    monkeypatch.setattr(output, "pdf_text", counting)
    monkeypatch.setattr(output, "_FORK_ABOVE", 10**12)  # calls are counted in this process only
    assert scan_site(site, cache) == [Leak("downloads/leak.pdf", MOBILE)]
    assert len(reads) == 2
    assert len(list(cache.glob("pdfscan-*.ok"))) == 1  # only the clean one is remembered
    reads.clear()
    assert scan_site(site, cache) == [Leak("downloads/leak.pdf", MOBILE)]
    assert len(reads) == 1  # the clean PDF was not read again; the leaking one is, until fixed
    write(site, "downloads/clean.pdf", pdf("举报电话 12388，另 13912345678"))  # changed content: read again
    reads.clear()
    assert scan_site(site, cache) == [
        Leak("downloads/clean.pdf", "疑似手机号码（139****5678）"),
        Leak("downloads/leak.pdf", MOBILE),
    ]
    assert len(reads) == 2


def test_unreadable_pdf_is_reported(tmp_path):
    write(tmp_path, "downloads/broken.pdf", b"%PDF-1.7 not really")
    leaks = scan_site(tmp_path)
    assert [leak.file for leak in leaks] == ["downloads/broken.pdf"]
    assert "PDF" in leaks[0].message


def test_large_sites_are_split_over_processes(tmp_path, monkeypatch):
    monkeypatch.setattr(output, "_FORK_ABOVE", 0)
    for n in range(12):
        write(tmp_path, f"cases/{n}/index.html", page(f"<p>第 {n} 篇</p>"))
    write(tmp_path, "cases/7/index.html", page("<p>电话 138 1234 5678</p>"))
    assert scan_site(tmp_path) == [Leak("cases/7/index.html", MOBILE)]
