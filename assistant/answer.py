"""Extractive answers (pure): choose verbatim sentences from retrieved sections and cite them."""

from __future__ import annotations

import math
from dataclasses import dataclass

from .records import Answer, Chunk, Citation, Hit

NOT_FOUND = "文件中未找到与该问题直接相关的内容。"
MAX_ANSWER_SENTENCES = 3
# A second sentence joins the answer when it scores within this margin of the best one.
JOIN_MARGIN = 0.02


@dataclass(frozen=True)
class Sentence:
    """A candidate answer sentence: its section, verbatim text and score."""

    hit_rank: int
    chunk: Chunk
    text: str
    score: float
    position: int


def heading_sentence(chunk: Chunk, text: str) -> bool:
    """True if a sentence is just the section's label and title (nothing to quote)."""
    stripped = text.strip("。 \n")
    return stripped.endswith(chunk.title) and len(stripped) <= len(chunk.title) + 8


def candidate_sentences(hits: list[Hit], chunks: list[Chunk], sentence_rows, sentence_scores,
                        spans, tokens: tuple[str, ...]) -> list[Sentence]:
    """Score every sentence of the hits: dense similarity plus a small term-overlap bonus.

    Args:
        hits: Retrieved sections, best first.
        chunks: All chunks of the index (rows).
        sentence_rows: Function giving the sentence indices of a chunk row.
        sentence_scores: Dense similarity per sentence index.
        spans: ``(n, 3)`` array of chunk row, start, end per sentence index.
        tokens: Query tokens (for the overlap bonus).

    Returns:
        Sentences in section order, then text order; heading-only sentences left out.
    """
    out = []
    for rank, hit in enumerate(hits):
        position = 0
        for row in hit.chunk_ids:
            chunk = chunks[row]
            for s in sentence_rows(row):
                _, start, end = spans[s]
                text = chunk.text[start:end]
                if heading_sentence(chunk, text):
                    continue
                overlap = sum(t in text for t in tokens) / len(tokens) if tokens else 0.0
                score = float(sentence_scores.get(int(s), 0.0)) + 0.05 * overlap
                out.append(Sentence(rank, chunk, text, score, position))
                position += 1
    return out


def label_text(chunk: Chunk) -> str:
    """How a section is named to people: label and title, e.g. "（十七）夯实算力基础设施"."""
    return f"{chunk.label}{chunk.title}" if chunk.number is not None else chunk.label


def citation(chunk: Chunk, quote: str, score: float) -> Citation:
    """Build a citation for a verbatim quote of a chunk."""
    return Citation(chunk.doc_id, chunk.doc_title, chunk.label, chunk.number, chunk.title,
                    chunk.part, quote, round(score, 4))


def _best_per_hit(sentences: list[Sentence]) -> dict[int, Sentence]:
    best: dict[int, Sentence] = {}
    for s in sentences:
        if s.hit_rank not in best or s.score > best[s.hit_rank].score:
            best[s.hit_rank] = s
    return best


def _first_body(sentences: list[Sentence], hit_rank: int, n: int) -> list[Sentence]:
    return [s for s in sentences if s.hit_rank == hit_rank][:n]


def pick_sentences(sentences: list[Sentence], tokens: tuple[str, ...] = ()) -> list[Sentence]:
    """Pick the answer sentences for a free question (at most three).

    The best sentence comes first; a near tie (within ``JOIN_MARGIN``) from the top three
    sections joins it, and so does the best sentence of another section that contains every
    longer query term (three characters or more) the best sentence contains, so that "哪些地方提到
    了可信数据空间" lists each task that mentions it.
    """
    if not sentences:
        return []
    ranked = sorted(sentences, key=lambda s: -s.score)
    best = ranked[0]
    chosen = [best]
    shared = [t for t in tokens if len(t) >= 3 and t in best.text]
    for s in ranked[1:]:
        if len(chosen) >= MAX_ANSWER_SENTENCES:
            break
        near = best.score - s.score <= JOIN_MARGIN and s.hit_rank <= 2
        same_terms = bool(shared) and all(t in s.text for t in shared) and all(
            c.hit_rank != s.hit_rank for c in chosen)
        if near or same_terms:
            chosen.append(s)
    return sorted(chosen, key=lambda s: (s.hit_rank != best.hit_rank, s.hit_rank, s.position))


def compose_answer(hits: list[Hit], sentences: list[Sentence], route_kind: str, overview: bool,
                   top_k: int, tokens: tuple[str, ...] = ()) -> tuple[str, list[Citation]]:
    """Write the answer text and its citations.

    Args:
        hits: Retrieved sections, best first (routed sections first, in document order).
        sentences: Output of :func:`candidate_sentences`.
        route_kind: "part", "task" or "hybrid".
        overview: The question only names sections (e.g. "第十二项任务讲的是什么").
        top_k: Largest number of citations.
        tokens: Query tokens (to find every section that mentions a term).

    Returns:
        The answer text and the citations, ordered by relevance.
    """
    best = _best_per_hit(sentences)
    if route_kind in ("part", "task"):
        routed = [i for i, h in enumerate(hits) if h.routed]
        picks = {i: (_first_body(sentences, i, 1 if route_kind == "part" else 2) if overview
                     else [best[i]] if i in best else []) for i in routed}
        lines = []
        for i in routed:
            quote = "".join(s.text for s in picks[i])
            lines.append(f"{label_text(hits[i].chunk)}：{quote}" if quote else label_text(hits[i].chunk))
        cited = [(i, s) for i in routed for s in picks[i][:1]]
        if route_kind == "part":
            chunk = hits[routed[0]].chunk
            header = f"第{chunk.part}部分“{chunk.part_title}”包括以下{len(routed)}项任务："
            lines = [header] + [f"{n}. {line}" for n, line in enumerate(lines, 1)]
        text = "\n".join(lines)
    else:
        chosen = pick_sentences(sentences, tokens)
        text = "".join(f"{s.text}{s.chunk.label}" for s in chosen)
        cited = [(s.hit_rank, s) for s in chosen]
    citations, seen = [], set()
    others = [] if route_kind == "part" else [(i, best[i]) for i in sorted(best) if i < len(hits)]
    for i, s in cited + others:
        if hits[i].chunk.key in seen or len(citations) >= max(top_k, len(cited)):
            continue
        seen.add(hits[i].chunk.key)
        citations.append(citation(s.chunk, s.text, s.score))
    return text, citations


def refusal(hits: list[Hit], sentences: list[Sentence]) -> tuple[str, list[Citation]]:
    """Say the documents do not cover the question and name up to three nearest sections."""
    best = _best_per_hit(sentences)
    related = [citation(hits[i].chunk, best[i].text, best[i].score)
               for i in sorted(best)[:3]]
    if not related:
        return NOT_FOUND, []
    lines = [NOT_FOUND, "以下内容可能相关："]
    lines += [f"- {c.label}{c.title}" for c in related]
    return "\n".join(lines), related


def confidence(top_sentence: float, coverage: float, foreign: float,
               params: dict[str, float]) -> float:
    """Evidence confidence in 0–1: a logistic function of three retrieval signals.

    Args:
        top_sentence: Best score of a sentence of the top section (dense similarity + overlap).
        coverage: Share of the question's content terms found in the top section (0.5 when the
            question has no Chinese terms, e.g. English).
        foreign: 1.0 if the question names a place, organisation, person, year or Latin term
            that occurs nowhere in the corpus (nor in the glossary), else 0.0.
        params: Weights ``bias``, ``sentence``, ``coverage``, ``foreign``.

    Returns:
        The confidence; the assistant refuses below ``Settings.min_confidence``.
    """
    z = (params["bias"] + params["sentence"] * top_sentence + params["coverage"] * coverage
         + params["foreign"] * foreign)
    return 1.0 / (1.0 + math.exp(-z))


def make_answer(question: str, text: str, refused: bool, citations: list[Citation],
                related: list[Citation], route: str, timings: dict[str, float]) -> Answer:
    """Bundle the parts of an answer into the frozen record."""
    return Answer(question=question, answer=text, refused=refused, citations=tuple(citations),
                  related=tuple(related), route=route, timings_ms=timings)

