"""Booklets, pack and quiz PDFs, built for real and read back."""

import re
import subprocess
import unicodedata

import pdfplumber
import pytest
import yaml
from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTCollection
from PIL import ImageStat
from pypdf import PdfReader

from tests.conftest import BODY, case_body, markdown, shared
from tests.qr_decode import decode, render_pdf_page

A5 = (419.5, 595.3)
A4 = (595.3, 841.9)
TITLES = {
    "2025-a": "甲校原书记受贿案",
    "2024-b": "乙院原院长受贿案",
    "2023-c": "丙局原科长挪用案",
    "2022-d": "丁镇原站长贪污案",
}
NOTO = {
    "Noto Serif CJK SC": "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "Noto Sans CJK SC": "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
}


def long_text(word, sentences=12):
    return "".join(f"{word}在工作中利用职务便利谋取利益，纪检监察机关依纪依法严肃处理。" for _ in range(sentences))


@pytest.fixture(scope="module")
def booklets(new_site):
    """Four cases, a pack, a page, a bank and two booklets, built once: the tests here only read them."""
    site = new_site("booklets")
    for n, (case_id, title) in enumerate(TITLES.items()):
        # Long enough that the booklet renders in two parts, joined and numbered afterwards.
        sections = {**BODY, "案情": long_text(title, 100), "以案说德": long_text("德"), "讨论": f"- {title}的讨论题？"}
        if n == 1:
            sections["忏悔"] = "> 我辜负了组织的培养，悔之晚矣。"
        site.case(
            case_id,
            title=title,
            date=f"{2025 - n}-0{n + 1}",
            sector=["教育"] if n < 3 else ["农业"],
            body=case_body(sections),
            questions=[{"id": "q", "type": "judge", "stem": f"{title}题？", "answer": True}],
        )
    site.write(
        "content/packs/p.md",
        markdown(
            {"pack": "jiaoyu", "title": "教育系统学习包", "cases": ["2024-b", "2022-d"], "quiz": True},
            "## 会议议程\n\n主持人讲话。\n",
        ),
    )
    site.write(
        "content/jiafeng/zhuzi.md", markdown({"kind": "家训", "pinyin": True}, "# 朱子家训\n\n黎明即起，洒扫庭除。\n")
    )
    site.write(
        "content/quizzes/bank.yml",
        yaml.safe_dump(
            {
                "id": "lz",
                "title": "廉政知识测试",
                "questions": [
                    {
                        "id": f"q{n}",
                        "type": "single",
                        "stem": f"第{n}题？",
                        "options": ["甲", "乙", "丙"],
                        "answer": "B",
                        "explain": "解析。",
                    }
                    for n in range(1, 6)
                ],
            },
            allow_unicode=True,
        ),
    )
    site.write(
        "site_config/booklets.yml",
        yaml.safe_dump(
            {
                "booklets": [
                    {
                        "id": "jingshilu",
                        "title": "警示录",
                        "subtitle": "以身边案教育身边人",
                        "issuer": "某某县纪委监委 编印",
                        "imposition": "saddle",
                        "contents": [
                            {"cases": {"sector": "教育"}},
                            {"pack": "jiaoyu"},
                            {"page": "jiafeng/zhuzi.md"},
                            {"confessions": {"sector": "教育"}},
                        ],
                    },
                    {"id": "a4", "title": "家风读本", "paper": "A4", "contents": [{"page": "jiafeng/zhuzi.md"}]},
                ]
            },
            allow_unicode=True,
        ),
    )
    with shared(site):
        yield site, site.root / "site"


def size(page):
    return (round(float(page.mediabox.width), 1), round(float(page.mediabox.height), 1))


def texts(pdf):
    with pdfplumber.open(pdf) as doc:
        return [page.extract_text() or "" for page in doc.pages]


def test_page_sizes(booklets):
    _, site_dir = booklets
    assert {size(p) for p in PdfReader(site_dir / "downloads/jingshilu.pdf").pages} == {A5}
    assert {size(p) for p in PdfReader(site_dir / "downloads/a4.pdf").pages} == {A4}
    assert {size(p) for p in PdfReader(site_dir / "downloads/packs/jiaoyu.pdf").pages} == {A5}
    assert {size(p) for p in PdfReader(site_dir / "downloads/quizzes/lz-A.pdf").pages} == {A4}


def test_cover_toc_chapters_and_text_in_order(booklets):
    _, site_dir = booklets
    pages = texts(site_dir / "downloads/jingshilu.pdf")
    assert "警示录" in pages[0] and "以身边案教育身边人" in pages[0] and "某某县纪委监委" in pages[0]
    assert pages[1].split("\n")[1].strip() == "目录"
    whole = "".join(pages)
    for title in TITLES.values():
        assert title in whole
    # Chapters start on a page of their own, newest case first within the filter, then the pack
    # and its case not printed yet (丁), the page and the confessions.
    starts = [page.split("\n")[1].strip() for page in pages[2:]]
    chapters = [line for line in starts if line in (*TITLES.values(), "教育系统学习包", "朱子家训", "忏悔录")]
    assert chapters == [
        "甲校原书记受贿案",
        "乙院原院长受贿案",
        "丙局原科长挪用案",
        "教育系统学习包",
        "丁镇原站长贪污案",
        "朱子家训",
        "忏悔录",
    ]
    assert "我辜负了组织的培养" in pages[-1]
    for page in pages[2:]:
        assert page.split("\n")[0].strip() == "警示录"  # running header


def test_table_of_contents_page_numbers_match_where_chapters_start(booklets):
    _, site_dir = booklets
    pages = texts(site_dir / "downloads/jingshilu.pdf")
    entries = re.findall(r"^(.+?)\s*\.{3,}\s*(\d+)$", pages[1], re.M)
    assert len(entries) == 7
    for title, number in entries:
        page = pages[int(number) - 1].split("\n")
        assert page[1].strip() == title.strip(), (title, number)  # line 0 is the running header
    for number, text in enumerate(pages[1:], start=2):
        assert text.split("\n")[-1].strip() == str(number)  # every page but the cover shows its number
    assert not re.search(r"\d", pages[0].replace("2026", ""))  # the cover shows no page number


def test_table_of_contents_entries_link_to_their_pages(booklets):
    _, site_dir = booklets
    reader = PdfReader(site_dir / "downloads/jingshilu.pdf")
    links = [a.get_object() for a in reader.pages[1].get("/Annots", [])]
    with pdfplumber.open(site_dir / "downloads/jingshilu.pdf") as doc:
        toc = doc.pages[1]
        lines = {round(float(toc.height) - float(link["/Rect"][3])): link for link in links}
        assert len(lines) == 7
        for top, link in lines.items():
            # The link covers the entry's line, whose number names the page the link goes to.
            words = [w["text"] for w in toc.extract_words() if top - 2 <= w["top"] <= top + 14]
            target = reader.get_page_number(link["/Dest"][0].get_object()) + 1
            assert words[-1] == str(target), (words, target)


def test_a_pack_chapter_gives_the_pages_of_its_cases(booklets):
    _, site_dir = booklets
    pages = texts(site_dir / "downloads/jingshilu.pdf")
    pack = next(text for text in pages if text.split("\n")[1] == "教育系统学习包")
    refs = dict(re.findall(r"^\d+\.\s*(\S+?受贿案|\S+?贪污案)（第\s*(\d+)\s*页）", pack, re.M))
    assert set(refs) == {"乙院原院长受贿案", "丁镇原站长贪污案"}
    for title, number in refs.items():
        assert pages[int(number) - 1].split("\n")[1] == title


def test_fonts_are_embedded_subsets_of_the_simplified_chinese_family(booklets):
    _, site_dir = booklets
    for pdf in ("jingshilu.pdf", "a4.pdf", "packs/jiaoyu.pdf", "quizzes/lz-B.pdf"):
        listing = subprocess.run(
            ["pdffonts", str(site_dir / "downloads" / pdf)], capture_output=True, text=True, check=True
        ).stdout.splitlines()[2:]
        assert listing
        for line in listing:
            name, emb, sub = line.split()[0], line.split()[-5], line.split()[-4]
            assert re.fullmatch(r"[A-Z]{6}\+Noto-(Sans|Serif)-CJK-SC(-Bold)?", name), line
            assert (emb, sub) == ("yes", "yes"), line
        # Each subset (one per part rendered on its own, one for the stamped page numbers) has its own name.
        names = [line.split()[0] for line in listing]
        assert len(set(names)) == len(names), names
        if pdf == "jingshilu.pdf":  # rendered in two parts, plus the digits for page numbers
            assert sum("Serif" in name for name in names) == 3, names


def test_every_chinese_character_is_drawn_from_a_font_that_has_it(booklets):
    """No tofu: each CJK character is set in a Noto SC face whose character map covers it."""
    _, site_dir = booklets
    faces = {}
    for family, path in NOTO.items():
        collection = TTCollection(path)
        font = next(f for f in collection.fonts if family in f["name"].getDebugName(1))
        faces[family.replace(" ", "-")] = font.getBestCmap()
    with pdfplumber.open(site_dir / "downloads/jingshilu.pdf") as doc:
        for page in doc.pages:
            for char in page.chars:
                if unicodedata.category(char["text"]).startswith("Lo"):
                    family = next(f for f in faces if f in char["fontname"])
                    assert ord(char["text"]) in faces[family], char["text"]


def test_cover_and_a_chapter_page_render_with_ink(booklets):
    _, site_dir = booklets
    pdf = site_dir / "downloads/jingshilu.pdf"
    cover = render_pdf_page(pdf, dpi=50, page=1).convert("L")
    chapter = render_pdf_page(pdf, dpi=50, page=3).convert("L")
    assert ImageStat.Stat(cover).mean[0] < 128  # the cover is mostly dark red
    dark = chapter.histogram()[:128]
    assert 0.005 < sum(dark) / (chapter.size[0] * chapter.size[1]) < 0.4  # text: neither blank nor solid


def test_each_case_chapter_carries_a_qr_code_to_its_page(booklets):
    _, site_dir = booklets
    pages = texts(site_dir / "downloads/jingshilu.pdf")
    number = next(i for i, text in enumerate(pages) if text.split("\n")[1].strip() == "甲校原书记受贿案") + 1
    found = decode(render_pdf_page(site_dir / "downloads/jingshilu.pdf", dpi=300, page=number))
    assert found == ["https://lian.qingfeng.test/cases/2025-a/"]


def test_page_numbers_are_centred_in_the_bottom_margin_the_text_stops_at(booklets):
    """The one bottom margin (FOOTER.margin) both ends the text block and holds the page number."""
    from qingfeng.booklets.plugin import FOOTER

    _, site_dir = booklets
    margin = FOOTER.margin * 72 / 25.4  # pt
    serif = next(f for f in TTCollection(NOTO["Noto Serif CJK SC"]).fonts if "SC" in f["name"].getDebugName(1))
    glyphs, cmap, em = serif.getGlyphSet(), serif.getBestCmap(), serif["head"].unitsPerEm
    lowest = []
    with pdfplumber.open(site_dir / "downloads/jingshilu.pdf") as doc:
        for number, page in enumerate(doc.pages[1:], start=2):
            width, height = float(page.width), float(page.height)
            footer = [c for c in page.chars if c["top"] > height - margin]
            body = [c for c in page.chars if c not in footer]
            assert "".join(c["text"] for c in footer) == str(number)
            assert all(c["size"] == pytest.approx(FOOTER.size, abs=0.01) for c in footer)
            # Ink of the digits as the face draws them, from the baseline the number was stamped on.
            baseline = footer[0]["matrix"][5]
            ink = []
            for char in footer:
                pen = BoundsPen(glyphs)
                glyphs[cmap[ord(char["text"])]].draw(pen)
                ink.append(pen.bounds)
            low = baseline + min(b[1] for b in ink) / em * FOOTER.size
            high = baseline + max(b[3] for b in ink) / em * FOOTER.size
            assert (low + high) / 2 == pytest.approx(margin / 2, abs=0.3), number  # pt from the bottom edge
            assert (footer[0]["x0"] + footer[-1]["x1"]) / 2 == pytest.approx(width / 2, abs=0.5)
            lowest.append(max(c["bottom"] for c in body))
    # No text runs into the margin, and the fullest page's last line (its descent and half-leading
    # some 4pt above the line's foot) ends at it.
    assert height - margin - 10 <= max(lowest) <= height - margin


def footer_numbers(page, half):
    """Page numbers printed at the bottom of one half of an imposed sheet side."""
    width, height = float(page.width), float(page.height)
    box = (0, height * 0.93, width / 2, height) if half == "left" else (width / 2, height * 0.93, width, height)
    return [w["text"] for w in page.within_bbox(box).extract_words() if w["text"].isdigit()]


def test_saddle_imposition_order(booklets):
    _, site_dir = booklets
    single = len(PdfReader(site_dir / "downloads/jingshilu.pdf").pages)
    total = -(-single // 4) * 4
    with pdfplumber.open(site_dir / "downloads/jingshilu-print.pdf") as doc:
        assert len(doc.pages) == total // 2
        assert (round(float(doc.pages[0].width), 1), round(float(doc.pages[0].height), 1)) == (A4[1], A4[0])
        front = doc.pages[0]
        left_text = front.within_bbox((0, 0, front.width / 2, front.height)).extract_text() or ""
        right_text = front.within_bbox((front.width / 2, 0, front.width, front.height)).extract_text() or ""
        assert "警示录" in right_text and "以身边案教育身边人" in right_text  # the cover on the right
        last = texts(site_dir / "downloads/jingshilu.pdf")[-1] if total == single else ""
        assert left_text.strip() == last.strip()  # the last page (or a blank) on the left
        for sheet in range(total // 4):
            expected = [(total - 2 * sheet, 2 * sheet + 1), (2 * sheet + 2, total - 2 * sheet - 1)]
            for side, (left, right) in zip(doc.pages[2 * sheet : 2 * sheet + 2], expected, strict=True):
                for half, number in (("left", left), ("right", right)):
                    printed = footer_numbers(side, half)
                    # the cover and padding pages carry no number
                    assert printed == ([str(number)] if 1 < number <= single else []), (sheet, half, number)


def test_pack_and_quiz_pdfs_and_their_links(booklets):
    site, site_dir = booklets
    pack = texts(site_dir / "downloads/packs/jiaoyu.pdf")
    assert "教育系统学习包" in pack[0] and "主持人讲话" in "".join(pack)
    assert "乙院原院长受贿案" in "".join(pack) and "甲校原书记受贿案" not in "".join(pack)
    paper = texts(site_dir / "downloads/quizzes/lz-A.pdf")
    assert "姓名" in paper[0] and "第1题？" in "".join(paper)
    key = next(i for i, t in enumerate(paper) if "参考答案与解析" in t)
    assert key > 0 and paper[key].strip().startswith("参考答案与解析")
    assert 'href="../../downloads/packs/jiaoyu.pdf"' in site.html("packs/jiaoyu/index.html")
    assert 'href="../../downloads/quizzes/lz-A.pdf"' in site.html("quizzes/lz/index.html")


def test_downloads_page_lists_every_pdf_with_pages_and_size(booklets):
    site, site_dir = booklets
    html = site.html("downloads/index.html")
    pdfs = sorted(p.relative_to(site_dir / "downloads").as_posix() for p in (site_dir / "downloads").rglob("*.pdf"))
    assert len(pdfs) == 6
    for pdf in pdfs:
        pages = len(PdfReader(site_dir / "downloads" / pdf).pages)
        row = re.search(rf'href="{re.escape(pdf)}">.*?</tr>', html, re.S).group(0)
        assert f"<td>{pages} 页</td>" in row
        assert re.search(r"<td>\d+ KB</td>|<td>[\d.]+ MB</td>", row)


def test_unchanged_booklets_are_not_rendered_again(booklets, tmp_path):
    # Rebuilt in a copy, cache included: the shared site stays as the other tests read it.
    site = booklets[0].copy(tmp_path)
    cache = site.root / ".cache/qingfeng"
    before = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}
    result = site.build(fresh=True)  # a new interpreter: cache keys must not depend on hash order
    assert result.returncode == 0
    assert {p.name: p.stat().st_mtime_ns for p in cache.iterdir()} == before


def test_a_printed_page_has_neither_pinyin_nor_permalink_marks(booklets):
    """WeasyPrint has no ruby layout: pinyin would run inline between the characters."""
    _, site_dir = booklets
    page = next(t for t in texts(site_dir / "downloads/jingshilu.pdf") if "朱子家训" in t.split("\n")[1])
    assert "黎明即起，洒扫庭除。" in page
    assert "¶" not in page and not re.search(r"[a-zāáǎà]", page)
    assert "<ruby>" in (site_dir / "jiafeng/zhuzi/index.html").read_text(encoding="utf-8")  # the web page has it
