"""Reading the index out of PostgreSQL on one connection: documents, settings, background vectors.

Used by :meth:`PostgresStore.load` (a REPEATABLE READ snapshot) and by the writers, which assemble
the index *their own* transaction sees (the document just written included) to calibrate refusal
before committing. Vectors are read in binary (pgvector's binary loader is ~20x faster than text).
"""

from __future__ import annotations

import numpy as np

from assistant.errors import IndexNotFoundError
from assistant.records import Chunk
from assistant.store.folder import IndexData
from assistant.store.postgres.snapshot import StoredPart, TokenCache, assemble

DIM = 384  # the vector(384) columns of migration 0001


def read_index(conn, cached: dict[str, StoredPart], label: str,
               tokens: TokenCache) -> tuple[int, IndexData, dict[str, StoredPart]]:
    """``(generation, index, parts)`` as ``conn``'s transaction sees them.

    Args:
        conn: A connection inside a transaction.
        cached: Parts of an earlier read by doc_id; reused while their ``version`` is unchanged.
        label: The redacted database URL (``IndexData.path``).
        tokens: jieba tokens of earlier reads (see :class:`TokenCache`).

    Returns:
        The generation, the assembled index (``refusal`` from the ``refusal`` row of
        ``index_settings``, {} when none) and every part by doc_id, in index order.

    Raises:
        IndexNotFoundError: If the database holds no document.
    """
    generation = int(conn.execute("SELECT value FROM generation").fetchone()[0])
    docs = conn.execute("SELECT doc_id, version, metadata FROM documents ORDER BY ord").fetchall()
    if not docs:
        raise IndexNotFoundError(f"数据库中没有文档 / no document in {label}; run `policyqa ingest`")
    settings = {k: v for k, v in conn.execute("SELECT key, value FROM index_settings")}
    stale = [d for d, v, _ in docs if d not in cached or cached[d].version != v]
    fresh = read_parts(conn, stale, {d: (v, m) for d, v, m in docs})
    background = read_background(conn, settings)
    parts = {d: fresh.get(d) or cached[d] for d, _, _ in docs}
    index = assemble(list(parts.values()), settings, background, label, tokens)
    index.manifest["generation"] = generation
    return generation, index, parts


def read_parts(conn, doc_ids: list[str], versions: dict[str, tuple[int, dict]]) -> dict[str, StoredPart]:
    """The stored parts of ``doc_ids`` (``versions``: doc_id -> (version, manifest entry))."""
    if not doc_ids:
        return {}
    chunks: dict[str, list] = {d: [] for d in doc_ids}
    for doc_id, data, vector in conn.execute(
            "SELECT doc_id, data, embedding FROM chunks WHERE doc_id = ANY(%s) ORDER BY doc_id, position",
            (doc_ids,), binary=True):
        chunks[doc_id].append((Chunk.from_dict(data), vector))
    sentences: dict[str, list] = {d: [] for d in doc_ids}
    for doc_id, row, start, end, vector in conn.execute(
            "SELECT doc_id, chunk_position, start_offset, end_offset, embedding FROM sentences "
            "WHERE doc_id = ANY(%s) ORDER BY doc_id, position", (doc_ids,), binary=True):
        sentences[doc_id].append(((row, start, end), vector))
    trees = dict(conn.execute("SELECT doc_id, tree FROM documents WHERE doc_id = ANY(%s)", (doc_ids,)).fetchall())
    parts = {}
    for doc_id in doc_ids:
        version, meta = versions[doc_id]
        rows = sentences[doc_id]
        parts[doc_id] = StoredPart(
            meta=meta, version=version, chunks=[c for c, _ in chunks[doc_id]],
            chunk_vectors=stack([v for _, v in chunks[doc_id]]),
            sentences=np.asarray([r for r, _ in rows], dtype=np.int32).reshape(-1, 3),
            sentence_vectors=stack([v for _, v in rows]), tree=trees.get(doc_id) or [])
    return parts


def as_array(vector) -> np.ndarray:
    """A ``vector`` value read from the database (pgvector's ``Vector``) as a float32 array."""
    return np.asarray(vector.to_numpy() if hasattr(vector, "to_numpy") else vector, dtype=np.float32)


def stack(vectors: list) -> np.ndarray:
    """``(n, 384)`` float32 of database vectors."""
    return np.asarray([as_array(v) for v in vectors], dtype=np.float32).reshape(-1, DIM)


def read_background(conn, settings: dict) -> np.ndarray:
    """The background vectors of the index's embedder and background digest (``(m, 384)``)."""
    name = settings.get("embedder", {}).get("name", "")
    rows = conn.execute("SELECT embedding FROM background_vectors WHERE embedder = %s AND digest = %s "
                        "ORDER BY position", (name, settings.get("background", "")), binary=True).fetchall()
    return stack([r[0] for r in rows])
