"""PDF reading: wrapped lines re-joined by position, page chrome dropped, budgets and scans refused."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from support.docwriters import Para, write_laid_out_pdf, write_many_pages

from assistant.ingest.formats import DocumentTooComplexError, UnreadableDocumentError, extract
from assistant.ingest.formats import base as budgets

ARTICLES = [
    Para("东湖区公共数据开放管理办法（示例）", "title"),
    Para("第一章 总则", "heading"),
    Para("第一条 为了规范本区公共数据开放工作，促进公共数据有序流"
         "动和开发利用，根据有关法律法规，结合本区实际，制定本办法。"),
    Para("第二条 本办法所称公共数据，是指本区各级行政机关和"
         "公共服务单位在依法履行职责过程中收集和产生的数据。"),
    Para("第三条 区大数据主管部门负责统筹推进全区公共数据开放工作"
         "，具体职责包括：依照本办法第二条规定的范围编制开放目录。"),
    Para("第二章 开放管理", "heading"),
    Para("第四条 公共数据按照无条件开放、有条件开放和不予开放三类实"
         "行分类管理，开放目录每年至少更新一次，更新情况向社会公布。"),
    Para("第五条 申请有条件开放数据的，应当说明用途，区大数据主管"
         "部门应当在十个工作日内作出答复；不予开放的，应当说明理由。"),
    Para("数据利用主体应当按照协议约定使用数据，不得将数据用于协议约定以外的用途。"),
    Para("第六条 本办法自2025年7月1日起施行。"),
]


def _pdf(tmp_path: Path, paras: list[Para], **layout) -> bytes:
    path = tmp_path / "doc.pdf"
    write_laid_out_pdf(path, paras, **layout)
    return path.read_bytes()


def test_wrapped_paragraphs_are_rejoined_one_per_line(tmp_path: Path) -> None:
    result = extract(_pdf(tmp_path, ARTICLES), ".pdf")
    expected = [para.text for para in ARTICLES[1:]]
    assert result.text.splitlines() == expected
    assert result.title == "东湖区公共数据开放管理办法（示例）"


def test_a_wrapped_line_starting_with_a_cross_reference_stays_in_its_article(tmp_path: Path) -> None:
    # Width chosen so that "第二条规定的范围…" begins a printed line inside 第三条.
    text = ARTICLES[4].text
    width = text.index("第二条规定的") + 2  # the indented first line holds width - 2 characters
    lines = extract(_pdf(tmp_path, [ARTICLES[4], ARTICLES[6]], width_chars=width), ".pdf").text.splitlines()
    assert lines == [ARTICLES[4].text, ARTICLES[6].text]


def test_page_numbers_and_running_headers_are_dropped_and_page_breaks_rejoined(tmp_path: Path) -> None:
    data = _pdf(tmp_path, ARTICLES[:1] + ARTICLES[1:] * 3, lines_per_page=7, header="东湖区人民政府规范性文件")
    text = extract(data, ".pdf").text
    assert "—" not in text and "东湖区人民政府规范性文件" not in text
    assert text.splitlines() == [para.text for para in ARTICLES[1:]] * 3  # articles whole across page breaks


def test_footer_variants_are_dropped(tmp_path: Path) -> None:
    for footer in ("- {n} -", "第 {n} 页", "{n}"):
        text = extract(_pdf(tmp_path, ARTICLES, lines_per_page=6, footer=footer), ".pdf").text
        assert text.splitlines() == [para.text for para in ARTICLES[1:]], footer


def test_unindented_short_lines_join_unless_a_heading_follows(tmp_path: Path) -> None:
    paras = [Para("第一条 每户给予一次性补助5000元，补助资金由区财政承担。"),
             Para("第二条 符合本办法第一条规定条件的，可以申请补助。")]
    lines = extract(_pdf(tmp_path, paras, width_chars=17, indent=False), ".pdf").text.splitlines()
    assert lines == [para.text for para in paras]


def test_a_short_line_followed_by_a_decimal_is_joined_to_it(tmp_path: Path) -> None:
    # one printed line a row, evenly spaced: a line ending short joins the next unless that one opens a
    # heading or a point; "1.5万元" opens neither (a decimal), "1." does
    rows = ["二、降低物流成本。对企业租用海外仓面积超过2000平方米的，按照实际租金",
            "的30%给予补助，单个企业每月补助最高", "1.5万元，同一企业享受补助期限不超过两年。",
            "三、本措施自印发之日起施行。"]
    assert _rows_text(tmp_path, rows) == ["".join(rows[:3]), rows[3]]


def test_a_reference_carried_to_the_next_line_is_no_heading(tmp_path: Path) -> None:
    rows = ["二、保障标准", "（一）符合本方案第一部分", "（二）项条件的家庭，租金按照市场租金的百分之五十收取。",
            "（二）其他保障对象租金按照市场租金的百分之七十收取。"]
    assert _rows_text(tmp_path, rows) == [rows[0], rows[1] + rows[2], rows[3]]


def test_a_carried_reference_then_a_decimal_and_a_centred_title_before_an_article(tmp_path: Path) -> None:
    rows = ["第二条 属于本办法第一条第", "（二）项情形的家庭，补助标准按照基本标准的", "1.2倍执行。",
            "第三条 本办法自2026年1月1日起施行。"]
    assert _rows_text(tmp_path, rows) == ["".join(rows[:3]), rows[3]]
    rows = ["^北川县农村危房改造补助实施办法", "第一条 为保障农村低收入群体住房安全，制定本办法。",
            "第二条 本办法自2026年1月1日起施行。"]
    result = extract(_rows_bytes(tmp_path, rows), ".pdf")  # the title stays apart from 第一条
    assert result.text.splitlines()[-2:] == rows[1:] and "第一条" not in result.title


def _rows_text(tmp_path: Path, rows: list[str]) -> list[str]:
    """The lines read back from a PDF printing ``rows`` one a line, evenly spaced, none re-wrapped."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(tmp_path / "rows.pdf"), pagesize=(595, 842))
    pdf.setFont("STSong-Light", 12)
    for n, row in enumerate(rows):  # "^" centres a row
        if row.startswith("^"):
            pdf.drawCentredString(595 / 2, 780 - 22 * n, row[1:])
        else:
            pdf.drawString(50, 780 - 22 * n, row)
    pdf.save()
    return extract((tmp_path / "rows.pdf").read_bytes(), ".pdf").text.splitlines()


def _rows_bytes(tmp_path: Path, rows: list[str]) -> bytes:
    _rows_text(tmp_path, rows)
    return (tmp_path / "rows.pdf").read_bytes()


def test_orphan_heading_at_a_page_bottom_starts_its_chapter(tmp_path: Path) -> None:
    paras = [ARTICLES[2], Para("第二章 开放管理", "heading"), ARTICLES[6]]
    first_rows = 1 + -(-(len(ARTICLES[2].text) - 28) // 30)  # 28 characters on the indented first line
    lines = extract(_pdf(tmp_path, paras, lines_per_page=first_rows + 1), ".pdf").text.splitlines()
    assert lines == [para.text for para in paras]


def test_a_scanned_pdf_without_text_is_refused_with_a_reason(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.rect(50, 50, 400, 600, fill=1)
    pdf.showPage()
    pdf.save()
    with pytest.raises(UnreadableDocumentError, match=r"扫描件.*OCR"):
        extract(path.read_bytes(), ".pdf")


def test_a_pdf_with_5000_pages_is_refused_quickly(tmp_path: Path) -> None:
    path = tmp_path / "many.pdf"
    write_many_pages(path, 5000)
    started = time.monotonic()
    with pytest.raises(DocumentTooComplexError, match="5000"):
        extract(path.read_bytes(), ".pdf")
    assert time.monotonic() - started < 5


def test_the_time_budget_stops_a_slow_pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = _pdf(tmp_path, ARTICLES * 2, lines_per_page=5)
    monkeypatch.setattr(budgets, "PDF_TIME_BUDGET_SECONDS", 0.0)
    with pytest.raises(DocumentTooComplexError, match="秒"):
        extract(data, ".pdf")


def test_the_character_budget_applies_to_pdfs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = _pdf(tmp_path, ARTICLES)
    monkeypatch.setattr(budgets, "MAX_OUTPUT_CHARS", 100)
    with pytest.raises(DocumentTooComplexError, match="100"):
        extract(data, ".pdf")


def test_a_table_gives_one_line_per_row_with_header_pairs(tmp_path: Path) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "table.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.setFont("STSong-Light", 11)
    pdf.drawString(60, 780, "第七条 补助标准按下表执行：")
    rows = [("补助对象", "补助标准", "审批部门"), ("低保家庭", "每户每月800元", "街道办事处"),
            ("特困人员", "每人每月1200元", "区民政局")]
    for index, row in enumerate(rows):
        for x, cell in zip((60, 200, 340), row, strict=True):
            pdf.drawString(x, 750 - 22 * index, cell)
    pdf.drawString(82, 670, "第八条 本办法自发布之日起施行。")
    pdf.save()
    assert extract(path.read_bytes(), ".pdf").text.splitlines() == [
        "第七条 补助标准按下表执行：",
        "补助对象：低保家庭；补助标准：每户每月800元；审批部门：街道办事处",
        "补助对象：特困人员；补助标准：每人每月1200元；审批部门：区民政局",
        "第八条 本办法自发布之日起施行。",
    ]


def test_justified_paragraphs_set_by_platypus_are_rejoined(tmp_path: Path) -> None:
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=12, leading=20, firstLineIndent=24,
                          alignment=TA_JUSTIFY, wordWrap="CJK")
    title = ParagraphStyle("title", parent=body, fontSize=20, leading=30, firstLineIndent=0, alignment=TA_CENTER)
    heading = ParagraphStyle("heading", parent=title, fontSize=14, leading=24)
    paras = [(p.text, heading if p.style == "heading" else body) for p in ARTICLES[1:]]
    path = tmp_path / "platypus.pdf"

    def footer(canvas, document) -> None:
        canvas.setFont("STSong-Light", 10)
        canvas.drawCentredString(297, 30, f"- {document.page} -")

    flow = [Paragraph(ARTICLES[0].text, title)] + [Paragraph(text, style) for text, style in paras * 4]
    SimpleDocTemplate(str(path)).build(flow, onFirstPage=footer, onLaterPages=footer)
    result = extract(path.read_bytes(), ".pdf")
    assert result.title == ARTICLES[0].text  # the Info title is reportlab's "(anonymous)"
    assert result.text.splitlines() == [p.text for p in ARTICLES[1:]] * 4


def test_letter_spaced_lines_are_closed_up(tmp_path: Path) -> None:
    """Justified or letter-spaced Chinese (a wide gap after every glyph) reads as words, not "执 行 期 限"."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "spaced.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(595, 842))
    for y, (text, spacing) in zip((780, 750, 720), [("第一条 为了规范停车管理，制定本办法。", 0.0),
                                                     ("执行期限：本措施自印发之日起施行，有效期2年。", 6.0),
                                                     ("第二条 本办法适用于 PDF 和 OFD 文件。", 0.0)], strict=True):
        line = pdf.beginText(60, y)
        line.setFont("STSong-Light", 11)
        line.setCharSpace(spacing)
        line.textLine(text)
        pdf.drawText(line)
    pdf.showPage()
    pdf.save()
    text = extract(path.read_bytes(), ".pdf").text
    assert "执行期限：本措施自印发之日起施行，有效期2年。" in text
    assert text.startswith("第一条 为了规范停车管理，制定本办法。")  # a line set close keeps its one space
    assert text.rstrip().endswith("第二条 本办法适用于 PDF 和 OFD 文件。")


def test_a_labelled_item_that_fills_the_line_runs_on(tmp_path: Path) -> None:
    """"（一）…" looks like a heading, but one that fills the measure and ends in no stop wraps onto the next line."""
    item = "（一）一级服务：多层住宅按照政府指导价收取物业服务费，高层住宅按照市场调节价收取。"
    paras = [Para("第五条 物业服务收费按照服务等级确定，具体如下："), Para(item),
             Para("（二）加强监管", "body")]
    lines = extract(_pdf(tmp_path, paras), ".pdf").text.splitlines()
    assert item in lines, lines
    assert "（二）加强监管" in lines  # a short heading still stands alone


def test_an_item_broken_early_before_a_closing_quote_runs_on(tmp_path: Path) -> None:
    """Line-breaking rules end a line up to two characters short ("…“北" over "湖”…"); mid-sentence it still wraps."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    size, left, chars = 12, 50, 30
    rows = [(2, "第五条 设立社区托育机构，应当具备下列条件："),
            (2, "（一）有规范的名称和章程，名称不得使用“南湖”“北"), (0, "湖”等地名字样；"),
            (2, "（二）有与托育规模相适应的场所，场所使用面积不少于二百"),
            (0, "平方米，室外活动场地不少于六十平方米；"),
            (2, "（三）有取得相应资格的保育人员，保育人员与婴幼儿的比例不"), (0, "低于一比五。"),
            (2, "第六条 托育机构应当建立健全安全管理制度，定期开展消防演"), (0, "练，并做好记录。")]
    assert all(len(text) + indent <= chars for indent, text in rows)
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(tmp_path / "items.pdf"), pagesize=(595, 842))
    pdf.setFont("STSong-Light", size)
    for n, (indent, text) in enumerate(rows):
        pdf.drawString(left + indent * size, 780 - 22 * n, text)
    pdf.save()
    lines = extract((tmp_path / "items.pdf").read_bytes(), ".pdf").text.splitlines()
    assert "（一）有规范的名称和章程，名称不得使用“南湖”“北湖”等地名字样；" in lines, lines
    assert len(lines) == 5


def test_a_browsers_print_header_close_to_the_body_is_dropped(tmp_path: Path) -> None:
    """Chromium prints the date atop each page in a small font, just above the body, and the file's address and
    "n/N" at its foot: none of it is the document's (nor its title)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(tmp_path / "print.pdf"), pagesize=(595, 842))
    articles = [f"第{n}条 本市各区应当按照本条例规定做好第{n}类公共设施的日常维护工作。" for n in "一二三四五六七八九"]
    for page, chunk in enumerate((articles[:3], articles[3:6], articles[6:]), start=1):
        pdf.setFont("STSong-Light", 7)
        pdf.drawString(20, 806, "12/2/26, 1:33 PM")
        pdf.drawString(20, 20, "file:///tmp/print/rules.html")
        pdf.drawString(560, 20, f"{page}/3")
        pdf.setFont("STSong-Light", 12)
        top = 790
        if page == 1:
            pdf.setFont("STSong-Light", 18)
            pdf.drawCentredString(297, top, "青川市公共设施维护条例")
            pdf.setFont("STSong-Light", 12)
            top -= 40
        for row, text in enumerate(chunk):
            pdf.drawString(60, top - 22 * row, text)
        pdf.showPage()
    pdf.save()
    result = extract((tmp_path / "print.pdf").read_bytes(), ".pdf")
    assert result.title == "青川市公共设施维护条例"
    assert result.text.splitlines() == articles
