"""Checks of an upload before it is queued, and the jobs that index it (``POST /documents``) or read an
indexed document again (the chat UI's documents page).

What is refused at once (never a 500): a bad name (:class:`InvalidDocumentNameError`, 422), an
unsupported type (415), a file over the limit (413), the bytes of an indexed or already queued document
(:class:`DuplicateDocumentError`, 409). Whether the file can be read is found out by the job.
"""

from __future__ import annotations

import hashlib
import unicodedata
from pathlib import PurePosixPath

from assistant.errors import (
    CorpusError,
    DocumentNotFoundError,
    DocumentTooLargeError,
    DuplicateDocumentError,
    InvalidDocumentNameError,
)
from assistant.ingest.db_jobs import DatabaseJobs
from assistant.ingest.formats import SUPPORTED_SUFFIXES, UnsupportedTypeError, extract
from assistant.ingest.library import IngestReport
from assistant.jobs import Job, JobQueue, Progress
from assistant.service import Assistant

MAX_NAME_BYTES = 200  # longest accepted file name, in UTF-8 bytes
# Unicode categories refused in names: controls (NUL included), format characters (bidi overrides,
# zero-width), line/paragraph separators and lone surrogates.
BAD_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Cs"}


def check_name(filename: str) -> str:
    """The upload's file name, trimmed, if it is safe to save into the corpus folder.

    Raises:
        InvalidDocumentNameError: Empty, over 200 UTF-8 bytes, a path (``/`` ``\\``), ``.``/``..``, or with
            control or format characters.
        UnsupportedTypeError: For a hidden file or a suffix no reader supports.
    """
    name = (filename or "").strip()
    if not name or name in (".", ".."):
        raise InvalidDocumentNameError("文件名为空 / the file has no name")
    if any(unicodedata.category(c) in BAD_CATEGORIES for c in name):
        raise InvalidDocumentNameError("文件名含控制字符 / the file name contains control characters")
    if "/" in name or "\\" in name:
        raise InvalidDocumentNameError("文件名不能含路径分隔符 / the file name must not contain / or \\")
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        raise InvalidDocumentNameError(f"文件名过长（最多 {MAX_NAME_BYTES} 字节）/ "
                                       f"the file name is longer than {MAX_NAME_BYTES} bytes")
    suffix = PurePosixPath(name).suffix.lower()
    if name.startswith(".") or suffix not in SUPPORTED_SUFFIXES:
        allowed = ", ".join(SUPPORTED_SUFFIXES)
        raise UnsupportedTypeError(
            f"不支持的文件类型 / unsupported file type {suffix or name!r}; 支持 / allowed: {allowed}")
    return name


def check_new(assistant: Assistant, jobs: JobQueue | DatabaseJobs, data: bytes) -> str:
    """The sha256 (hex) of ``data`` if it is within the limit and not a known document.

    Raises:
        DocumentTooLargeError: Over ``settings.max_upload_bytes``.
        DuplicateDocumentError: The same bytes are indexed or waiting in a job.
    """
    limit = assistant.settings.max_upload_bytes
    if len(data) > limit:
        size = f"{limit / 1024 / 1024:g} MB"
        raise DocumentTooLargeError(f"文件过大（上限 {size}）/ file larger than {size}")
    digest = hashlib.sha256(data).hexdigest()
    indexed = next((d["doc_id"] for d in assistant.index.manifest.get("documents", []) if d.get("sha256") == digest),
                   None)
    if indexed:
        raise DuplicateDocumentError(f"该文件已在索引中 / the same file is already indexed as {indexed}")
    if any(job.meta.get("sha256") == digest for job in jobs.unfinished()):
        raise DuplicateDocumentError("同一文件正在排队索引 / the same file is already queued")
    return digest


def queue_upload(assistant: Assistant, jobs: JobQueue | DatabaseJobs, filename: str, data: bytes) -> Job:
    """Check an upload and queue the job that saves and indexes it.

    With PostgreSQL (``jobs`` a ``DatabaseJobs``) the job is a row of ``ingest_jobs``, committed before
    the 202: any replica answers ``GET /jobs/{id}`` and any replica's sweep may work it.

    Returns:
        The queued job; its result is ``{"doc_id", "title", "sections", "embedded", "documents", "chunks"}``.

    Raises:
        InvalidDocumentNameError, UnsupportedTypeError, DocumentTooLargeError, DuplicateDocumentError:
            See :func:`check_name` and :func:`check_new`.
        UnreadableDocumentError: The file cannot be read, or is over a reader's budget (422).
        JobQueueFullError: Too many uploads are waiting.
    """
    name = check_name(filename)
    digest = check_new(assistant, jobs, data)
    # Read it now (bounded by the readers' budgets: a zip bomb or a 5,000-page PDF fails in well under a
    # second), so that a file that cannot be read is a 4xx with its reason, not a failed job.
    extract(data, PurePosixPath(name).suffix.lower())
    if hasattr(jobs, "upload"):  # PostgreSQL: a committed ingest_jobs row, worked by any replica
        return jobs.upload(name, data)

    def work(progress: Progress) -> dict:
        progress(0.1, "解析并建立索引")
        doc_id, report = assistant.add_document(name, data)
        return _result(assistant, doc_id, report)

    return jobs.submit("upload", name, work, meta={"sha256": digest})


def _result(assistant: Assistant, doc_id: str, report: IngestReport) -> dict:
    """A finished job's result: ``{"doc_id", "title", "sections", "embedded", "documents", "chunks"}``."""
    doc = next((d for d in assistant.documents() if d["doc_id"] == doc_id), {})
    return {"doc_id": doc_id, "title": doc.get("title", ""), "sections": doc.get("sections", 0),
            "embedded": list(report.embedded), "documents": report.documents, "chunks": report.chunks}


def queue_reindex(assistant: Assistant, jobs: JobQueue, doc_id: str) -> Job:
    """Queue the job that reads an indexed document again from its source file and embeds it anew
    (:meth:`Assistant.reindex_document`); its result is as an upload's.

    Raises:
        DocumentNotFoundError: For an unknown doc_id (at once, not in the job).
        CorpusError: With PostgreSQL (``jobs`` a ``DatabaseJobs``), where there is no source folder.
        DuplicateDocumentError: The document is already waiting for or in a re-index.
        JobQueueFullError: Too many jobs are waiting.
    """
    doc = next((d for d in assistant.documents() if d["doc_id"] == doc_id), None)
    if doc is None:
        raise DocumentNotFoundError(f"未知文档 / unknown doc_id: {doc_id}")
    if isinstance(jobs, DatabaseJobs):  # the database keeps no corpus folder to read the source from
        raise CorpusError("使用 PostgreSQL 时请重新上传该文件以重新索引 / with PostgreSQL, upload the file "
                          "again to re-index it")
    if any(job.meta.get("reindex") == doc_id for job in jobs.unfinished()):
        raise DuplicateDocumentError("该文档已在重新索引 / the document is already being re-indexed", doc_id)

    def work(progress: Progress) -> dict:
        progress(0.1, "重新读取原文并建立索引")
        return _result(assistant, doc_id, assistant.reindex_document(doc_id))

    return jobs.submit("reindex", doc["title"] or doc_id, work, meta={"reindex": doc_id})
