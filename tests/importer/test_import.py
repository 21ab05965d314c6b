"""`qingfeng import`: real .docx files in the house styles offices use, imported into a project,
then checked and built as an editor would."""

from __future__ import annotations

import datetime
import io
import os
import re
import shutil
from pathlib import Path

import docx
import pytest
import yaml
from PIL import Image

from tests.conftest import BODY, FORKER, Site

LESSONS = ["以案说德", "以案说纪", "以案说法", "以案说责"]


def run_import(site: Site, *files: Path, options: tuple[str, ...] = ()):
    args = ["import", *map(str, files), *options, "-f", str(site.root / "mkdocs.yml")]
    return FORKER.run("qingfeng", args, cwd=site.root)


def front(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])


def body(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("---\n", 2)[2].lstrip("\n")


def bold(document, text: str) -> None:
    document.add_paragraph().add_run(text).bold = True


def document_of(title: str, *lines: str):
    """A document with a title in Word's heading style and these paragraphs."""
    document = docx.Document()
    document.add_heading(title, level=1)
    for line in lines:
        document.add_paragraph(line)
    return document


def png(color=(180, 20, 20)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (48, 32), color).save(out, "PNG")
    return out.getvalue()


def heading_styles(path: Path, lessons=LESSONS, amount="161万余元", facts=True) -> Path:
    """Word's own heading styles; facts as 字段：值 lines."""
    document = docx.Document()
    document.add_heading("红光中学原党总支书记王某受贿案", level=1)
    if facts:
        for line in [
            "当事人：王某",
            "职务：重庆市九龙坡区红光中学原党总支书记",
            "身份：一把手",
            "地区：重庆市九龙坡区",
            "领域：教育、校园餐",
            "违纪违法行为：受贿；利用职权为亲属谋利",
            *([f"涉案金额：{amount}"] if amount else []),
            "处理结果：开除党籍、开除公职，移送检察机关",
            "处理时间：2025年3月",
            "摘要：利用职务便利为前妻公司承揽业务并收受财物。",
        ]:
            document.add_paragraph(line)
    document.add_heading("一、案情", level=2)
    document.add_paragraph(BODY["案情"])
    for lesson in lessons:
        document.add_heading(lesson, level=2)
        document.add_paragraph(BODY[lesson])
    document.add_paragraph("来源：重庆日报，2026年1月22日")
    document.save(path)
    return path


def test_heading_styles_and_fact_lines_fill_a_case_that_checks_and_builds(site: Site, tmp_path):
    result = run_import(site, heading_styles(tmp_path / "红光中学.docx"))
    assert result.returncode == 0, result.stdout + result.stderr
    draft = site.root / "cases/2025-jlp-hongguang.md"
    meta = front(draft)
    assert meta == {
        "id": "2025-jlp-hongguang",
        "title": "红光中学原党总支书记王某受贿案",
        "summary": "利用职务便利为前妻公司承揽业务并收受财物。",
        "subject": "王某",
        "position": "重庆市九龙坡区红光中学原党总支书记",
        "role": "一把手",
        "region": "重庆市九龙坡区",
        "sector": ["教育", "校园餐"],
        "violations": ["受贿", "利用职权为亲属谋利"],
        "amount": 1610000,
        "outcome": "开除党籍、开除公职，移送检察机关",
        "date": "2025-03",
        "source": {"publisher": "重庆日报", "date": datetime.date(2026, 1, 22)},
    }
    assert "# 原文“161万余元”，按 1610000 元填写，请核对" in draft.read_text(encoding="utf-8")
    assert [line for line in body(draft).splitlines() if line.startswith("## ")] == [
        "## 案情",
        *(f"## {lesson}" for lesson in LESSONS),
    ]
    assert "cases/2025-jlp-hongguang.md ← 红光中学.docx" in result.stdout
    assert "内容检查通过：1 个案例" in result.stdout
    page = site.built() / "cases/2025-jlp-hongguang/index.html"
    card = re.search(r'aria-label="案件要素".*?</dl>', page.read_text(encoding="utf-8"), re.DOTALL)
    assert card, "the facts card"
    for shown in ("重庆市九龙坡区红光中学原党总支书记", "重庆市九龙坡区", "开除党籍、开除公职，移送检察机关"):
        assert shown in card.group(0)


def test_bold_and_numbered_headings_with_colons(site: Site, tmp_path):
    document = docx.Document()
    bold(document, "某县交通局原局长李某违规收受礼金案")
    document.add_paragraph("当事人：李某")
    bold(document, "一、案情：")
    document.add_paragraph(BODY["案情"])
    bold(document, "（一）以案说德")
    document.add_paragraph(BODY["以案说德"])
    document.add_paragraph("1. 以案说纪")
    document.add_paragraph(BODY["以案说纪"])
    document.add_paragraph("以案说法：" + BODY["以案说法"])  # the heading opens the paragraph
    bold(document, "第五部分 以案说责")
    document.add_paragraph(BODY["以案说责"])
    bold(document, "二、以案促改")
    document.add_paragraph("建立食堂采购公示制度。")
    document.add_paragraph("思考题")
    document.add_paragraph("如何管好身边人？", style="List Number")
    document.add_paragraph("怎样把好采购关？", style="List Number")
    document.save(tmp_path / "a.docx")
    run_import(site, tmp_path / "a.docx")
    [draft] = (site.root / "cases").glob("*.md")
    text = body(draft)
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == ["## 案情", *(f"## {lesson}" for lesson in LESSONS), "## 整改", "## 讨论"]
    assert BODY["以案说法"] in text
    assert "- 如何管好身边人？\n- 怎样把好采购关？" in text
    assert front(draft)["title"] == "某县交通局原局长李某违规收受礼金案"


def test_several_facts_on_one_line_and_decorated_headings(site: Site, tmp_path):
    document = document_of("某局原局长孙某受贿案", "姓名：孙某 职务：某局原局长；身份：一把手")
    for heading in ["【案情】", "◆以案说德", "■以案说纪", "★以案说法", "【以案说责】"]:
        bold(document, heading)
        document.add_paragraph("内容。")
    document.save(tmp_path / "s.docx")
    run_import(site, tmp_path / "s.docx")
    [draft] = (site.root / "cases").glob("*.md")
    meta = front(draft)
    assert (meta["subject"], meta["position"], meta["role"]) == ("孙某", "某局原局长", "一把手")
    assert [line for line in body(draft).splitlines() if line.startswith("## ")] == [
        "## 案情",
        *(f"## {lesson}" for lesson in LESSONS),
    ]


def test_a_document_in_traditional_script(site: Site, tmp_path):
    document = document_of("某市國資委原主任張某受賄案", "當事人：張某", "處理時間：2024年12月", "領域：國有企業、金融")
    sections = [("一、案情", "張某收受財物。"), ("以案說德", "德。"), ("以案説紀", "紀。"), ("以案說法", "法。")]
    for heading, text in sections:
        document.add_heading(heading, level=2)
        document.add_paragraph(text)
    bold(document, "以案說責：")
    document.add_paragraph("責。")
    document.add_heading("懺悔書摘錄", level=2)
    document.add_paragraph("我辜負了組織的培養。")
    document.save(tmp_path / "t.docx")
    run_import(site, tmp_path / "t.docx")
    [draft] = (site.root / "cases").glob("*.md")
    meta = front(draft)
    assert meta["subject"] == "張某" and meta["date"] == "2024-12" and meta["sector"] == ["國有企業", "金融"]
    assert [line for line in body(draft).splitlines() if line.startswith("## ")] == [
        "## 案情",
        *(f"## {lesson}" for lesson in LESSONS),
        "## 忏悔",
    ]
    assert "我辜負了組織的培養。" in body(draft)  # the text keeps its script; the site converts it


def test_a_facts_table(site: Site, tmp_path):
    document = docx.Document()
    document.add_heading("某区卫健委原副主任赵某案", level=1)
    table = document.add_table(rows=0, cols=4)
    for row in [
        ("当事人", "赵某", "原职务", "某区卫健委原副主任"),
        ("身份", "班子成员", "地区", "贵州省贵阳市"),
        ("涉案金额", "三万六千元", "信息来源", "贵州日报 2025-11-30 https://www.example.gov.cn/a.html"),
        ("性别", "男", "违纪违法行为", "违规收受礼金、违规吃喝"),
    ]:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    document.add_heading("案情", level=2)
    document.add_paragraph("赵某多次收受礼金。")
    document.save(tmp_path / "z.docx")
    result = run_import(site, tmp_path / "z.docx")
    [draft] = (site.root / "cases").glob("*.md")
    meta = front(draft)
    assert meta["subject"] == "赵某" and meta["position"] == "某区卫健委原副主任"
    assert meta["role"] == "班子成员" and meta["region"] == "贵州省贵阳市" and meta["amount"] == 36000
    assert meta["violations"] == ["违规收受礼金", "违规吃喝"]
    assert meta["source"] == {
        "publisher": "贵州日报",
        "date": datetime.date(2025, 11, 30),
        "url": "https://www.example.gov.cn/a.html",
    }
    assert "未导入：性别：男" in result.stdout
    assert draft.name == "gy-mouqu.md"  # no date given: the region's initials and the title's pinyin


def test_a_picture_is_extracted_and_the_case_builds_with_it(site: Site, tmp_path):
    path = heading_styles(tmp_path / "p.docx")
    document = docx.Document(path)
    document.paragraphs[-1].insert_paragraph_before().add_run().add_picture(io.BytesIO(png()))
    document.save(path)
    result = run_import(site, path)
    assert result.returncode == 0, result.stdout
    picture = site.root / "content/media/2025-jlp-hongguang/1.png"
    assert picture.read_bytes() == png()
    assert "![图1](media/2025-jlp-hongguang/1.png)" in body(site.root / "cases/2025-jlp-hongguang.md")
    site.built()
    assert (site.root / "site/media/2025-jlp-hongguang/1.png").read_bytes() == png()


def test_comments_are_dropped_and_a_table_of_the_text_stays_a_table(site: Site, tmp_path):
    path = heading_styles(tmp_path / "c.docx")
    document = docx.Document(path)
    anchor = next(p for p in document.paragraphs if p.text == BODY["案情"])
    document.add_comment(anchor.runs, text="批注：此处金额待核实", author="审核人")
    table = document.add_table(rows=3, cols=2)
    for row, (year, count) in zip(table.rows, [("年份", "次数"), ("2023", "3"), ("2024", "5")], strict=True):
        row.cells[0].text, row.cells[1].text = year, count
    anchor._p.addnext(table._tbl)  # right after the facts of the case, inside 案情
    document.save(path)
    assert run_import(site, path).returncode == 0
    text = body(site.root / "cases/2025-jlp-hongguang.md")
    assert "批注" not in text and "审核人" not in text
    assert "| 年份 | 次数 |\n| --- | --- |\n| 2023 | 3 |\n| 2024 | 5 |" in text.split("## 以案说德")[0]
    page = (site.built() / "cases/2025-jlp-hongguang/index.html").read_text(encoding="utf-8")
    assert re.search(r"<table>.*<td>2024</td>\s*<td>5</td>", page, re.DOTALL)


def test_a_missing_lesson_and_no_amount_leave_an_honest_draft(site: Site, tmp_path):
    path = heading_styles(tmp_path / "m.docx", lessons=["以案说德", "以案说纪", "以案说法"], amount=None)
    result = run_import(site, path)
    assert result.returncode == 1
    draft = site.root / "cases/2025-jlp-hongguang.md"
    assert "amount" not in front(draft)
    assert "待补充：章节“以案说责”" in result.stdout
    assert "cases/2025-jlp-hongguang.md: 标题“## 以案说责”: 缺少必需的二级标题" in result.stderr


def test_fields_it_cannot_find_are_left_empty_for_the_check(site: Site, tmp_path):
    result = run_import(site, heading_styles(tmp_path / "e.docx", facts=False))
    [draft] = (site.root / "cases").glob("*.md")
    text = draft.read_text(encoding="utf-8")
    for key in ("summary", "subject", "position", "role", "region", "sector", "violations", "outcome", "date"):
        assert re.search(rf"^{key}:  # 待补充$", text, re.MULTILINE), key
    assert re.search(r"^  date:  # 待补充", text, re.MULTILINE) is None  # the source line gives its date
    assert result.returncode == 1
    assert "字段 summary" in result.stderr and "字段 role" in result.stderr
    assert "待补充：摘要、当事人、职务、身份、地区、领域、违纪违法行为、处理结果、处理时间" in result.stdout


def test_a_full_name_and_personal_data_are_pointed_out(site: Site, tmp_path):
    document = docx.Document(heading_styles(tmp_path / "n.docx"))
    document.paragraphs[1].text = "当事人：王小明"
    document.add_paragraph("联系人手机 138 1234 5678")
    document.save(tmp_path / "n.docx")
    result = run_import(site, tmp_path / "n.docx")
    assert "当事人写的是全名“王小明”：非公众人物只能写作“王某”" in result.stdout
    lines = (site.root / "cases/2025-jlp-hongguang.md").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if "138 1234" in text)
    assert f"cases/2025-jlp-hongguang.md: 第 {line} 行: 疑似手机号码（138****5678），个人信息不得发布" in result.stderr


def test_text_that_looks_like_markup_stays_text(site: Site, tmp_path):
    path = heading_styles(tmp_path / "x.docx")
    document = docx.Document(path)
    typed = "他说：<script>alert(1)</script> *不是* [链接](javascript:x) & 1. 不是列表"
    document.paragraphs[-1].insert_paragraph_before(typed)
    document.save(path)
    assert run_import(site, path).returncode == 0
    page = (site.built() / "cases/2025-jlp-hongguang/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; *不是* [链接](javascript:x) &amp; 1. 不是列表" in page
    assert "<script>alert" not in page and 'href="javascript' not in page


def test_old_doc_files_and_broken_files_get_one_line_each(site: Site, tmp_path):
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04not really a zip")
    (tmp_path / "notes.docx").write_text("just text", encoding="utf-8")
    result = run_import(site, tmp_path / "old.doc", tmp_path / "broken.docx", tmp_path / "notes.docx")
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert "old.doc：这是旧版 Word 格式（.doc）或加密的文档：请在 WPS 或 Word 中“另存为” .docx" in lines[0]
    assert "broken.docx：文件已损坏，无法打开" in lines[1]
    assert "notes.docx：不是 Word 文档（.docx）" in lines[2]
    assert "Traceback" not in result.stdout + result.stderr
    assert not list((site.root / "cases").glob("*.md"))


def test_nothing_is_overwritten_and_nothing_is_imported_twice(site: Site, tmp_path):
    site.case("2025-jlp-hongguang")
    existing = (site.root / "cases/2025-jlp-hongguang.md").read_text(encoding="utf-8")
    path = heading_styles(tmp_path / "h.docx")
    run_import(site, path)
    assert (site.root / "cases/2025-jlp-hongguang.md").read_text(encoding="utf-8") == existing
    assert front(site.root / "cases/2025-jlp-hongguang-2.md")["id"] == "2025-jlp-hongguang-2"
    again = run_import(site, path)
    assert "h.docx：已经导入过（cases/2025-jlp-hongguang-2.md），未重复导入" in again.stdout
    assert sorted(p.name for p in (site.root / "cases").glob("*.md")) == [
        "2025-jlp-hongguang-2.md",
        "2025-jlp-hongguang.md",
    ]


def test_a_hostile_region_never_leads_the_draft_out_of_the_project(site: Site, tmp_path):
    path = heading_styles(tmp_path / "r.docx")
    document = docx.Document(path)
    region = next(p for p in document.paragraphs if p.text.startswith("地区："))
    region.text = "地区：贵州省/../../../../../../tmp/逃逸/a"
    document.save(path)
    run_import(site, path)
    [draft] = (site.root / "cases").glob("*.md")
    assert re.fullmatch(r"[a-z0-9-]+\.md", draft.name), draft.name
    assert front(draft)["id"] == draft.stem


def test_odd_file_names_are_imported_once(site: Site, tmp_path):
    path = heading_styles(tmp_path / "h.docx")
    odd = [os.fsencode(tmp_path) + b"/\xb0\xa1gbk.docx", tmp_path / "王 某  案 #1.docx"]  # GBK bytes; spaces, #
    for name in odd:
        shutil.copy(path, name)
        first, again = run_import(site, Path(os.fsdecode(name))), run_import(site, Path(os.fsdecode(name)))
        assert "Traceback" not in first.stdout + first.stderr
        assert "已经导入过" in again.stdout, again.stdout
    assert len(list((site.root / "cases").glob("*.md"))) == 2


def test_an_id_in_the_lock_is_never_given_again(site: Site, tmp_path):
    url = "https://lian.qingfeng.test/cases/2025-jlp-hongguang/"
    lock = f"cases:\n  2025-jlp-hongguang: {{url: {url}, first_built: 2026-01-01, retired: jiafeng/index.md}}\n"
    site.write("site_config/qr-lock.yml", lock)
    run_import(site, heading_styles(tmp_path / "l.docx"))
    assert [p.name for p in (site.root / "cases").glob("*.md")] == ["2025-jlp-hongguang-2.md"]


def test_a_jiafeng_page_and_a_board(site: Site, tmp_path):
    text = "一粥一饭，当思来处不易；半丝半缕，恒念物力维艰。"
    document = document_of("朱子家训（节选）", "作者：朱柏庐", "朝代：明", text)
    document.save(tmp_path / "j.docx")
    result = run_import(site, tmp_path / "j.docx", options=("--kind", "家风"))
    [page] = (site.root / "content/jiafeng").glob("*.md")
    assert front(page) == {"kind": "家训", "author": "朱柏庐", "era": "明"}
    assert body(page).startswith("# 朱子家训（节选）\n\n一粥一饭，当思来处不易")
    assert result.returncode == 0, result.stdout + result.stderr

    site.write("site_config/parks.yml", "parks:\n  - {id: kushan, name: 枯山湿地廉洁文化主题公园}\n")
    board = docx.Document()
    bold(board, "羊续悬鱼")
    board.add_paragraph("编码：KS09")
    board.add_paragraph("主题：廉洁典故")
    board.add_paragraph("东汉时，羊续任南阳太守，把府丞送来的鱼挂在院中。")
    board.save(tmp_path / "b.docx")
    result = run_import(site, tmp_path / "b.docx", options=("--kind", "board", "--park", "kushan"))
    assert result.returncode == 0, result.stdout + result.stderr
    meta = front(site.root / "content/park/kushan/ks09.md")
    assert meta == {"board": "KS09", "title": "羊续悬鱼", "theme": "廉洁典故"}
    assert (site.built() / "b/KS09/index.html").is_file()


@pytest.mark.parametrize(
    ("written", "yuan", "noted"),
    [("161万余元", 1610000, True), ("3.6万元", 36000, False), ("三万六千元", 36000, False), ("1,200元", 1200, False)],
)
def test_amounts(written, yuan, noted):
    from qingfeng.importer.recognize import amount

    found = amount(written)
    assert found.value == yuan and bool(found.note) == noted


@pytest.mark.parametrize(
    ("written", "iso"),
    [("2025年3月", "2025-03"), ("2025年3月5日", "2025-03-05"), ("二〇二五年十二月", "2025-12"), ("2025", "2025"),
     ("2025年2月30日", None)],
)
def test_dates(written, iso):
    from qingfeng.importer.recognize import date

    assert date(written).value == iso
