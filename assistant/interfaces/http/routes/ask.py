"""``POST /ask``: one JSON answer, or Server-Sent Events (text deltas, then the whole answer).

The route is asynchronous so that a client that hangs up frees its worker: a dropped stream cancels
its event iterator (Starlette stops a streaming response when the client disconnects), and a JSON
answer is computed while the route listens for the disconnect and is cancelled by it. Either way the
LLM request is cancelled too (see :mod:`assistant.answer.loop`).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, TypeVar

from fastapi import APIRouter, Request, Response
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from assistant.answer.turns import InvalidHistoryError
from assistant.interfaces.http.deps import READER, AssistantDep
from assistant.interfaces.http.errors import JSON_ERRORS
from assistant.interfaces.http.gate import GatedRoute
from assistant.interfaces.http.schemas import AskRequest, AskResponse
from assistant.interfaces.recording import record_answer, remember_turn
from assistant.records import Answer

# How the streamed response is documented in the OpenAPI schema.
# The schema describes one event (OpenAPI < 3.2): its name and its JSON data.
EVENT_SCHEMA = {"type": "object", "required": ["event", "data"],
                "properties": {"event": {"type": "string", "enum": ["delta", "answer"]},
                               "data": {"type": "string", "contentMediaType": "application/json"}}}
SSE_DOC = {"content": {"text/event-stream": {"schema": EVENT_SCHEMA}},
           "description": 'JSON，或 "stream": true 时为 Server-Sent Events：若干 `delta` 事件 {"text"}，'
                          "最后一个 `answer` 事件为完整的 JSON 合约（含 id 与 citations）。"}

router = APIRouter(tags=["问答"], route_class=GatedRoute)
T = TypeVar("T")
# Status logged for an answer whose client went away before it was ready (nothing is sent).
CLIENT_CLOSED = 499


def sse_event(name: str, data: dict[str, Any]) -> str:
    """One Server-Sent Event with a JSON payload."""
    return f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


Record = Callable[[Answer], dict[str, Any]]  # stores an answer; returns the fields put before the contract


async def sse_body(events: AsyncIterator[tuple[str, Any]], record: Record) -> AsyncIterator[str]:
    """Render ("delta", text) and ("answer", Answer) events; the answer is stored and gets its id."""
    async for kind, payload in events:
        if kind == "delta":
            yield sse_event("delta", {"text": payload})
        else:
            yield sse_event("answer", {**await run_in_threadpool(record, payload), **payload.to_dict()})


def sse_response(events: AsyncIterator[tuple[str, Any]], record: Record) -> StreamingResponse:
    """A ``text/event-stream`` response of the events (not buffered by proxies)."""
    return StreamingResponse(sse_body(events, record), media_type="text/event-stream",
                             headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


async def _disconnected(request: Request) -> None:
    """Return once the client has gone (the body was read already, so only a disconnect comes)."""
    while (await request.receive())["type"] != "http.disconnect":
        pass


async def unless_disconnected(request: Request, work: Awaitable[T]) -> tuple[bool, T | None]:
    """Await ``work`` unless the client disconnects first, which cancels it: (True, result) or (False, None)."""
    task, watch = asyncio.ensure_future(work), asyncio.ensure_future(_disconnected(request))
    try:
        done, _ = await asyncio.wait({task, watch}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        watch.cancel()
        if not task.done():
            task.cancel()  # the client is gone, or this request is being cancelled
    if task not in done:
        return False, None
    return True, task.result()


@router.post("/ask", response_model=AskResponse, responses={**JSON_ERRORS, 429: JSON_ERRORS[422], 200: SSE_DOC},
             dependencies=READER)
async def ask(body: AskRequest, assistant: AssistantDep, request: Request) -> dict | Response:
    """Answer a question with citations of the exact numbered sections; ``id`` is for feedback.

    ``mode`` "generative" lets the configured LLM write the answer (citations verified);
    ``stream`` true returns Server-Sent Events instead of one JSON object.

    A follow-up is understood from ``history`` (the caller's earlier turns) or from the stored
    conversation ``conversation_id`` (404 if unknown); without either, a new conversation is stored
    (when ``store_conversations`` is on) and its id returned. ``resolved_question`` is what was searched.
    """
    if body.history is not None and body.conversation_id is not None:
        raise InvalidHistoryError("history 与 conversation_id 只能给一个 / give history or conversation_id, not both")
    conversation_id = body.conversation_id
    if conversation_id is not None:
        history = await run_in_threadpool(assistant.feedback.conversations.history, conversation_id)
    else:
        history = [t.model_dump(exclude_none=True) for t in body.history or ()]
    stateless = body.history is not None

    def record(answer: Answer) -> dict[str, Any]:
        answer_id = record_answer(assistant, answer)
        kept = None if stateless else remember_turn(assistant, conversation_id, answer, answer_id)
        return {"id": answer_id, "conversation_id": kept}

    options = {"history": history} if history else {}
    if body.stream:
        events = await assistant.aask_stream(body.question, body.top_k, body.doc_ids, mode=body.mode, **options)
        return sse_response(events, record)
    done, answer = await unless_disconnected(
        request, assistant.aask(body.question, top_k=body.top_k, doc_ids=body.doc_ids, mode=body.mode, **options))
    if not done or answer is None:
        return Response(status_code=CLIENT_CLOSED)  # never reaches the client
    return {**await run_in_threadpool(record, answer), **answer.to_dict()}
