"""A unit looked up by its title gives way when it lacks the figure asked (pure over a retrieval):
"经济困难老年人服务补贴一档每月多少钱" names the title of the task on who may apply, while the task of the same
name in the part on standards states the amounts; the question is searched as any other, and the section that
states the figure with the title's words answers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from assistant.answer.scope import asks_figure, missing_answer_type, yes_no
from assistant.answer.siblings import whole_term_in
from assistant.records import headed_text
from assistant.retrieve.hybrid import Retrieval
from assistant.retrieve.title_fit import names_a_title
from assistant.store.folder import IndexData
from assistant.text.chinese import fold_traditional


def unrouted_for_the_figure(found: Retrieval, index: IndexData, terms: Sequence[str]) -> Retrieval:
    """``found`` without its route, the first unrouted hit that states the figure asked (and holds one of
    ``terms``) first, when the route names a unit by its title and no routed unit states that figure (see
    :func:`scope.missing_answer_type`); unchanged otherwise (a route by number, a yes/no question, no such hit)."""
    route, question = found.route, found.question
    if route is None or route.kind != "task" or not asks_figure(question) or yes_no(question):
        return found
    routed = [h for h in found.hits if h.routed]
    if not routed or not names_a_title(route.reference, [h.chunk for h in routed]):
        return found
    text = lambda h: fold_traditional(headed_text(h, index.chunks))  # noqa: E731
    if any(not missing_answer_type(question, text(h), terms) for h in routed):
        return found
    other = next((i for i, h in enumerate(found.hits) if not h.routed and whole_term_in(text(h), terms)
                  and not missing_answer_type(question, text(h), terms)), None)
    if other is None:
        return found
    order = [other] + [i for i in range(len(found.hits)) if i != other]
    unit = found.unit_scores
    return replace(found, route=None, hits=tuple(replace(found.hits[i], routed=False) for i in order),
                   unit_scores=tuple(unit[i] for i in order) if len(unit) == len(found.hits) else unit)
