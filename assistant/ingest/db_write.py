"""Writing documents into the PostgreSQL store: chunk, embed through the shared vector cache, store.

Each document is one transaction (:meth:`PostgresStore.put_document`); a ``finish`` step given to a
write computes the refusal model of the index that write produces, in the same transaction (see
:mod:`assistant.store.postgres.backend`).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from assistant.errors import IndexFormatError
from assistant.ingest.documents import Document
from assistant.ingest.parts import embed_document, prepare_document
from assistant.settings import Settings
from assistant.store.background import background_digest, load_background
from assistant.store.base import open_store
from assistant.store.embedders import Embedder
from assistant.store.folder import chunking_params, corpus_terms, embed_background, passage_text
from assistant.store.postgres import jobs
from assistant.store.postgres.backend import Finish, PostgresStore
from assistant.text.chinese import tokenize


def store_for(settings: Settings) -> PostgresStore:
    """The PostgreSQL store of ``settings.database_url``."""
    store = open_store(settings.index_dir, settings.database_url)
    assert isinstance(store, PostgresStore)
    return store


def index_settings(settings: Settings, embedder: Embedder) -> dict:
    """``embedder`` ({name, dim}), ``chunking`` and ``background`` digest of an index these settings build."""
    return {"embedder": {"name": embedder.name, "dim": embedder.dim},
            "chunking": chunking_params(settings.chunk_max_chars, settings.chunk_overlap),
            "background": background_digest(load_background())}


def _ensure_background(store: PostgresStore, embedder: Embedder, digest: str) -> None:
    if not store.has_background(embedder.name, digest):
        store.put_background(embedder.name, digest, embed_background(embedder, load_background()))


def write_document(store: PostgresStore, embedder: Embedder, settings: Settings, doc: Document,
                   progress=None, source: bytes | None = None, job_id: int | None = None,
                   finish: Finish | None = None, recalibrate: bool = True) -> dict:
    """Chunk, embed (through the shared vector cache) and store one document.

    Args:
        progress: Gets ``total`` (texts to embed) set and ``update(n)`` called as texts are done.
        source: The uploaded file's bytes (kept in ``documents.source``).
        job_id: The ingest job this write belongs to (its ``embedded`` count grows).
        finish, recalibrate: See :meth:`PostgresStore.put_document`.

    Returns:
        ``{"doc_id", "title", "sections", "generation"}`` of the stored document.

    Raises:
        IndexFormatError: If the database index was built with another embedder or chunking.
    """
    wanted = index_settings(settings, embedder)
    if not store.check_settings(wanted["embedder"], wanted["chunking"]):
        raise IndexFormatError("数据库索引的嵌入模型或分块参数不同 / the database index was built with another "
                               "embedder or chunking; use a new database")
    _ensure_background(store, embedder, wanted["background"])
    prepared = prepare_document(doc, wanted["chunking"])
    if progress is not None:
        progress.total = len(prepared.texts)
    cache = jobs.PostgresVectorCache(store.pool, embedder.name, embedder.dim, job_id)
    part = embed_document(prepared, embedder, progress, cache)
    terms = corpus_terms([c.text for c in part.chunks])
    tokens = [tokenize(passage_text(c), terms) for c in part.chunks]
    generation = store.put_document(part.meta, part.chunks, part.chunk_vectors, part.sentences,
                                    part.sentence_vectors, tokens, wanted, source, part.tree, finish, recalibrate)
    return {"doc_id": part.meta["doc_id"], "title": part.meta.get("title", ""),
            "sections": len({c.key for c in part.chunks}), "generation": generation}


def import_index(settings: Settings, embedder: Embedder, index_dir: Path) -> int:
    """Copy a folder index into the database without embedding anything; returns the documents copied.

    For moving an existing deployment to PostgreSQL: every document of ``index_dir`` is written (one
    transaction each) with its stored vectors, and the background vectors are copied. The folder's
    refusal model (``refusal.json``, calibrated on these documents) is stored with the last one; a
    database that already held other documents should be recalibrated by a ``policyqa ingest``.

    Raises:
        IndexNotFoundError, IndexFormatError: If ``index_dir`` holds no usable index.
        IndexFormatError: If the folder index has another embedder than ``embedder``.
    """
    from assistant.ingest.parts import existing_parts
    from assistant.store.folder import load_index

    index, store = load_index(index_dir), store_for(settings)
    if index.manifest["embedder"]["name"] != embedder.name:
        raise IndexFormatError(f"索引的嵌入模型不同 / the folder index was built with "
                               f"{index.manifest['embedder']['name']}, not {embedder.name}")
    wanted = {"embedder": index.manifest["embedder"], "chunking": index.manifest["chunking"],
              "background": index.manifest["background"]}
    store.put_background(embedder.name, wanted["background"], index.background_vectors)
    parts = list(existing_parts(index).values())
    refusal = dict(index.refusal)
    for i, part in enumerate(parts):
        terms = corpus_terms([c.text for c in part.chunks])
        tokens = [tokenize(passage_text(c), terms) for c in part.chunks]
        store.put_document(part.meta, part.chunks, np.asarray(part.chunk_vectors), part.sentences,
                           np.asarray(part.sentence_vectors), tokens, wanted, tree=part.tree,
                           finish=(lambda _index: refusal) if refusal else None, recalibrate=i == len(parts) - 1)
    return len(parts)
