"""``POST /ask``: one JSON answer, or Server-Sent Events (text deltas, then the whole answer)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from fastapi import APIRouter, Response
from fastapi.responses import StreamingResponse

from assistant.answer.followup import InvalidHistoryError
from assistant.interfaces.http.deps import READER, AssistantDep
from assistant.interfaces.http.errors import ERRORS
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

router = APIRouter(tags=["问答"])


def sse_event(name: str, data: dict[str, Any]) -> str:
    """One Server-Sent Event with a JSON payload."""
    return f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


Record = Callable[[Answer], dict[str, Any]]  # stores an answer; returns the fields put before the contract


def sse_body(events: Iterator[tuple[str, Any]], record: Record) -> Iterator[str]:
    """Render ("delta", text) and ("answer", Answer) events; the answer is stored and gets its id."""
    for kind, payload in events:
        if kind == "delta":
            yield sse_event("delta", {"text": payload})
        else:
            yield sse_event("answer", {**record(payload), **payload.to_dict()})


def sse_response(events: Iterator[tuple[str, Any]], record: Record) -> StreamingResponse:
    """A ``text/event-stream`` response of the events (not buffered by proxies)."""
    return StreamingResponse(sse_body(events, record), media_type="text/event-stream",
                             headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


@router.post("/ask", response_model=AskResponse, responses={**ERRORS, 200: SSE_DOC}, dependencies=READER)
def ask(body: AskRequest, assistant: AssistantDep) -> dict | Response:
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
        history = assistant.feedback.conversations.history(conversation_id)
    else:
        history = [t.model_dump(exclude_none=True) for t in body.history or ()]
    stateless = body.history is not None

    def record(answer: Answer) -> dict[str, Any]:
        answer_id = record_answer(assistant, answer)
        kept = None if stateless else remember_turn(assistant, conversation_id, answer, answer_id)
        return {"id": answer_id, "conversation_id": kept}

    options = {"history": history} if history else {}
    if body.stream:
        return sse_response(assistant.ask_stream(body.question, body.top_k, body.doc_ids, mode=body.mode,
                                                 **options), record)
    answer = assistant.ask(body.question, top_k=body.top_k, doc_ids=body.doc_ids, mode=body.mode, **options)
    return {**record(answer), **answer.to_dict()}
