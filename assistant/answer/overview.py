"""How much of each routed unit an overview quotes ("第三章讲了什么", "第十二项任务讲的是什么") (pure)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar

from assistant.answer.quotes import listed
from assistant.records import Chunk, Hit

# The best sentence of a free question, when it lies in an article of at most this many characters,
# is quoted with the whole article: a short article is one rule whose paragraphs (款) qualify each
# other (a procedure and its exception, a duty and its time limit); see quotes.whole_article_ok.
# About one answer's length; chosen on the calibration sets (200 and 400 gave no more).
WHOLE_ARTICLE_CHARS = 300
# A part (chapter) whose units together are at most this long is quoted whole in an overview: about
# a printed page, what a reader asking "第五章讲什么" takes in at once (not chosen on any question set).
WHOLE_PART_CHARS = 3000


class _Quoted(Protocol):
    hit_rank: int
    chunk: Chunk
    unit: str


S = TypeVar("S", bound=_Quoted)


def first_sentences(sentences: Sequence[S], hit_rank: int, n: int | None) -> list[S]:
    """The first ``n`` (all when None) of hit ``hit_rank``'s sentences, in document order."""
    return [s for s in sentences if s.hit_rank == hit_rank][:n]


def overview_size(hit: Hit, route_kind: str, whole: bool, units: int = 1) -> int | None:
    """Sentences quoted of a routed unit in an overview: one for each of a part's ``units`` (all of a part
    that is one unit), every one of an article or an attachment, of a lead-in with its items or when ``whole``,
    else two."""
    if route_kind == "part":
        return 1 if units > 1 else None
    return None if whole or hit.chunk.level in ("article", "attachment") or listed(hit.chunk.text) else 2


def part_limit(picks: dict[int, list[S]]) -> int:
    """The length up to which a part's units are quoted whole: any length when all of them together take
    at most ``WHOLE_PART_CHARS`` (a short chapter is quoted whole), else ``WHOLE_ARTICLE_CHARS`` (a long
    unit by its first 款, or its first line with its items)."""
    total = sum(len(p[0].unit or p[0].chunk.text) for p in picks.values() if p)
    return total if total <= WHOLE_PART_CHARS else WHOLE_ARTICLE_CHARS
