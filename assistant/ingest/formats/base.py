"""Shapes, errors, budgets and line helpers shared by the format readers.

Budgets (module constants; every reader checks them before or while it works):

- ``MAX_DECOMPRESSED_BYTES`` (64 MiB): the sum of the declared uncompressed sizes of a .docx's zip
  members, checked from the zip directory before any member is inflated. ``zipfile`` never inflates
  more than a member's declared size, so a lying header cannot get past it.
- ``MAX_COMPRESSION_RATIO`` (400): the largest uncompressed/compressed ratio allowed for a member
  larger than ``RATIO_CHECK_MIN_BYTES`` (1 MiB); zip bombs compress zeros about 1000:1, while very
  repetitive Word XML reaches about 200:1.
- ``MAX_ZIP_MEMBERS`` (2,000): members in one .docx.
- ``MAX_PDF_PAGES`` (2,000): pages in a PDF, read from the page tree before any page is parsed.
- ``PDF_TIME_BUDGET_SECONDS`` (60 s): wall time for extracting a PDF's pages, checked between pages.
- ``MAX_OUTPUT_CHARS`` (2,000,000): characters of extracted text for any format.

A document over a budget raises :class:`DocumentTooComplexError`, a kind of
:class:`UnreadableDocumentError`, so callers skip it with its reason like any unreadable file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import zip_longest

from assistant.errors import PolicyQAError

MAX_DECOMPRESSED_BYTES = 64 * 1024 * 1024
MAX_COMPRESSION_RATIO = 400
RATIO_CHECK_MIN_BYTES = 1024 * 1024
MAX_ZIP_MEMBERS = 2000
MAX_PDF_PAGES = 2000
PDF_TIME_BUDGET_SECONDS = 60.0
MAX_OUTPUT_CHARS = 2_000_000

METADATA_KEYS = ("title", "issuer", "doc_number", "date_written", "date_published", "index_no", "subject")

_SPACE_RUN_RE = re.compile(r"[ \t\r\n\f\v\xa0]+")
_EDGE_SPACE = " \t\r\n\f\v\xa0\u3000\u200b\ufeff"
_SENTENCE_END_RE = re.compile(r"[。；;：:！!？?][”’」』）)》]*$")


class UnreadableDocumentError(PolicyQAError):
    """A file that cannot be decoded or parsed; the message is a one-line reason (Chinese / English)."""


class UnsupportedTypeError(UnreadableDocumentError):
    """A file whose type (suffix) is not one of ``SUPPORTED_SUFFIXES``."""


class DocumentTooComplexError(UnreadableDocumentError):
    """A file over one of the reading budgets (decompressed size, pages, characters, time)."""


@dataclass(frozen=True)
class Extracted:
    """What a format reader found in one file.

    Attributes:
        text: The body as plain text, one paragraph per line, in reading order.
        title: The title the format's metadata gives, or "".
        metadata: Format-level document metadata under ``METADATA_KEYS`` (empty values omitted); it wins over
            what the text says.
        fallback: Metadata the page around the text states (an HTML page's "来源：…　发布时间：…" line), same
            keys; the text's own fields (a signature, a dated line) win over it.
    """

    text: str
    title: str = ""
    metadata: dict[str, str] = field(default_factory=dict)
    fallback: dict[str, str] = field(default_factory=dict)


def clean_line(text: str) -> str:
    """Collapse runs of ASCII whitespace and no-break spaces to one space and trim the ends.

    Full-width spaces (U+3000) inside a line are kept (``第一章　总则``); at the ends they are padding.
    """
    return _SPACE_RUN_RE.sub(" ", text).strip(_EDGE_SPACE)


# A glyph of Chinese text: an ideograph, CJK punctuation or a full-width form ("，", "。", "（").
_CJK = r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]"
_SPACED_PAIR_RE = re.compile(rf"(?<={_CJK}) (?={_CJK})")
_CLOSE_PAIR_RE = re.compile(rf"{_CJK}(?={_CJK})")
_LETTER_GAP_RE = re.compile(r"(?<=\S) (?=\S)(?<![A-Za-z] (?=[A-Za-z]))")  # "5 . 执" -> "5.执", not "PDF 和 OFD"


def close_letter_spacing(text: str) -> str:
    """A letter-spaced line of Chinese closed up: "执 行 期 限 。 本 措 施" -> "执行期限。本措施" when at least
    three pairs of Chinese glyphs in it are one space apart and no more are set close (a PDF reader puts a
    space in every wide gap of justified or letter-spaced text), every one-space gap but one between two Latin
    letters ("5 . 执" -> "5.执"); other lines unchanged ("第一条 为了")."""
    spaced = len(_SPACED_PAIR_RE.findall(text))
    if spaced < 3 or spaced < len(_CLOSE_PAIR_RE.findall(text)):
        return text
    return _LETTER_GAP_RE.sub("", text)


def join_lines(lines: list[str]) -> str:
    """Join cleaned, non-empty lines with ``\\n`` (no blank lines)."""
    return "\n".join(line for line in (clean_line(item) for item in lines) if line)


def ends_sentence(text: str) -> bool:
    """True when a line ends like a finished sentence or clause (。；：！？, closing quotes allowed)."""
    return bool(_SENTENCE_END_RE.search(text.rstrip(_EDGE_SPACE)))


def check_output_size(text: str) -> None:
    """Raise :class:`DocumentTooComplexError` when ``text`` is over ``MAX_OUTPUT_CHARS``."""
    if len(text) > MAX_OUTPUT_CHARS:
        raise DocumentTooComplexError(
            f"文字超过 {MAX_OUTPUT_CHARS} 字的上限 / more than {MAX_OUTPUT_CHARS} characters of text")


def _looks_like_header(rows: list[list[str]]) -> bool:
    first = rows[0]
    if len(rows) < 2 or len(first) < 2 or not all(first):
        return False
    return all(len(cell) <= 20 and not ends_sentence(cell) and not cell.replace(".", "").isdigit()
               for cell in first)


def _key_value(rows: list[list[str]]) -> bool:
    """A two-column table of labels and their values ("实施主体 | 河湾市住房和城乡建设局"), as service guides
    print them, though the format marks its first row a header: every first cell a short label (no
    figure, no sentence), and the first row's value reads like a value (long, or with a figure or bracket)."""
    if len(rows) < 2 or any(len(row) != 2 for row in rows):
        return False
    labels = all(0 < len(k) <= 10 and not re.search(r"[\d。；;，,：:]", k) for k, _ in rows)
    return labels and (len(rows[0][1]) > 8 or bool(re.search(r"[\d（(]", rows[0][1])))


def table_lines(rows: list[list[str]], header: bool | None = None) -> list[str]:
    """Turn a table into lines, one per row.

    Args:
        rows: Cell texts row by row (merged cells already expanded or deduplicated by the caller).
        header: Whether the first row is a header; ``None`` guesses (short, non-empty label cells).

    Returns:
        ``"header：value；header：value"`` per body row when the table has a header row, else the
        row's non-empty cells joined by ``"；"``. Empty rows are dropped.
    """
    rows = [[clean_line(cell) for cell in row] for row in rows]
    rows = [row for row in rows if any(row)]
    if not rows:
        return []
    if header and _key_value(rows):  # a Markdown table always has a header row, even a table of labels
        return [f"{key}：{value}" for key, value in rows]
    if header is None:
        header = _looks_like_header(rows)
    if not header or len(rows) < 2:
        return ["；".join(cell for cell in row if cell) for row in rows]
    head, lines = rows[0], []
    for row in rows[1:]:
        pairs: list[str] = []
        for label, value in zip_longest(head, row, fillvalue=""):
            pair = f"{label}：{value}" if label and value and label != value else value
            if pair and (not pairs or pairs[-1] != pair):
                pairs.append(pair)
        lines.append("；".join(pairs))
    return lines
