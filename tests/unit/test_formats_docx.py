""".docx reading: Word automatic numbering printed, tables as rows, title, and the zip budget."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest
from support.docwriters import W_NS, numbering_xml, save_with_numbering, set_num, write_zip_bomb

from assistant.ingest.formats import DocumentTooComplexError, UnreadableDocumentError, extract
from assistant.ingest.formats.word_numbering import format_number

# abstract 0: 第%1章 / abstract 1: 第%1条 then （%2） (chineseCounting) then %3. (decimal); abstract 2: 一、
LEVELS = {
    0: [("chineseCounting", "第%1章", "space")],
    1: [("chineseCounting", "第%1条", "space"), ("chineseCounting", "（%2）", "nothing"),
        ("decimal", "%3.", "nothing")],
    2: [("chineseCounting", "%1、", "nothing")],
    3: [("bullet", "\u2022", "tab")],
}
NUMS = {1: (0, {}), 2: (1, {}), 3: (2, {}), 4: (3, {})}


def _docx(tmp_path: Path, rows: list[tuple[str, int | None, int]], title: str = "", levels=LEVELS, nums=NUMS) -> bytes:
    import docx

    document = docx.Document()
    for text, num_id, ilvl in rows:
        paragraph = document.add_paragraph(text)
        if num_id is not None:
            set_num(paragraph, num_id, ilvl)
    if title:
        document.core_properties.title = title
    path = tmp_path / "doc.docx"
    save_with_numbering(document, path, numbering_xml(levels, nums))
    return path.read_bytes()


def test_automatic_article_chapter_and_item_numbers_are_printed(tmp_path: Path) -> None:
    rows = [
        ("总则", 1, 0),
        ("为了规范本市政务服务事项管理，制定本办法。", 2, 0),
        ("政务服务事项实行清单管理，清单包括下列内容：", 2, 0),
        ("事项名称；", 2, 1),
        ("办理时限。", 2, 1),
        ("事项清单应当向社会公布。", None, 0),
        ("办理流程", 1, 0),
        ("申请人可以通过下列方式提交材料：", 2, 0),
        ("线上提交；", 2, 1),
        ("窗口提交。", 2, 1),
        ("窗口提交的，当场出具回执。", 2, 2),
        ("材料不全的，一次性告知需要补正的材料。", 2, 2),
    ]
    lines = extract(_docx(tmp_path, rows), ".docx").text.splitlines()
    assert lines == [
        "第一章 总则",
        "第一条 为了规范本市政务服务事项管理，制定本办法。",
        "第二条 政务服务事项实行清单管理，清单包括下列内容：",
        "（一）事项名称；",
        "（二）办理时限。",
        "事项清单应当向社会公布。",
        "第二章 办理流程",
        "第三条 申请人可以通过下列方式提交材料：",
        "（一）线上提交；",
        "（二）窗口提交。",
        "1.窗口提交的，当场出具回执。",
        "2.材料不全的，一次性告知需要补正的材料。",
    ]


def test_a_start_override_restarts_a_list_and_bullets_print_nothing(tmp_path: Path) -> None:
    nums = {**NUMS, 5: (2, {0: 1})}
    rows = [("总体要求", 3, 0), ("主要任务", 3, 0), ("附：", None, 0), ("工作目标", 5, 0), ("其他事项", 4, 0)]
    lines = extract(_docx(tmp_path, rows, nums=nums), ".docx").text.splitlines()
    assert lines == ["一、总体要求", "二、主要任务", "附：", "一、工作目标", "其他事项"]


def test_number_formats_print_as_word_does() -> None:
    assert [format_number(n, "chineseCounting") for n in (1, 10, 11, 20, 23)] == ["一", "十", "十一", "二十", "二十三"]
    assert format_number(3, "decimalEnclosedCircle") == "③"
    assert format_number(4, "upperRoman") == "IV"
    assert format_number(28, "lowerLetter") == "bb"
    assert format_number(3, "chineseLegalSimplified") == "叁"


def test_the_rushi_case_file_gets_its_articles(tmp_path: Path) -> None:
    cases = Path(__file__).resolve().parents[3] / "shared" / "cases"
    case = cases / "docx-autonumbering-lost" / "corpus" / "rushi.docx"
    if not case.is_file():
        pytest.skip("shared cases not present")
    result = extract(case.read_bytes(), ".docx")
    lines = result.text.splitlines()
    assert [line[:3] for line in lines] == ["第一条", "第二条", "第三条", "第四条"]
    assert result.title and result.title not in result.text


def test_tables_become_one_line_per_row_in_document_order(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("第五条 困难群众临时救助标准如下：")
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate([["救助类别", "救助标准", "审批部门"],
                             ["因病致贫家庭", "每户每次不超过3000元", "街道办事处"],
                             ["遭遇火灾家庭", "每户每次不超过6000元", "区民政局"]]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph("第六条 本办法自发布之日起施行。")
    merged = document.add_table(rows=2, cols=2)
    merged.cell(0, 0).merge(merged.cell(0, 1)).text = "附注"
    merged.cell(1, 0).text = "申请材料一式两份"
    merged.cell(1, 1).text = "原件核验后退还"
    path = tmp_path / "t.docx"
    document.save(str(path))
    lines = extract(path.read_bytes(), ".docx").text.splitlines()
    assert lines == [
        "第五条 困难群众临时救助标准如下：",
        "救助类别：因病致贫家庭；救助标准：每户每次不超过3000元；审批部门：街道办事处",
        "救助类别：遭遇火灾家庭；救助标准：每户每次不超过6000元；审批部门：区民政局",
        "第六条 本办法自发布之日起施行。",
        "附注",
        "申请材料一式两份；原件核验后退还",
    ]


def test_title_from_centred_bold_first_paragraphs_before_a_stale_core_title(tmp_path: Path) -> None:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = docx.Document()
    document.core_properties.title = "模板"
    for piece in ("西城区人民政府办公室关于印发", "政务数据共享管理办法的通知"):
        heading = document.add_paragraph()
        heading.add_run(piece).bold = True
        heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph("第一条 为了促进政务数据共享，制定本办法。")
    path = tmp_path / "t.docx"
    document.save(str(path))
    result = extract(path.read_bytes(), ".docx")
    assert result.title == "西城区人民政府办公室关于印发政务数据共享管理办法的通知"
    assert result.metadata == {"title": result.title}
    assert result.text.splitlines() == ["第一条 为了促进政务数据共享，制定本办法。"]


def _centred(document, text: str, bold: bool = True) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph = document.add_paragraph()
    paragraph.add_run(text).bold = bold
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def test_a_letterhead_and_number_over_the_title_are_its_issuer_and_number(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    _centred(document, "白沙县应急管理局文件")
    _centred(document, "白应急〔2025〕6号", bold=False)
    _centred(document, "白沙县应急管理局关于做好汛期值班工作的通知")
    document.add_paragraph("一、汛期时间。5月1日至9月30日。")
    path = tmp_path / "t.docx"
    document.save(str(path))
    result = extract(path.read_bytes(), ".docx")
    assert result.title == "白沙县应急管理局关于做好汛期值班工作的通知"
    assert result.metadata == {"title": result.title, "issuer": "白沙县应急管理局", "doc_number": "白应急〔2025〕6号"}
    assert result.text.splitlines() == ["一、汛期时间。5月1日至9月30日。"]
    split = docx.Document()  # the issuers' line of a title printed in two is part of the title
    _centred(split, "白沙县财政局　白沙县民政局")
    _centred(split, "关于印发养老补贴办法的通知")
    split.add_paragraph("各乡镇：")
    split.save(str(path))
    assert extract(path.read_bytes(), ".docx").title == "白沙县财政局　白沙县民政局关于印发养老补贴办法的通知"


def test_a_zip_bomb_is_refused_within_a_second(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    write_zip_bomb(path)
    assert path.stat().st_size < 8 * 1024 * 1024
    started = time.monotonic()
    with pytest.raises(DocumentTooComplexError, match="MB"):
        extract(path.read_bytes(), ".docx")
    assert time.monotonic() - started < 1


def test_a_highly_compressed_member_is_refused_even_under_the_size_cap(tmp_path: Path) -> None:
    path = tmp_path / "ratio.docx"
    write_zip_bomb(path, member_bytes=32 * 1024 * 1024)
    with pytest.raises(DocumentTooComplexError, match="压缩比"):
        extract(path.read_bytes(), ".docx")


def test_not_a_docx_is_unreadable() -> None:
    with pytest.raises(UnreadableDocumentError, match="docx"):
        extract(b"PK\x03\x04 truncated", ".docx")


def test_tracked_insertions_count_and_deletions_do_not(tmp_path: Path) -> None:
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    paragraph = document.add_paragraph("第九条 申请材料应当在")
    paragraph._p.append(parse_xml(f'<w:ins xmlns:w="{W_NS}" w:id="1" w:author="a"><w:r><w:t>五个</w:t></w:r></w:ins>'))
    paragraph._p.append(parse_xml(f'<w:del xmlns:w="{W_NS}" w:id="2" w:author="a"><w:r><w:delText>十个</w:delText>'
                                  "</w:r></w:del>"))
    paragraph.add_run("工作日内审核完毕。")
    path = tmp_path / "t.docx"
    document.save(str(path))
    assert extract(path.read_bytes(), ".docx").text == "第九条 申请材料应当在五个工作日内审核完毕。\n"


def test_numbering_linked_to_heading_styles_is_printed(tmp_path: Path) -> None:
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    for style_name, level in (("Heading 1", 0), ("Heading 2", 1)):
        ppr = document.styles[style_name].element.get_or_add_pPr()
        ppr.insert(0, parse_xml(f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="{level}"/><w:numId w:val="9"/>'
                                "</w:numPr>"))
    document.add_paragraph("总则", style="Heading 1")
    document.add_paragraph("一般规定", style="Heading 2")
    document.add_paragraph("本节适用于全区政务服务中心。")
    document.add_paragraph("附则", style="Heading 1")
    document.add_paragraph("实施日期", style="Heading 2")
    levels = {7: [("chineseCounting", "第%1章", "space"), ("chineseCounting", "第%2节", "space")]}
    path = tmp_path / "styles.docx"
    save_with_numbering(document, path, numbering_xml(levels, {9: (7, {})}))
    assert extract(path.read_bytes(), ".docx").text.splitlines() == [
        "第一章 总则", "第一节 一般规定", "本节适用于全区政务服务中心。", "第二章 附则", "第一节 实施日期"]


def test_a_damaged_package_is_unreadable_not_a_crash(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("第一条 总则。")
    path = tmp_path / "ok.docx"
    document.save(str(path))
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, b"<w:document" if item.filename == "word/document.xml" else data)
    with pytest.raises(UnreadableDocumentError, match="docx"):
        extract(broken.read_bytes(), ".docx")


def test_a_package_without_core_properties_has_no_made_up_title(tmp_path: Path) -> None:
    import re

    import docx

    document = docx.Document()
    document.add_paragraph("北岭市城市绿化管理条例")
    document.add_paragraph("第一条 为了加强城市绿化管理，制定本条例。")
    path = tmp_path / "full.docx"
    document.save(str(path))
    bare = tmp_path / "bare.docx"  # the same file without docProps/core.xml, as some generators write it
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(bare, "w") as out:
        for name in src.namelist():
            data = src.read(name)
            if name == "docProps/core.xml":
                continue
            if name in ("_rels/.rels", "[Content_Types].xml"):
                data = re.sub(rb"<(?:Relationship|Override)[^>]*core[^>]*/>", b"", data)
            out.writestr(name, data)
    result = extract(bare.read_bytes(), ".docx")
    assert "Word Document" not in result.title  # python-docx's default for a missing core part
    assert result.text.splitlines()[0] == "北岭市城市绿化管理条例"


@pytest.mark.parametrize("marked", [True, False])
def test_a_list_defined_through_a_numbering_style_gets_that_style_s_numbers(tmp_path: Path, marked: bool) -> None:
    # abstract 11 only names the numbering style "FaGuiLieBiao" (w:numStyleLink); the style's own list
    # (num 2 -> abstract 10: 第%1条) holds the levels. Word marks abstract 10 with w:styleLink; some
    # writers do not, and then the style's w:numId leads there.
    import docx
    from docx.oxml import parse_xml

    numbering = numbering_xml({10: [("chineseCounting", "第%1条", "space")]}, {1: (11, {}), 2: (10, {})})
    link = '<w:styleLink w:val="FaGuiLieBiao"/>' if marked else ""
    numbering = numbering.replace('<w:abstractNum w:abstractNumId="10">', f'<w:abstractNum w:abstractNumId="10">{link}')
    numbering = numbering.replace("<w:num w:numId=", '<w:abstractNum w:abstractNumId="11"><w:numStyleLink '
                                  'w:val="FaGuiLieBiao"/></w:abstractNum><w:num w:numId=', 1)
    document = docx.Document()
    document.styles.element.append(parse_xml(
        f'<w:style xmlns:w="{W_NS}" w:type="numbering" w:styleId="FaGuiLieBiao"><w:name w:val="FaGuiLieBiao"/>'
        '<w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>'))
    for text in ("为了规范饮用水管理，制定本办法。", "本办法适用于本市。", "水务部门负责监督管理。"):
        set_num(document.add_paragraph(text), 1, 0)
    path = tmp_path / "linked.docx"
    save_with_numbering(document, path, numbering)
    lines = extract(path.read_bytes(), ".docx").text.splitlines()
    assert [line.split(" ", 1)[0] for line in lines] == ["第一条", "第二条", "第三条"]
    assert lines[2] == "第三条 水务部门负责监督管理。"
