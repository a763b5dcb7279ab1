"""OpenAI chat-completions shapes for our answers, and the messages → (question, history) adapter.

No web framework here: plain dicts and strings, so the shapes can be tested on their own.
"""

from __future__ import annotations

import inspect
import json
import time
import uuid
from collections.abc import Callable
from typing import Any

from assistant.errors import InvalidQuestionError
from assistant.interfaces.notes import with_notes
from assistant.records import Answer

EXTRACTIVE_MODEL = "policyqa"
GENERATIVE_MODEL = "policyqa-generative"
MODES = {EXTRACTIVE_MODEL: "extractive", GENERATIVE_MODEL: "generative"}


class OpenAIError(Exception):
    """An error to answer in OpenAI's shape, with its HTTP status."""

    def __init__(self, status: int, message: str, kind: str = "invalid_request_error",
                 param: str | None = None, code: str | None = None) -> None:
        super().__init__(message)
        self.status, self.body = status, error_body(message, kind, param, code)


def conversation(messages: list[dict[str, str]]) -> tuple[str, list[dict[str, str]]]:
    """Split chat messages into the question (the last message, from the user) and the earlier turns.

    Args:
        messages: ``[{"role": "system" | "developer" | "user" | "assistant" | …, "content": str}, …]``.

    Returns:
        The question and the history ``[{"question": …, "answer": …}, …]``, oldest first; each
        earlier user message is a turn, with the assistant message that follows it as its answer
        (a turn has no ``"answer"`` when none follows). System and tool messages are not turns.

    Raises:
        InvalidQuestionError: If the last message is not the user's.
    """
    if not messages or messages[-1].get("role") != "user":
        raise InvalidQuestionError("最后一条消息须为用户的提问 / the last message must have role 'user'")
    history: list[dict[str, str]] = []
    for message in messages[:-1]:
        role, content = message.get("role"), message.get("content") or ""
        if role == "user":
            history.append({"question": content})
        elif role == "assistant" and history and "answer" not in history[-1]:
            history[-1]["answer"] = content
    return messages[-1].get("content") or "", history


def accepts_history(method: Callable[..., Any]) -> bool:
    """True if ``method`` (e.g. ``Assistant.ask``) takes a ``history`` keyword."""
    try:
        return "history" in inspect.signature(method).parameters
    except (TypeError, ValueError):
        return False


def call_with_history(method: Callable[..., Any], question: str, history: list[dict[str, str]],
                      **kwargs: Any) -> Any:
    """Call ``method(question, **kwargs)``, adding ``history=`` only when there is one and it is accepted."""
    if history and accepts_history(method):
        kwargs["history"] = history
    return method(question, **kwargs)


def completion_id(record_id: str | None) -> str:
    """The response id: ``chatcmpl-`` and the stored answer's id (the one ``POST /feedback`` takes)."""
    return f"chatcmpl-{record_id or uuid.uuid4().hex}"


def message(answer: Answer, record_id: str | None) -> dict[str, Any]:
    """The assistant message: the answer with numbered notes, plus ``citations``, ``refused``, ``answer_id``."""
    return {"role": "assistant", "content": with_notes(answer),
            "citations": [c.to_dict() for c in answer.citations], "refused": answer.refused,
            "answer_id": record_id}


def completion(model: str, answer: Answer, record_id: str | None) -> dict[str, Any]:
    """A ``chat.completion`` object with one choice."""
    return {"id": completion_id(record_id), "object": "chat.completion", "created": int(time.time()),
            "model": model,
            "choices": [{"index": 0, "message": message(answer, record_id), "finish_reason": "stop"}]}


def chunk(cid: str, model: str, delta: dict[str, Any], finish: str | None = None) -> str:
    """One ``chat.completion.chunk`` as a Server-Sent Event (``data: {…}``)."""
    body = {"id": cid, "object": "chat.completion.chunk", "created": int(time.time()), "model": model,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
    return f"data: {json.dumps(body, ensure_ascii=False)}\n\n"


def answer_chunks(cid: str, model: str, answer: Answer, record_id: str | None) -> list[str]:
    """The content of a finished answer, then the closing chunk (citations, finish_reason "stop")."""
    full = message(answer, record_id)
    extra = {k: full[k] for k in ("citations", "refused", "answer_id")}
    return [chunk(cid, model, {"content": full["content"]}), chunk(cid, model, extra, "stop")]


DONE = "data: [DONE]\n\n"
KEEP_ALIVE = ": 生成中 / generating\n\n"


def error_body(message_text: str, kind: str = "invalid_request_error", param: str | None = None,
               code: str | None = None) -> dict[str, Any]:
    """OpenAI's error shape: ``{"error": {"message", "type", "param", "code"}}``."""
    safe = message_text.encode("utf-8", "replace").decode("utf-8")
    return {"error": {"message": safe, "type": kind, "param": param, "code": code}}
