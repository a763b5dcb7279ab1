"""HTTP API (FastAPI): a thin adapter over :class:`assistant.service.Assistant`.

The routes live in :mod:`assistant.interfaces.http.routes` (one router per resource), their models in
:mod:`~assistant.interfaces.http.schemas`, the error mapping in :mod:`~assistant.interfaces.http.errors`.
Errors are JSON bodies ``{"error": {"code": …, "message": …}}``: 4xx for the caller's mistakes,
503 when no index is loaded; a traceback never reaches the client.
"""

from __future__ import annotations

import importlib.util
import logging
from collections.abc import Callable

from fastapi import FastAPI, Request
from fastapi.responses import Response
from fastapi_offline import FastAPIOffline

from assistant import __version__
from assistant.interfaces.http.errors import HTTP_MESSAGES, error_response, install_error_handlers
from assistant.interfaces.http.limits import AskRateLimit, BodyLimit
from assistant.interfaces.http.routes import ROUTERS
from assistant.interfaces.mcp_server import mount_http as mount_mcp
from assistant.service import Assistant

log = logging.getLogger("policyqa.api")

# Largest request body (bytes) outside uploads; an upload may be Settings.max_upload_bytes plus this.
MAX_BODY_BYTES = 64 * 1024


async def _check_length(request: Request, call_next: Callable) -> Response:
    """Refuse (413) a body whose declared length is missing, malformed or over the limit."""
    path = request.url.path
    if path == "/ui" or path.startswith("/ui/"):  # the UI's own routes (not /ui-login) have their own limits
        return await call_next(request)
    length = request.headers.get("content-length", "0")
    limit = MAX_BODY_BYTES
    if request.url.path == "/documents" and request.method == "POST":  # uploads: checked again in the core
        limit = request.app.state.assistant.settings.max_upload_bytes + MAX_BODY_BYTES
    if not length.isdigit() or int(length) > limit:
        return error_response(413, *HTTP_MESSAGES[413])
    return await call_next(request)


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
    # uploads: one background worker and a bounded history in memory, or (PostgreSQL) the ingest_jobs table
    app.state.jobs = assistant.job_queue()
    install_error_handlers(app)
    app.middleware("http")(_check_length)
    for router in ROUTERS:
        app.include_router(router)
    mount_mcp(app, assistant)
    app.add_middleware(AskRateLimit, settings=assistant.settings)
    app.add_middleware(BodyLimit, settings=assistant.settings)  # outermost: before any body is read
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
