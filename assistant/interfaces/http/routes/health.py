"""``GET /health`` (open even when keys are set: status and counts only) and ``/``, which redirects to
``app.state.home``."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse

from assistant.interfaces.http.deps import AssistantDep
from assistant.interfaces.http.gate import GatedRoute
from assistant.interfaces.http.schemas import HealthResponse

router = APIRouter(route_class=GatedRoute)


@router.get("/health", tags=["服务"], response_model=HealthResponse)
def health(assistant: AssistantDep) -> dict:
    """Whether the index is loaded: its document, chunk and sentence counts and its generation (raised by
    every write of the index, by this or another process); nothing else, so no key is needed.

    ``status`` is "degraded" while a shared database (PostgreSQL) cannot be reached: questions are
    still answered from the index in memory, but uploads, feedback and conversations fail (503)."""
    snapshot = assistant.snapshot
    counts = snapshot.index.manifest["counts"]
    index = {k: int(counts.get(k, 0)) for k in ("documents", "chunks", "sentences")}
    status = "ok" if assistant.store_reachable() else "degraded"
    return {"status": status, "index": {**index, "generation": snapshot.generation}}


@router.get("/", include_in_schema=False)
def home(request: Request) -> RedirectResponse:
    """The API docs, or the chat UI once it is mounted."""
    return RedirectResponse(request.app.state.home)
