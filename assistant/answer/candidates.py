"""Candidate answer sentences (pure): every sentence of the retrieved sections, scored, with its unit's whole text."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assistant.answer.overlap import with_overlap
from assistant.answer.quotes import strip_label
from assistant.records import Chunk, Hit, section_layout

# Weight, in a sentence's score, of how much less its unit matches the question as a whole than the
# best unit does (chunk vectors). Chosen on the calibration sets, never the gold sets (real documents:
# first citation right 0.653 -> 0.682; plan: 0.920 either way).
UNIT_MATCH_WEIGHT = 1.0


@dataclass(frozen=True)
class Sentence:
    """A candidate answer sentence: its section, verbatim text and score; ``start``/``end`` are its
    offsets in ``unit`` (the section's whole text, all its pieces), ``clause`` the 款/项 it lies in
    ("第二款第（三）项", articles only)."""

    hit_rank: int
    chunk: Chunk
    text: str
    score: float
    position: int
    start: int = 0
    end: int = 0
    clause: str = ""
    unit: str = ""


def heading_sentence(chunk: Chunk, text: str) -> bool:
    """True if a sentence is just the section's label and title, or the document's title or one it names
    ("政府网站集约化试点工作方案" atop a notice): nothing to quote."""
    stripped = text.strip("。 \n")
    if len(stripped) >= 4 and stripped in chunk.doc_title:
        return True
    core = stripped.rstrip("）)】]")  # "第四条（停放要求）": an article's title in brackets
    if chunk.title.endswith(("？", "?")) and stripped.endswith(("？", "?")) and strip_label(stripped) in chunk.title:
        return True  # one of the questions a Q&A unit's title asks ("7.哪些…？资助标准是多少？")
    return bool(chunk.title) and core.endswith(chunk.title) and len(stripped) <= len(chunk.title) + 8


def candidate_sentences(hits: list[Hit], chunks: list[Chunk], sentence_rows, sentence_scores, spans,
                        tokens: tuple[str, ...], unit_scores: Sequence[float] = (), points=None) -> list[Sentence]:
    """Score every sentence of the hits: dense similarity plus a small term-overlap bonus, less
    ``UNIT_MATCH_WEIGHT`` times the gap between its unit's similarity and the best unit's.

    Args:
        hits: Retrieved sections, best first.
        chunks: All chunks of the index (rows).
        sentence_rows: Function giving the sentence indices of a chunk row.
        sentence_scores: Dense similarity per sentence index.
        spans: ``(n, 3)`` array of chunk row, start, end per sentence index.
        tokens: Query tokens (for the overlap bonus).
        unit_scores: Similarity of the question to each hit's unit as a whole (cosine, one per hit,
            see ``Retrieval.unit_scores``); empty: no unit term.
        points: Chunk -> its points (``HybridRetriever.points``): a lead-in "…：" is quoted with them.

    Returns:
        Sentences in section order, then text order; heading-only sentences left out.
    """
    out = []
    best_unit = max(unit_scores, default=0.0)
    for rank, hit in enumerate(hits):
        position = 0
        unit_gap = best_unit - unit_scores[rank] if rank < len(unit_scores) else 0.0
        whole, bases = _with_points([chunks[row] for row in hit.chunk_ids], points)
        for row, base in zip(hit.chunk_ids, bases, strict=True):
            chunk = chunks[row]
            for s in sentence_rows(row):
                _, start, end = spans[s]
                text = chunk.text[start:end]
                if heading_sentence(chunk, text):
                    continue
                if position == 0 and start == 0:
                    text = strip_label(text)
                score = float(sentence_scores.get(int(s), 0.0)) - UNIT_MATCH_WEIGHT * unit_gap
                out.append(Sentence(rank, chunk, text, score, position, base + int(start), base + int(end), unit=whole))
                position += 1
    return with_overlap(out, tokens)


def _with_points(pieces: list[Chunk], points=None) -> tuple[str, list[int]]:
    """A unit's whole text and each piece's offset in it (:func:`records.section_layout`), with the points of a
    lead-in piece ending in "：" right after it (``points``: Chunk -> its points): a task's closing words after its
    points ("每名消费者限享受一次补贴。") follow them, never the lead-in."""
    whole, bases = section_layout(pieces)
    if points is None:
        return whole, bases
    shift, out = 0, []
    for piece, base in zip(pieces, bases, strict=True):
        out.append(base + shift)
        end = base + shift + len(piece.text)
        if piece.text.rstrip().endswith(("：", ":")) and (listed := "".join("\n" + p.text for p in points(piece))):
            whole, shift = whole[:end] + listed + whole[end:], shift + len(listed)
    return whole, out
