"""``POST /ask``: one JSON answer, or Server-Sent Events (text deltas, then the whole answer)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from fastapi import APIRouter, Response
from fastapi.responses import StreamingResponse

from assistant.interfaces.http.deps import READER, AssistantDep
from assistant.interfaces.http.errors import ERRORS
from assistant.interfaces.http.schemas import AskRequest, AskResponse
from assistant.interfaces.recording import record_answer
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


def sse_body(events: Iterator[tuple[str, Any]], record: Callable[[Answer], str | None]) -> Iterator[str]:
    """Render ("delta", text) and ("answer", Answer) events; the answer is stored and gets its id."""
    for kind, payload in events:
        if kind == "delta":
            yield sse_event("delta", {"text": payload})
        else:
            yield sse_event("answer", {"id": record(payload), **payload.to_dict()})


def sse_response(events: Iterator[tuple[str, Any]], record: Callable[[Answer], str | None]) -> StreamingResponse:
    """A ``text/event-stream`` response of the events (not buffered by proxies)."""
    return StreamingResponse(sse_body(events, record), media_type="text/event-stream",
                             headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


@router.post("/ask", response_model=AskResponse, responses={**ERRORS, 200: SSE_DOC}, dependencies=READER)
def ask(body: AskRequest, assistant: AssistantDep) -> dict | Response:
    """Answer a question with citations of the exact numbered sections; ``id`` is for feedback.

    ``mode`` "generative" lets the configured LLM write the answer (citations verified);
    ``stream`` true returns Server-Sent Events instead of one JSON object.
    """
    if body.stream:
        events = assistant.ask_stream(body.question, body.top_k, body.doc_ids, mode=body.mode)
        return sse_response(events, lambda answer: record_answer(assistant, answer))
    answer = assistant.ask(body.question, top_k=body.top_k, doc_ids=body.doc_ids, mode=body.mode)
    return {"id": record_answer(assistant, answer), **answer.to_dict()}
