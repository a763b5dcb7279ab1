"""Ingest into the PostgreSQL store: one document per transaction, uploads as claimed jobs.

The same semantics as :mod:`assistant.ingest.library` (sync the corpus folder, add paths, remove,
upload), but each document is written on its own (``PostgresStore.put_document``) instead of the
whole index being rewritten, and an upload is a row of ``ingest_jobs`` that one worker claims:
if that worker dies, another replica takes the job over (see :func:`run_pending`), re-reading the
vectors already made from the shared vector cache.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from assistant.errors import (
    CorpusError,
    DocumentNotFoundError,
    DuplicateDocumentError,
    IndexFormatError,
    LastDocumentError,
)
from assistant.ingest.documents import (
    EMPTY_BODY_REASON,
    Document,
    document_from_bytes,
    duplicate_reason,
    load_documents,
)
from assistant.ingest.formats import UnreadableDocumentError
from assistant.ingest.parts import embed_document, prepare_document
from assistant.ingest.upload_checks import check_upload
from assistant.settings import Settings
from assistant.store.background import background_digest, load_background
from assistant.store.base import open_store
from assistant.store.embedders import Embedder
from assistant.store.folder import chunking_params, corpus_terms, embed_background, passage_text
from assistant.store.postgres import jobs
from assistant.store.postgres.backend import PostgresStore
from assistant.text.chinese import tokenize

HEARTBEAT_S = 2.0
log = logging.getLogger("policyqa.jobs")


def worker_name() -> str:
    """``host:pid:thread`` of this worker (kept in ``ingest_jobs.claimed_by``)."""
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"


def store_for(settings: Settings) -> PostgresStore:
    """The PostgreSQL store of ``settings.database_url``."""
    store = open_store(settings.index_dir, settings.database_url)
    assert isinstance(store, PostgresStore)
    return store


def _index_settings(settings: Settings, embedder: Embedder) -> dict:
    return {"embedder": {"name": embedder.name, "dim": embedder.dim},
            "chunking": chunking_params(settings.chunk_max_chars, settings.chunk_overlap),
            "background": background_digest(load_background())}


def _ensure_background(store: PostgresStore, embedder: Embedder, digest: str) -> None:
    if not store.has_background(embedder.name, digest):
        store.put_background(embedder.name, digest, embed_background(embedder, load_background()))


def write_document(store: PostgresStore, embedder: Embedder, settings: Settings, doc: Document,
                   progress=None, source: bytes | None = None, job_id: int | None = None) -> int:
    """Chunk, embed (through the shared vector cache) and store one document; returns the generation.

    ``progress`` gets ``total`` (texts to embed) set and ``update(n)`` called as texts are done.
    """
    index_settings = _index_settings(settings, embedder)
    if not store.check_settings(index_settings["embedder"], index_settings["chunking"]):
        raise IndexFormatError("数据库索引的嵌入模型或分块参数不同 / the database index was built with another "
                               "embedder or chunking; use a new database")
    _ensure_background(store, embedder, index_settings["background"])
    prepared = prepare_document(doc, index_settings["chunking"])
    if progress is not None:
        progress.total = len(prepared.texts)
    cache = jobs.PostgresVectorCache(store.pool, embedder.name, embedder.dim, job_id)
    part = embed_document(prepared, embedder, progress, cache)
    terms = corpus_terms([c.text for c in part.chunks])
    tokens = [tokenize(passage_text(c), terms) for c in part.chunks]
    return store.put_document(part.meta, part.chunks, part.chunk_vectors, part.sentences, part.sentence_vectors,
                              tokens, index_settings, source, part.tree)


def ingest(settings: Settings, embedder: Embedder, paths: list[Path] | None = None, progress: bool = True,
           force: bool = False, finish=None):
    """Sync the corpus folder (no paths) or add/update the documents at ``paths`` (see ``library.ingest``).

    ``finish`` (a folder index's last step, e.g. the refusal calibration) is not applied to the database yet.
    """
    from assistant.ingest.library import IngestReport, _inside

    started, store = time.perf_counter(), store_for(settings)
    documents, skipped = load_documents(paths if paths is not None else [settings.corpus_dir])
    if not documents and (paths is not None or not store.exists()):
        raise CorpusError("没有可读取的文档 / no readable document found")
    stored = {m["doc_id"]: m for m in store.documents()}
    embedded = []
    for doc in documents:
        old = stored.get(doc.doc_id)
        if force or old is None or old["sha256"] != doc.sha256 or old["title"] != doc.title:
            write_document(store, embedder, settings, doc)
            embedded.append(doc.doc_id)
    removed = []
    if paths is None:
        present = {d.doc_id for d in documents}
        for doc_id, meta in stored.items():
            if doc_id not in present and _inside(meta.get("path", ""), settings.corpus_dir):
                store.delete_document(doc_id)
                removed.append(doc_id)
    docs = store.documents()
    return IngestReport(bool(embedded or removed), len(docs), sum(d.get("chunks", 0) for d in docs),
                        tuple(skipped), time.perf_counter() - started, tuple(embedded), tuple(removed))


def remove(settings: Settings, embedder: Embedder, doc_id: str, finish=None):
    """Delete a document from the database (see ``library.remove``; ``finish``: as in :func:`ingest`)."""
    from assistant.ingest.library import IngestReport

    started, store = time.perf_counter(), store_for(settings)
    ids = [d["doc_id"] for d in store.documents()]
    if doc_id not in ids:
        raise DocumentNotFoundError(f"未知文档 / unknown doc_id: {doc_id}")
    if len(ids) == 1:
        raise LastDocumentError(f"不能移除最后一个文档 / cannot remove the last document ({doc_id})")
    store.delete_document(doc_id)
    docs = store.documents()
    return IngestReport(True, len(docs), sum(d.get("chunks", 0) for d in docs), (),
                        time.perf_counter() - started, (), (doc_id,))


def add_file(settings: Settings, embedder: Embedder, filename: str, data: bytes, max_bytes: int, finish=None):
    """Check an upload, record it as a job, run it here and return ``(doc_id, report)`` (``finish``: as in
    :func:`ingest`).

    The errors of ``library.add_file`` (type, size, unreadable or empty body, duplicate body).
    """
    from assistant.ingest.library import IngestReport

    name = check_upload(filename, data, max_bytes)
    started, store = time.perf_counter(), store_for(settings)
    doc = job_document(name, data)  # refuse what cannot be read before it becomes a job
    if not doc.text.strip():
        raise UnreadableDocumentError(EMPTY_BODY_REASON)
    body = doc.body_sha256
    same = [m["doc_id"] for m in store.documents()
            if m.get("body_sha256") == body and m.get("path") != f"upload:{name}"]
    if same:
        raise DuplicateDocumentError(duplicate_reason(same[0]), same[0])
    job_id = jobs.enqueue(store.pool, name, data)
    job = jobs.claim(store.pool, worker_name(), job_id=job_id)
    # None: another replica's sweep took the job first; wait for it
    doc_id = _wait(store, job_id) if job is None else run_job(store, embedder, settings, job)
    docs = store.documents()
    return doc_id, IngestReport(True, len(docs), sum(d.get("chunks", 0) for d in docs), (),
                                time.perf_counter() - started, (doc_id,), ())


def _wait(store: PostgresStore, job_id: int, timeout: float = 600) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = jobs.status(store.pool, job_id) or {}
        if state.get("state") == "done":
            return state["doc_id"]
        if state.get("state") == "failed":
            raise CorpusError(f"导入失败 / ingest failed: {state.get('error')}")
        time.sleep(0.5)
    raise CorpusError(f"导入超时 / ingest job {job_id} did not finish")


def job_document(name: str, data: bytes) -> Document:
    """Read an uploaded file's bytes into a Document (its path is ``upload:<name>``)."""
    return replace(document_from_bytes(data, Path(name)), path=f"upload:{name}")


def run_job(store: PostgresStore, embedder: Embedder, settings: Settings, job: jobs.Job,
            worker: str | None = None) -> str:
    """Embed and store a claimed job's document while heart-beating; returns its doc_id.

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
        write_document(store, embedder, settings, doc, progress, job.payload, job.id)
    except Exception as exc:
        jobs.finish(store.pool, job.id, worker, None, str(exc))
        raise
    finally:
        stop.set()
        beater.join()
    jobs.finish(store.pool, job.id, worker, doc.doc_id)
    return doc.doc_id


class _Progress:
    """Texts done out of ``total`` (set by :func:`write_document`), read by the heartbeat."""

    def __init__(self) -> None:
        self.total, self.done = 0, 0

    def update(self, n: int) -> None:
        self.done += n

    def share(self) -> float:
        return min(0.99, self.done / self.total) if self.total else 0.0


def run_pending(settings: Settings, embedder: Embedder, stale_after: float = jobs.STALE_AFTER) -> list[str]:
    """Run queued jobs and jobs whose worker died, until none is left; returns the doc_ids stored."""
    store, done = store_for(settings), []
    worker = worker_name()
    while (job := jobs.claim(store.pool, worker, stale_after)) is not None:
        try:
            done.append(run_job(store, embedder, settings, job, worker))
        except Exception:  # recorded in the job row; go on with the next job
            continue
    return done


def import_index(settings: Settings, embedder: Embedder, index_dir: Path) -> int:
    """Copy a folder index into the database without embedding anything; returns the documents copied.

    For moving an existing deployment to PostgreSQL: every document of ``index_dir`` is written (one
    transaction each) with its stored vectors, and the background vectors are copied.

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
    index_settings = {"embedder": index.manifest["embedder"], "chunking": index.manifest["chunking"],
                      "background": index.manifest["background"]}
    store.put_background(embedder.name, index_settings["background"], index.background_vectors)
    parts = existing_parts(index)
    for part in parts.values():
        terms = corpus_terms([c.text for c in part.chunks])
        tokens = [tokenize(passage_text(c), terms) for c in part.chunks]
        store.put_document(part.meta, part.chunks, np.asarray(part.chunk_vectors), part.sentences,
                           np.asarray(part.sentence_vectors), tokens, index_settings, tree=part.tree)
    return len(parts)


JOB_SWEEP_S = 5.0
_SWEEPERS: set[str] = set()
_SWEEPERS_LOCK = threading.Lock()


def start_sweeper(settings: Settings, embedder: Embedder, every: float = JOB_SWEEP_S) -> bool:
    """Start (once per process and database) a thread that runs :func:`run_pending` every ``every``
    seconds: jobs queued by any replica, and jobs whose worker died, are done here. False if running."""
    url = str(settings.database_url)
    with _SWEEPERS_LOCK:
        if url in _SWEEPERS:
            return False
        _SWEEPERS.add(url)

    def loop() -> None:
        while True:
            time.sleep(every)
            try:
                run_pending(settings, embedder)
            except Exception:  # the database may be restarting: try again next time
                log.exception("ingest job sweep failed")

    threading.Thread(target=loop, daemon=True, name="policyqa-ingest-jobs").start()
    return True
