"""``GET /health`` (open even when keys are set: status and counts only), ``/``, which redirects to
``app.state.home``, and ``/favicon.ico`` (open: the icon browsers ask for on every page, the chat UI's too)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from assistant.interfaces.http.deps import AssistantDep
from assistant.interfaces.http.gate import GatedRoute
from assistant.interfaces.http.schemas import HealthResponse

router = APIRouter(route_class=GatedRoute)
# Our icon, drawn here: a document with three lines on the UI's red (served as SVG, as Gradio serves its own).
FAVICON = ('<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32">'
           '<rect width="32" height="32" rx="6" fill="#b91c1c"/>'
           '<path d="M9 5h10l5 5v17H9z" fill="#fff"/><path d="M19 5v5h5z" fill="#fecaca"/>'
           '<path d="M12 15h9M12 19h9M12 23h6" stroke="#b91c1c" stroke-width="2" stroke-linecap="round"/></svg>')


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


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> Response:
    """The site's icon (SVG), cached for a day; browsers ask for it without being told where it is."""
    return Response(FAVICON, media_type="image/svg+xml", headers={"Cache-Control": "public, max-age=86400"})
