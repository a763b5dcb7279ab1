"""PDF files, read with ``pdfminer.six``.

Why pdfminer.six: its layout analysis gives every text line with its box and every glyph with its
real advance width, also for CJK fonts, so the paragraph logic (``pdf_lines``) can tell a line that
reached the right margin from one that ended short, see first-line indents, centred headings and page
footers. pypdf's text visitor gives only the start point of each text run, without widths.

Budgets (``base``): the page count is read from the page tree before any page is parsed
(``MAX_PDF_PAGES``); the elapsed time is checked between pages (``PDF_TIME_BUDGET_SECONDS``) and the
text size as pages are read (``MAX_OUTPUT_CHARS``). A PDF without a text layer (a scan) is refused
with a reason rather than read as an empty document.
"""

from __future__ import annotations

import io
import logging
import re
import time

from assistant.ingest.formats import base
from assistant.ingest.formats.base import (
    DocumentTooComplexError,
    Extracted,
    UnreadableDocumentError,
    close_letter_spacing,
)
from assistant.ingest.formats.pdf_lines import COLUMN_GAP, Line, paragraphs
from assistant.text.radicals import unify_radicals

# A producer's placeholder or the name of the file it was printed from ("b.html", "通知.docx").
_PLACEHOLDER_TITLE_RE = re.compile(r"^(?:untitled|无标题|microsoft word - |\(?anonymous\)?$)"
                                   r"|\.(?:docx?|wps|pdf|txt|html?|mht(?:ml)?|md|rtf|odt|xlsx?|pptx?)$", re.IGNORECASE)
_CID_RE = re.compile(r"\(cid:\d+\)")
_NO_TEXT = ("PDF 没有可提取的文字层（可能是扫描件），请先做文字识别（OCR）/ "
            "the PDF has no text layer (a scan?); run OCR on it first")


def _page_count(document) -> int | None:
    from pdfminer.pdftypes import resolve1

    try:
        count = resolve1(resolve1(document.catalog["Pages"])["Count"])
        return int(count)
    except Exception:  # a damaged page tree: let the page iterator decide
        return None


def _info_title(document) -> str:
    """The Info dictionary's /Title, unless it is a producer's placeholder or a file name."""
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    for info in document.info or []:
        value = resolve1(info.get("Title")) if isinstance(info, dict) else None
        title = base.clean_line(decode_text(value) if isinstance(value, bytes) else str(value or ""))
        if title and not _PLACEHOLDER_TITLE_RE.search(title):
            return title
    return ""


def _cells(chars, size: float) -> tuple[str, ...]:
    """Split a line's glyphs where a gap is wider than ``COLUMN_GAP`` font sizes (table columns)."""
    cells, current, last_x1 = [], [], None
    for char in chars:
        if last_x1 is not None and char.x0 - last_x1 > COLUMN_GAP * size:
            cells.append("".join(current).strip())
            current = []
        current.append(char.get_text())
        last_x1 = char.x1
    cells.append("".join(current).strip())
    return tuple(cells) if len(cells) > 1 else ()


def _lines(layout, page: int):
    from pdfminer.layout import LTChar, LTTextLineHorizontal

    stack = [layout]
    while stack:
        item = stack.pop()
        if isinstance(item, LTTextLineHorizontal):
            chars = [char for char in item if isinstance(char, LTChar)]
            sizes = [char.size for char in chars]
            size = max(dict.fromkeys(sizes), key=sizes.count) if sizes else item.height  # a tie: the first
            text = close_letter_spacing(unify_radicals(item.get_text().strip("\n")))  # "⼀、" of some fonts: "一、"
            yield Line(page, item.x0, item.x1, item.y0, item.y1, size, text,
                       tuple(close_letter_spacing(unify_radicals(cell)) for cell in _cells(chars, size)))
        elif hasattr(item, "__iter__"):
            stack.extend(item)


def _open(data: bytes):
    from pdfminer.pdfdocument import PDFDocument, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFParser

    try:
        return PDFDocument(PDFParser(io.BytesIO(data)))
    except PDFPasswordIncorrect as exc:
        raise UnreadableDocumentError("PDF 已加密，无法读取 / the PDF is encrypted") from exc
    except Exception as exc:  # pdfminer raises many types for damaged files
        raise UnreadableDocumentError(f"无法解析 PDF / not a readable PDF: {type(exc).__name__}") from exc


def _read_pages(document) -> list[list[Line]]:
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    manager = PDFResourceManager()
    device = PDFPageAggregator(manager, laparams=LAParams())
    interpreter = PDFPageInterpreter(manager, device)
    started, chars, pages = time.monotonic(), 0, []
    for index, page in enumerate(PDFPage.create_pages(document)):
        if index >= base.MAX_PDF_PAGES:
            raise DocumentTooComplexError(f"PDF 超过 {base.MAX_PDF_PAGES} 页 / more than {base.MAX_PDF_PAGES} pages")
        if time.monotonic() - started > base.PDF_TIME_BUDGET_SECONDS:
            raise DocumentTooComplexError(
                f"PDF 读取超过 {base.PDF_TIME_BUDGET_SECONDS:.0f} 秒 / reading took over "
                f"{base.PDF_TIME_BUDGET_SECONDS:.0f} s (at page {index + 1})")
        interpreter.process_page(page)
        lines = list(_lines(device.get_result(), index))
        chars += sum(len(line.text) for line in lines)
        if chars > base.MAX_OUTPUT_CHARS:
            base.check_output_size("x" * chars)
        pages.append(lines)
    return pages


def read_pdf(data: bytes) -> Extracted:
    """Read a PDF's text in reading order, one paragraph a line (see ``pdf_lines``).

    Raises:
        UnreadableDocumentError: If it cannot be parsed, is encrypted, or has no text layer.
        DocumentTooComplexError: If it is over a budget (pages, time, characters).
    """
    try:
        import pdfminer  # noqa: F401
    except ImportError as exc:  # pragma: no cover - pdfminer.six is a core dependency
        raise UnreadableDocumentError("读取 PDF 需要 pdfminer.six / pip install pdfminer.six") from exc
    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # its per-glyph font warnings are no reader's concern
    document = _open(data)
    count = _page_count(document)
    if count is not None and count > base.MAX_PDF_PAGES:
        raise DocumentTooComplexError(
            f"PDF 有 {count} 页，超过 {base.MAX_PDF_PAGES} 页上限 / "
            f"{count} pages, over the {base.MAX_PDF_PAGES}-page cap")
    try:
        pages = _read_pages(document)
    except UnreadableDocumentError:
        raise
    except Exception as exc:
        raise UnreadableDocumentError(f"无法解析 PDF / not a readable PDF: {type(exc).__name__}") from exc
    if not any(pages):
        raise UnreadableDocumentError(_NO_TEXT)
    lines = [line.text for page in pages for line in page]
    if sum(1 for text in lines if _CID_RE.search(text)) > 0.1 * len(lines):
        raise UnreadableDocumentError("PDF 字体缺少 Unicode 映射，文字无法正确提取 / "
                                      "the PDF's fonts have no Unicode map; its text cannot be extracted")
    title, lines = paragraphs(pages)
    title = _info_title(document) or title
    if lines and title and lines[0].replace(" ", "") == title.replace(" ", ""):
        lines = lines[1:]  # the title printed at the top in body type: it is the title, not text
    return Extracted("\n".join(lines), title, {"title": title} if title else {})
