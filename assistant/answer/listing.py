"""A list asked of points that are units of their own (pure): "个体工商户登记需要哪些材料" over a guide whose
"四、申请材料" holds the points 1.…4., each its own unit. The search finds some of them, the answer would quote
the best one; the question asks for the list, so every point under that heading is looked up, as "申请材料有哪些"
(which names the heading) is.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from assistant.answer.clauses import asks_which
from assistant.answer.figures import MATERIALS_ASK_RE
from assistant.records import Hit
from assistant.retrieve.hybrid import HybridRetriever, Retrieval
from assistant.retrieve.router import Route
from assistant.store.folder import IndexData

_CLAUSE_RE = re.compile(r"[，,；;。？?]")
# How many of the top sections must be points under the heading of the best one.
MIN_SIBLINGS = 2


def gathered_points(found: Retrieval, index: IndexData, rows_by_key: dict) -> Retrieval:
    """``found`` routed to every point under the heading of its best section when a searched (not routed)
    question of one clause asks which ones or what materials (:func:`clauses.asks_which`, ``MATERIALS_ASK_RE``), the
    best section is a point (level "point"; or, for materials asked, a task under a heading of materials: a
    guide's "四、申请材料" over "（一）…（四）", not a plan's measures) and at least ``MIN_SIBLINGS`` of the top
    three are units of its level under the same heading of the same document; else ``found`` unchanged.
    ``rows_by_key``: unit key -> its chunk rows (``HybridRetriever.rows_by_key``). The points keep document
    order; the route names the heading ("四、")."""
    question = found.question
    if found.route is not None or not found.hits or not (asks_which(question) or MATERIALS_ASK_RE.search(question)):
        return found
    if _CLAUSE_RE.search(question.rstrip("？?。 ")):  # "…要不要注册，区内可以做哪些…": one ask of several
        return found
    top = found.hits[0].chunk
    parent = tuple(top.path)
    if not parent or not (top.level == "point" or (top.level == "task" and MATERIALS_ASK_RE.search(question)
                                                   and re.search(r"材料|资料|清单", top.part_title))):
        return found
    siblings = [h for h in found.hits[:3] if h.chunk.level == top.level and h.chunk.doc_id == top.doc_id
                and tuple(h.chunk.path) == parent]
    if len(siblings) < MIN_SIBLINGS:
        return found
    keys = list(dict.fromkeys(c.key for c in index.chunks if c.doc_id == top.doc_id and c.level == top.level
                              and tuple(c.path) == parent and c.key in rows_by_key))
    hits = tuple(Hit(index.chunks[rows_by_key[k][0]], 1.0, routed=True, chunk_ids=tuple(rows_by_key[k]))
                 for k in keys)
    rest = tuple(h for h in found.hits if h.chunk.key not in keys)
    return replace(found, hits=hits + rest, route=Route(tuple(keys), "task", "".join(parent)), unit_scores=())


def listed_if_confident(found: Retrieval, retriever: HybridRetriever, confidence: Callable[[Retrieval], float],
                        threshold: float) -> Retrieval:
    """:func:`gathered_points` of ``found`` (over the ``retriever``'s index) when they differ and the refusal model's
    ``confidence`` in ``found`` is at least ``threshold`` (no list gathered for a question the documents do not
    answer); else ``found``."""
    listed = gathered_points(found, retriever.index, retriever.rows_by_key)
    return listed if listed is found or confidence(found) >= threshold else found
