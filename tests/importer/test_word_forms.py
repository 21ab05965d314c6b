"""`qingfeng import` on what Word and WPS write besides plain runs: tracked changes, content
controls, fields, text boxes, nested tables, pictures in cells and in VML; and on the ways
offices write headings, questions, sources and amounts that a first reading got wrong."""

from __future__ import annotations

import copy
import datetime
import html
import io
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from PIL import Image
from qingfeng.importer.recognize import amount, date, source
from qingfeng.importer.word import MAX_PARAGRAPHS, Paragraph, Table, read

from tests.conftest import BODY, Site
from tests.importer.test_import import LESSONS, body, bold, document_of, front, run_import

NS = nsdecls("w", "r", "wp", "a", "pic")
MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
WPS = 'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
VML = 'xmlns:v="urn:schemas-microsoft-com:vml"'


def png(color) -> io.BytesIO:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), color).save(out, "PNG")
    out.seek(0)
    return out


def run(text: str) -> str:
    return f"<w:r><w:t xml:space='preserve'>{text}</w:t></w:r>"


def paragraph_xml(inner: str) -> str:
    return f"<w:p {NS}>{inner}</w:p>"


def append(document, xml: str) -> None:
    """A body element before the section properties, as Word places it."""
    document.element.body.sectPr.addprevious(parse_xml(xml))


def text_box(text: str) -> str:
    """A run holding a DrawingML text box with a VML fallback, as Word 2010 and later save one."""
    box = f"<w:txbxContent>{paragraph_xml(run(text))}</w:txbxContent>"
    return (
        f"<w:r {NS} {MC} {WPS} {VML}><mc:AlternateContent><mc:Choice Requires='wps'><w:drawing>"
        "<wp:anchor distT='0' distB='0' distL='0' distR='0' simplePos='0' relativeHeight='1' behindDoc='0'"
        " locked='0' layoutInCell='1' allowOverlap='1'><wp:simplePos x='0' y='0'/>"
        "<wp:positionH relativeFrom='column'><wp:posOffset>0</wp:posOffset></wp:positionH>"
        "<wp:positionV relativeFrom='paragraph'><wp:posOffset>0</wp:posOffset></wp:positionV>"
        "<wp:extent cx='1000000' cy='500000'/><wp:wrapNone/><wp:docPr id='9' name='文本框 9'/>"
        "<a:graphic><a:graphicData uri='http://schemas.microsoft.com/office/word/2010/wordprocessingShape'>"
        f"<wps:wsp><wps:txbx>{box}</wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor>"
        f"</w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict>"
        "</mc:Fallback></mc:AlternateContent></w:r>"
    )


def containers(path: Path) -> Path:
    document = docx.Document()
    document.add_heading("某局原局长赵某受贿案", level=1)
    inserted = f"<w:ins w:id='1' w:author='审核'>{run('修订插入的文字')}</w:ins>"
    deleted = "<w:del w:id='2' w:author='审核'><w:r><w:delText>已删除的文字</w:delText></w:r></w:del>"
    append(document, paragraph_xml(run("甲") + inserted + deleted))
    append(document, paragraph_xml(f"<w:sdt><w:sdtContent>{run('内容控件中的文字')}</w:sdtContent></w:sdt>"))
    append(document, f"<w:sdt {NS}><w:sdtContent>{paragraph_xml(run('块级控件中的段落'))}</w:sdtContent></w:sdt>")
    append(document, paragraph_xml(f"<w:fldSimple w:instr=' DATE '>{run('域的结果文字')}</w:fldSimple>"))
    append(document, paragraph_xml(f"<w:smartTag w:uri='u' w:element='place'>{run('智能标记文字')}</w:smartTag>"))
    append(document, paragraph_xml(run("正文中有文本框") + text_box("文本框里的文字")))
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "外层单元格"
    inner = table.cell(0, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "内层表格甲"
    inner.cell(0, 1).text = "内层表格乙"
    table.cell(0, 0).paragraphs[0].add_run().add_picture(png((200, 30, 30)))
    rid, _ = document.part.get_or_add_image(png((30, 30, 200)))
    append(document, paragraph_xml(
        f"<w:r><w:pict {VML}><v:shape alt='旧式图片'><v:imagedata r:id='{rid}'/></v:shape></w:pict></w:r>"
    ))
    document.save(path)
    return path


def test_text_in_tracked_changes_controls_fields_tags_boxes_and_nested_tables_is_read(tmp_path):
    found = read(containers(tmp_path / "c.docx"))
    texts = [block.text for block in found.blocks if isinstance(block, Paragraph)]
    assert "甲修订插入的文字" in texts
    assert not any("已删除的文字" in text for text in texts)
    for shown in ("内容控件中的文字", "块级控件中的段落", "域的结果文字", "智能标记文字", "文本框里的文字"):
        assert shown in texts, shown
    assert texts.count("文本框里的文字") == 1, "the VML fallback of a text box is not its text again"
    [table] = [block for block in found.blocks if isinstance(block, Table)]
    assert table.rows == (("外层单元格", "内层表格甲 内层表格乙"),)
    pictures = [picture for block in found.blocks if isinstance(block, Paragraph) for picture in block.pictures]
    assert [picture.suffix for picture in pictures] == [".png", ".png"]
    assert pictures[1].alt == "旧式图片"
    assert any("表格中的 1 张图片" in note for note in found.notes)


def test_the_draft_keeps_that_text_and_both_pictures(site: Site, tmp_path):
    result = run_import(site, containers(tmp_path / "c.docx"))
    [draft] = (site.root / "cases").glob("*.md")
    text = body(draft)
    for shown in ("甲修订插入的文字", "块级控件中的段落", "文本框里的文字", "内层表格甲 内层表格乙"):
        assert shown in text, shown
    assert "已删除的文字" not in text
    assert len(list((site.root / "content/media").rglob("*.png"))) == 2
    assert "2 张图片存入" in result.stdout


def office_case(path: Path) -> Path:
    """A write-up as an office sends it: a cover, a title broken over two lines, facts with soft
    line breaks and a linked source, headings with subtitles and other names, numbered questions."""
    document = docx.Document()
    bold(document, "内部资料 注意保存")
    title = document.add_paragraph()
    title.add_run("某县水利局原局长\n钱某受贿案").bold = True
    document.add_paragraph("当事人：钱某\n职务：某县水利局原局长")
    document.add_paragraph("身份：一把手")
    document.add_paragraph("处理时间：2025年6月")
    document.add_paragraph("涉案金额：12万美元")
    document.add_heading("案情（摘编）", level=2)
    document.add_paragraph(BODY["案情"])
    document.add_heading("以案说德——从小节到大节", level=2)
    document.add_paragraph(BODY["以案说德"])
    for lesson in LESSONS[1:]:
        document.add_heading(lesson, level=2)
        document.add_paragraph(BODY[lesson])
    document.add_heading("整改落实情况", level=2)
    document.add_paragraph("整改：这是整改一节中以“整改”开头的句子。")
    document.add_heading("案件警示", level=2)
    document.add_paragraph("这一段在未知标题之下。")
    document.add_heading("忏悔书（节选）", level=2)
    document.add_paragraph("我对不起组织的培养。")
    document.add_paragraph("也对不起家人。")
    document.add_heading("讨论题", level=2)
    document.add_paragraph("结合本案，请思考：")
    document.add_paragraph("1.我们的审批权力有没有边界？")
    document.add_paragraph("（2）怎样把好工程验收关")
    document.add_paragraph("③ 身边有没有类似的苗头？")
    paragraph = document.add_paragraph("来源：")
    part = document.part
    rid = part.relate_to("https://www.example.gov.cn/a.html", docx.opc.constants.RELATIONSHIP_TYPE.HYPERLINK,
                         is_external=True)
    link = f"<w:hyperlink {NS} r:id='{rid}'>{run('某县纪委监委网站，2026年2月3日')}</w:hyperlink>"
    paragraph._p.append(parse_xml(link))
    document.save(path)
    return path


def test_how_offices_write_headings_questions_titles_and_sources(site: Site, tmp_path):
    result = run_import(site, office_case(tmp_path / "o.docx"))
    [draft] = (site.root / "cases").glob("*.md")
    meta = front(draft)
    assert meta["title"] == "某县水利局原局长钱某受贿案"
    assert meta["subject"] == "钱某" and meta["position"] == "某县水利局原局长"
    assert meta["source"] == {"publisher": "某县纪委监委网站", "date": datetime.date(2026, 2, 3),
                              "url": "https://www.example.gov.cn/a.html"}
    assert "amount" not in meta
    text = body(draft)
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == ["## 案情", *(f"## {lesson}" for lesson in LESSONS), "## 整改", "## 讨论", "## 忏悔"]
    assert "## 以案说德\n\n**从小节到大节**\n\n" in text
    assert "## 整改\n\n整改：这是整改一节中以“整改”开头的句子。" in text
    assert "这一段在未知标题之下。" in text.split("## 整改")[1].split("## 讨论")[0]
    assert "## 忏悔\n\n> 我对不起组织的培养。\n>\n> 也对不起家人。" in text
    assert ("结合本案，请思考：\n\n- 我们的审批权力有没有边界？\n- 怎样把好工程验收关\n- 身边有没有类似的苗头？"
            in text)
    assert "内部资料" not in text
    out = result.stdout
    assert "不是人民币" in out
    assert "“整改落实情况”当作“整改”导入，请核对" in out
    assert "“案件警示”像是章节标题，但不是内容格式的章节：其后的内容放在了“整改”，请核对" in out
    assert "标题取自文档中的“某县水利局原局长钱某受贿案”" in out
    assert "封面文字“内部资料 注意保存”不是标题，未导入" in out


def test_a_jiafeng_body_line_shaped_like_a_board_fact_stays_text(site: Site, tmp_path):
    lines = ("作者：某老党员", "孩子，你当了干部，要记住几句话。", "主题：清清白白做人")
    lines += ("作者：这一句在正文中，也是正文。",)
    document = document_of("家书一封", *lines)
    document.save(tmp_path / "j.docx")
    run_import(site, tmp_path / "j.docx", options=("--kind", "家风"))
    [page] = (site.root / "content/jiafeng").glob("*.md")
    assert front(page) == {"kind": "家书", "author": "某老党员"}
    assert "主题：清清白白做人" in body(page)
    assert "作者：这一句在正文中，也是正文。" in body(page)


def test_an_empty_document_and_a_second_document_of_the_same_name(site: Site, tmp_path):
    docx.Document().save(tmp_path / "空.docx")
    result = run_import(site, tmp_path / "空.docx")
    assert "空.docx：文档没有内容" in result.stdout
    assert not list((site.root / "cases").glob("*.md"))
    first, second = tmp_path / "a", tmp_path / "b"
    for folder, title in ((first, "甲局原局长孙某受贿案"), (second, "乙局原局长李某受贿案")):
        folder.mkdir()
        document = docx.Document()
        document.add_heading(title, level=1)
        document.add_heading("案情", level=2)
        document.add_paragraph(BODY["案情"])
        document.save(folder / "通报.docx")
    run_import(site, first / "通报.docx")
    run_import(site, second / "通报.docx")
    again = run_import(site, first / "通报.docx")
    assert "已经导入过" in again.stdout
    titles = sorted(front(path)["title"] for path in (site.root / "cases").glob("*.md"))
    assert titles == ["乙局原局长李某受贿案", "甲局原局长孙某受贿案"]


def test_a_title_that_reads_as_a_date_stays_text(site: Site, tmp_path):
    document = docx.Document()
    document.add_paragraph("标题：2025-03")
    document.add_heading("案情", level=2)
    document.add_paragraph(BODY["案情"])
    document.save(tmp_path / "d.docx")
    run_import(site, tmp_path / "d.docx")
    [draft] = (site.root / "cases").glob("*.md")
    assert front(draft)["title"] == "2025-03"


def test_a_book_is_refused_at_once(tmp_path):
    document = docx.Document()
    document.add_paragraph("一段")
    template = document.element.body[0]
    for _ in range(MAX_PARAGRAPHS):
        document.element.body.sectPr.addprevious(copy.deepcopy(template))
    document.save(tmp_path / "book.docx")
    with pytest.raises(Exception, match=f"超过 {MAX_PARAGRAPHS} 段"):
        read(tmp_path / "book.docx")


@pytest.mark.parametrize(
    ("written", "yuan", "noted"),
    [("100万元以上", 1000000, True), ("约30万元", 300000, True), ("３.６万元", 36000, False),
     ("人民币120万元", 1200000, False), ("数十万元", None, True), ("10万元和5万元", None, True),
     ("5万美元", None, True), ("港币20万元", None, True), ("￥5000元", 5000, False)],
)
def test_amounts_that_are_not_one_sum_in_yuan(written, yuan, noted):
    found = amount(written)
    assert found.value == yuan and bool(found.note) == noted


@pytest.mark.parametrize(
    ("written", "expected"),
    [("重庆日报（2026年1月5日）", ("重庆日报", "2026-01-05", None)),
     ("新华社北京2026年1月5日电", ("新华社", "2026-01-05", None)),
     ("新华社北京1月5日电", ("新华社", None, None)),
     ("人民网 https://x.cn/a（2026年1月5日）", ("人民网", "2026-01-05", "https://x.cn/a")),
     ("中国纪检监察报，２０２６年１月２２日", ("中国纪检监察报", "2026-01-22", None))],
)
def test_sources(written, expected):
    publisher, when, url = source(written)
    assert (publisher, when.value, url) == expected


def test_full_width_dates():
    assert date("２０２５年３月").value == "2025-03"



def png_claiming(width: int, height: int) -> bytes:
    """A small PNG whose header claims these dimensions: what a decompression bomb looks like
    until it is decoded."""
    import struct
    import zlib

    data = png((1, 2, 3)).getvalue()
    header = struct.pack(">II", width, height) + data[24:29]
    return data[:16] + header + struct.pack(">I", zlib.crc32(b"IHDR" + header)) + data[33:]


def test_rows_in_controls_merged_cells_hidden_text_ruby_links_fields_and_lists(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    for column, text in enumerate(("年份", "事项", "金额")):
        table.cell(0, column).text = text
    table.cell(1, 0).merge(table.cell(1, 1)).text = "合计"
    table.cell(1, 2).text = "5万元"
    row = table._tbl.tr_lst[1]
    wrapper = parse_xml(f"<w:sdt {NS}><w:sdtContent/></w:sdt>")
    row.addprevious(wrapper)
    wrapper[0].append(row)  # a repeating-section control around the row, as Word's forms have
    hidden = "<w:r><w:rPr><w:vanish/></w:rPr><w:t>内部掌握：不公开</w:t></w:r>"
    append(document, paragraph_xml(run("公开的文字") + hidden))
    ruby = ("<w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>yù</w:t></w:r></w:rt>"
            "<w:rubyBase><w:r><w:t>鬻</w:t></w:r></w:rubyBase></w:ruby></w:r>")
    append(document, paragraph_xml(run("勿") + ruby + run("子孙")))
    field = ("<w:r><w:fldChar w:fldCharType='begin'/></w:r>"
             "<w:r><w:instrText xml:space='preserve'> HYPERLINK \"https://www.ccdi.gov.cn/a.html\" </w:instrText></w:r>"
             "<w:r><w:fldChar w:fldCharType='separate'/></w:r>" + run("通报原文") +
             "<w:r><w:fldChar w:fldCharType='end'/></w:r>")
    append(document, paragraph_xml(run("详见") + field + run("。")))
    append(document, paragraph_xml(run("正文有注") + "<w:r><w:footnoteReference w:id='1'/></w:r>"))
    bullet = document.add_paragraph("项目符号列表")
    bullet._p.get_or_add_pPr().append(parse_xml(f"<w:numPr {NS}><w:ilvl w:val='0'/><w:numId w:val='1'/></w:numPr>"))
    document.add_paragraph("列表段落样式的普通段落", style="List Paragraph")
    toc = f"<w:sdt {NS}><w:sdtPr><w:docPartObj><w:docPartGallery w:val='Table of Contents'/></w:docPartObj></w:sdtPr>"
    append(document, toc + f"<w:sdtContent>{paragraph_xml(run('一、案情 1'))}</w:sdtContent></w:sdt>")
    title = document.add_paragraph()
    title.add_run("公文式标题").font.size = docx.shared.Pt(22)
    outlined = document.add_paragraph("大纲级别的标题")
    outlined._p.get_or_add_pPr().append(parse_xml(f"<w:outlineLvl {NS} w:val='1'/>"))
    document.save(tmp_path / "r.docx")
    found = read(tmp_path / "r.docx")
    [table] = [block for block in found.blocks if isinstance(block, Table)]
    assert table.rows == (("年份", "事项", "金额"), ("合计", "", "5万元")), "the amount stays under 金额"
    paragraphs = {block.text: block for block in found.blocks if isinstance(block, Paragraph)}
    assert "公开的文字" in paragraphs and not any("内部掌握" in text for text in paragraphs)
    assert "勿鬻子孙" in paragraphs
    assert paragraphs["详见通报原文。"].markdown == "详见[通报原文](https://www.ccdi.gov.cn/a.html)。"
    assert paragraphs["项目符号列表"].listed == "-"
    assert paragraphs["列表段落样式的普通段落"].listed == ""
    assert not any("一、案情" in text for text in paragraphs), "a table of contents is not the text"
    assert paragraphs["公文式标题"].large and paragraphs["大纲级别的标题"].level == 2
    notes = " ".join(found.notes)
    for said in ("隐藏文字未导入", "拼音指南的注音未导入", "脚注和尾注未导入", "目录未导入"):
        assert said in notes, said


def test_a_huge_picture_is_refused_and_a_photos_metadata_removed(tmp_path):
    document = docx.Document()
    document.add_paragraph().add_run().add_picture(io.BytesIO(png_claiming(30000, 30000)))
    photo = io.BytesIO()
    exif = Image.Exif()
    exif[0x013B] = "摄影者张三"  # Artist
    Image.new("RGB", (40, 30), (9, 9, 9)).save(photo, "JPEG", exif=exif)
    photo.seek(0)
    document.add_paragraph().add_run().add_picture(photo)
    document.save(tmp_path / "p.docx")
    found = read(tmp_path / "p.docx")
    [kept] = [picture for block in found.blocks if isinstance(block, Paragraph) for picture in block.pictures]
    assert kept.suffix == ".jpg"
    assert not Image.open(io.BytesIO(kept.data)).getexif()
    notes = " ".join(found.notes)
    assert "第 1 张图片" in notes and "像素" in notes and "拍摄信息" in notes


def test_block_marks_written_in_word_stay_text_on_the_page(tmp_path):
    import markdown as python_markdown

    document = docx.Document()
    document.add_paragraph('!!! danger "组织审查结论"')
    document.add_paragraph("赵某在谈话中说\n===")
    document.add_paragraph("~~~\n??? note 展开")
    document.save(tmp_path / "m.docx")
    blocks = [block.markdown for block in read(tmp_path / "m.docx").blocks]
    page = python_markdown.markdown("\n\n".join(blocks), extensions=["admonition", "attr_list", "md_in_html"])
    assert "admonition" not in page and "<h1" not in page and "<code" not in page
    shown = html.unescape(page)
    assert '!!! danger "组织审查结论"' in shown and "===" in shown and "~~~" in shown and "??? note 展开" in shown


def test_forms_and_tables_the_way_offices_fill_them(site: Site, tmp_path):
    lines = ("当事人：", "赵某", "职务：某县教育局原局长；性别：男", "处理时间：2025年3-5月")
    document = document_of("某县教育局原局长赵某受贿案", *lines)
    form = document.add_table(rows=3, cols=2)
    for number, (label, text) in enumerate((("基本案情", BODY["案情"]), ("以案说德", BODY["以案说德"]),
                                             ("处理结果", "开除党籍"))):
        form.cell(number, 0).text, form.cell(number, 1).text = label, text
    document.add_paragraph("以案说纪\n" + BODY["以案说纪"])
    document.save(tmp_path / "f.docx")
    result = run_import(site, tmp_path / "f.docx")
    [draft] = (site.root / "cases").glob("*.md")
    meta, text = front(draft), body(draft)
    assert meta["subject"] == "赵某" and meta["position"] == "某县教育局原局长" and meta["outcome"] == "开除党籍"
    assert meta["date"] is None and "是一段时间" in result.stdout
    assert f"## 案情\n\n{BODY['案情']}" in text and f"## 以案说德\n\n{BODY['以案说德']}" in text
    assert f"## 以案说纪\n\n{BODY['以案说纪']}" in text
    assert "性别：男" in result.stdout and "性别" not in draft.read_text(encoding="utf-8")


def test_the_command_refuses_a_park_that_is_not_registered_a_folder_and_an_unknown_kind(site: Site, tmp_path):
    site.write("site_config/parks.yml", "parks:\n  - {id: kushan, name: 枯山湿地廉洁文化主题公园}\n")
    document = docx.Document()
    document.add_paragraph("编码：KS09")
    document.save(tmp_path / "b.docx")
    wrong = run_import(site, tmp_path / "b.docx", options=("--kind", "board", "--park", "kusahn"))
    assert wrong.returncode == 2
    assert "公园“kusahn”未在 site_config/parks.yml 中登记（已登记的有：kushan）" in wrong.stdout
    assert not (site.root / "content/park/kusahn").exists()
    folder = run_import(site, tmp_path)
    assert "这是一个文件夹" in folder.stdout
    kind = run_import(site, tmp_path / "b.docx", options=("--kind", "展版"))
    assert kind.returncode == 2 and "--kind 只能是 案例、家风 或 展板" in kind.stderr
    assert "Traceback" not in wrong.stderr + folder.stderr + kind.stderr


@pytest.mark.parametrize(
    ("written", "iso"),
    [("20250305", "2025-03-05"), ("2025年3-5月", None), ("2025年3月至5月", None),
     ("2025年3月立案审查，2025年6月给予处分", None), ("2025.3", "2025-03")],
)
def test_dates_that_are_spans_or_several(written, iso):
    found = date(written)
    assert found.value == iso and (iso is not None or found.note)


@pytest.mark.parametrize(
    ("written", "publisher", "noted"),
    [("重庆日报2026年1月22日、人民网2026年1月23日", "重庆日报", True),
     ("重庆日报（2026年1月22日 记者 张三）", "重庆日报", True),
     ("据重庆日报2026年1月22日报道", "重庆日报", False)],
)
def test_sources_with_asides_or_two_sources(written, publisher, noted):
    found, when, _ = source(written)
    assert found == publisher and when.value == "2026-01-22" and bool(when.note) == noted


@pytest.mark.parametrize(("written", "yuan"), [("3.6w元", 36000), ("3.6W元", 36000), ("USD 50,000", None)])
def test_amounts_as_people_type_them(written, yuan):
    assert amount(written).value == yuan


@pytest.mark.parametrize(
    "written", ["Ⅰ.以案说德", "〔一〕以案说德", "“以案说德”", "\u200b以案说德", "以案説徳", "①以案说德"]
)
def test_heading_spellings(written):
    from qingfeng.importer.recognize import heading_of

    assert heading_of(written).section == "以案说德"
