"""The path of one question: validate → retrieve → compose or refuse → (generate → verify).

This is the only module that knows the order of the steps. It receives the parts it needs (the
retriever over a loaded index, the settings, the LLM) and never the ``Assistant`` facade.
"""

from __future__ import annotations

import time
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from assistant.answer import generative
from assistant.answer.extractive import candidate_sentences, compose_answer, make_answer, refusal
from assistant.answer.llm import LLM
from assistant.answer.refusal import evidence_confidence, residual_terms
from assistant.answer.scope import asks_figure
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

    def extract(self, question: str, top_k: int | None = None,
                doc_ids: list[str] | None = None) -> tuple[Retrieval, Answer]:
        """The retrieval and the extractive answer: quoted sentences with citations, or a refusal
        naming the nearest sections when the confidence is below ``settings.min_confidence``."""
        top_k = top_k or self.settings.top_k
        t0 = time.perf_counter()
        found = self.retrieve(question, top_k, doc_ids)
        t1 = time.perf_counter()
        text, citations, related = self._compose(found, top_k)
        timings = {"retrieve": round((t1 - t0) * 1000, 2),
                   "answer": round((time.perf_counter() - t1) * 1000, 2)}
        route = found.route.kind if found.route else "hybrid"
        return found, make_answer(question.strip(), text, not citations, citations, related, route, timings)

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
                                         self._several(), asks_figure(found.question))
        return text, citations, []

    def _several(self) -> bool:
        return len(self.index.manifest["documents"]) > 1

    def _plan(self, question: str, top_k: int | None, doc_ids: list[str] | None,
              llm: LLM | None) -> generative.Plan | Answer:
        found, extractive = self.extract(question, top_k, doc_ids)
        return generative.prepare(found, extractive, llm, self.index.chunks, self._several())

    def generate(self, question: str, top_k: int | None = None, doc_ids: list[str] | None = None,
                 llm: LLM | None = None) -> Answer:
        """The extractive answer, then (unless refused) the LLM's answer with verified citations;
        see :mod:`assistant.answer.generative` for the fallbacks."""
        plan = self._plan(question, top_k, doc_ids, llm)
        return generative.complete(plan, llm, self.settings.llm_min_verified_share)

    def stream(self, question: str, top_k: int | None = None, doc_ids: list[str] | None = None,
               mode: str = "generative", llm: LLM | None = None) -> Iterator[generative.Event]:
        """("delta", text) events, then one ("answer", Answer) event.

        The question is validated and retrieved before this returns, so bad input raises here,
        not mid-stream.
        """
        if mode != "generative":
            plan: generative.Plan | Answer = self.extract(question, top_k, doc_ids)[1]
        else:
            plan = self._plan(question, top_k, doc_ids, llm)
        return generative.events(plan, llm, self.settings.llm_min_verified_share)
