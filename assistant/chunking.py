"""Turn a parsed document into chunks: one numbered section each, long ones split by sentence."""

from __future__ import annotations

from dataclasses import replace

from .numerals import int_to_cn
from .records import Chunk, Section
from .structure import PREAMBLE_LABEL, parse_sections, preamble_span

SPLIT_SEPARATORS = ("\n", "。", "；", "！", "？", "，", "")


def split_long(text: str, max_chars: int, overlap: int) -> list[tuple[int, int]]:
    """Split a long section along sentence boundaries (langchain-text-splitters).

    Args:
        text: The section text.
        max_chars: Largest piece; text not longer than this stays whole.
        overlap: Characters shared by consecutive pieces.

    Returns:
        ``(start, end)`` offsets of the pieces within ``text``.
    """
    if len(text) <= max_chars:
        return [(0, len(text))]
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(
        separators=list(SPLIT_SEPARATORS),
        keep_separator="end",
        chunk_size=max_chars,
        chunk_overlap=overlap,
        strip_whitespace=True,
    )
    spans, cursor = [], 0
    for piece in splitter.split_text(text):
        start = text.find(piece, cursor)
        if start < 0:  # the splitter never rewrites text; guard anyway
            start = text.find(piece)
        spans.append((start, start + len(piece)))
        cursor = start + 1
    return spans


def _has_children(sections: list[Section], index: int) -> bool:
    if index + 1 >= len(sections):
        return False
    me, nxt = sections[index], sections[index + 1]
    return nxt.parents[: len(me.parents) + 1] == (*me.parents, me.label)


def build_chunks(
    text: str, doc_id: str, doc_title: str, max_chars: int = 320, overlap: int = 0
) -> list[Chunk]:
    """Parse a document and return its chunks in text order.

    A heading line with nothing but sub-sections under it (e.g. the plan's "一、…" part lines)
    gives no chunk of its own; its label and title travel in the chunks below it as ``part``
    and ``part_title``. The text before the first heading is a chunk labelled "引言" with no
    number.

    Args:
        text: The whole document.
        doc_id: Stable id of the document.
        doc_title: Title shown in citations.
        max_chars: Sections longer than this are split into pieces that keep their label.
        overlap: Characters shared by consecutive pieces.

    Returns:
        Chunks whose ``text`` equals ``text[start:end]``.
    """
    sections = parse_sections(text)
    base = Chunk(doc_id, doc_title, "", None, "", "", "", "", 0, 0)
    chunks: list[Chunk] = []
    span = preamble_span(text, sections)
    if span:
        chunks.append(replace(base, label=PREAMBLE_LABEL, text=text[span[0] : span[1]],
                              start=span[0], end=span[1], level="preamble"))
    top: Section | None = None
    for i, section in enumerate(sections):
        if not section.parents:
            top = section
        own = text[section.start : section.end]
        if _has_children(sections, i) and "\n" not in own:
            continue
        anchor = top if top is not None else section
        chunk = replace(
            base, label=section.label, number=section.number, title=section.title,
            part=int_to_cn(anchor.number) if anchor.level == "part" else anchor.label,
            part_title=anchor.title, level=section.level, path=section.parents,
        )
        for piece, (s, e) in enumerate(split_long(own, max_chars, overlap)):
            start = section.start + s
            chunks.append(replace(chunk, text=text[start : section.start + e], start=start,
                                  end=section.start + e, piece=piece))
    return chunks
