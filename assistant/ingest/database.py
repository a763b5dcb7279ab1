"""Ingest into the PostgreSQL store: one document per transaction, uploads as claimed jobs.

The same semantics as :mod:`assistant.ingest.library` (sync the corpus folder, add paths, remove,
upload), but each document is written on its own (``PostgresStore.put_document``) instead of the
whole index being rewritten, and an upload is a row of ``ingest_jobs`` that one worker claims:
if that worker dies, another replica takes the job over (see :mod:`assistant.ingest.db_jobs`),
re-reading the vectors already made from the shared vector cache.

``finish`` (the refusal calibration, see :mod:`assistant.store.postgres.backend`) runs in the
transaction of the *last* write of a call: a sync that writes several documents calibrates once,
with its last document or deletion, so replicas may answer from a previous calibration while the
sync is under way (as they answer from the previous documents); each upload and each removal
calibrates in its own transaction. ``finish=None`` (``refusal_calibration`` off) removes the
stored refusal model, as a folder index rebuilt without calibration has no ``refusal.json``.
"""

from __future__ import annotations

import time
from pathlib import Path

from assistant.errors import CorpusError, DocumentNotFoundError, LastDocumentError
from assistant.ingest.db_jobs import enqueue_upload, run_job, wait_for, worker_name
from assistant.ingest.db_write import store_for, write_document
from assistant.ingest.documents import load_documents
from assistant.settings import Settings
from assistant.store.embedders import Embedder
from assistant.store.postgres import jobs
from assistant.store.postgres.backend import Finish, PostgresStore


def _report(store: PostgresStore, started: float, embedded: tuple = (), removed: tuple = (), skipped: tuple = ()):
    from assistant.ingest.library import IngestReport

    docs = store.documents()
    return IngestReport(bool(embedded or removed), len(docs), sum(d.get("chunks", 0) for d in docs),
                        tuple(skipped), time.perf_counter() - started, tuple(embedded), tuple(removed))


def ingest(settings: Settings, embedder: Embedder, paths: list[Path] | None = None, progress: bool = True,
           force: bool = False, finish: Finish | None = None):
    """Sync the corpus folder (no paths) or add/update the documents at ``paths`` (see ``library.ingest``).

    Each changed document is one transaction; the last write of the call also stores ``finish(index)``.
    With nothing to write, a database that has no stored refusal model yet (written by an older
    version) is calibrated in a transaction of its own.
    """
    from assistant.ingest.library import _inside

    started, store = time.perf_counter(), store_for(settings)
    documents, skipped = load_documents(paths if paths is not None else [settings.corpus_dir])
    if not documents and (paths is not None or not store.exists()):
        raise CorpusError("没有可读取的文档 / no readable document found")
    stored = {m["doc_id"]: m for m in store.documents()}
    writes = [d for d in documents if force or d.doc_id not in stored
              or stored[d.doc_id]["sha256"] != d.sha256 or stored[d.doc_id]["title"] != d.title]
    present = {d.doc_id for d in documents}
    removals = [] if paths is not None else [
        doc_id for doc_id, meta in stored.items()
        if doc_id not in present and _inside(meta.get("path", ""), settings.corpus_dir)]
    last = len(writes) + len(removals) - 1
    for i, doc in enumerate(writes):
        write_document(store, embedder, settings, doc, finish=finish, recalibrate=i == last)
    for i, doc_id in enumerate(removals, len(writes)):
        store.delete_document(doc_id, finish, recalibrate=i == last)
    if last < 0 and finish is not None and not store.refusal() and store.exists():
        store.recalibrate(finish)  # a database written before calibration was stored: calibrate it now
    return _report(store, started, tuple(d.doc_id for d in writes), tuple(removals), tuple(skipped))


def remove(settings: Settings, embedder: Embedder, doc_id: str, finish: Finish | None = None):
    """Delete a document from the database (see ``library.remove``), calibrating in the same transaction."""
    started, store = time.perf_counter(), store_for(settings)
    ids = [d["doc_id"] for d in store.documents()]
    if doc_id not in ids:
        raise DocumentNotFoundError(f"未知文档 / unknown doc_id: {doc_id}")
    if len(ids) == 1:
        raise LastDocumentError(f"不能移除最后一个文档 / cannot remove the last document ({doc_id})")
    store.delete_document(doc_id, finish)
    return _report(store, started, removed=(doc_id,))


def add_file(settings: Settings, embedder: Embedder, filename: str, data: bytes, max_bytes: int,
             finish: Finish | None = None):
    """Check an upload, record it as a job, run it here and return ``(doc_id, report)``.

    The errors of ``library.add_file`` (type, size, unreadable or empty body, duplicate body), and
    ``JobQueueFullError`` (see :func:`assistant.ingest.db_jobs.enqueue_upload`).
    """
    started, store = time.perf_counter(), store_for(settings)
    job_id = enqueue_upload(settings, filename, data, max_bytes)
    job = jobs.claim(store.pool, worker_name(), job_id=job_id)
    # None: another replica's sweep took the job first; wait for it
    doc_id = wait_for(store, job_id) if job is None else run_job(store, embedder, settings, job, finish=finish)
    return doc_id, _report(store, started, embedded=(doc_id,))
