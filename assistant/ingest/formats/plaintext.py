"""Plain text (.txt) and Markdown (.md) files.

Markdown is parsed with ``markdown-it-py`` (CommonMark plus tables) and rendered back to plain lines:
heading markers, emphasis, list bullets, link and image syntax and HTML comments disappear (other raw
HTML blocks give their text), except that a heading below the title without a numbering label keeps "## "
("## 申请材料": ``ingest.structure`` makes it a part titled so); ordered list numbers stay as printed ("1.");
a soft line break stays a line break, because policy texts put one paragraph on each line; tables become one
line per row (see ``base.table_lines``).
"""

from __future__ import annotations

import re

from assistant.ingest.formats.base import Extracted, join_lines, table_lines
from assistant.ingest.formats.encoding import decode

_INLINE_TEXT = frozenset(["text", "code_inline", "html_inline"])
_UNCLOSED_STRONG_RE = re.compile(r"\*\*([^*\n]+?)\*\*")
# A numbering label opening a heading ("一、", "第一章", "（一）", "1."): the parser reads it as such.
_LABEL_RE = re.compile(r"^\s*(?:第[^\s]{1,8}?[编編章节節条條]|[一二三四五六七八九十]+、"
                       r"|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.．、]|附\s*件)")


# A pipe table's delimiter row ("| --- | :---: |"), under its header row.
_DELIMITER_RE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")


def read_text(data: bytes) -> Extracted:
    """Read a plain-text file: decode it and drop blank lines and edge whitespace; a pipe table typed as in
    Markdown ("| 品类 | 补贴 |" over "| --- | --- |") becomes one line per row, as a Markdown file's does."""
    lines, out, k = decode(data).splitlines(), [], 0
    while k < len(lines):
        end = k
        while end < len(lines) and lines[end].strip().startswith("|"):
            end += 1
        if end - k >= 3 and _DELIMITER_RE.match(lines[k + 1]):  # header, delimiter and a row at least
            out.extend(read_markdown("\n".join(lines[k:end]).encode("utf-8")).text.splitlines())
            k = end
        else:
            out.append(lines[k])
            k += 1
    return Extracted(join_lines(out))


def _inline(token) -> str:
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "html_inline":
            parts.append("\n" if child.content.lower().startswith("<br") else "")
        elif child.type in _INLINE_TEXT:
            parts.append(child.content)
        elif child.type == "image":
            parts.append("")
    return "".join(parts)


class _Renderer:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.prefix = ""
        self.table: list[list[str]] | None = None
        self.header_rows = 0
        self.heading = False

    def feed(self, token) -> None:
        kind = token.type
        if kind == "heading_open":
            self.heading = token.tag != "h1"  # h1 is the title
        elif kind == "heading_close":
            self.heading = False
        elif kind == "list_item_open":
            self.prefix = f"{token.info}{token.markup}" if token.info else ""
        elif kind == "table_open":
            self.table, self.header_rows = [], 0
        elif kind == "tr_open" and self.table is not None:
            self.table.append([])
        elif kind == "th_open":
            self.header_rows = 1
        elif kind == "table_close" and self.table is not None:
            self.lines.extend(table_lines(self.table, header=bool(self.header_rows) or None))
            self.table = None
        elif kind == "inline":
            self._text(_inline(token))
        elif kind in ("fence", "code_block"):
            self.lines.extend(token.content.splitlines())
        elif kind == "html_block":
            from assistant.ingest.formats.html_page import fragment_lines

            self.lines.extend(fragment_lines(token.content))

    def _text(self, text: str) -> None:
        if self.table is not None and self.table:
            self.table[-1].append(text.replace("\n", " "))
            return
        if self.prefix:
            text, self.prefix = f"{self.prefix}{text}", ""
        text = _UNCLOSED_STRONG_RE.sub(r"\1", text)  # "**办理条件：**申请人…": left open before a CJK letter
        if self.heading and not _LABEL_RE.match(text) and text.replace(" ", "").replace("\u3000", "") != "目录":
            text = f"## {text}"  # a heading without a number ("## 申请材料"): a part of its own (ingest.structure)
        self.lines.extend(text.split("\n"))


def read_markdown(data: bytes) -> Extracted:
    """Read a Markdown file into plain lines (no markers, no HTML comments)."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark").enable("table")
    renderer = _Renderer()
    for token in parser.parse(decode(data)):
        renderer.feed(token)
    return Extracted(join_lines(renderer.lines))
