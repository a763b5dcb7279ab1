"""OpenAI-compatible chat API: ``POST /v1/chat/completions`` and ``GET /v1/models``.

Lets the ``openai`` client, LangChain's ``ChatOpenAI`` and workflow platforms (Dify, FastGPT, …)
use the assistant as a chat model. The last user message is the question, earlier turns are the
history; the reply is the cited answer with numbered notes, its citations in ``message.citations``.
Errors on these routes use OpenAI's shape ``{"error": {"message", "type", "param", "code"}}``;
the reader key is the bearer token (``Authorization: Bearer <POLICYQA_API_KEY>``).
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Coroutine, Iterator
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response, StreamingResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.errors import (
    DocumentNotFoundError,
    IndexFormatError,
    IndexNotFoundError,
    InvalidQuestionError,
    PolicyQAError,
)
from assistant.interfaces.http import openai_format as fmt
from assistant.interfaces.http.deps import require_reader
from assistant.interfaces.http.errors import HTTP_MESSAGES
from assistant.interfaces.http.gate import GatedRoute
from assistant.interfaces.http.openai_format import OpenAIError
from assistant.interfaces.http.openai_schemas import (
    CHAT_RESPONSES,
    ERRORS,
    ChatRequest,
    ModelCard,
    ModelList,
)
from assistant.interfaces.recording import record_answer
from assistant.store.feedback import FeedbackStoreError

log = logging.getLogger("policyqa.api")

# Under the server's 64 KB body limit even for three-byte (CJK) UTF-8 characters.
MAX_TOTAL_CHARS = 16_000
KEEP_ALIVE_SECONDS = 5.0


def _from_exception(exc: Exception) -> OpenAIError | None:
    """The OpenAI-shaped error for an exception raised while handling a /v1 request (None: not ours)."""
    if isinstance(exc, OpenAIError):
        return exc
    if isinstance(exc, RequestValidationError):
        first = exc.errors()[0] if exc.errors() else {}
        if first.get("type") == "json_invalid":
            return OpenAIError(400, "请求体不是有效的 JSON / body is not valid JSON", code="invalid_json")
        param = ".".join(str(p) for p in first.get("loc", ()) if p != "body") or None
        return OpenAIError(400, f"请求格式错误 / invalid request: {param or 'body'}: {first.get('msg')}", param=param)
    if isinstance(exc, StarletteHTTPException) and exc.status_code == 401:
        return OpenAIError(401, "API 密钥无效 / incorrect API key (Authorization: Bearer <key>)",
                           code="invalid_api_key")
    if isinstance(exc, StarletteHTTPException) and exc.status_code == 415:
        return OpenAIError(415, f"{HTTP_MESSAGES[415][1]}; 收到 / received: {exc.detail}",
                           code="unsupported_media_type")
    if isinstance(exc, StarletteHTTPException):
        return OpenAIError(exc.status_code, f"请求无法处理 / {exc.detail}")
    if isinstance(exc, InvalidQuestionError):
        return OpenAIError(422, str(exc), param="messages", code="invalid_question")
    if isinstance(exc, DocumentNotFoundError):
        return OpenAIError(404, str(exc), code="not_found")
    if isinstance(exc, IndexNotFoundError | IndexFormatError | FeedbackStoreError):
        return OpenAIError(503, str(exc), kind="server_error", code="unavailable")
    if isinstance(exc, PolicyQAError):
        return OpenAIError(400, str(exc))
    return None


class OpenAIRoute(GatedRoute):
    """A route whose errors (validation, auth, the core's) are answered in OpenAI's error shape."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def route(request: Request) -> Response:
            try:
                return await handler(request)
            except Exception as exc:
                error = _from_exception(exc)
                if error is None:
                    raise
                headers = dict(getattr(exc, "headers", None) or {})  # e.g. the gate's Connection: close
                if error.status == 401:
                    headers["WWW-Authenticate"] = "Bearer"
                return JSONResponse(error.body, status_code=error.status, headers=headers or None)

        return route


def _models(assistant: Any) -> list[str]:
    return [fmt.EXTRACTIVE_MODEL] + ([fmt.GENERATIVE_MODEL] if assistant.llm is not None else [])


def _model_card(name: str) -> dict[str, Any]:
    return {"id": name, "object": "model", "created": 0, "owned_by": "policyqa"}


def _check_model(assistant: Any, model: str) -> str:
    """The answer mode of a model name; OpenAIError 404 for a model this server does not offer."""
    if model not in _models(assistant):
        raise OpenAIError(404, f"模型不存在 / the model '{model}' does not exist (see GET /v1/models)",
                          param="model", code="model_not_found")
    return fmt.MODES[model]


def _conversation(body: ChatRequest) -> tuple[str, list[dict[str, str]]]:
    messages = [{"role": m.role, "content": m.text()} for m in body.messages]
    total = sum(len(m["content"]) for m in messages)
    if total > MAX_TOTAL_CHARS:
        raise OpenAIError(400, f"消息总长超过 {MAX_TOTAL_CHARS} 字 / messages longer than {MAX_TOTAL_CHARS} "
                          f"characters in all ({total})", param="messages", code="context_length_exceeded")
    return fmt.conversation(messages)


def _stream(assistant: Any, model: str, events: Iterator[tuple[str, Any]]) -> Iterator[str]:
    """OpenAI chunks for an answer: the role, then the verified answer with notes, then [DONE].

    A generated answer is verified before any of it is shown, so the model's raw tokens are not
    sent; an SSE comment every few seconds keeps proxies from closing the quiet connection.
    """
    cid = fmt.completion_id(None)
    yield fmt.chunk(cid, model, {"role": "assistant", "content": ""})
    last = time.monotonic()
    try:
        for kind, payload in events:
            if kind == "answer":
                yield from fmt.answer_chunks(cid, model, payload, record_answer(assistant, payload))
            elif time.monotonic() - last > KEEP_ALIVE_SECONDS:
                last = time.monotonic()
                yield fmt.KEEP_ALIVE
    except Exception as exc:  # mid-stream: the status is already sent, so an error event ends the stream
        log.exception("stream failed", exc_info=exc)
        body = fmt.error_body("服务内部错误 / internal error", "server_error")
        yield f"data: {json.dumps(body, ensure_ascii=False)}\n\n"
    yield fmt.DONE


router = APIRouter(prefix="/v1", route_class=OpenAIRoute, tags=["OpenAI 兼容"],
                   dependencies=[Depends(require_reader)])


@router.get("/models", response_model=ModelList, responses=ERRORS)
def list_models(request: Request) -> dict:
    """The models this server offers: ``policyqa``, and ``policyqa-generative`` when an LLM is configured."""
    return {"object": "list", "data": [_model_card(m) for m in _models(request.app.state.assistant)]}


@router.get("/models/{model}", response_model=ModelCard, responses=ERRORS)
def get_model(request: Request, model: str) -> dict:
    """One model's card; 404 (OpenAI's error shape) for a model not offered."""
    _check_model(request.app.state.assistant, model)
    return _model_card(model)


@router.post("/chat/completions", response_model=None, responses=CHAT_RESPONSES)
def chat_completions(request: Request, body: ChatRequest) -> Response:
    """Answer the last user message, with the earlier turns as history (OpenAI chat-completions protocol).

    The content is the cited answer with numbered notes (``…（十七）[1]\\n\\n[1] 《…》（十七）…``);
    ``message.citations`` holds the same citations as ``POST /ask``. ``stream`` true sends
    ``chat.completion.chunk`` events ending with ``data: [DONE]``.
    """
    assistant = request.app.state.assistant
    mode = _check_model(assistant, body.model)
    question, history = _conversation(body)
    if body.stream:
        if mode == "generative":
            events = fmt.call_with_history(assistant.ask_stream, question, history, mode=mode)
        else:
            answer = fmt.call_with_history(assistant.ask, question, history, mode=mode)
            events = iter([("answer", answer)])
        return StreamingResponse(_stream(assistant, body.model, events), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})
    answer = fmt.call_with_history(assistant.ask, question, history, mode=mode)
    return JSONResponse(fmt.completion(body.model, answer, record_answer(assistant, answer)))


@router.api_route("/{rest:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"], include_in_schema=False)
def unknown(rest: str) -> None:
    """Any other /v1 path: OpenAI-shaped 404."""
    raise OpenAIError(404, f"未知接口 / unknown endpoint: /v1/{rest}", code="unknown_url")
