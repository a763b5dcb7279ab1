"""The PostgreSQL store: documents written one per transaction, snapshots rebuilt by generation.

Writers (``put_document``, ``delete_document``) lock the one ``generation`` row first, so writes
are serialised, and bump it in the same transaction: a reader sees a document wholly or not at
all. Readers (:meth:`PostgresStore.load`) read the generation and every table in one
REPEATABLE READ transaction and build the in-memory index of :mod:`.snapshot`, re-reading only the
documents whose ``version`` changed.

The refusal model calibrated on the corpus (:mod:`assistant.answer.corpus_refusal`) is the ``refusal``
row of ``index_settings``. A write given a ``finish`` step assembles the index its own transaction
sees, calls ``finish(index)`` and stores the result before committing, so a replica never sees a
document without the calibration that includes it (the folder backend calibrates the new folder
before the swap in the same way). Writes cost one calibration each (a few seconds on a small corpus);
writers are serialised by the generation row, readers are not held up.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager

import numpy as np

from assistant.errors import IndexFormatError
from assistant.records import Chunk
from assistant.store.folder import IndexData
from assistant.store.postgres.db import _redact, advisory_lock, open_pool
from assistant.store.postgres.reads import DIM, read_index
from assistant.store.postgres.snapshot import StoredPart, TokenCache

CHANNEL = "policyqa_generation"
# A write's last step on the index its transaction sees: returns the refusal model to store (JSON-ready).
Finish = Callable[[IndexData], dict]


def tsvector_literal(tokens: list[str]) -> str:
    """A ``tsvector`` literal of jieba tokens with their positions (1-based, capped at 16383)."""
    positions: dict[str, list[int]] = {}
    for i, token in enumerate(tokens, 1):
        if token:
            positions.setdefault(token, []).append(min(i, 16383))
    return " ".join("'" + t.replace("\\", "\\\\").replace("'", "''") + "':" + ",".join(map(str, p))
                    for t, p in positions.items())


# Seconds during which a database that could not be reached is not tried again on the request path.
RETRY_AFTER_S = 5.0


class PostgresStore:
    """The index and ingest jobs of any number of replicas, in one PostgreSQL database."""

    shared = True

    def __init__(self, url: str, max_connections: int = 8) -> None:
        self.url = url
        self.label = _redact(url)
        self.pool = open_pool(url, max_size=max_connections)
        self._parts: dict[str, StoredPart] = {}
        self._tokens = TokenCache()
        self._load_lock = threading.Lock()
        self._generation = -1
        self._down_until = 0.0

    def close(self) -> None:
        """Close the connection pool."""
        self.pool.close()

    # -- reading ---------------------------------------------------------------------------------

    def generation(self) -> int:
        """The generation counter; while the database cannot be reached, the last value read (or -1).

        Replicas poll this on the request path: a database restart must not turn answers from the
        snapshot in memory into errors.
        """
        import psycopg
        import psycopg_pool

        if self.pool.closed or not self.reachable():  # closed store, or a failed read moments ago
            return self._generation
        try:
            with self.pool.connection(timeout=2) as conn:
                self._generation = int(conn.execute("SELECT value FROM generation").fetchone()[0])
        except (psycopg.Error, psycopg_pool.PoolTimeout) as exc:
            self._down_until = time.monotonic() + RETRY_AFTER_S
            logging.getLogger(__name__).warning("generation not read from %s: %s", self.label, exc)
        return self._generation

    def reachable(self) -> bool:
        """False for ``RETRY_AFTER_S`` seconds after the database could not be reached (requests then
        answer from the snapshot in memory at once instead of each waiting for a connection)."""
        return time.monotonic() >= self._down_until

    def stamp(self) -> int | None:
        """What :class:`~assistant.retrieve.live.LiveIndex` compares: the generation (None if never read)."""
        generation = self.generation()
        return None if generation < 0 else generation

    def head(self) -> dict | None:
        """The manifest fields a live index compares (``generation``), from the last :meth:`generation`."""
        return None if self._generation < 0 else {"generation": self._generation}

    def exists(self) -> bool:
        with self.pool.connection() as conn:
            return conn.execute("SELECT EXISTS (SELECT 1 FROM documents)").fetchone()[0]

    def index_settings(self) -> dict:
        """``embedder``, ``chunking`` and ``background`` of the stored index (empty before the first write)."""
        with self.pool.connection() as conn:
            return {k: v for k, v in conn.execute("SELECT key, value FROM index_settings")}

    def documents(self) -> list[dict]:
        """Manifest entries of the stored documents, in index order."""
        with self.pool.connection() as conn:
            rows = conn.execute("SELECT metadata FROM documents ORDER BY ord").fetchall()
        return [r[0] for r in rows]

    def load(self) -> IndexData:
        """The current snapshot (unchanged documents are reused from the previous one).

        Raises:
            IndexNotFoundError: If the database holds no document yet.
        """
        with self._load_lock:
            with self.pool.connection() as conn, conn.transaction():
                conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
                generation, data, self._parts = read_index(conn, self._parts, self.label, self._tokens)
            self._generation = max(self._generation, generation)
        return data

    # -- writing ---------------------------------------------------------------------------------

    def check_settings(self, embedder: dict, chunking: dict) -> bool:
        """True if the stored index was built with this embedder and chunking (or is empty)."""
        stored = self.index_settings()
        return not stored or (stored.get("embedder") == embedder and stored.get("chunking") == chunking)

    def put_document(self, meta: dict, chunks: list[Chunk], chunk_vectors: np.ndarray, sentences: np.ndarray,
                     sentence_vectors: np.ndarray, tokens: list[list[str]], settings: dict,
                     source: bytes | None = None, tree: list[dict] | None = None,
                     finish: Finish | None = None, recalibrate: bool = True) -> int:
        """Insert or replace one document in one transaction; returns the new generation.

        Args:
            meta: The manifest entry (doc_id, title, path, sha256, …).
            chunks: The document's chunks, in order.
            chunk_vectors: ``(len(chunks), 384)`` unit vectors.
            sentences: ``(n, 3)`` rows (chunk position, start, end).
            sentence_vectors: ``(n, 384)`` unit vectors.
            tokens: jieba tokens of each chunk's passage (for the ``tsvector`` column).
            settings: ``embedder`` and ``chunking`` (and ``background``) of the index.
            source: The uploaded file's bytes (kept for re-ingesting; None for corpus files).
            tree: The document tree (``Node.to_dict()`` of its top-level units), kept as jsonb.
            finish: Computes the refusal model of the index with this document (see the module
                docstring); None: the stored refusal model is removed (the defaults apply).
            recalibrate: False: leave the stored refusal model as it is (``finish`` unused); for all
                but the last write of a batch.

        Raises:
            IndexFormatError: For another embedder/chunking than the stored index, or a dimension
                other than 384.
            Whatever ``finish`` raises (nothing is written then).
        """
        from psycopg.types.json import Jsonb

        meta = {**meta, "chunks": len(chunks)}
        if chunk_vectors.shape[1:] != (DIM,) or sentence_vectors.shape[1:] != (DIM,):
            raise IndexFormatError(f"向量维度须为 {DIM} / the database stores {DIM}-dimensional vectors")
        with self.pool.connection() as conn, conn.transaction():
            generation = _lock_generation(conn)
            _check_or_set_settings(conn, settings)
            conn.execute(
                "INSERT INTO documents (doc_id, title, path, sha256, metadata, tree, source, version) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT (doc_id) DO UPDATE SET title = excluded.title, "
                "path = excluded.path, sha256 = excluded.sha256, metadata = excluded.metadata, tree = excluded.tree, "
                "source = excluded.source, version = excluded.version, updated = now()",
                (meta["doc_id"], meta["title"], meta.get("path", ""), meta["sha256"], Jsonb(meta),
                 Jsonb(tree or []), source, generation))
            _copy_rows(conn, meta["doc_id"], chunks, chunk_vectors, sentences, sentence_vectors, tokens)
            if recalibrate:
                self._calibrate(conn, finish)
            return _bump(conn, generation)

    def delete_document(self, doc_id: str, finish: Finish | None = None, recalibrate: bool = True) -> int | None:
        """Delete a document (its chunks and sentences follow); the new generation, or None if unknown.

        ``finish`` and ``recalibrate``: as in :meth:`put_document` (the last document is never deleted
        by the callers, so there is an index to calibrate).
        """
        with self.pool.connection() as conn, conn.transaction():
            generation = _lock_generation(conn)
            gone = conn.execute("DELETE FROM documents WHERE doc_id = %s", (doc_id,)).rowcount
            if not gone:
                return None
            if recalibrate:
                self._calibrate(conn, finish)
            return _bump(conn, generation)

    def recalibrate(self, finish: Finish | None) -> int:
        """Recompute (or, with None, remove) the stored refusal model in a transaction of its own.

        Returns:
            The new generation (replicas reload and pick the model up).

        Raises:
            IndexNotFoundError: If the database holds no document.
        """
        with self.pool.connection() as conn, conn.transaction():
            generation = _lock_generation(conn)
            self._calibrate(conn, finish)
            return _bump(conn, generation)

    def refusal(self) -> dict:
        """The stored refusal model ({} when none)."""
        return dict(self.index_settings().get("refusal") or {})

    def _calibrate(self, conn, finish: Finish | None) -> None:
        """Store ``finish(index)`` as it is inside ``conn``'s transaction (which holds the generation row)."""
        from psycopg.types.json import Jsonb

        empty = not conn.execute("SELECT EXISTS (SELECT 1 FROM documents)").fetchone()[0]
        if finish is None or empty:  # nothing to calibrate on: the default model
            conn.execute("DELETE FROM index_settings WHERE key = 'refusal'")
            return
        with self._load_lock:  # the token cache is shared with load(); the parts cache is not touched
            _, index, _ = read_index(conn, self._parts, self.label, self._tokens)
        conn.execute("INSERT INTO index_settings (key, value) VALUES ('refusal', %s) ON CONFLICT (key) "
                     "DO UPDATE SET value = excluded.value", (Jsonb(finish(index)),))

    def put_background(self, embedder: str, digest: str, vectors: np.ndarray) -> None:
        """Store the background vectors of one embedder and background digest (idempotent)."""
        with self.pool.connection() as conn, conn.transaction(), conn.cursor() as cur:
            # two processes building at once write the same rows one after the other, not into each other
            cur.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (f"background:{embedder}:{digest}",))
            cur.execute("DELETE FROM background_vectors WHERE embedder = %s AND digest = %s", (embedder, digest))
            cur.executemany("INSERT INTO background_vectors (embedder, digest, position, embedding) "
                            "VALUES (%s, %s, %s, %s)",
                            [(embedder, digest, i, np.asarray(v, dtype=np.float32)) for i, v in enumerate(vectors)])

    def first_build(self) -> AbstractContextManager[None]:
        """Held while the first index is built: replicas started together on an empty database wait
        for the first one instead of each writing every corpus document."""
        return advisory_lock(self.pool, "policyqa:first-build")

    def has_background(self, embedder: str, digest: str) -> bool:
        with self.pool.connection() as conn:
            return conn.execute("SELECT EXISTS (SELECT 1 FROM background_vectors WHERE embedder = %s "
                                "AND digest = %s)", (embedder, digest)).fetchone()[0]


def _copy_rows(conn, doc_id: str, chunks: list[Chunk], chunk_vectors: np.ndarray, sentences: np.ndarray,
               sentence_vectors: np.ndarray, tokens: list[list[str]]) -> None:
    """Replace a document's chunk and sentence rows (COPY) inside the caller's transaction."""
    from psycopg.types.json import Jsonb

    conn.execute("DELETE FROM chunks WHERE doc_id = %s", (doc_id,))
    conn.execute("DELETE FROM sentences WHERE doc_id = %s", (doc_id,))
    with conn.cursor() as cur:
        with cur.copy("COPY chunks (doc_id, position, path, level, number, text, data, tokens, embedding) "
                      "FROM STDIN") as copy:
            for i, (c, t, v) in enumerate(zip(chunks, tokens, chunk_vectors, strict=True)):
                copy.write_row((doc_id, i, list(c.path), c.level, c.number, c.text, Jsonb(c.to_dict()),
                                tsvector_literal(t), np.asarray(v, dtype=np.float32)))
        with cur.copy("COPY sentences (doc_id, position, chunk_position, start_offset, end_offset, "
                      "embedding) FROM STDIN") as copy:
            for i, (r, v) in enumerate(zip(sentences.tolist(), sentence_vectors, strict=True)):
                copy.write_row((doc_id, i, r[0], r[1], r[2], np.asarray(v, dtype=np.float32)))


def _lock_generation(conn) -> int:
    """Lock the generation row (serialising writers) and return the value the write will set."""
    return int(conn.execute("SELECT value FROM generation FOR UPDATE").fetchone()[0]) + 1


def _bump(conn, generation: int) -> int:
    conn.execute("UPDATE generation SET value = %s, changed = now()", (generation,))
    conn.execute(f"NOTIFY {CHANNEL}, '{generation}'")
    return generation


def _check_or_set_settings(conn, settings: dict) -> None:
    from psycopg.types.json import Jsonb

    stored = {k: v for k, v in conn.execute("SELECT key, value FROM index_settings")}
    for key in ("embedder", "chunking"):
        if key in stored and stored[key] != settings[key]:
            raise IndexFormatError(f"数据库索引的 {key} 不同 / the database index has another {key}: "
                                   f"{json.dumps(stored[key])}; re-ingest with --force")
    for key, value in settings.items():
        conn.execute("INSERT INTO index_settings (key, value) VALUES (%s, %s) ON CONFLICT (key) "
                     "DO UPDATE SET value = excluded.value", (key, Jsonb(value)))
