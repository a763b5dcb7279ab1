"""Uploads as rows of ``ingest_jobs``: checked, queued in the database at once, worked by any replica.

An upload is refused before it becomes a job when it cannot be read, has an empty body, repeats the
body of a stored document, or repeats the bytes of a queued one; otherwise it is a committed row
(``202`` + its id), so ``GET /jobs/{id}`` answers on every replica. Each replica runs a sweep thread
(:func:`start_sweeper`) that claims queued jobs and jobs whose worker died
(``FOR UPDATE SKIP LOCKED``, see :mod:`assistant.store.postgres.jobs`); the replica that took the
upload wakes its own sweep at once. :class:`DatabaseJobs` shows the table as the in-memory
``JobQueue`` is shown (``get``, ``recent``, ``unfinished``), so the HTTP routes serve either.
"""

from __future__ import annotations

import hashlib
import logging
import os
import socket
import threading
import time
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from assistant.errors import CorpusError, DuplicateDocumentError
from assistant.ingest.db_write import store_for, write_document
from assistant.ingest.documents import (
    EMPTY_BODY_REASON,
    Document,
    distinct_id,
    document_from_bytes,
    duplicate_reason,
    has_body,
)
from assistant.ingest.formats import UnreadableDocumentError
from assistant.ingest.upload_checks import check_upload
from assistant.jobs import Job, JobNotFoundError, JobQueueFullError
from assistant.settings import Settings
from assistant.store.embedders import Embedder
from assistant.store.postgres import jobs
from assistant.store.postgres.backend import Finish, PostgresStore
from assistant.store.postgres.db import DatabaseError

HEARTBEAT_S = 2.0
JOB_SWEEP_S = 5.0
MAX_QUEUED = 8  # queued uploads at most (as the in-memory queue's max_pending): more is a 429
STAGES = {"queued": "排队中", "running": "处理中", "done": "完成", "failed": "失败"}
log = logging.getLogger("policyqa.jobs")


def worker_name() -> str:
    """``host:pid:thread`` of this worker (kept in ``ingest_jobs.claimed_by``)."""
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"


def job_document(name: str, data: bytes) -> Document:
    """Read an uploaded file's bytes into a Document (its path is ``upload:<name>``)."""
    return replace(document_from_bytes(data, Path(name)), path=f"upload:{name}")


def enqueue_upload(settings: Settings, filename: str, data: bytes, max_bytes: int) -> int:
    """Check an upload and queue it in ``ingest_jobs``; returns the job id.

    Raises:
        InvalidDocumentNameError, UnsupportedTypeError, DocumentTooLargeError: See ``check_upload``.
        UnreadableDocumentError: The file cannot be read or has no body.
        DuplicateDocumentError: Its body is a stored document's (under another name), or the same
            bytes are queued or running.
        JobQueueFullError: ``MAX_QUEUED`` uploads are already waiting.
    """
    name = check_upload(filename, data, max_bytes)
    store = reachable_store(settings)
    doc = job_document(name, data)
    if not has_body(doc.text):
        raise UnreadableDocumentError(EMPTY_BODY_REASON)
    same = [m["doc_id"] for m in store.documents()
            if m.get("body_sha256") == doc.body_sha256 and m.get("path") != f"upload:{name}"]
    if same:
        raise DuplicateDocumentError(duplicate_reason(same[0]), same[0])
    waiting = jobs.open_jobs(store.pool)
    if any(j["payload_sha256"] == hashlib.sha256(data).hexdigest() for j in waiting):
        raise DuplicateDocumentError("同一文件正在排队索引 / the same file is already queued")
    if sum(j["state"] == "queued" for j in waiting) >= MAX_QUEUED:
        raise JobQueueFullError(f"排队的任务过多，请稍后再试 / more than {MAX_QUEUED} jobs waiting")
    return jobs.enqueue(store.pool, name, data)


def run_job(store: PostgresStore, embedder: Embedder, settings: Settings, job: jobs.Job,
            worker: str | None = None, finish: Finish | None = None) -> str:
    """Embed and store a claimed job's document while heart-beating; returns its doc_id.

    ``finish``: the refusal calibration, run in the document's transaction (see ``put_document``).

    Raises:
        The reading and format errors of the document (the job is marked failed with the message).
    """
    worker = worker or worker_name()
    stop, progress = threading.Event(), _Progress()

    def beat() -> None:
        while not stop.wait(HEARTBEAT_S):
            jobs.heartbeat(store.pool, job.id, worker, progress.share())

    beater = threading.Thread(target=beat, daemon=True, name=f"job-{job.id}-heartbeat")
    beater.start()
    try:
        doc = job_document(job.doc_name, job.payload)
        # Another stored document may hold the id of this name ("通知.md" stored, "通知.txt" uploaded):
        # the upload gets a distinct id, as in the folder index, instead of replacing that document.
        taken = {m["doc_id"]: m.get("path", "") for m in store.documents()}
        doc = replace(doc, doc_id=distinct_id(doc.doc_id, Path(doc.path), taken))
        written = write_document(store, embedder, settings, doc, progress, job.payload, job.id, finish)
    except Exception as exc:
        jobs.finish(store.pool, job.id, worker, None, str(exc))
        raise
    finally:
        stop.set()
        beater.join()
    docs = store.documents()
    result = {"doc_id": doc.doc_id, "title": written["title"], "sections": written["sections"],
              "embedded": [doc.doc_id], "documents": len(docs), "chunks": sum(d.get("chunks", 0) for d in docs)}
    jobs.finish(store.pool, job.id, worker, doc.doc_id, result=result)
    return doc.doc_id


class _Progress:
    """Texts done out of ``total`` (set by :func:`write_document`), read by the heartbeat."""

    def __init__(self) -> None:
        self.total, self.done = 0, 0

    def update(self, n: int) -> None:
        self.done += n

    def share(self) -> float:
        return min(0.99, self.done / self.total) if self.total else 0.0


def run_pending(settings: Settings, embedder: Embedder, stale_after: float = jobs.STALE_AFTER,
                finish: Finish | None = None) -> list[str]:
    """Run queued jobs and jobs whose worker died, until none is left; returns the doc_ids stored."""
    store, done = store_for(settings), []
    worker = worker_name()
    while (job := jobs.claim(store.pool, worker, stale_after)) is not None:
        try:
            done.append(run_job(store, embedder, settings, job, worker, finish))
        except Exception:  # recorded in the job row; go on with the next job
            continue
    return done


def wait_for(store: PostgresStore, job_id: int, timeout: float = 600) -> str:
    """The doc_id of a job once another worker finished it.

    Raises:
        CorpusError: If it failed (with its error) or did not finish within ``timeout`` seconds.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = jobs.status(store.pool, job_id) or {}
        if state.get("state") == "done":
            return state["doc_id"]
        if state.get("state") == "failed":
            raise CorpusError(f"导入失败 / ingest failed: {state.get('error')}")
        time.sleep(0.5)
    raise CorpusError(f"导入超时 / ingest job {job_id} did not finish")


_SWEEPERS: dict[str, threading.Event] = {}
_SWEEPERS_LOCK = threading.Lock()


def start_sweeper(settings: Settings, embedder: Embedder, finish: Finish | None = None,
                  every: float = JOB_SWEEP_S) -> bool:
    """Start (once per process and database) a thread that runs :func:`run_pending` every ``every``
    seconds, and at once when :func:`wake` is called: jobs queued by any replica, and jobs whose
    worker died, are done here. False if it was running already."""
    url = str(settings.database_url)
    with _SWEEPERS_LOCK:
        if url in _SWEEPERS:
            return False
        event = _SWEEPERS[url] = threading.Event()

    def loop() -> None:
        while True:
            event.wait(every)
            event.clear()
            try:
                run_pending(settings, embedder, finish=finish)
            except Exception:  # the database may be restarting: try again next time
                log.exception("ingest job sweep failed")

    threading.Thread(target=loop, daemon=True, name="policyqa-ingest-jobs").start()
    return True


def wake(settings: Settings) -> bool:
    """Make this process's sweep look for jobs now; False if it has none (another replica's will)."""
    event = _SWEEPERS.get(str(settings.database_url))
    if event is not None:
        event.set()
    return event is not None


def _epoch(value: datetime | None) -> float | None:
    return value.timestamp() if value is not None else None


def reachable_store(settings: Settings) -> PostgresStore:
    """The settings' database store.

    Raises:
        DatabaseError: When it could not be reached moments ago (see ``PostgresStore.reachable``).
    """
    store = store_for(settings)
    if not store.reachable():
        raise DatabaseError("数据库暂不可用，请稍后重试 / the database is unavailable, try again later")
    return store


def as_job(row: dict) -> Job:
    """An ``ingest_jobs`` row (see ``jobs.JOB_COLUMNS``) as the in-memory queue's :class:`Job`."""
    error = {"code": "ingest_failed", "message": row["error"]} if row["state"] == "failed" else None
    return Job(str(row["id"]), "upload", row["doc_name"], row["state"], float(row["progress"]),
               STAGES[row["state"]], _epoch(row["created"]) or 0.0, _epoch(row["started"]),
               _epoch(row["finished"]), row["result"] if row["state"] == "done" else None, error,
               {"sha256": row["payload_sha256"]})


class DatabaseJobs:
    """The uploads of every replica, read from ``ingest_jobs`` (the interface of ``JobQueue`` the routes use)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def upload(self, filename: str, data: bytes) -> Job:
        """Queue an upload (see :func:`enqueue_upload`) and wake this replica's sweep; returns the job."""
        job_id = enqueue_upload(self.settings, filename, data, self.settings.max_upload_bytes)
        wake(self.settings)
        return self.get(str(job_id))

    def get(self, job_id: str) -> Job:
        """The job with this id (any replica's).

        Raises:
            JobNotFoundError: If there is none (or the id is not a job number).
        """
        known = job_id.isascii() and job_id.isdigit() and len(job_id) <= 18  # a bigint
        row = jobs.status(self._pool(), int(job_id)) if known else None
        if row is None:
            raise JobNotFoundError(f"未知任务 / unknown job: {job_id}")
        return as_job(row)

    def recent(self, limit: int = 50) -> list[Job]:
        """Up to ``limit`` jobs, newest first."""
        return [as_job(r) for r in jobs.recent(self._pool(), limit)]

    def unfinished(self) -> list[Job]:
        """Queued and running jobs, oldest first."""
        return [as_job(r) for r in jobs.open_jobs(self._pool())]

    def _pool(self):
        """The database's pool; a database that could not be reached moments ago fails at once."""
        return reachable_store(self.settings).pool
