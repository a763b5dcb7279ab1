"""``GET /health`` (open even when keys are set: status and counts only) and ``/``, which redirects to
``app.state.home``."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse

from assistant.interfaces.http.deps import AssistantDep
from assistant.interfaces.http.schemas import HealthResponse

router = APIRouter()


@router.get("/health", tags=["服务"], response_model=HealthResponse)
def health(assistant: AssistantDep) -> dict:
    """Whether the index is loaded, and its document, chunk and sentence counts (nothing else: no key needed)."""
    counts = assistant.index.manifest["counts"]
    return {"status": "ok", "index": {k: int(counts.get(k, 0)) for k in ("documents", "chunks", "sentences")}}


@router.get("/", include_in_schema=False)
def home(request: Request) -> RedirectResponse:
    """The API docs, or the chat UI once it is mounted."""
    return RedirectResponse(request.app.state.home)
