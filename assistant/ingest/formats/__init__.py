"""Reading document files (pure: bytes in, :class:`Extracted` out) for .txt, .md, .html, .docx and .pdf.

``extract(data, suffix)`` returns the body as plain text, one paragraph per line in reading order
(no Markdown markers, HTML comments, page chrome, PDF page headers/footers or wrapped lines), the
title the format's metadata gives, and format-level metadata (``base.METADATA_KEYS``). One module per
format: ``plaintext`` (.txt, .md via markdown-it-py), ``html_page`` (lxml), ``word`` + ``word_numbering``
(python-docx and Word's automatic numbering), ``pdf`` + ``pdf_lines`` (pdfminer.six); ``encoding``
detects text encodings (charset-normalizer); ``base`` holds the shapes, errors and reading budgets.
"""

from __future__ import annotations

from assistant.ingest.formats.base import (
    METADATA_KEYS,
    DocumentTooComplexError,
    Extracted,
    UnreadableDocumentError,
    UnsupportedTypeError,
    check_output_size,
)
from assistant.ingest.formats.encoding import decode
from assistant.text.radicals import unify_radicals

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
SUPPORTED_SUFFIXES = (*TEXT_SUFFIXES, *HTML_SUFFIXES, ".docx", ".pdf")

__all__ = [
    "HTML_SUFFIXES",
    "METADATA_KEYS",
    "SUPPORTED_SUFFIXES",
    "TEXT_SUFFIXES",
    "DocumentTooComplexError",
    "Extracted",
    "UnreadableDocumentError",
    "UnsupportedTypeError",
    "decode",
    "extract",
]


def _reader(suffix: str):
    if suffix == ".txt":
        from assistant.ingest.formats.plaintext import read_text as reader
    elif suffix == ".md":
        from assistant.ingest.formats.plaintext import read_markdown as reader
    elif suffix in HTML_SUFFIXES:
        from assistant.ingest.formats.html_page import read_html as reader
    elif suffix == ".docx":
        from assistant.ingest.formats.word import read_docx as reader
    elif suffix == ".pdf":
        from assistant.ingest.formats.pdf import read_pdf as reader
    else:
        raise UnsupportedTypeError(f"不支持的文件类型 / unsupported type {suffix or '(none)'}")
    return reader


# An em space (HTML's &emsp;) after a label ("第五条\u2003…") is the full-width space Chinese texts put there; the
# narrower typographic spaces are spaces.
_WIDE_SPACES = {0x2001: 0x3000, 0x2003: 0x3000, **{c: 0x20 for c in (0x2000, 0x2002, *range(0x2004, 0x200B))}}


def extract(data: bytes, suffix: str) -> Extracted:
    """Extract a document's text, title and metadata from its bytes.

    Args:
        data: The file's bytes.
        suffix: Its suffix, e.g. ``".pdf"`` (case does not matter).

    Returns:
        :class:`Extracted`: ``text`` one paragraph per line (``\\n``, no blank lines), ``title`` (may be
        ""), ``metadata`` (keys from ``METADATA_KEYS``, empty values omitted).

    Raises:
        UnsupportedTypeError: For a suffix not in ``SUPPORTED_SUFFIXES``.
        DocumentTooComplexError: For a file over a reading budget (see ``base``).
        UnreadableDocumentError: For a file that cannot be decoded or parsed, or has no text.
    """
    reader = _reader(suffix.lower())
    try:
        result = reader(data)
    except UnreadableDocumentError:
        raise
    except Exception as exc:  # a damaged or hostile file must be skipped with a reason, never crash ingest
        raise UnreadableDocumentError(
            f"无法读取 {suffix} 文件（{type(exc).__name__}）/ cannot read the {suffix} file") from exc
    result = Extracted(unify_radicals(result.text), unify_radicals(result.title),  # a PDF font's look-alikes
                       {key: unify_radicals(value) for key, value in result.metadata.items()},
                       {key: unify_radicals(value) for key, value in result.fallback.items()})
    text = result.text.replace("\r\n", "\n").replace("\r", "\n").translate(_WIDE_SPACES).strip("\n")
    check_output_size(text)
    if not text.strip() and result.title:  # a title-only document: its title is its whole text
        text = result.title
    if not text.strip():
        raise UnreadableDocumentError("文件中没有文字 / no text in the file")
    metadata = {key: value for key, value in result.metadata.items() if key in METADATA_KEYS and value}
    if result.title:
        metadata.setdefault("title", result.title)
    fallback = {key: value for key, value in result.fallback.items() if key in METADATA_KEYS and value}
    return Extracted(text + "\n", result.title, metadata, fallback)
