"""The path of one question: validate → retrieve → compose or refuse → (generate → verify).

The only module that knows the order of the steps. It receives the parts it needs (the retriever over a loaded index,
the settings, the LLM), never the ``Assistant`` facade.
"""

from __future__ import annotations

import asyncio
import dataclasses
import functools
import time
from collections.abc import AsyncIterator, Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from assistant.answer import candidates, direct, followup, generative
from assistant.answer.attached_meta import attachment_meta, attachment_of
from assistant.answer.chitchat import chitchat_text, is_chitchat, without_small_talk
from assistant.answer.clauses import asks_which, clause_document, keep_clause, missing_unit, named_clause
from assistant.answer.compound import part_retrieval, quoted, runner_up, split_question
from assistant.answer.condense import condense
from assistant.answer.detail import detail_holders, with_detail_first
from assistant.answer.extractive import compose_answer, refusal
from assistant.answer.frames import language
from assistant.answer.listing import listed_if_confident
from assistant.answer.llm import LLM
from assistant.answer.outline import document_outline
from assistant.answer.overlap import row_terms
from assistant.answer.overview import asks_overview
from assistant.answer.refusal import covers_better, evidence_confidence, routed_elsewhere
from assistant.answer.sanctioned import listed_units
from assistant.answer.scope import asks_figure, topic_terms
from assistant.answer.sections import chapter_sections
from assistant.answer.turns import cite_named_units, turns_from, unit_lookup
from assistant.records import Answer, make_answer
from assistant.retrieve.catalog import doc_filter, document_text, mentions
from assistant.retrieve.docnames import mentioned, named, unknown_names
from assistant.retrieve.hybrid import HybridRetriever, Retrieval
from assistant.settings import Settings
from assistant.store.folder import IndexData
from assistant.text.chinese import normalize_query, tokenize
from assistant.validation import validate_question


@dataclass(frozen=True)
class Pipeline:
    """Answers questions with one retriever (over one loaded index) and the settings.

    Every method raises ``InvalidQuestionError`` for a bad question and ``DocumentNotFoundError`` for an unknown
    doc_id, before any retrieval."""

    retriever: HybridRetriever
    settings: Settings

    @property
    def index(self) -> IndexData:
        """The index the retriever searches."""
        return self.retriever.index

    def retrieve(self, question: str, top_k: int | None = None, doc_ids: list[str] | None = None) -> Retrieval:
        """Validate the question and retrieve up to ``top_k`` sections (default from settings)."""
        text = validate_question(question, self.settings.max_question_chars)  # 繁體: words as the corpus writes them
        query = normalize_query(text, self.retriever.corpus_text.count)
        search = functools.partial(self.retriever.retrieve, query, top_k or self.settings.top_k)
        found = clause_document(search(doc_filter(self.index, doc_ids)), search, self.index)  # "第五条第二款" in two
        found = with_detail_first(found, self.index)
        return self._listed(found)  # "需要哪些材料": the heading's points

    def _listed(self, found: Retrieval) -> Retrieval:  # a list of points asked: the whole question's or a part's
        return listed_if_confident(found, self.retriever, self.confidence, self.settings.min_confidence)

    def confidence(self, found: Retrieval) -> float:
        """Evidence confidence (0–1) that the top section answers the question (the refusal model)."""
        return evidence_confidence(found, self.index, self.retriever.corpus_text)

    def follow(self, question: str, history: Sequence[object] | None = None,
               llm: LLM | None = None) -> followup.Resolution:
        """The standalone question to search for ``question`` after the ``history`` turns (see
        :mod:`assistant.answer.followup`); the LLM, when given, condenses a question the rules take for a
        follow-up (the rules are the fallback); a question that stands alone is searched as asked.

        Raises:
            InvalidQuestionError: For a bad question, ``InvalidHistoryError`` for malformed turns.
        """
        text = validate_question(question, self.settings.max_question_chars)
        turns = turns_from(history)
        if not turns:
            return followup.Resolution(text)
        manifest = self.index.manifest["documents"]
        if any(not t.citations and t.answer for t in turns):
            lookup = unit_lookup(self.index.chunks, {d["doc_id"]: d["title"] for d in manifest})
            turns = tuple(cite_named_units(t, lookup) for t in turns)
        resolution = followup.resolve(text, turns, [(d["doc_id"], d["title"]) for d in manifest],
                                      lambda doc_id, words: mentions(document_text(self.index, doc_id), words))
        if llm is not None and resolution.kind != "standalone":  # a question that stands alone is searched as asked
            condensed = condense(llm, text, turns, self.settings.max_question_chars)
            if condensed:
                resolution = followup.with_llm_question(resolution, condensed)
        if resolution.doc_ids is not None and not set(resolution.doc_ids) <= {d["doc_id"] for d in manifest}:
            resolution = followup.Resolution(text.strip())  # the turn followed cited a document removed since
        return resolution

    def extract(self, question: str, top_k: int | None = None, doc_ids: list[str] | None = None,
                history: Sequence[object] | None = None, llm: LLM | None = None) -> tuple[Retrieval, Answer]:
        """The retrieval and the extractive answer: quoted sentences with citations, or a refusal
        naming the nearest sections when the confidence is below ``settings.min_confidence``.

        A follow-up (``history``: earlier turns, see :func:`turns.turns_from`) is rewritten first;
        the answer's ``resolved_question`` and ``context`` say what was searched and drawn on. It is
        searched in the document of the turn it follows, then in all of them when that has nothing or
        another document holds more of its words (:func:`refusal.covers_better`).
        Before any search: small talk gets the introduction (route "chitchat"), a question about a law
        not loaded a refusal (route "unknown_document"); a document's metadata is answered from the
        manifest (route "meta"). The frame follows the question's language (``frames.language``).
        """
        top_k = top_k or self.settings.top_k
        t0 = time.perf_counter()
        text = without_small_talk(validate_question(question, self.settings.max_question_chars))  # "谢谢，再问…"
        lang = language(text)
        if (early := self._before_search(text, lang, doc_ids)) is not None:
            reply, refused, route = early
            found = Retrieval(text, (), None, np.zeros(0, dtype=np.float32), ())
            timings = {"retrieve": 0.0, "answer": round((time.perf_counter() - t0) * 1000, 2)}
            return found, make_answer(text, reply, refused, [], [], route, timings)
        resolution = self.follow(text, history, llm)
        stay, kind = doc_ids is None and resolution.doc_ids is not None, resolution.kind
        scope = list(resolution.doc_ids) if stay else doc_ids
        found, t1 = self.retrieve(resolution.question, top_k, scope), time.perf_counter()
        reply, citations, related, route = self._compose(found, top_k, lang, kind == "expand")
        if route in ("hybrid", "task"):
            reply, citations, related = self._parts(found, top_k, lang, (reply, citations, related), scope)
        wide = self.retrieve(resolution.question, top_k, None) if stay else None
        if wide and (not citations or (kind != "expand" and covers_better(wide, found, self.index))):
            found, resolution = wide, dataclasses.replace(resolution, doc_ids=None)  # context: all documents
            reply, citations, related, route = self._compose(wide, top_k, lang, kind == "expand")
        timings = {"retrieve": round((t1 - t0) * 1000, 2), "answer": round((time.perf_counter() - t1) * 1000, 2)}
        answer = make_answer(text, reply, not citations, citations, related, route, timings)
        return found, dataclasses.replace(answer, resolved_question=resolution.question,
                                          context=resolution.context())

    def _before_search(self, text: str, lang: str, doc_ids: list[str] | None) -> tuple[str, bool, str] | None:
        """(answer, refused, route) for small talk or an unknown document; None to search."""
        documents = self.index.manifest["documents"]
        if is_chitchat(text):
            return chitchat_text(documents, self.index.chunks, lang, text), False, "chitchat"
        names, corpus = self.retriever.names, self.retriever.corpus_text
        query = normalize_query(text, corpus.count)
        unknown = [] if doc_ids or named(query, names) else unknown_names(query, names)
        if unknown := [u for u in unknown if not mentioned(u, query, corpus)]:
            return direct.unknown_document_text(unknown, documents, lang), True, "unknown_document"
        return None

    def _compose(self, found: Retrieval, top_k: int, lang: str = "zh-Hans", whole: bool = False,
                 exclude: str = "", within: frozenset[str] = frozenset()) -> tuple[str, list, list, str]:
        """Answer text, citations, related sections (refusals only) and route; ``whole``: routed units quoted
        whole (a follow-up asking for the full text); sentences in ``exclude`` (written already) not again;
        ``within``: the documents a compound question was answered from (a part there is refused only outright)."""
        hits, index, kind = list(found.hits), self.index, (found.route.kind if found.route else "hybrid")
        if kind == "missing":
            title = next((d["title"] for d in index.manifest["documents"] if d["doc_id"] in found.named), "")
            return direct.missing_unit_text(title, found.route.reference, lang), [], [], kind
        if (meta := self._meta(found, lang)) is not None:
            return meta[0], meta[1], [], "meta"
        if kind != "task" and (outline := document_outline(found.question, found.named, index.manifest["documents"],
                                                            index.trees, index.chunks, lang)):
            return outline[0], outline[1], [], "part"  # "养犬条例分为哪几章"
        if kind == "hybrid" and (tasks := listed_units(found, index.chunks, self._several(), lang)):
            return tasks[0], tasks[1], [], "task"  # "商务部负责哪些任务", "哪些行为会被处罚": every unit it asks for
        if kind == "part" and (listed := chapter_sections(found.question, found.route.reference, hits, index.trees,
                                                          index.chunks, self._several(), lang,
                                                          {d["doc_id"]: d["title"] for d in index.manifest["documents"]
                                                           if not found.named or d["doc_id"] in found.named})):
            text, cited, others = listed  # "第三章有哪些节" of two laws: the one whose 第三章 has 节
            several = direct.several_documents(dataclasses.replace(found.route, others=tuple(others)),
                                               cited[0].doc_title, lang) if others and cited else ""
            return "\n".join(t for t in (several, text) if t), cited, [], kind
        sentences = candidates.candidate_sentences(hits, index.chunks, self.retriever.sentence_rows,
                                                   found.sentence_scores, index.sentences, terms := row_terms(found),
                                                   found.unit_scores, self.retriever.points)
        sentences = detail_holders(found, [s for s in sentences if not exclude or s.text not in exclude], index)
        bar = 1e-9 if hits and hits[0].chunk.doc_id in within else self.settings.min_confidence
        if (not found.route and self.confidence(found) < bar) or routed_elsewhere(found, index,
                                                                                  self.retriever.corpus_text):
            text, related = refusal(hits, sentences, lang, self._several())
            return text, [], related, kind
        overview = asks_overview(found, index.user_words)
        wanted = named_clause(found.question) if kind == "task" and hits and hits[0].routed else None
        narrowed = keep_clause(sentences, wanted, 0) if wanted else None
        if narrowed is not None:  # "第四条第二款": the named paragraph or item, not the article's opening
            sentences, overview = narrowed, False
        elif wanted and hits[0].chunk.level in ("article", "point", "attachment"):  # "第二条第七项": none
            title, label = missing_unit(found, self.index.chunks, wanted)
            return direct.missing_unit_text(title, label, lang), [], [], "missing"  # others: none has it
        asked = found.question
        text, citations = compose_answer(hits, sentences, kind, overview, top_k, terms, self._several(),
                                         asks_figure(asked), whole and not narrowed, asks_which(asked), lang)
        if found.route is not None and found.route.others and citations and (overview or narrowed is not None):
            text = direct.several_documents(found.route, citations[0].doc_title, lang) + "\n" + text  # "第五条" in two
        return text, citations, [], kind

    def _parts(self, found: Retrieval, top_k: int, lang: str, whole: tuple[str, list, list],
               scope: list[str] | None) -> tuple[str, list, list]:
        """A compound question (:mod:`assistant.answer.compound`): the whole question's answer (searched, or a section
        looked up by its title), then each part's (searched in ``scope``, else the documents the question names)
        when it quotes something new; a refused whole is answered when every part is."""
        (reply, citations, _) = whole  # each part is searched as a question of its own is (its detail, list, hours)
        search = lambda q, k, d: self._listed(with_detail_first(self.retriever.retrieve(q, k, d), self.index))  # noqa: E731
        parts = split_question(found.question, lambda q: topic_terms(q, lambda t: tokenize(t, self.index.user_words)))
        doc_ids = doc_filter(self.index, scope) if scope else (set(found.named) or None)
        texts, joined, answered = [reply] if citations else [], list(citations), 0
        quotes = [c.quote for c in citations if c.quote in reply]
        within = frozenset(c.doc_id for c in citations if c.quote in quotes)  # the documents quoted
        for part in parts:
            so_far, one = "\n".join(texts), part_retrieval(search, part, top_k, doc_ids, within, self.index, not scope)
            text, cited, _, kind = self._compose(one, top_k, lang, within=within)
            answered += kind in ("hybrid", "task") and bool(cited)
            skip = kind not in ("hybrid", "task") or not cited  # a list of points looked up is answered too
            if skip or (cited[0].quote in so_far and (one := runner_up(part, one)) is None):
                continue  # refused, a part or meta, or its best quote is in the answer already and nothing next to it
            text, cited, _, _ = self._compose(one, top_k, lang, exclude=so_far, within=within)  # no repeats
            if not (new := [c for c in cited if c.quote in text]) or any(quoted(c.quote, so_far, quotes) for c in new):
                continue  # every line of a quote said already: "…如下：" and a row of a table quoted whole
            quotes += [c.quote for c in new]
            texts.append(text)
            joined += [c for c in cited if all((c.doc_id, c.path) != (j.doc_id, j.path) for j in joined)]
        if not parts or (not citations and answered < len(parts)) or not texts:
            return whole
        return "\n".join(texts), joined, []

    def _meta(self, found: Retrieval, lang: str) -> tuple[str, list] | None:
        """Metadata from each named document's manifest entry, else from the kind word's or best hit's; each
        field asked in turn ("是谁发的，文号是多少"), a line each."""
        docs, hits = self.index.manifest["documents"], found.hits
        routed = [h.chunk.unit_path for h in hits if h.routed] if found.route and found.route.kind == "task" else []
        if (label := attachment_of(routed)) and (own := attachment_meta(found.question, label, hits[0].chunk.doc_id,
                                                                        self.index.chunks, lang)):
            return own  # "附件2的标题是什么", "附件2什么时候施行": the attachment's own, not the notice's
        if not (fields := direct.meta_fields(found.question, found.named, docs)):
            return None
        entries, sure = direct.meta_targets(found.question, docs, found.named, [h.chunk.doc_id for h in found.hits[:1]])
        answers = [a for f in fields if (a := direct.meta_answers(found.question, f, entries, self.index.chunks,
                                                                  lang, sure))]
        if not answers:
            return None
        cited = list({(c.doc_id, c.path, c.quote): c for _, cs in answers for c in cs}.values())
        return "\n".join(text for text, _ in answers), cited

    def _several(self) -> bool:
        return len(self.index.manifest["documents"]) > 1

    def _plan(self, question: str, top_k: int | None, doc_ids: list[str] | None,
              llm: LLM | None, history: Sequence[object] | None = None) -> generative.Plan | Answer:
        found, extractive = self.extract(question, top_k, doc_ids, history, llm)
        if extractive.route in ("chitchat", "meta"):
            return extractive
        return generative.prepare(found, extractive, llm, self.index.chunks, self._several())

    def generate(self, question: str, top_k: int | None = None, doc_ids: list[str] | None = None,
                 llm: LLM | None = None, history: Sequence[object] | None = None) -> Answer:
        """The extractive answer, then (unless refused) the LLM's answer with verified citations;
        see :mod:`assistant.answer.generative` for the fallbacks."""
        plan = self._plan(question, top_k, doc_ids, llm, history)
        return generative.complete(plan, llm, self.settings.llm_min_verified_share)

    def stream(self, question: str, top_k: int | None = None, doc_ids: list[str] | None = None,
               mode: str = "generative", llm: LLM | None = None,
               history: Sequence[object] | None = None) -> Iterator[generative.Event]:
        """("delta", text) events, then one ("answer", Answer) event.

        The question is validated and retrieved before this returns, so bad input raises here,
        not mid-stream. ``llm`` condenses a follow-up in either mode and writes in "generative".
        """
        if mode != "generative":
            plan: generative.Plan | Answer = self.extract(question, top_k, doc_ids, history, llm)[1]
            llm = None
        else:
            plan = self._plan(question, top_k, doc_ids, llm, history)
        return generative.events(plan, llm, self.settings.llm_min_verified_share)

    async def agenerate(self, question: str, top_k: int | None = None, doc_ids: list[str] | None = None,
                        llm: LLM | None = None, history: Sequence[object] | None = None) -> Answer:
        """As :meth:`generate`, awaited: retrieval runs in a worker thread, the LLM call on the LLM loop;
        cancelling the caller cancels the LLM request."""
        plan = await asyncio.to_thread(self._plan, question, top_k, doc_ids, llm, history)
        return await generative.acomplete(plan, llm, self.settings.llm_min_verified_share)

    async def astream(self, question: str, top_k: int | None = None, doc_ids: list[str] | None = None,
                      mode: str = "generative", llm: LLM | None = None,
                      history: Sequence[object] | None = None) -> AsyncIterator[generative.Event]:
        """As :meth:`stream`, asynchronously: bad input raises when this is awaited, before any event;
        closing the returned iterator cancels the LLM request."""
        if mode != "generative":
            found = await asyncio.to_thread(self.extract, question, top_k, doc_ids, history, llm)
            plan: generative.Plan | Answer = found[1]
            llm = None
        else:
            plan = await asyncio.to_thread(self._plan, question, top_k, doc_ids, llm, history)
        return generative.aevents(plan, llm, self.settings.llm_min_verified_share)
