"""Ingest jobs in PostgreSQL: queued uploads claimed by one worker at a time, retried when it dies.

A worker claims a job with ``FOR UPDATE SKIP LOCKED`` (two workers never take the same job) and
heart-beats while it works; a running job whose heartbeat is older than ``stale_after`` seconds
belongs to a worker that died and is claimed again. Vectors go through :class:`PostgresVectorCache`
as they are made, so the worker that takes over re-reads them instead of embedding them again.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np

from assistant.store.vector_cache import text_key

STALE_AFTER = 15.0  # seconds without a heartbeat before a running job is taken over
MAX_ATTEMPTS = 3


@dataclass(frozen=True)
class Job:
    """A claimed job: the uploaded file's name and bytes."""

    id: int
    doc_name: str
    payload: bytes
    attempts: int


JOB_COLUMNS = ("id", "state", "progress", "doc_id", "error", "claimed_by", "attempts", "doc_name", "embedded",
               "created", "started", "finished", "result", "payload_sha256")


def enqueue(pool, doc_name: str, payload: bytes) -> int:
    """Queue an upload (committed at once: any replica sees and may claim it); returns the job id."""
    digest = hashlib.sha256(payload).hexdigest()
    with pool.connection() as conn:
        return int(conn.execute("INSERT INTO ingest_jobs (doc_name, payload, payload_sha256) VALUES (%s, %s, %s) "
                                "RETURNING id", (doc_name, payload, digest)).fetchone()[0])


def open_jobs(pool) -> list[dict]:
    """Queued and running jobs, oldest first (dicts of ``JOB_COLUMNS``)."""
    return _select(pool, "WHERE state IN ('queued', 'running') ORDER BY id")


def recent(pool, limit: int) -> list[dict]:
    """Up to ``limit`` jobs, newest first (dicts of ``JOB_COLUMNS``)."""
    return _select(pool, "ORDER BY id DESC LIMIT %s", (limit,))


def _select(pool, where: str, params: tuple = ()) -> list[dict]:
    with pool.connection() as conn:
        rows = conn.execute(f"SELECT {', '.join(JOB_COLUMNS)} FROM ingest_jobs {where}", params).fetchall()
    return [dict(zip(JOB_COLUMNS, row, strict=True)) for row in rows]


def claim(pool, worker: str, stale_after: float = STALE_AFTER, job_id: int | None = None) -> Job | None:
    """Claim the oldest queued job (or one whose worker stopped heart-beating), or None.

    Args:
        worker: Name of the claiming worker (host:pid:…), kept in ``claimed_by``.
        stale_after: Seconds after which a running job's heartbeat counts as dead.
        job_id: Claim only this job.
    """
    with pool.connection() as conn, conn.transaction():
        conn.execute("UPDATE ingest_jobs SET state = 'failed', finished = now(), payload = NULL, "
                     "error = coalesce(error, 'worker died too often') WHERE state = 'running' "
                     "AND attempts >= %s AND heartbeat < now() - make_interval(secs => %s)",
                     (MAX_ATTEMPTS, stale_after))
        row = conn.execute(
            "UPDATE ingest_jobs SET state = 'running', claimed_by = %s, heartbeat = now(), "
            "started = coalesce(started, now()), "
            "attempts = attempts + 1 WHERE id = (SELECT id FROM ingest_jobs WHERE (state = 'queued' OR "
            "(state = 'running' AND heartbeat < now() - make_interval(secs => %s))) "
            "AND (%s::bigint IS NULL OR id = %s::bigint) ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED) "
            "RETURNING id, doc_name, payload, attempts", (worker, stale_after, job_id, job_id)).fetchone()
    return Job(row[0], row[1], bytes(row[2]), row[3]) if row else None


def heartbeat(pool, job_id: int, worker: str, progress: float) -> bool:
    """Record that ``worker`` is alive; False if the job is no longer its own."""
    with pool.connection() as conn:
        return conn.execute("UPDATE ingest_jobs SET heartbeat = now(), progress = %s WHERE id = %s "
                            "AND claimed_by = %s AND state = 'running'",
                            (progress, job_id, worker)).rowcount == 1


def finish(pool, job_id: int, worker: str, doc_id: str | None, error: str | None = None,
           result: dict | None = None) -> None:
    """Mark a job done (or failed with ``error``), keep its ``result`` (JSON-ready) and drop its payload."""
    from psycopg.types.json import Jsonb

    with pool.connection() as conn:
        conn.execute("UPDATE ingest_jobs SET state = %s, doc_id = %s, error = %s, progress = 1, result = %s, "
                     "finished = now(), payload = NULL WHERE id = %s AND claimed_by = %s",
                     ("failed" if error else "done", doc_id, error, Jsonb(result) if result else None,
                      job_id, worker))


def status(pool, job_id: int) -> dict | None:
    """A job as a dict of ``JOB_COLUMNS`` (state, progress, doc_id, error, claimed_by, attempts, …), or None."""
    found = _select(pool, "WHERE id = %s", (job_id,))
    return found[0] if found else None


class PostgresVectorCache:
    """Passage vectors by sha256(embedder, text) in ``vector_cache`` (the interface of ``VectorCache``)."""

    def __init__(self, pool, embedder_name: str, dim: int, job_id: int | None = None) -> None:
        self.pool, self.name, self.dim, self.job_id = pool, embedder_name, dim, job_id

    def get(self, texts: list[str]) -> tuple[np.ndarray, list[int]]:
        """``(vectors, missing)``: cached vectors (zeros where missing) and the missing indices."""
        keys = [text_key(self.name, t) for t in texts]
        with self.pool.connection() as conn:
            found = dict(conn.execute("SELECT key, embedding FROM vector_cache WHERE key = ANY(%s)",
                                      (list(set(keys)),)).fetchall())
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        missing = []
        for i, key in enumerate(keys):
            if key in found:
                out[i] = found[key].to_numpy() if hasattr(found[key], "to_numpy") else found[key]
            else:
                missing.append(i)
        return out, missing

    def put(self, texts: list[str], vectors: np.ndarray) -> None:
        """Store newly embedded vectors, committed at once (a worker that dies later keeps them).

        With a ``job_id``, the job's ``embedded`` count grows by ``len(texts)`` in the same transaction.
        """
        rows = [(text_key(self.name, t), np.asarray(v, dtype=np.float32))
                for t, v in zip(texts, vectors, strict=True)]
        with self.pool.connection() as conn, conn.cursor() as cur:
            cur.executemany("INSERT INTO vector_cache (key, embedding) VALUES (%s, %s) "
                            "ON CONFLICT (key) DO NOTHING", rows)
            if self.job_id is not None:
                cur.execute("UPDATE ingest_jobs SET embedded = embedded + %s WHERE id = %s",
                            (len(texts), self.job_id))

    def clear(self) -> None:
        """Kept: the cache is shared by all ingests (cleared only by truncating the table)."""
