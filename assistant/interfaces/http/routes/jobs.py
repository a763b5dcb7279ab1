"""``GET /jobs`` and ``GET /jobs/{job_id}``: the background jobs (uploads) and their progress (maintainers)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from assistant.interfaces.http.deps import ADMIN, JobsDep
from assistant.interfaces.http.errors import ADMIN_ERRORS
from assistant.interfaces.http.gate import GatedRoute
from assistant.interfaces.http.schemas import JobOut

router = APIRouter(tags=["任务"], dependencies=ADMIN, route_class=GatedRoute)


@router.get("/jobs", response_model=list[JobOut], responses=ADMIN_ERRORS)
def jobs(queue: JobsDep,
         limit: Annotated[int, Query(ge=1, le=100, description="最多返回条数 (1–100)")] = 20) -> list[dict]:
    """Recent jobs, newest first (kept in memory, a bounded history; a restart forgets them). With
    PostgreSQL: the uploads of every replica, from the database."""
    return [job.to_dict() for job in queue.recent(limit)]


@router.get("/jobs/{job_id}", response_model=JobOut, responses=ADMIN_ERRORS, operation_id="get_job")
def job(job_id: str, queue: JobsDep) -> dict:
    """A job's state (queued, running, done, failed), progress 0–1, and its result or error."""
    return queue.get(job_id).to_dict()
