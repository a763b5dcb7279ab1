"""Generative answers: an LLM writes from the retrieved sections, and only verified citations are kept.

The extractive answer is always computed first. It is returned unchanged, with ``fallback`` saying
why, when no LLM is configured ("llm_not_configured"), when the LLM fails ("llm_unavailable") or
when too little of what it wrote verifies ("unverified"). A refusal of the extractive pipeline is
final: the LLM is not asked (the refusal decision stays with the calibrated refusal model).
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from assistant.answer.extractive import cite_tag, section_name
from assistant.answer.llm import LLMUnavailableError
from assistant.answer.prompting import build_messages
from assistant.answer.verify import SentenceCheck, Source, best_quote, check, display_text, falls_back
from assistant.records import Answer, Citation, Hit
from assistant.retrieve.hybrid import Retrieval

if TYPE_CHECKING:
    from assistant.service import Assistant

log = logging.getLogger("policyqa.generative")

NOT_CONFIGURED = "llm_not_configured"
UNAVAILABLE = "llm_unavailable"
UNVERIFIED = "unverified"
# One event of a streamed answer: ("delta", text) pieces, then one ("answer", Answer).
Event = tuple[str, Any]


@dataclasses.dataclass(frozen=True)
class Plan:
    """What the LLM is asked, and the extractive answer to fall back on."""

    found: Retrieval
    extractive: Answer
    hits: tuple[Hit, ...]
    sources: tuple[Source, ...]
    messages: list[dict[str, str]]


def _sources(assistant: Assistant, hits: tuple[Hit, ...]) -> tuple[tuple[Source, ...], list[str]]:
    """Each hit as a source with its whole text, and the tag the model is told to write for it."""
    chunks = assistant.index.chunks
    several = len(assistant.index.manifest["documents"]) > 1
    sources = tuple(Source(section_name(h.chunk), h.chunk.doc_title,
                           "".join(chunks[r].text for r in h.chunk_ids) or h.chunk.text) for h in hits)
    return sources, [cite_tag(h.chunk, several) for h in hits]


def prepare(assistant: Assistant, question: str, top_k: int | None,
            doc_ids: list[str] | None) -> Plan | Answer:
    """Retrieve and answer extractively; return the final answer when the LLM is not to be asked.

    Raises:
        InvalidQuestionError, DocumentNotFoundError, IndexNotFoundError: As ``Assistant.ask``.
    """
    found, extractive = assistant.extract(question, top_k, doc_ids)
    if extractive.refused:
        return extractive
    if assistant.llm is None:
        return dataclasses.replace(extractive, fallback=NOT_CONFIGURED)
    hits = found.hits
    sources, tags = _sources(assistant, hits)
    return Plan(found, extractive, hits, sources, build_messages(question, sources, tags))


def finish(assistant: Assistant, plan: Plan, text: str, llm_ms: float) -> Answer:
    """Verify the generated text; the generative answer, or the extractive one when too little verifies."""
    checks = check(text, plan.sources)
    timings = {**plan.extractive.timings_ms, "llm": round(llm_ms, 2)}
    if falls_back(checks, assistant.settings.llm_min_verified_share):
        log.info("generated answer not used: %d of %d sentences verified",
                 sum(c.verified for c in checks), len(checks))
        return dataclasses.replace(plan.extractive, fallback=UNVERIFIED, timings_ms=timings)
    return dataclasses.replace(
        plan.extractive, answer="".join(display_text(c) for c in checks), mode="generative",
        citations=tuple(_citations(plan, checks)), related=(), timings_ms=timings,
        sentences=tuple(c.to_dict() for c in checks), fallback=None)


def _citations(plan: Plan, checks: list[SentenceCheck]) -> list[Citation]:
    """One citation per source cited by a verified sentence, in order of first citation."""
    out: dict[int, Citation] = {}
    for c in checks:
        if not c.verified:
            continue
        for i in c.sources:
            if i not in out:
                chunk, text = plan.hits[i].chunk, plan.sources[i].text
                out[i] = Citation(chunk.doc_id, chunk.doc_title, chunk.label, chunk.number, chunk.title,
                                  chunk.part, best_quote(c.text, text), c.support, section_name(chunk))
    return list(out.values())


def _unavailable(plan: Plan, started: float) -> Answer:
    timings = {**plan.extractive.timings_ms, "llm": round((time.perf_counter() - started) * 1000, 2)}
    return dataclasses.replace(plan.extractive, fallback=UNAVAILABLE, timings_ms=timings)


def answer(assistant: Assistant, question: str, top_k: int | None = None,
           doc_ids: list[str] | None = None) -> Answer:
    """A generative answer with verified citations, or the extractive answer with a fallback reason."""
    plan = prepare(assistant, question, top_k, doc_ids)
    if isinstance(plan, Answer):
        return plan
    started = time.perf_counter()
    try:
        text = assistant.llm.complete(plan.messages)
    except LLMUnavailableError:
        return _unavailable(plan, started)
    return finish(assistant, plan, text, (time.perf_counter() - started) * 1000)


def stream(assistant: Assistant, question: str, top_k: int | None = None, doc_ids: list[str] | None = None,
           mode: str = "generative") -> Iterator[Event]:
    """Stream an answer: ("delta", text) events, then one authoritative ("answer", Answer) event.

    The question is validated and retrieved before this returns, so bad input raises here, not
    mid-stream. The deltas are the model's raw text; the final answer is verified (or falls back).
    """
    if mode != "generative":
        plan: Plan | Answer = assistant.extract(question, top_k, doc_ids)[1]
    else:
        plan = prepare(assistant, question, top_k, doc_ids)
    return _events(assistant, plan)


def _events(assistant: Assistant, plan: Plan | Answer) -> Iterator[Event]:
    if isinstance(plan, Answer):
        yield "delta", plan.answer
        yield "answer", plan
        return
    started = time.perf_counter()
    parts: list[str] = []
    try:
        for piece in assistant.llm.stream(plan.messages):
            parts.append(piece)
            yield "delta", piece
    except LLMUnavailableError:
        yield "answer", _unavailable(plan, started)
        return
    yield "answer", finish(assistant, plan, "".join(parts), (time.perf_counter() - started) * 1000)
