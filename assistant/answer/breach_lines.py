"""The lines of a sanction quoted for a breach asked (pure over the index): the 款 or 项 that cites the duty the
question names, by number or in plain words."""

from __future__ import annotations

from assistant.answer.duties import cited_lines, covers
from assistant.answer.refusal import grounding_terms
from assistant.answer.sanction import asked_duties, named_duty, penalty_asked
from assistant.retrieve.hybrid import Retrieval
from assistant.store.folder import IndexData


def named_breach_lines(found: Retrieval, sentences: list, index: IndexData) -> list:
    """The top section's sentences (a sanction) kept to its 款 or 项 that cite the duty the question names by number
    ("违反第七条之一规定的罚多少": 第十八条's 款 on 第七条之一, not the one on 第七条第一款) or, for a penalty asked
    in plain words, the duty line holding most of its words (:func:`sanction.asked_duties`: "核心保护范围内新建…
    单位会被罚多少" takes "（一）有第一项行为的…" of "违反本条例第十一条规定的，按照下列规定处罚："), when one does."""
    top = found.hits[0].chunk if found.hits else None
    if top is None or top.level != "article":
        return sentences
    if "违反" in found.question:
        duties = [d for h in found.hits if h.chunk.level == "article" and h.chunk.key != top.key
                  and (d := named_duty(found.question, h.chunk.label, whole=True))]
    elif penalty_asked(found.question):
        asked = asked_duties(found, index, grounding_terms(found.question, index))[1]
        duties = [line for doc_id, line, _ in asked if doc_id == top.doc_id and line[2] is not None]  # items only
    else:
        return sentences

    def cites(s) -> int:  # how closely its line names a breach asked (a 项 "有第一项行为的": of its lead-in's article)
        unit = s.unit or s.chunk.text
        start, end = unit.rfind("\n", 0, s.start) + 1, unit.find("\n", s.end)
        own = set(cited_lines(unit[:end if end >= 0 else len(unit)])) - set(cited_lines(unit[:start]))
        return max((covers(c, d) for c in own for d in duties), default=0)

    own = [s for s in sentences if s.hit_rank == 0]
    scores = [cites(s) if duties else 0 for s in own]
    closest = max(scores, default=0)  # the item citing it, not the lead-in over all
    citing = [s for s, score in zip(own, scores, strict=True) if closest and score == closest]
    return [s for s in sentences if s.hit_rank != 0 or s in citing] if citing and len(citing) < len(own) else sentences
