"""Text extraction (pure, bytes in, text out) for .txt, .md, .html, .docx and .pdf documents.

.docx is read with the standard library (its XML parts); .pdf needs ``pypdf`` (a core dependency).
Word's automatic list numbering is not part of the text and is therefore lost; numbering typed into
the text (第一条, 一、, 1.) is kept.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from xml.etree import ElementTree

from assistant.errors import PolicyQAError

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
SUPPORTED_SUFFIXES = (*TEXT_SUFFIXES, *HTML_SUFFIXES, ".docx", ".pdf")
_ENCODINGS = ("utf-8-sig", "gb18030")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
_BLANK_LINES_RE = re.compile(r"\n[ \t\u3000]*\n+")


class UnreadableDocumentError(PolicyQAError):
    """A file that cannot be decoded or parsed; the message is a one-line reason."""


class UnsupportedTypeError(UnreadableDocumentError):
    """A file whose type (suffix) is not one of ``SUPPORTED_SUFFIXES``."""


@dataclass(frozen=True)
class Extracted:
    """Plain text of a document and the title its metadata gives (may be empty)."""

    text: str
    title: str = ""


def decode(data: bytes) -> str:
    """Decode bytes as UTF-8 (with or without BOM), else GB18030.

    Raises:
        UnreadableDocumentError: If neither encoding fits.
    """
    for encoding in _ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableDocumentError("无法解码（不是 UTF-8 或 GB18030）/ cannot decode as UTF-8 or GB18030")


class _HtmlText(HTMLParser):
    _BLOCKS = frozenset((
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section",
        "article", "header", "footer", "blockquote", "pre", "dt", "dd", "title",
    ))
    _SKIP = frozenset(["script", "style", "noscript", "template", "nav"])

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self.h1: list[str] = []
        self._stack: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in self._SKIP:
            self._skipping += 1
        if tag in self._BLOCKS:
            self.parts.append("\n")
        self._stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self._skipping:
            self._skipping -= 1
        if tag in self._BLOCKS:
            self.parts.append("\n")
        if tag in self._stack:
            while self._stack and self._stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        current = self._stack[-1] if self._stack else ""
        if current == "title":
            self.title.append(data)
            return
        if self._skipping:
            return
        if current == "h1":
            self.h1.append(data)
        self.parts.append(data.replace("\n", " "))


def html_to_text(html: str) -> Extracted:
    """Extract the visible text of an HTML page, one block element a line."""
    parser = _HtmlText()
    parser.feed(html)
    parser.close()
    lines = [line.strip(" \t\u3000\xa0") for line in "".join(parser.parts).splitlines()]
    text = "\n".join(line for line in lines if line)
    title = "".join(parser.h1).strip() or "".join(parser.title).strip()
    return Extracted(text + "\n", title)


def docx_to_text(data: bytes) -> Extracted:
    """Extract the paragraphs of a .docx file, one a line, and its core-properties title."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            body = ElementTree.fromstring(archive.read("word/document.xml"))
            core = (ElementTree.fromstring(archive.read("docProps/core.xml"))
                    if "docProps/core.xml" in archive.namelist() else None)
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError) as exc:
        raise UnreadableDocumentError(f"无法解析 docx / not a readable .docx: {exc}") from exc
    paragraphs = []
    for para in body.iter(f"{_W}p"):
        pieces = [node.text or "" if node.tag == f"{_W}t" else "\t" if node.tag == f"{_W}tab" else "\n"
                  for node in para.iter() if node.tag in (f"{_W}t", f"{_W}tab", f"{_W}br")]
        paragraphs.append("".join(pieces).strip())
    title_node = core.find(_DC_TITLE) if core is not None else None
    title = (title_node.text or "").strip() if title_node is not None else ""
    return Extracted("\n".join(p for p in paragraphs if p) + "\n", title)


def pdf_to_text(data: bytes) -> Extracted:
    """Extract the text of a PDF page by page with pypdf, and its metadata title."""
    try:
        import pypdf
    except ImportError as exc:  # pragma: no cover - pypdf is a core dependency
        raise UnreadableDocumentError("读取 PDF 需要 pypdf / install pypdf to read PDF") from exc
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
        title = str((reader.metadata or {}).get("/Title") or "").strip()
    except Exception as exc:  # pypdf raises many types for damaged files
        raise UnreadableDocumentError(f"无法解析 PDF / not a readable PDF: {type(exc).__name__}") from exc
    return Extracted("\n".join(p.strip("\n") for p in pages) + "\n", title)


def extract(data: bytes, suffix: str) -> Extracted:
    """Extract the text of a document from its bytes.

    Args:
        data: The file's bytes.
        suffix: Its lower-case suffix, e.g. ``".pdf"``.

    Returns:
        The text with ``\\n`` line ends and blank lines folded, and the metadata title.

    Raises:
        UnreadableDocumentError: For an unsupported type or a file that cannot be decoded or parsed.
    """
    if suffix in TEXT_SUFFIXES:
        result = Extracted(decode(data))
    elif suffix in HTML_SUFFIXES:
        result = html_to_text(decode(data))
    elif suffix == ".docx":
        result = docx_to_text(data)
    elif suffix == ".pdf":
        result = pdf_to_text(data)
    else:
        raise UnsupportedTypeError(f"不支持的文件类型 / unsupported type {suffix or '(none)'}")
    text = result.text.replace("\r\n", "\n").replace("\r", "\n")
    if suffix not in TEXT_SUFFIXES:
        text = _BLANK_LINES_RE.sub("\n", text)
    if not text.strip():
        raise UnreadableDocumentError("文件中没有文字 / no text in the file")
    return Extracted(text, result.title)
