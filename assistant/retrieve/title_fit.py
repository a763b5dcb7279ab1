"""Whether a route by a section's title fits the question's other words (pure).

A title such as "收费标准" or "申请材料" heads sections in many kinds of documents. "停车场的收费标准是多少"
names the title of a residence-permit guide's section, but its other word, 停车场, is found only in another
document: the route is dropped and the question searched, so the parking rule answers. With one document
loaded, or when every other word is in the routed document (or in no document at all), the route stands.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace

from assistant.records import Chunk
from assistant.retrieve.docnames import abbreviates
from assistant.retrieve.lookup import heading_title
from assistant.retrieve.part_refs import FIGURE_ASK_RE, without_list_cues
from assistant.text.chinese import fold_width


def title_route_fits(question: str, title: str, routed_docs: Sequence[str], doc_texts: Mapping[str, str],
                     words: Callable[[str], list[str]]) -> bool:
    """True unless a word of the question's clause holding ``title`` (two or more Chinese characters, cut
    by ``words``; the title left out) is absent from every routed document's text but present in another
    document's.

    Args:
        question: The normalised question; ``title``: the section title it was routed by.
        routed_docs: The doc_ids of the routed sections.
        doc_texts: Each document's whole text (folded as the question is).
        words: Cuts a text into words (the index's tokenizer).
    """
    if len(doc_texts) < 2:
        return True
    clause = next((c for c in re.split(r"[，,；;？?。！!]", question) if title in c), question)  # its own ask
    rest = [w for w in words(without_list_cues(clause.replace(title, " ")))  # "有哪些措施" asks
            if len(w) >= 2 and all("\u4e00" <= ch <= "\u9fff" for ch in w)]
    others = [t for d, t in doc_texts.items() if d not in routed_docs]
    if _names_another(clause.replace(title, " "), [doc_texts.get(d, "") for d in routed_docs], others):
        return False
    return not any(all(not _speaks_of(w, doc_texts.get(d, "")) for d in routed_docs)
                   and any(_speaks_of(w, t) for t in others) for w in rest)


def _names_another(rest: str, routed: Sequence[str], others: Sequence[str]) -> bool:
    """Whether some three or more characters of ``rest`` in a row lie in another document's title and nowhere in
    the routed documents' texts ("政府采购" of 政府采购法, where the routed texts have 政府 and 采购 apart)."""
    titles = [t.partition("\n")[0] for t in others]
    spans = {run[i:j] for run in re.findall(r"[\u4e00-\u9fff]{3,}", rest)
             for i in range(len(run)) for j in range(i + 3, min(len(run), i + 8) + 1)}
    return any(any(s in t for t in titles) and not any(s in r for r in routed) for s in spans)


def _speaks_of(word: str, text: str) -> bool:
    """Whether a document's ``text`` (its title first) holds ``word`` or its title is abbreviated by it
    ("综保区" of "…促进综合保税区…的若干意见")."""
    return word in text or (len(word) >= 3 and abbreviates(word, text.partition("\n")[0]))


def document_texts(chunks: Iterable[Chunk], fold: Callable[[str], str]) -> dict[str, str]:
    """Each document's text (its title, then its chunks' texts, ``fold``-ed, joined by newlines), by doc_id."""
    parts: dict[str, list[str]] = {}
    for chunk in chunks:
        parts.setdefault(chunk.doc_id, [fold(chunk.doc_title)]).append(fold(chunk.text))
    return {doc: "\n".join(texts) for doc, texts in parts.items()}


def names_a_title(reference: str, chunks: Iterable[Chunk]) -> bool:
    """Whether a route's ``reference`` is the title of one of its ``chunks``, of the heading above them or of
    their part, or a clause of one ("打造研发设计中心"; see ``part_refs.titles_named``), not a number."""
    return any(reference in fold_width(t) for c in chunks
               for t in (c.title, heading_title(c.context), c.part_title) if t)


def fact_title_route(question: str, decision, ranked: Sequence[tuple[str, str]]):
    """A route by a title's words (``decision``, a ``router.Route``) for a question asking a figure ("购机者应当在
    购机后多少日内提出补贴申请", ``part_refs.FIGURE_ASK_RE``): narrowed to the routed unit search ranks first
    (``ranked``: section keys, best first) when search ranks one of them first of all, else dropped, so search
    answers ("收到补贴申请后多长时间内完成核验" names the title 补贴申请 but asks of 核验). A figure is a sentence of
    one unit, not the whole titled section. Other routes, and other facts asked ("牵头单位是哪个": a task's note
    under its points names it), are returned unchanged."""
    if decision is None or not decision.by_title or not FIGURE_ASK_RE.search(question):
        return decision
    return replace(decision, keys=(ranked[0],)) if ranked and ranked[0] in decision.keys else None
