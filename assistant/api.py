"""HTTP API (FastAPI): a thin adapter over :class:`assistant.core.Assistant`.

Errors are JSON bodies ``{"error": {"code": …, "message": …}}``: 4xx for the caller's mistakes,
503 when no index is loaded; a traceback never reaches the client.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from . import __version__
from .core import Assistant
from .errors import (
    DocumentNotFoundError,
    IndexFormatError,
    IndexNotFoundError,
    InvalidQuestionError,
    PolicyQAError,
)

log = logging.getLogger("policyqa.api")

_STATUS = {
    InvalidQuestionError: 422,
    DocumentNotFoundError: 404,
    IndexNotFoundError: 503,
    IndexFormatError: 503,
}


class AskRequest(BaseModel):
    """Body of ``POST /ask``."""

    model_config = ConfigDict(extra="forbid")
    question: str = Field(..., description="问题，1–500 字", examples=["全市数据中心标准机架总数的目标是多少？"])
    top_k: int | None = Field(None, ge=1, le=20, description="引用条数上限")
    doc_ids: list[str] | None = Field(None, description="只在这些文档中检索")


class CitationOut(BaseModel):
    """One cited section with its verbatim quote."""

    doc_id: str
    doc_title: str
    label: str
    number: int | None
    title: str
    part: str
    quote: str
    score: float


class AskResponse(BaseModel):
    """The JSON contract shared with ``policyqa ask --json``."""

    question: str
    answer: str
    refused: bool
    mode: str
    route: str
    citations: list[CitationOut]
    related: list[CitationOut]
    timings_ms: dict[str, float]


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse(status_code=status, content={"error": {"code": code, "message": message}})


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(PolicyQAError)
    async def _core_error(_: Request, exc: PolicyQAError) -> JSONResponse:
        status = next((s for t, s in _STATUS.items() if isinstance(exc, t)), 400)
        return _error(status, type(exc).__name__, str(exc))

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ()) if p != 'body') or 'body'}: {e.get('msg')}"
            for e in exc.errors()
        )
        return _error(422, "invalid_request", f"请求格式错误 / invalid request: {problems}")

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _error(exc.status_code, "http_error", str(exc.detail))

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error", exc_info=exc)
        return _error(500, "internal_error", "服务内部错误 / internal error")


def create_app(assistant: Assistant | None = None) -> FastAPI:
    """Build the FastAPI application around an assistant (default: one from Settings)."""
    assistant = assistant or Assistant()
    app = FastAPI(title="政策问答助手 API", version=__version__,
                  description="Cited answers from Chinese policy documents.")
    app.state.assistant = assistant
    _install_error_handlers(app)

    @app.post("/ask", response_model=AskResponse)
    def ask(body: AskRequest) -> dict:
        """Answer a question with citations of the exact numbered sections."""
        return assistant.ask(body.question, top_k=body.top_k, doc_ids=body.doc_ids).to_dict()

    @app.get("/health")
    def health() -> dict:
        """Index version, document and chunk counts, and the embedder."""
        manifest = assistant.index.manifest
        return {"status": "ok", "version": __version__,
                "index": {"format_version": manifest["format_version"],
                          "created": manifest.get("created"), **manifest["counts"]},
                "embedder": manifest["embedder"]}

    return app


def serve(assistant: Assistant, host: str | None = None, port: int | None = None) -> None:
    """Load the index, then serve the API with uvicorn (blocking)."""
    import uvicorn

    assistant.warm_up()
    settings = assistant.settings
    uvicorn.run(create_app(assistant), host=host or settings.host, port=port or settings.port,
                log_level="info")
