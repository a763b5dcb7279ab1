""".docx files, read with ``python-docx`` plus the numbering part (see ``word_numbering``).

Before anything is inflated, the zip directory is checked against the budgets in ``base`` (member
count, total declared uncompressed size, compression ratio), so a zip bomb fails in milliseconds.
Paragraphs and tables are read in document order (content controls included); a paragraph numbered
by Word's automatic numbering gets its printed label in front (``第三条 ``, ``（一）``, ``1.``); a
table gives one line per row (``base.table_lines``; Word's "repeat as header row" marks a header).
The title is the leading centred bold paragraph(s) as printed, else the core properties' title; the
title paragraphs (or a first paragraph equal to the core title) are not repeated in the text. A letterhead over the
title (the issuing body's name, "…局文件") and the document number between them are the document's issuer and number,
not its title.
"""

from __future__ import annotations

import io
import re
import zipfile

from assistant.ingest.formats import base
from assistant.ingest.formats.base import (
    DocumentTooComplexError,
    Extracted,
    UnreadableDocumentError,
    clean_line,
    table_lines,
)
from assistant.ingest.formats.pdf_lines import HEADING_START_RE as _HEADING_START_RE
from assistant.ingest.formats.word_numbering import Numbering
from assistant.ingest.order_page import is_order_name
from assistant.text.patterns import DOC_NUMBER, ORGAN_END

# A letterhead printed over a document's title: the issuing body's name, "文件" after it or not ("某市应急管理局文件").
_LETTERHEAD_RE = re.compile(rf"^([\u4e00-\u9fff（）()、 \u3000]{{2,60}}?{ORGAN_END})(?:文件)?$")
_DOC_NUMBER_RE = re.compile(rf"^{DOC_NUMBER}$")

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MB = 1024 * 1024
_HIDDEN_PARENTS = frozenset(f"{_W}{tag}" for tag in ("del", "txbxContent", "moveFrom"))


def check_zip(data: bytes) -> None:
    """Check a zip container against the budgets before any member is inflated.

    Raises:
        UnreadableDocumentError: If it is not a zip file.
        DocumentTooComplexError: If it has too many members, too many declared bytes, or a member
            compressed more than ``MAX_COMPRESSION_RATIO`` times.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise UnreadableDocumentError(f"无法解析 docx / not a readable .docx: {exc}") from exc
    if len(members) > base.MAX_ZIP_MEMBERS:
        raise DocumentTooComplexError(f"docx 内文件过多（{len(members)} 个）/ too many parts in the .docx")
    total = sum(member.file_size for member in members)
    if total > base.MAX_DECOMPRESSED_BYTES:
        raise DocumentTooComplexError(
            f"docx 解压后 {total // _MB} MB，超过 {base.MAX_DECOMPRESSED_BYTES // _MB} MB 上限 / "
            f"the .docx inflates to {total // _MB} MB, over the {base.MAX_DECOMPRESSED_BYTES // _MB} MB cap")
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > base.RATIO_CHECK_MIN_BYTES and ratio > base.MAX_COMPRESSION_RATIO:
            raise DocumentTooComplexError(
                f"docx 压缩比异常（{member.filename} 为 {ratio:.0f}:1，疑似压缩炸弹）/ "
                f"suspicious compression ratio {ratio:.0f}:1 in {member.filename} (zip bomb?)")


class StyleChains:
    """Paragraph styles' properties along ``w:basedOn``, read once from the styles part (python-docx's
    ``Paragraph.style`` scans every style on each call, which is quadratic on long documents)."""

    def __init__(self, document) -> None:
        self.props: dict[str, tuple[object, str | None]] = {}
        self.default: str | None = None
        self.cache: dict[str | None, list] = {}
        self.numbering: dict[str, str] = {}  # numbering style id -> its w:numId
        try:
            root = document.styles.element
        except (KeyError, ValueError, AttributeError, NotImplementedError):
            return
        for style in root.iter(f"{_W}style"):
            if style.get(f"{_W}type") == "numbering":
                num = style.find(f"{_W}pPr/{_W}numPr/{_W}numId")
                if num is not None:
                    self.numbering[style.get(f"{_W}styleId", "")] = num.get(f"{_W}val", "")
            if style.get(f"{_W}type") != "paragraph":
                continue
            style_id = style.get(f"{_W}styleId")
            based = style.find(f"{_W}basedOn")
            self.props[style_id] = (style.find(f"{_W}pPr"), based.get(f"{_W}val") if based is not None else None)
            if style.get(f"{_W}default") in ("1", "true", "on"):
                self.default = style_id

    def chain(self, style_id: str | None) -> list:
        """The ``w:pPr`` elements of a style and the styles it is based on, nearest first."""
        style_id = style_id or self.default
        if style_id not in self.cache:
            chain, current = [], style_id
            while current in self.props and len(chain) < 12:
                ppr, current = self.props[current]
                chain.append(ppr)
            self.cache[style_id] = chain
        return self.cache[style_id]


def _num_pr(p, styles: StyleChains) -> tuple[str, int] | None:
    """The paragraph's (numId, ilvl), from its own properties or its style chain."""
    ppr = p.find(f"{_W}pPr")
    style = ppr.find(f"{_W}pStyle") if ppr is not None else None
    candidates = [ppr, *styles.chain(style.get(f"{_W}val") if style is not None else None)]
    num_id = level = None  # the nearest definition of each wins: the paragraph's, then its styles'
    for props in candidates:
        num_pr = props.find(f"{_W}numPr") if props is not None else None
        if num_pr is None:
            continue
        if num_id is None and num_pr.find(f"{_W}numId") is not None:
            num_id = num_pr.find(f"{_W}numId").get(f"{_W}val", "0")
        if level is None and num_pr.find(f"{_W}ilvl") is not None:
            level = num_pr.find(f"{_W}ilvl").get(f"{_W}val", "0")
    if num_id in (None, "0"):
        return None
    return num_id, int(level) if level and level.isdigit() else 0


def paragraph_text(p) -> str:
    """A paragraph's visible text: runs, hyperlinks, field results and tracked insertions; not deleted
    text, field codes or text boxes (which python-docx's ``Paragraph.text`` partly misses or mixes in)."""
    parts: list[str] = []
    for node in p.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"):
        if any(a.tag in _HIDDEN_PARENTS for a in node.iterancestors()):
            continue
        parts.append(node.text or "" if node.tag == f"{_W}t" else "\t" if node.tag == f"{_W}tab" else "\n")
    return "".join(parts)


def _paragraph_lines(paragraph, numbering: Numbering, styles: StyleChains) -> list[str]:
    text = paragraph_text(paragraph._p)
    num = _num_pr(paragraph._p, styles)
    if num is not None:
        label, suffix = numbering.label(*num)
        if label:
            gap = " " if suffix != "nothing" and text.strip() and re.search(r"\w$", label) else ""
            text = f"{label}{gap}{text.lstrip()}"
    return [line for line in (clean_line(part) for part in text.split("\n")) if line]


def _table_lines(table) -> list[str]:
    rows, header = [], False
    for index, row in enumerate(table.rows):
        seen, cells = set(), []
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            texts = (clean_line(paragraph_text(p._p)) for p in cell.paragraphs)
            cells.append(" ".join(text for text in texts if text))
        rows.append(cells)
        tr_pr = row._tr.trPr
        header = header or (index == 0 and tr_pr is not None and tr_pr.find(f"{_W}tblHeader") is not None)
    return table_lines(rows, header=header or None)


def _blocks(container, document):
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in container.iterchildren():
        if child.tag == f"{_W}p":
            yield Paragraph(child, document)
        elif child.tag == f"{_W}tbl":
            yield Table(child, document)
        elif child.tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _blocks(content, document)


def _is_title(paragraph) -> bool:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    runs = [run for run in paragraph.runs if run.text.strip()]  # bold is judged on plain runs
    centred = paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
    try:
        style_bold = bool(paragraph.style.font.bold)
    except (KeyError, ValueError, AttributeError):
        style_bold = False
    bold = bool(runs) and all(run.bold or (run.bold is None and style_bold) for run in runs)
    return centred and bold and not _HEADING_START_RE.match(paragraph.text.strip())


def read_docx(data: bytes) -> Extracted:
    """Read a .docx file (see the module docstring).

    Raises:
        UnreadableDocumentError: If it is not a readable .docx.
        DocumentTooComplexError: If it is over a budget.
    """
    check_zip(data)
    try:
        import docx
    except ImportError as exc:  # pragma: no cover - python-docx is a core dependency
        raise UnreadableDocumentError("读取 .docx 需要 python-docx / pip install python-docx") from exc
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types for damaged packages
        raise UnreadableDocumentError(f"无法解析 docx / not a readable .docx: {type(exc).__name__}") from exc
    try:
        numbering_root = document.part.numbering_part.element
    except (NotImplementedError, KeyError, AttributeError):
        numbering_root = None
    styles = StyleChains(document)
    return _read(document, Numbering(numbering_root, styles.numbering), styles)


def _core_title(document) -> str:
    """The title in the file's core properties; "" when the file has none (python-docx would make up
    default properties titled "Word Document" for it)."""
    from docx.opc.constants import RELATIONSHIP_TYPE

    if not any(rel.reltype == RELATIONSHIP_TYPE.CORE_PROPERTIES for rel in document.part.package.rels.values()):
        return ""
    return clean_line(document.core_properties.title or "")


def _read(document, numbering: Numbering, styles: StyleChains) -> Extracted:
    from docx.text.paragraph import Paragraph

    core_title = _core_title(document)
    printed: list[str] = []  # leading centred bold paragraphs: the title as printed
    lines: list[str] = []
    number = ""  # a centred document number between a letterhead and the title ("临应急〔2025〕18号")
    for block in _blocks(document.element.body, document):
        if not isinstance(block, Paragraph):
            lines.extend(_table_lines(block))
            continue
        new = _paragraph_lines(block, numbering, styles)
        if not lines and new and len(printed) < 3 and _is_title(block) and _num_pr(block._p, styles) is None:
            printed.extend(new)
            continue
        if not lines and printed and not number and len(new) == 1 and _DOC_NUMBER_RE.match(new[0]):
            number = new[0]
            continue
        if not lines and not printed and new == [core_title]:
            continue
        lines.extend(new)
    if len(printed) == 1 and is_order_name(printed[0]):  # "临澜市人民政府令" over its number: the order page's
        lines, printed = [printed[0], *lines], []  # (ingest.order_page reads it from the text)
    # not the issuers' line of a title printed in two ("青川市工业和信息化局　青川市财政局" over "关于印发…的通知")
    head = len(printed) > 1 and _LETTERHEAD_RE.match(printed[0]) and (number or not printed[1].startswith("关于"))
    issuer = printed.pop(0) if head else ""
    title = "".join(printed) or core_title
    lines = [number, *lines] if number and not issuer else lines  # a title's own number line stays in the text
    found = {"title": title, "issuer": _LETTERHEAD_RE.sub(r"\1", issuer), "doc_number": number if issuer else ""}
    return Extracted("\n".join(lines), title, {k: v for k, v in found.items() if v})
