"""How much of each routed unit an overview quotes ("第三章讲了什么", "第十二项任务讲的是什么") (pure)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol, TypeVar

from assistant.answer.clauses import asks_content
from assistant.answer.quotes import listed
from assistant.records import Chunk, Hit
from assistant.retrieve.docnames import strip_names
from assistant.retrieve.hybrid import Retrieval
from assistant.text.chinese import fold_width, tokenize

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


def overview_size(hit: Hit, route_kind: str, whole: bool, units: int = 1, chars: int | None = None) -> int | None:
    """Sentences quoted of a routed unit in an overview: one for each of a part's ``units`` (all of a part
    that is one unit), every one of an article or an attachment, of a lead-in with its items, of the one unit looked
    up when it has at most ``WHOLE_ARTICLE_CHARS`` characters (``chars``, the whole unit's, else the hit's text:
    "三、（一）" of four sentences) or when ``whole``, else two."""
    if route_kind == "part":
        return 1 if units > 1 else None
    short = units == 1 and (len(hit.chunk.text) if chars is None else chars) <= WHOLE_ARTICLE_CHARS
    return None if whole or short or hit.chunk.level in ("article", "attachment") or listed(hit.chunk.text) else 2


def part_limit(picks: dict[int, list[S]]) -> int:
    """The length up to which a part's units are quoted whole: any length when all of them together take
    at most ``WHOLE_PART_CHARS`` (a short chapter is quoted whole), else ``WHOLE_ARTICLE_CHARS`` (a long
    unit by its first 款, or its first line with its items)."""
    total = sum(len(p[0].unit or p[0].chunk.text) for p in picks.values() if p)
    return total if total <= WHOLE_PART_CHARS else WHOLE_ARTICLE_CHARS


# Words that name a kind of section, not a topic: they do not make a routed question more specific.
_SECTION_WORDS = frozenset({"任务", "工作", "部分", "条", "文件", "意见", "通知", "方案", "办法", "条例", "规定",
                            "决定", "计划", "规划",  # and a document's kind ("意见（二）3."), and in English:
                            "article", "annex", "attachment", "appendix", "enclosure", "chapter", "section",
                            "part", "item", "paragraph", "point", "task"})
# Numbers and ordinals of the structure ("第三" of 第三部分, "二章", "2" of 第2点): they name sections too.
_ORDINAL_RE = re.compile(r"第?[一二三四五六七八九十百零〇两\d]+(?:章|节|節|条|條|款|项|項|点|部分)?")


def residual_terms(question: str, reference: str, hits: Sequence[Hit],
                   user_words: tuple[str, ...] = ()) -> list[str]:
    """Terms of a routed question besides its section reference, the routed sections' titles and the
    words of their documents' titles ("实施意见一、（二）": 实施 is the document's, not a topic).

    None left means the question only names sections ("第十二项任务讲的是什么"): an overview.
    """
    rest = fold_width(question)
    for piece in fold_width(reference).split():  # "附件2 第三条" asked as "附件2第三条"
        rest = rest.replace(piece, " ")
    titles = {t for h in hits if h.routed for t in (h.chunk.title, fold_width(h.chunk.doc_title)) if t}
    return [t for t in tokenize(rest, user_words)
            if not any(t in title for title in titles) and t not in _SECTION_WORDS and not _ORDINAL_RE.fullmatch(t)]


def asks_overview(found: Retrieval, user_words: tuple[str, ...] = ()) -> bool:
    """True when a routed question asks what its sections hold as a whole: one task asked for its
    content ("（二）讲了什么"), or nothing asked beyond naming sections and documents."""
    route = found.route
    return route is not None and (
        (route.kind == "task" and len(route.keys) == 1 and asks_content(found.question))
        or not residual_terms(strip_names(found.question), route.reference, found.hits, user_words))
