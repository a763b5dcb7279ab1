"""``GET /search``: ranked sections for a query, without an answer."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from assistant.ingest.outline import section_record
from assistant.interfaces.http.deps import READER, AssistantDep
from assistant.interfaces.http.errors import ERRORS
from assistant.interfaces.http.gate import GatedRoute
from assistant.interfaces.http.schemas import SearchResponse

router = APIRouter(tags=["问答"], route_class=GatedRoute)


@router.get("/search", response_model=SearchResponse, responses=ERRORS, dependencies=READER)
def search(q: Annotated[str, Query(min_length=1, description="查询语句")], assistant: AssistantDep,
           k: Annotated[int | None, Query(ge=1, le=20, description="返回条数 (1–20)")] = None) -> dict:
    """Ranked sections for a query, without an answer."""
    pipeline = assistant.pipeline  # one index snapshot: the hits' chunk rows are rows of its chunks
    hits, chunks = pipeline.retrieve(q, top_k=k).hits, pipeline.index.chunks
    results = [{"rank": rank, "score": round(hit.score, 6),
                **section_record([chunks[i] for i in hit.chunk_ids] or [hit.chunk])}
               for rank, hit in enumerate(hits, 1)]
    return {"query": q.strip(), "results": results}
