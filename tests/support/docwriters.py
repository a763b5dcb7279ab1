"""Writers for the format tests: .docx with Word numbering, laid-out PDFs, zip bombs, many-page PDFs."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def numbering_xml(levels: dict[int, list[tuple[str, str, str]]], nums: dict[int, tuple[int, dict[int, int]]]) -> str:
    """A numbering part: ``levels[abstract_id]`` = [(numFmt, lvlText, suff) per ilvl], ``nums[num_id]`` =
    (abstract_id, {ilvl: startOverride})."""
    parts = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering xmlns:w="{W_NS}">']
    for abstract_id, lvls in levels.items():
        parts.append(f'<w:abstractNum w:abstractNumId="{abstract_id}">')
        for ilvl, (fmt, text, suff) in enumerate(lvls):
            parts.append(f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                         f'<w:lvlText w:val="{text}"/><w:suff w:val="{suff}"/></w:lvl>')
        parts.append("</w:abstractNum>")
    for num_id, (abstract_id, overrides) in nums.items():
        parts.append(f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>')
        for ilvl, start in overrides.items():
            parts.append(f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{start}"/></w:lvlOverride>')
        parts.append("</w:num>")
    parts.append("</w:numbering>")
    return "".join(parts)


def set_num(paragraph, num_id: int, ilvl: int = 0) -> None:
    """Give a python-docx paragraph Word numbering (w:numPr) as Word itself writes it."""
    from docx.oxml import parse_xml

    ppr = paragraph._p.get_or_add_pPr()
    ppr.insert(0, parse_xml(f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/>'
                            "</w:numPr>"))


def save_with_numbering(document, path: Path, numbering: str) -> None:
    """Save a python-docx document with its numbering part replaced by ``numbering``."""
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = numbering.encode("utf-8") if item.filename == "word/numbering.xml" else source.read(item)
            target.writestr(item, data)


def write_zip_bomb(path: Path, member_bytes: int = 1 << 30) -> None:
    """A .docx-shaped zip whose word/document.xml inflates to ``member_bytes`` zeros, written streaming."""
    chunk = b"\0" * (1 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            for _ in range(member_bytes // len(chunk)):
                member.write(chunk)


@dataclass(frozen=True)
class Para:
    """A paragraph to lay out: text, style ("body", "heading" centred, "title" centred and large)."""

    text: str
    style: str = "body"


def write_laid_out_pdf(path: Path, paras: list[Para], *, width_chars: int = 30, indent: bool = True,
                       footer: str = "— {n} —", header: str = "", lines_per_page: int = 24) -> None:
    """Lay out paragraphs like a printed regulation: body lines wrap at ``width_chars`` characters (so a
    paragraph's last line ends short), first lines indented two characters, centred headings, a footer
    with the page number on every page and an optional running header."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    size, left, top, page_width = 11.0, 60.0, 780.0, 595.0
    pdf = canvas.Canvas(str(path), pagesize=(page_width, 842))
    state = {"page": 1, "row": 0}

    def new_page() -> None:
        pdf.setFont("STSong-Light", 9)
        pdf.drawCentredString(page_width / 2, 40, footer.format(n=state["page"]))
        if header:
            pdf.drawCentredString(page_width / 2, 812, header)
        pdf.showPage()
        state["page"] += 1
        state["row"] = 0

    def put(text: str, x: float | None, font_size: float) -> None:
        if state["row"] >= lines_per_page:
            new_page()
        pdf.setFont("STSong-Light", font_size)
        y = top - state["row"] * size * 2
        if x is None:
            pdf.drawCentredString(page_width / 2, y, text)
        else:
            pdf.drawString(x, y, text)
        state["row"] += 1

    for para in paras:
        if para.style != "body":
            put(para.text, None, 18.0 if para.style == "title" else 13.0)
            continue
        first, text = True, para.text
        while text:
            room = width_chars - (2 if first and indent else 0)
            put(text[:room], left + (2 * size if first and indent else 0), size)
            text, first = text[room:], False
    new_page()
    pdf.save()


def write_many_pages(path: Path, pages: int) -> None:
    """A PDF of ``pages`` tiny pages, each with its number (reportlab)."""
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=(72, 72))
    for number in range(pages):
        pdf.drawString(10, 10, str(number))
        pdf.showPage()
    pdf.save()
