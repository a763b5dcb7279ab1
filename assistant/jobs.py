"""Background jobs: ONE worker thread runs queued work one at a time; states and results stay in memory.

A job is ``queued`` → ``running`` → ``done`` (with a result dict) or ``failed`` (with an error
``{"code", "message"}``). The history is bounded: at most ``history`` finished jobs are kept (the oldest
are forgotten first) and at most ``max_pending`` jobs may wait. Nothing is persisted: a restart forgets
every job (a queued upload is lost; the caller sees 404 for its id and may send it again).

No web framework here: the HTTP API and the CLI may both queue work.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from assistant.errors import PolicyQAError

log = logging.getLogger("policyqa.jobs")

State = Literal["queued", "running", "done", "failed"]
# Reports progress from inside a job: (fraction 0–1, short stage text shown to users).
Progress = Callable[[float, str], None]
# The work of a job: gets a Progress, returns the result dict (or raises).
Work = Callable[[Progress], dict]


class JobQueueFullError(PolicyQAError):
    """Too many jobs are already waiting."""


class JobNotFoundError(PolicyQAError, LookupError):
    """No job with this id (never queued, or forgotten: restart or bounded history)."""


@dataclass(frozen=True)
class Job:
    """A snapshot of one job. Times are Unix seconds; ``progress`` is 0–1; ``meta`` is the submitter's."""

    id: str
    kind: str
    label: str
    state: State = "queued"
    progress: float = 0.0
    stage: str = "排队中"
    created: float = field(default_factory=time.time)
    started: float | None = None
    finished: float | None = None
    result: dict | None = None
    error: dict | None = None
    meta: dict = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The public view (``meta`` left out)."""
        return {k: v for k, v in self.__dict__.items() if k != "meta"}


class JobQueue:
    """Runs submitted work in one daemon worker thread, in submission order."""

    def __init__(self, history: int = 100, max_pending: int = 8, name: str = "policyqa-jobs") -> None:
        self.history, self.max_pending, self.name = history, max_pending, name
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._work: dict[str, Work] = {}
        self._lock = threading.Lock()
        self._wake = threading.Condition(self._lock)
        self._worker: threading.Thread | None = None

    def submit(self, kind: str, label: str, work: Work, meta: dict | None = None) -> Job:
        """Queue ``work``; returns the queued job.

        Raises:
            JobQueueFullError: If ``max_pending`` jobs are already waiting.
        """
        with self._lock:
            if sum(j.state == "queued" for j in self._jobs.values()) >= self.max_pending:
                raise JobQueueFullError(f"排队的任务过多，请稍后再试 / more than {self.max_pending} jobs waiting")
            job = Job(uuid.uuid4().hex, kind, label, meta=dict(meta or {}))
            self._jobs[job.id], self._work[job.id] = job, work
            self._forget_old()
            if self._worker is None or not self._worker.is_alive():
                self._worker = threading.Thread(target=self._run, name=self.name, daemon=True)
                self._worker.start()
            self._wake.notify()
            return job

    def get(self, job_id: str) -> Job:
        """The job with this id.

        Raises:
            JobNotFoundError: If there is none.
        """
        with self._lock:
            job = self._jobs.get(job_id)
        if job is None:
            raise JobNotFoundError(f"未知任务 / unknown job: {job_id}")
        return job

    def recent(self, limit: int = 50) -> list[Job]:
        """Up to ``limit`` jobs, newest first."""
        with self._lock:
            return list(reversed(self._jobs.values()))[:limit]

    def unfinished(self) -> list[Job]:
        """Queued and running jobs, oldest first."""
        with self._lock:
            return [j for j in self._jobs.values() if j.state in ("queued", "running")]

    def _forget_old(self) -> None:
        finished = [i for i, j in self._jobs.items() if j.state in ("done", "failed")]
        for job_id in finished[:max(0, len(finished) - self.history)]:
            del self._jobs[job_id]

    def _update(self, job_id: str, **changes: Any) -> None:
        with self._lock:
            self._jobs[job_id] = replace(self._jobs[job_id], **changes)

    def _next(self) -> tuple[str, Work]:
        with self._lock:
            while True:
                queued = next((i for i, j in self._jobs.items() if j.state == "queued"), None)
                if queued is not None:
                    self._jobs[queued] = replace(self._jobs[queued], state="running", started=time.time(),
                                                 stage="处理中")
                    return queued, self._work.pop(queued)
                self._wake.wait()

    def _run(self) -> None:
        while True:
            job_id, work = self._next()

            def progress(fraction: float, stage: str, job_id: str = job_id) -> None:
                self._update(job_id, progress=min(1.0, max(0.0, fraction)), stage=stage)

            try:
                result = work(progress)
            except PolicyQAError as exc:
                self._update(job_id, state="failed", finished=time.time(), stage="失败",
                             error={"code": type(exc).__name__, "message": str(exc)})
            except Exception:
                log.exception("job %s failed", job_id)
                self._update(job_id, state="failed", finished=time.time(), stage="失败",
                             error={"code": "internal_error", "message": "服务内部错误 / internal error"})
            else:
                self._update(job_id, state="done", finished=time.time(), progress=1.0, stage="完成", result=result)
            del work
            with self._lock:
                self._forget_old()
