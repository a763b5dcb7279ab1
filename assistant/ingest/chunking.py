"""Turn a parsed document into chunks: one numbered section each, long ones split by sentence."""

from __future__ import annotations

from dataclasses import replace

from assistant.ingest.structure import PREAMBLE_LABEL, parse_sections, preamble_span
from assistant.records import Chunk, Section
from assistant.text.chinese import split_sentences
from assistant.text.numerals import int_to_cn

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


def join_labels(labels: tuple[str, ...]) -> str:
    """Join a path of labels for people: "第三章 第十一条", "二、1.", "（十七）"."""
    out = ""
    for label in labels:
        out += (" " if out and (label.startswith("第") or out.split(" ")[-1].startswith("第")) else "") + label
    return out


def path_labels(sections: list[Section]) -> list[str]:
    """Name each section by its path, as briefly as stays unambiguous within the document.

    A path under 第X章/节/条 headings is given in full ("第三章 第十一条", "第二章 第三条 2."), as
    regulations are cited; otherwise it is the shortest tail of the path that no other section
    shares ("（十七）" in the plan, "二、1." in a notice whose 1. restarts under each 一、).

    Args:
        sections: All sections of one document (see ``parse_sections``).

    Returns:
        One label per section, in the same order.
    """
    full = [(*s.parents, s.label) for s in sections]
    names = []
    for path in full:
        if path[0].startswith("第"):
            names.append(join_labels(path))
            continue
        for k in range(1, len(path) + 1):
            if sum(other[-k:] == path[-k:] for other in full) == 1 or k == len(path):
                names.append(join_labels(path[-k:]))
                break
    return names


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
                              start=span[0], end=span[1], level="preamble", path_label=PREAMBLE_LABEL))
    top: Section | None = None
    names = path_labels(sections)
    for i, section in enumerate(sections):
        if not section.parents:
            top = section
        own = text[section.start : section.end]
        if _has_children(sections, i) and "\n" not in own and "。" not in own:
            continue  # a title line whose content is all in its sub-sections
        anchor = top if top is not None else section
        # A one-sentence item ("1. 每季度更新一次目录。") has no title apart from its content.
        title = section.title if len(split_sentences(own)) > 1 or _has_children(sections, i) else ""
        chunk = replace(
            base, label=section.label, number=section.number, title=title,
            part=int_to_cn(anchor.number) if anchor.level == "part" else anchor.label,
            part_title=anchor.title, level=section.level, path=section.parents, path_label=names[i],
        )
        for piece, (s, e) in enumerate(split_long(own, max_chars, overlap)):
            start = section.start + s
            chunks.append(replace(chunk, text=text[start : section.start + e], start=start,
                                  end=section.start + e, piece=piece))
    return chunks
