"""Generative answers: an LLM writes from the retrieved sections, and only verified citations are kept.

The extractive answer is always computed first (by the pipeline, which hands it over with the
retrieval). It is returned unchanged, with ``fallback`` saying why, when no LLM is configured
("llm_not_configured"), when the LLM fails ("llm_unavailable") or when too little of what it wrote
verifies ("unverified"). A refusal of the extractive pipeline is final: the LLM is not asked (the
refusal decision stays with the calibrated refusal model).

:func:`acomplete` and :func:`aevents` are the asynchronous twins of :func:`complete` and
:func:`events`, for the HTTP server: cancelling them (a client that hangs up) stops the LLM request.
The LLM's total deadline (``llm_total_timeout_s``) counts as a failure ("llm_unavailable").
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import time
from collections.abc import AsyncIterator, Iterator, Sequence
from typing import Any

from assistant.answer.citing import citation, cite_tag, section_name
from assistant.answer.llm import LLM, LLMUnavailableError
from assistant.answer.prompting import build_messages
from assistant.answer.verify import SentenceCheck, Source, best_quote, check, display_text, falls_back
from assistant.records import Answer, Chunk, Citation, Hit, hit_text
from assistant.retrieve.hybrid import Retrieval

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


def _sources(hits: tuple[Hit, ...], chunks: Sequence[Chunk], several: bool
             ) -> tuple[tuple[Source, ...], list[str]]:
    """Each hit as a source with its whole text, and the tag the model is told to write for it."""
    sources = tuple(Source(section_name(h.chunk), h.chunk.doc_title, hit_text(h, chunks)) for h in hits)
    return sources, [cite_tag(h.chunk, several) for h in hits]


def prepare(found: Retrieval, extractive: Answer, llm: LLM | None, chunks: Sequence[Chunk],
            several: bool = False) -> Plan | Answer:
    """What to ask the LLM, or the final answer when it is not to be asked.

    Args:
        found: The retrieval of the question.
        extractive: The extractive answer to it (final when refused).
        llm: The configured LLM, or None.
        chunks: The index's chunks (rows of the hits' ``chunk_ids``).
        several: More than one document is indexed (tags then name the document).
    """
    if extractive.refused:
        return extractive
    if llm is None:
        return dataclasses.replace(extractive, fallback=NOT_CONFIGURED)
    sources, tags = _sources(found.hits, chunks, several)
    asked = extractive.resolved_question or extractive.question
    return Plan(found, extractive, found.hits, sources, build_messages(asked, sources, tags))


def finish(plan: Plan, text: str, llm_ms: float, min_verified_share: float) -> Answer:
    """Verify the generated text; the generative answer, or the extractive one when too little verifies."""
    checks = check(text, plan.sources)
    timings = {**plan.extractive.timings_ms, "llm": round(llm_ms, 2)}
    if falls_back(checks, min_verified_share):
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
                out[i] = citation(plan.hits[i].chunk, best_quote(c.text, plan.sources[i].text), c.support)
    return list(out.values())


def _unavailable(plan: Plan, started: float) -> Answer:
    timings = {**plan.extractive.timings_ms, "llm": round((time.perf_counter() - started) * 1000, 2)}
    return dataclasses.replace(plan.extractive, fallback=UNAVAILABLE, timings_ms=timings)


def complete(plan: Plan | Answer, llm: LLM | None, min_verified_share: float) -> Answer:
    """A generative answer with verified citations, or the extractive answer with a fallback reason."""
    if isinstance(plan, Answer) or llm is None:
        return plan if isinstance(plan, Answer) else plan.extractive
    started = time.perf_counter()
    try:
        text = llm.complete(plan.messages)
    except LLMUnavailableError:
        return _unavailable(plan, started)
    return finish(plan, text, (time.perf_counter() - started) * 1000, min_verified_share)


def events(plan: Plan | Answer, llm: LLM | None, min_verified_share: float) -> Iterator[Event]:
    """Stream an answer: ("delta", text) events, then one authoritative ("answer", Answer) event.

    The deltas are the model's raw text; the final answer is verified (or falls back). A final
    answer given as ``plan`` is sent as one delta and the answer.
    """
    if isinstance(plan, Answer) or llm is None:
        final = plan if isinstance(plan, Answer) else plan.extractive
        yield "delta", final.answer
        yield "answer", final
        return
    started = time.perf_counter()
    parts: list[str] = []
    try:
        for piece in llm.stream(plan.messages):
            parts.append(piece)
            yield "delta", piece
    except LLMUnavailableError:
        yield "answer", _unavailable(plan, started)
        return
    yield "answer", finish(plan, "".join(parts), (time.perf_counter() - started) * 1000, min_verified_share)


async def acomplete(plan: Plan | Answer, llm: LLM | None, min_verified_share: float) -> Answer:
    """As :func:`complete`, awaited; cancelling the caller cancels the LLM request."""
    if isinstance(plan, Answer) or llm is None:
        return plan if isinstance(plan, Answer) else plan.extractive
    started = time.perf_counter()
    try:
        text = await llm.acomplete(plan.messages)
    except LLMUnavailableError:
        return _unavailable(plan, started)
    ms = (time.perf_counter() - started) * 1000
    return await asyncio.to_thread(finish, plan, text, ms, min_verified_share)


async def aevents(plan: Plan | Answer, llm: LLM | None, min_verified_share: float) -> AsyncIterator[Event]:
    """As :func:`events`, asynchronously; closing or cancelling it cancels the LLM request."""
    if isinstance(plan, Answer) or llm is None:
        final = plan if isinstance(plan, Answer) else plan.extractive
        yield "delta", final.answer
        yield "answer", final
        return
    started = time.perf_counter()
    parts: list[str] = []
    try:
        async for piece in llm.astream(plan.messages):
            parts.append(piece)
            yield "delta", piece
    except LLMUnavailableError:
        yield "answer", _unavailable(plan, started)
        return
    ms = (time.perf_counter() - started) * 1000
    yield "answer", await asyncio.to_thread(finish, plan, "".join(parts), ms, min_verified_share)
