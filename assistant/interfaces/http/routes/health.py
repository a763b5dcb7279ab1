"""``GET /health`` (open even when an API key is set) and ``/``, which redirects to ``app.state.home``."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse

from assistant import __version__
from assistant.interfaces.http.deps import AssistantDep

router = APIRouter()


@router.get("/health", tags=["服务"])
def health(assistant: AssistantDep) -> dict:
    """Index version and generation (raised by every write of the index), document and chunk counts,
    and the embedder."""
    snapshot = assistant.snapshot
    manifest = snapshot.index.manifest
    return {"status": "ok", "version": __version__,
            "index": {"format_version": manifest["format_version"], "generation": snapshot.generation,
                      "created": manifest.get("created"), **manifest["counts"]},
            "embedder": manifest["embedder"]}


@router.get("/", include_in_schema=False)
def home(request: Request) -> RedirectResponse:
    """The API docs, or the chat UI once it is mounted."""
    return RedirectResponse(request.app.state.home)
