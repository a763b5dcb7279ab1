"""The path of one question: validate → retrieve → compose or refuse → (generate → verify).

This is the only module that knows the order of the steps. It receives the parts it needs (the
retriever over a loaded index, the settings, the LLM) and never the ``Assistant`` facade.
"""

from __future__ import annotations

import asyncio
import dataclasses
import time
import unicodedata
from collections.abc import AsyncIterator, Iterator, Sequence
from dataclasses import dataclass

from assistant.answer import followup, generative
from assistant.answer.condense import condense
from assistant.answer.extractive import candidate_sentences, compose_answer, make_answer, refusal
from assistant.answer.llm import LLM
from assistant.answer.refusal import evidence_confidence, residual_terms
from assistant.errors import InvalidQuestionError
from assistant.records import Answer
from assistant.retrieve.catalog import doc_filter
from assistant.retrieve.hybrid import HybridRetriever, Retrieval
from assistant.settings import Settings
from assistant.store.folder import IndexData
from assistant.text.chinese import normalize_query


def validate_question(question: object, max_chars: int) -> str:
    """Check a question and return it trimmed.

    Raises:
        InvalidQuestionError: If it is not a string, is empty, too long or has control characters.
    """
    if not isinstance(question, str):
        raise InvalidQuestionError("问题必须是文本 / question must be a string")
    text = question.strip()
    if not text:
        raise InvalidQuestionError("问题不能为空 / question is empty")
    if len(text) > max_chars:
        raise InvalidQuestionError(f"问题过长（最多{max_chars}字）/ question longer than {max_chars} characters")
    if any(unicodedata.category(c) == "Cc" and c not in "\t\n\r" for c in text):
        raise InvalidQuestionError("问题含控制字符 / question contains control characters")
    return text


@dataclass(frozen=True)
class Pipeline:
    """Answers questions with one retriever (over one loaded index) and the settings.

    Every method raises ``InvalidQuestionError`` for a bad question and ``DocumentNotFoundError``
    for an unknown doc_id, before any retrieval.
    """

    retriever: HybridRetriever
    settings: Settings

    @property
    def index(self) -> IndexData:
        """The index the retriever searches."""
        return self.retriever.index

    def retrieve(self, question: str, top_k: int | None = None,
                 doc_ids: list[str] | None = None) -> Retrieval:
        """Validate the question and retrieve up to ``top_k`` sections (default from settings)."""
        text = validate_question(question, self.settings.max_question_chars)
        return self.retriever.retrieve(normalize_query(text), top_k or self.settings.top_k,
                                       doc_filter(self.index, doc_ids))

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
        turns = followup.turns_from(history)
        if not turns:
            return followup.Resolution(text)
        if any(not t.citations and t.answer for t in turns):
            lookup = self._unit_lookup()
            turns = tuple(followup.cite_named_units(t, lookup) for t in turns)
        manifest = self.index.manifest["documents"]
        resolution = followup.resolve(text, turns, [(d["doc_id"], d["title"]) for d in manifest])
        if llm is not None and resolution.kind != "standalone":  # a question that stands alone is searched as asked
            condensed = condense(llm, text, turns, self.settings.max_question_chars)
            if condensed:
                resolution = followup.with_llm_question(resolution, condensed)
        known = {d["doc_id"] for d in manifest}
        if resolution.doc_ids is not None and not set(resolution.doc_ids) <= known:
            resolution = dataclasses.replace(resolution, doc_ids=None)  # a document removed since
        return resolution

    def _unit_lookup(self):
        """label -> the first unit of the index with that label (for turns that kept only their text)."""
        titles = {d["doc_id"]: d["title"] for d in self.index.manifest["documents"]}
        units: dict[str, followup.CitedUnit] = {}
        for c in self.index.chunks:
            if c.number is not None and c.label not in units:
                units[c.label] = followup.CitedUnit(c.doc_id, c.path_label or c.label, c.label, c.title, c.part,
                                                    titles.get(c.doc_id, ""))
        return units.get

    def extract(self, question: str, top_k: int | None = None, doc_ids: list[str] | None = None,
                history: Sequence[object] | None = None, llm: LLM | None = None) -> tuple[Retrieval, Answer]:
        """The retrieval and the extractive answer: quoted sentences with citations, or a refusal
        naming the nearest sections when the confidence is below ``settings.min_confidence``.

        A follow-up (``history``: earlier turns, see :func:`followup.turns_from`) is rewritten first;
        the answer's ``resolved_question`` and ``context`` say what was searched and drawn on.
        """
        top_k = top_k or self.settings.top_k
        t0 = time.perf_counter()
        resolution = self.follow(question, history, llm)
        if doc_ids is None and resolution.doc_ids is not None:
            doc_ids = list(resolution.doc_ids)
        found = self.retrieve(resolution.question, top_k, doc_ids)
        t1 = time.perf_counter()
        text, citations, related = self._compose(found, top_k)
        timings = {"retrieve": round((t1 - t0) * 1000, 2),
                   "answer": round((time.perf_counter() - t1) * 1000, 2)}
        route = found.route.kind if found.route else "hybrid"
        answer = make_answer(question.strip(), text, not citations, citations, related, route, timings)
        return found, dataclasses.replace(answer, resolved_question=resolution.question,
                                          context=resolution.context())

    def _compose(self, found: Retrieval, top_k: int) -> tuple[str, list, list]:
        """Answer text, citations and related sections (the latter for a refusal only)."""
        hits, index = list(found.hits), self.index
        sentences = candidate_sentences(hits, index.chunks, self.retriever.sentence_rows,
                                        found.sentence_scores, index.sentences, found.tokens)
        if found.route is None and self.confidence(found) < self.settings.min_confidence:
            text, related = refusal(hits, sentences)
            return text, [], related
        overview = found.route is not None and not residual_terms(
            found.question, found.route.reference, found.hits, index.user_words)
        route = found.route.kind if found.route else "hybrid"
        text, citations = compose_answer(hits, sentences, route, overview, top_k, found.tokens,
                                         self._several())
        return text, citations, []

    def _several(self) -> bool:
        return len(self.index.manifest["documents"]) > 1

    def _plan(self, question: str, top_k: int | None, doc_ids: list[str] | None,
              llm: LLM | None, history: Sequence[object] | None = None) -> generative.Plan | Answer:
        found, extractive = self.extract(question, top_k, doc_ids, history, llm)
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
