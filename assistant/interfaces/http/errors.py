"""Error responses: our exceptions and HTTP errors as JSON ``{"error": {"code", "message"}}``, never a traceback.

4xx for the caller's mistakes, 503 when no index, feedback store or database is usable, 500 for anything
else.
"""

from __future__ import annotations

import logging
import sys

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.errors import (
    AmbiguousSectionError,
    DocumentNotFoundError,
    DocumentTooLargeError,
    DuplicateDocumentError,
    IndexFormatError,
    IndexNotFoundError,
    InvalidDocumentNameError,
    InvalidQuestionError,
    LastDocumentError,
    PolicyQAError,
)
from assistant.ingest.formats import UnreadableDocumentError, UnsupportedTypeError
from assistant.interfaces.http.schemas import ErrorResponse
from assistant.jobs import JobNotFoundError, JobQueueFullError
from assistant.store.feedback import FeedbackStoreError
from assistant.store.postgres.db import DatabaseError

log = logging.getLogger("policyqa.api")

# Status of each of our exceptions (the first matching class wins; any other PolicyQAError is a 400).
STATUS = {
    InvalidQuestionError: 422,
    InvalidDocumentNameError: 422,
    DuplicateDocumentError: 409,
    JobNotFoundError: 404,
    JobQueueFullError: 429,
    DocumentNotFoundError: 404,
    IndexNotFoundError: 503,
    IndexFormatError: 503,
    FeedbackStoreError: 503,
    DatabaseError: 503,
    UnsupportedTypeError: 415,
    UnreadableDocumentError: 422,
    DocumentTooLargeError: 413,
    LastDocumentError: 409,
    AmbiguousSectionError: 409,
}
HTTP_MESSAGES = {
    400: ("bad_request", "请求无法解析 / bad request"),
    401: ("unauthorized", "需要有效的 API 密钥 / a valid API key is required "
                          "(Authorization: Bearer <key> or X-API-Key: <key>)"),
    403: ("forbidden", "需要管理员密钥 / the admin key (POLICYQA_ADMIN_KEY) is required"),
    404: ("not_found", "未找到 / not found"),
    405: ("method_not_allowed", "不支持该请求方法 / method not allowed"),
    413: ("payload_too_large", "请求体过大 / request body too large"),
    415: ("unsupported_media_type", "请求体须为 JSON / the body must be JSON (Content-Type: application/json)"),
}
# What a route refused with 415 by the gate reads, by the media type it reads (``gate``).
MEDIA_MESSAGES = {
    "application/json": HTTP_MESSAGES[415][1],
    "multipart/form-data": "请求体须为文件上传 / the body must be a file upload (Content-Type: multipart/form-data)",
}
# The error responses every route documents in the OpenAPI spec.
# 413: every route's body is capped while it is read (``limits.BodyLimit``), before the route runs.
ERRORS = {status: {"model": ErrorResponse} for status in (400, 401, 404, 413, 422, 503)}
# … and those of the maintainers' routes, which refuse a reader's key.
ADMIN_ERRORS = {**ERRORS, 403: {"model": ErrorResponse}}
# … and those of the routes that read a JSON body, which refuse a body of another type (``gate``).
JSON_ERRORS = {**ERRORS, 415: {"model": ErrorResponse}}


class UnsupportedMediaTypeError(StarletteHTTPException):
    """415 from the gate: a body of another media type than the route reads.

    ``detail`` is the type received (or that none was), ``expected`` one of :data:`MEDIA_MESSAGES`.
    """

    def __init__(self, received: str, expected: str) -> None:
        super().__init__(415, detail=received)
        self.expected = expected


def error_response(status: int, code: str, message: str, headers: dict | None = None) -> JSONResponse:
    """``{"error": {"code", "message"}}`` with this status (characters UTF-8 cannot hold are replaced)."""
    safe = message.encode("utf-8", "replace").decode("utf-8")
    return JSONResponse(status_code=status, content={"error": {"code": code, "message": safe}},
                        headers=headers)


async def _core_error(_: Request, exc: PolicyQAError) -> JSONResponse:
    status = next((s for t, s in STATUS.items() if isinstance(exc, t)), 400)
    response = error_response(status, type(exc).__name__, str(exc))
    if isinstance(exc, AmbiguousSectionError):  # the paths the caller may choose from
        body = {"error": {"code": type(exc).__name__, "message": str(exc), "candidates": exc.candidates}}
        response = JSONResponse(status_code=status, content=body)
    return response


async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
    errors = exc.errors()
    if any(e.get("type") == "json_invalid" for e in errors):
        where = next((p for e in errors for p in e.get("loc", ()) if isinstance(p, int)), "?")
        message = f"请求体不是有效的 JSON / body is not valid JSON (at character {where})"
        return error_response(422, "invalid_json", message)
    problems = "; ".join(
        f"{'.'.join(str(p) for p in e.get('loc', ()) if p != 'body') or 'body'}: {e.get('msg')}"
        for e in errors
    )
    return error_response(422, "invalid_request", f"请求格式错误 / invalid request: {problems}")


async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
    code, message = HTTP_MESSAGES.get(exc.status_code, ("http_error", str(exc.detail)))
    if exc.status_code == 400:
        message = f"{message}: {exc.detail}"
    if exc.status_code == 415:  # the type the route reads, and the type received
        if isinstance(exc, UnsupportedMediaTypeError):
            message = MEDIA_MESSAGES[exc.expected]
        message = f"{message}; 收到 / received: {exc.detail}"
    return error_response(exc.status_code, code, message, getattr(exc, "headers", None))


async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
    if _database_down(exc):  # PostgreSQL unreachable under a write or a job query: the caller may retry
        log.warning("database unavailable: %s", exc)
        return error_response(503, "database_unavailable", "数据库暂不可用，请稍后重试 / the database is "
                              "unavailable, try again later")
    log.exception("unexpected error", exc_info=exc)
    return error_response(500, "internal_error", "服务内部错误 / internal error")


def _database_down(exc: Exception) -> bool:
    """True for psycopg's connection failures and pool timeouts (checked only when psycopg is loaded)."""
    psycopg = sys.modules.get("psycopg")
    return psycopg is not None and isinstance(exc, psycopg.OperationalError)


def install_error_handlers(app: FastAPI) -> None:
    """Map our exceptions, invalid requests, HTTP errors and anything unexpected to JSON errors."""
    app.add_exception_handler(PolicyQAError, _core_error)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(StarletteHTTPException, _http)
    app.add_exception_handler(Exception, _unexpected)
