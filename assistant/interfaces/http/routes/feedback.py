"""``POST /feedback`` (rate an answer) and ``GET /feedback/export`` (rated answers as JSON Lines, maintainers only)."""

from __future__ import annotations

import json

from fastapi import APIRouter, Response

from assistant.interfaces.http.deps import ADMIN, READER, AssistantDep
from assistant.interfaces.http.errors import ADMIN_ERRORS, JSON_ERRORS
from assistant.interfaces.http.gate import GatedRoute
from assistant.interfaces.http.schemas import FeedbackRequest, FeedbackResponse

EXPORT_DOC = {"content": {"application/x-ndjson": {}}, "description": "JSON Lines"}

router = APIRouter(tags=["反馈"], route_class=GatedRoute)


@router.post("/feedback", response_model=FeedbackResponse, responses=JSON_ERRORS, dependencies=READER)
def feedback(body: FeedbackRequest, assistant: AssistantDep) -> dict:
    """Rate an answer (up/down, optional comment); a later rating replaces an earlier one."""
    assistant.feedback.add_feedback(body.id, body.rating, body.comment or "")
    return {"id": body.id, "rating": body.rating, "stored": True}


@router.get("/feedback/export", responses={**ADMIN_ERRORS, 200: EXPORT_DOC}, dependencies=ADMIN)
def export(assistant: AssistantDep) -> Response:
    """Rated answers as JSON Lines in the gold-set schema (candidates for eval/gold.jsonl)."""
    lines = (json.dumps(row, ensure_ascii=False) + "\n" for row in assistant.feedback.export())
    return Response("".join(lines), media_type="application/x-ndjson")
