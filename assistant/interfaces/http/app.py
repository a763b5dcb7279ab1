"""HTTP API (FastAPI): a thin adapter over :class:`assistant.core.Assistant`.

Errors are JSON bodies ``{"error": {"code": …, "message": …}}``: 4xx for the caller's mistakes,
503 when no index is loaded; a traceback never reaches the client.
"""

from __future__ import annotations

import hmac
import importlib.util
import json
import logging
from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, FastAPI, Query, Request, Security
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from fastapi_offline import FastAPIOffline
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant import __version__
from assistant.errors import (
    DocumentNotFoundError,
    DocumentTooLargeError,
    IndexFormatError,
    IndexNotFoundError,
    InvalidQuestionError,
    LastDocumentError,
    PolicyQAError,
)
from assistant.ingest.formats import UnreadableDocumentError, UnsupportedTypeError
from assistant.ingest.outline import section_record
from assistant.interfaces.http.documents import add_document_routes
from assistant.interfaces.http.openai_compat import router as openai_router
from assistant.interfaces.http.schemas import (
    AskRequest,
    AskResponse,
    DocumentOut,
    DocumentOutline,
    ErrorResponse,
    FeedbackRequest,
    FeedbackResponse,
    SearchResponse,
    SectionOut,
)
from assistant.interfaces.http.stream import SSE_DOC, sse_response
from assistant.interfaces.mcp_server import mount_http as mount_mcp
from assistant.service import Assistant
from assistant.store.feedback import FeedbackStoreError

log = logging.getLogger("policyqa.api")

_STATUS = {
    InvalidQuestionError: 422,
    DocumentNotFoundError: 404,
    IndexNotFoundError: 503,
    IndexFormatError: 503,
    FeedbackStoreError: 503,
    UnsupportedTypeError: 415,
    UnreadableDocumentError: 422,
    DocumentTooLargeError: 413,
    LastDocumentError: 409,
}
_HTTP_MESSAGES = {
    400: ("bad_request", "请求无法解析 / bad request"),
    401: ("unauthorized", "需要有效的 API 密钥 / a valid API key is required "
                          "(Authorization: Bearer <key> or X-API-Key: <key>)"),
    404: ("not_found", "未找到 / not found"),
    405: ("method_not_allowed", "不支持该请求方法 / method not allowed"),
    413: ("payload_too_large", "请求体过大 / request body too large"),
}
MAX_BODY_BYTES = 64 * 1024
ERRORS = {status: {"model": ErrorResponse} for status in (400, 401, 404, 422, 503)}

bearer_scheme = HTTPBearer(auto_error=False, description="API key as a bearer token")
header_scheme = APIKeyHeader(name="X-API-Key", auto_error=False, description="API key")


def _error(status: int, code: str, message: str, headers: dict | None = None) -> JSONResponse:
    safe = message.encode("utf-8", "replace").decode("utf-8")
    return JSONResponse(status_code=status, content={"error": {"code": code, "message": safe}},
                        headers=headers)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(PolicyQAError)
    async def _core_error(_: Request, exc: PolicyQAError) -> JSONResponse:
        status = next((s for t, s in _STATUS.items() if isinstance(exc, t)), 400)
        return _error(status, type(exc).__name__, str(exc))

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        if any(e.get("type") == "json_invalid" for e in errors):
            where = next((p for e in errors for p in e.get("loc", ()) if isinstance(p, int)), "?")
            return _error(422, "invalid_json", f"请求体不是有效的 JSON / body is not valid JSON (at character {where})")
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ()) if p != 'body') or 'body'}: {e.get('msg')}"
            for e in errors
        )
        return _error(422, "invalid_request", f"请求格式错误 / invalid request: {problems}")

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        code, message = _HTTP_MESSAGES.get(exc.status_code, ("http_error", str(exc.detail)))
        if exc.status_code == 400:
            message = f"{message}: {exc.detail}"
        return _error(exc.status_code, code, message, getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error", exc_info=exc)
        return _error(500, "internal_error", "服务内部错误 / internal error")


def _limit_body_size(app: FastAPI) -> None:
    @app.middleware("http")
    async def _check_length(request: Request, call_next: Callable) -> Response:
        length = request.headers.get("content-length", "0")
        if request.url.path.startswith("/ui"):  # the UI's own routes (uploads) have their own limits
            return await call_next(request)
        limit = MAX_BODY_BYTES
        if request.url.path == "/documents" and request.method == "POST":  # uploads: checked again in the core
            limit = request.app.state.assistant.settings.max_upload_bytes + 64 * 1024
        if not length.isdigit() or int(length) > limit:
            return _error(413, *_HTTP_MESSAGES[413])
        return await call_next(request)


def require_api_key(request: Request,
                    bearer: Annotated[HTTPAuthorizationCredentials | None, Security(bearer_scheme)],
                    header_key: Annotated[str | None, Security(header_scheme)]) -> None:
    """Allow the request when no key is configured or a given key matches (constant-time compare).

    Raises:
        HTTPException: 401 when a key is configured and none of the given ones matches.
    """
    expected = request.app.state.assistant.settings.api_key
    if not expected:
        return
    given = [k for k in (bearer.credentials if bearer else None, header_key) if k]
    wanted = expected.encode("utf-8")
    matches = [hmac.compare_digest(k.encode("utf-8", "replace"), wanted) for k in given]
    if not any(matches):
        raise StarletteHTTPException(401, headers={"WWW-Authenticate": "Bearer"})


def _record(assistant: Assistant, answer) -> str | None:
    """Store the answer for feedback; the answer is still served if the store fails."""
    try:
        return assistant.feedback.record_answer(answer)
    except FeedbackStoreError as exc:
        log.warning("answer not stored: %s", exc)
        return None


def _add_routes(app: FastAPI, assistant: Assistant) -> None:
    keyed = [Depends(require_api_key)]

    @app.post("/ask", response_model=AskResponse, responses={**ERRORS, 200: SSE_DOC}, dependencies=keyed,
              tags=["问答"])
    def ask(body: AskRequest) -> dict | Response:
        """Answer a question with citations of the exact numbered sections; ``id`` is for feedback.

        ``mode`` "generative" lets the configured LLM write the answer (citations verified);
        ``stream`` true returns Server-Sent Events instead of one JSON object.
        """
        if body.stream:
            events = assistant.ask_stream(body.question, body.top_k, body.doc_ids, mode=body.mode)
            return sse_response(events, lambda answer: _record(assistant, answer))
        answer = assistant.ask(body.question, top_k=body.top_k, doc_ids=body.doc_ids, mode=body.mode)
        return {"id": _record(assistant, answer), **answer.to_dict()}

    @app.get("/search", response_model=SearchResponse, responses=ERRORS, dependencies=keyed, tags=["问答"])
    def search(q: Annotated[str, Query(min_length=1, description="查询语句")],
               k: Annotated[int | None, Query(ge=1, le=20, description="返回条数 (1–20)")] = None) -> dict:
        """Ranked sections for a query, without an answer."""
        hits = assistant.search(q, top_k=k)
        results = [{"rank": rank, "score": round(hit.score, 6),
                    **section_record([assistant.index.chunks[i] for i in hit.chunk_ids] or [hit.chunk])}
                   for rank, hit in enumerate(hits, 1)]
        return {"query": q.strip(), "results": results}

    @app.get("/documents", response_model=list[DocumentOut], responses=ERRORS, tags=["文档"])
    def documents() -> list[dict]:
        """The indexed documents with their section and chunk counts."""
        return assistant.documents()

    @app.get("/documents/{doc_id}", response_model=DocumentOutline, responses=ERRORS, tags=["文档"])
    def document(doc_id: str) -> dict:
        """A document's structure: parts and their numbered sections."""
        found = [d for d in assistant.outline() if d["doc_id"] == doc_id]
        if not found:
            raise DocumentNotFoundError(f"未知文档 / unknown doc_id: {doc_id}")
        return found[0]

    @app.get("/documents/{doc_id}/tasks/{number}", response_model=SectionOut, responses=ERRORS, tags=["文档"])
    def task(doc_id: str, number: int) -> dict:
        """The full text of a numbered task, e.g. 17 for （十七）."""
        return section_record(assistant.section(doc_id, number))

    @app.post("/feedback", response_model=FeedbackResponse, responses=ERRORS, dependencies=keyed, tags=["反馈"])
    def feedback(body: FeedbackRequest) -> dict:
        """Rate an answer (up/down, optional comment); a later rating replaces an earlier one."""
        assistant.feedback.add_feedback(body.id, body.rating, body.comment or "")
        return {"id": body.id, "rating": body.rating, "stored": True}

    @app.get("/feedback/export", responses={**ERRORS, 200: {"content": {"application/x-ndjson": {}},
                                                             "description": "JSON Lines"}},
             dependencies=keyed, tags=["反馈"])
    def export() -> Response:
        """Rated answers as JSON Lines in the gold-set schema (candidates for eval/gold.jsonl)."""
        lines = (json.dumps(row, ensure_ascii=False) + "\n" for row in assistant.feedback.export())
        return Response("".join(lines), media_type="application/x-ndjson")

    add_document_routes(app, assistant, keyed, ERRORS)

    @app.get("/health", tags=["服务"])
    def health() -> dict:
        """Index version, document and chunk counts, and the embedder."""
        manifest = assistant.index.manifest
        return {"status": "ok", "version": __version__,
                "index": {"format_version": manifest["format_version"],
                          "created": manifest.get("created"), **manifest["counts"]},
                "embedder": manifest["embedder"]}

    @app.get("/", include_in_schema=False)
    def home(request: Request) -> RedirectResponse:
        return RedirectResponse(request.app.state.home)


def create_app(assistant: Assistant | None = None) -> FastAPI:
    """Build the FastAPI application around an assistant (default: one from Settings).

    ``/`` redirects to ``app.state.home``: the API docs, or the chat UI once ``ui.app.mount`` ran.
    """
    assistant = assistant or Assistant()
    # FastAPIOffline serves /docs and /redoc from packaged files instead of a CDN (works offline).
    app = FastAPIOffline(title="政策问答助手 API", version=__version__,
                         description="Cited answers from Chinese policy documents. 引用原文、注明条目的政策问答。")
    app.state.assistant = assistant
    app.state.home = "/docs"
    _install_error_handlers(app)
    _limit_body_size(app)
    _add_routes(app, assistant)
    app.include_router(openai_router)
    mount_mcp(app, assistant)
    return app


def _mount_ui(app: FastAPI, assistant: Assistant) -> None:
    """Mount the Gradio chat UI at /ui when the ``ui`` extra is installed."""
    if importlib.util.find_spec("gradio") is None or importlib.util.find_spec("assistant.interfaces.ui") is None:
        log.warning("chat UI not mounted: gradio is not installed (pip install -e '.[ui]'); serving the API only")
        return
    from assistant.interfaces.ui.app import mount

    mount(app, assistant)
    log.info("chat UI mounted at /ui")


def serve(assistant: Assistant, host: str | None = None, port: int | None = None, ui: bool = True) -> None:
    """Load the index, then serve the API (and the chat UI at /ui if available) with uvicorn (blocking)."""
    import uvicorn

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s:     %(message)s")
    logging.getLogger("policyqa").setLevel(logging.INFO)
    assistant.warm_up()
    settings = assistant.settings
    app = create_app(assistant)
    if ui:
        _mount_ui(app, assistant)
    uvicorn.run(app, host=host or settings.host, port=port or settings.port, log_level="info")
