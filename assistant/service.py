"""The Assistant facade: owns the lifetimes of the index, embedder, LLM and feedback store, and
delegates questions to :mod:`assistant.pipeline`, documents to :mod:`assistant.ingest.library`."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from functools import cached_property
from pathlib import Path
from typing import TypeVar

from assistant.answer.corpus_refusal import calibrate, calibrate_index
from assistant.answer.generative import Event
from assistant.answer.llm import LLM, make_llm
from assistant.errors import CorpusError, IndexNotFoundError
from assistant.ingest import library
from assistant.ingest.library import IngestReport
from assistant.pipeline import Pipeline
from assistant.records import Answer, Hit
from assistant.retrieve.hybrid import HybridRetriever, Retrieval
from assistant.retrieve.live import LiveIndex, Snapshot
from assistant.service_documents import DocumentReads
from assistant.settings import Settings
from assistant.store.base import Store, open_store
from assistant.store.embedders import Embedder, make_embedder
from assistant.store.feedback import FeedbackStore
from assistant.store.folder import FORMAT_VERSION, IndexData, read_manifest
from assistant.validation import validate_question

T = TypeVar("T")


class Assistant(DocumentReads):
    """Answers questions about the indexed policy documents, citing their numbered sections.

    Errors of the question methods: ``InvalidQuestionError`` (empty, over-long or control-character
    question), ``DocumentNotFoundError`` (unknown doc_id), ``IndexNotFoundError`` (no index built).
    """

    def __init__(self, settings: Settings | None = None, embedder: Embedder | None = None,
                 llm: LLM | None = None) -> None:
        self.settings = settings or Settings()
        if embedder is not None:
            self.embedder = embedder  # the cached properties below are made only when not given
        if llm is not None:
            self.llm = llm
        self.store: Store = open_store(self.settings.index_dir, self.settings.database_url)
        self._live = LiveIndex(self.settings.index_dir, self._load_retriever,
                               store=self.store if self.store.shared else None)
        self._feedback: FeedbackStore | None = None
        self._lock = threading.Lock()

    def _once(self, name: str, make: Callable[[], T]) -> T:
        """The attribute ``name``, made (under the lock) when it is None."""
        if getattr(self, name) is None:
            with self._lock:
                if getattr(self, name) is None:
                    setattr(self, name, make())
        return getattr(self, name)

    @cached_property
    def embedder(self) -> Embedder:
        """The embedding backend, created on first use."""
        s = self.settings
        return make_embedder(s.embedder, s.model_path, s.query_prefix, s.passage_prefix)

    @cached_property
    def llm(self) -> LLM | None:
        """The LLM of generative answers (from the ``llm_*`` settings), or None when not configured."""
        return make_llm(self.settings)

    def _load_retriever(self) -> HybridRetriever:
        s = self.settings
        return HybridRetriever(self.store.load(), self.embedder, s.candidates, s.rrf_k)

    @property
    def snapshot(self) -> Snapshot:
        """The index snapshot to serve one request from: loaded on first use, replaced (in the
        background) when any process writes a new index. Take it once per request and use only it."""
        return self._live.current()

    @property
    def generation(self) -> int:
        """The generation of the index being served (see :attr:`snapshot`)."""
        return self.snapshot.generation

    @property
    def retriever(self) -> HybridRetriever:
        """The retriever over the current snapshot."""
        return self.snapshot.retriever

    @property
    def index(self) -> IndexData:
        """The current snapshot's index."""
        return self.snapshot.index

    @property
    def pipeline(self) -> Pipeline:
        """The question pipeline over the current snapshot (one index for all its steps)."""
        return Pipeline(self.retriever, self.settings)

    @property
    def feedback(self) -> FeedbackStore:
        """The store of given answers, their ratings and the stored conversations (opened on first use):
        SQLite under ``settings.data_dir``, or with PostgreSQL the database's tables, shared by replicas
        (``PostgresFeedbackStore``, the same interface)."""
        return self._once("_feedback", self._open_feedback)

    def _open_feedback(self) -> FeedbackStore:
        if self.store.shared:
            from assistant.store.postgres.feedback import PostgresFeedbackStore

            return PostgresFeedbackStore.from_settings(self.settings, self.store)
        return FeedbackStore.from_settings(self.settings)

    def warm_up(self) -> None:
        """Load the index, the embedder, jieba and the LLM client now, so the first question is answered at once.
        On a shared store (PostgreSQL) also start this process's sweep of queued and orphaned ingest jobs."""
        self.ask("预热：数据")
        if self.store.shared:
            from assistant.ingest.db_jobs import start_sweeper

            start_sweeper(self.settings, self.embedder, self._finish())
        if self.llm is not None and hasattr(self.llm, "warm_up"):
            self.llm.warm_up()

    def store_reachable(self) -> bool:
        """False while a shared database (PostgreSQL) could not be reached moments ago; a folder: True."""
        return not self.store.shared or self.store.reachable()

    def index_exists(self) -> bool:
        """True if an index exists (an index folder with a manifest, or documents in the database)."""
        return self.store.exists()

    def ensure_index(self, notify: Callable[[str], None] | None = None, progress: bool = False) -> None:
        """Build the index if it is missing or of an older format; ``notify`` receives what is done.
        A shared (PostgreSQL) index is only built when empty: replicas do not sync their corpus folder."""
        if self.store.shared:
            if not self.store.exists():
                with self.store.first_build():  # another replica may be building it: wait, then look again
                    if not self.store.exists():
                        (notify or (lambda _message: None))("数据库中没有文档，正在首次构建……/ building the index")
                        self.ingest(progress=progress)
            return
        manifest = read_manifest(self.settings.index_dir)
        if manifest is None and library.recover(self.settings):  # an interrupted swap, under the writer lock
            manifest = read_manifest(self.settings.index_dir)
        if manifest is not None and manifest.get("format_version") == FORMAT_VERSION:
            return
        say = notify or (lambda _message: None)
        say(f"{'未找到索引，正在首次构建' if manifest is None else '索引格式已更新，正在重建'}……/ building the index")
        report = self.ingest(progress=progress)
        say(f"索引已建立：{report.documents} 个文档，{report.chunks} 个片段")

    @property
    def _writer(self):
        """The module that writes this assistant's store: ``library`` (folder) or ``database`` (PostgreSQL)."""
        if self.store.shared:
            from assistant.ingest import database

            return database
        return library

    def ingest(self, paths: list[Path] | None = None, progress: bool = True, force: bool = False) -> IngestReport:
        """Sync the index with the corpus folder, or add/update ``paths``; see :func:`library.ingest`."""
        report = self._writer.ingest(self.settings, self.embedder, paths, progress, force, self._finish())
        if report.changed:
            self._live.refresh()
        return report

    def remove_document(self, doc_id: str) -> IngestReport:
        """Remove a document from the index (its corpus file is moved to ``data_dir/removed``)."""
        report = self._writer.remove(self.settings, self.embedder, doc_id, self._finish())
        self._live.refresh()
        return report

    def reindex_document(self, doc_id: str) -> IngestReport:
        """Read a document again from its stored source (the file its index entry names) and embed it anew.

        Raises:
            DocumentNotFoundError: For an unknown doc_id.
            CorpusError: When the source file is gone or can no longer be read.
        """
        source = Path(self._manifest_entry(doc_id)["path"])
        if not source.is_file():
            raise CorpusError(f"原文件已不存在：{source.name} / the source file is gone")
        return self.ingest([source], progress=False, force=True)

    def add_document(self, filename: str, data: bytes, max_bytes: int | None = None) -> tuple[str, IngestReport]:
        """Save an uploaded file into the corpus folder and index it; returns its doc_id.
        ``max_bytes`` defaults to ``settings.max_upload_bytes``."""
        limit = self.settings.max_upload_bytes if max_bytes is None else max_bytes
        doc_id, report = self._writer.add_file(self.settings, self.embedder, filename, data, limit,
                                                 self._finish())
        self._live.refresh()
        return doc_id, report

    def _finish(self) -> Callable[[Path], None] | Callable[[IndexData], dict] | None:
        """The last step of every index write: the refusal calibration (see
        :mod:`assistant.answer.corpus_refusal`), unless ``settings.refusal_calibration`` is off. For the
        folder it writes ``refusal.json`` into the new folder; for PostgreSQL it returns the model, which
        the store keeps in the write's transaction. Retrieval and answering read ``IndexData.refusal``
        either way."""
        s = self.settings
        if not s.refusal_calibration:
            return None
        if self.store.shared:
            return lambda index: calibrate(index, self.embedder, s.min_confidence, s.refusal_max_false)
        return lambda folder: calibrate_index(folder, self.embedder, s.min_confidence, s.refusal_max_false)

    def job_queue(self):
        """Where uploads wait: a ``JobQueue`` in this process's memory (folder index), or the
        ``ingest_jobs`` table that every replica reads and works (``DatabaseJobs``, PostgreSQL)."""
        if self.store.shared:
            from assistant.ingest.db_jobs import DatabaseJobs

            return DatabaseJobs(self.settings)
        from assistant.jobs import JobQueue

        return JobQueue()

    def retrieve(self, question: str, top_k: int | None = None, doc_ids: list[str] | None = None) -> Retrieval:
        """Retrieve sections for a question (no answer)."""
        return self.pipeline.retrieve(question, top_k, doc_ids)

    def search(self, question: str, top_k: int | None = None, doc_ids: list[str] | None = None) -> list[Hit]:
        """Return ranked sections for a question without writing an answer."""
        return list(self.retrieve(question, top_k, doc_ids).hits)

    def ask(self, question: str, top_k: int | None = None, doc_ids: list[str] | None = None,
            mode: str = "extractive", history: Sequence[object] | None = None) -> Answer:
        """Answer a question (简体, 繁體 or English) citing at most ``top_k`` sections, in ``doc_ids`` only
        if given. ``mode`` "extractive" quotes; "generative" has the LLM write, citations verified.
        The answer's ``refused`` is true when the documents do not cover the question.

        ``history``: the previous turns, oldest first, as ``{"question", "answer"?, "citations"?:
        [{"doc_id", "path"}]}`` dicts (at most 20); a follow-up is rewritten into a standalone question
        (the answer's ``resolved_question`` and ``context``), see :mod:`assistant.answer.followup`.
        Raises ``InvalidHistoryError`` (an ``InvalidQuestionError``) for malformed turns."""
        if mode == "generative":
            return self.pipeline.generate(question, top_k, doc_ids, self.llm, history)
        return self.extract(question, top_k, doc_ids, history)[1]

    def ask_stream(self, question: str, top_k: int | None = None, doc_ids: list[str] | None = None,
                   mode: str = "generative", history: Sequence[object] | None = None) -> Iterator[Event]:
        """Stream an answer: ("delta", text) events, then one ("answer", Answer); errors come before."""
        llm = self.llm if (mode == "generative" or history) else None
        return self.pipeline.stream(question, top_k, doc_ids, mode, llm, history)

    async def aask(self, question: str, top_k: int | None = None, doc_ids: list[str] | None = None,
                   mode: str = "extractive", history: Sequence[object] | None = None) -> Answer:
        """As :meth:`ask`, awaited (for an event loop): the work runs in worker threads and the LLM
        call on its own loop; cancelling the caller cancels the LLM request."""
        if mode == "generative":
            return await self.pipeline.agenerate(question, top_k, doc_ids, self.llm, history)
        return await asyncio.to_thread(self.ask, question, top_k, doc_ids, mode, history)

    async def aask_stream(self, question: str, top_k: int | None = None, doc_ids: list[str] | None = None,
                          mode: str = "generative", history: Sequence[object] | None = None
                          ) -> AsyncIterator[Event]:
        """As :meth:`ask_stream`, for an event loop: errors are raised when awaited; closing or
        cancelling the returned iterator cancels the LLM request."""
        llm = self.llm if (mode == "generative" or history) else None
        return await self.pipeline.astream(question, top_k, doc_ids, mode, llm, history)

    def extract(self, question: str, top_k: int | None = None, doc_ids: list[str] | None = None,
                history: Sequence[object] | None = None) -> tuple[Retrieval, Answer]:
        """The retrieval and the extractive answer (see :meth:`ask`)."""
        return self.pipeline.extract(question, top_k, doc_ids, history, self.llm if history else None)

    def confidence(self, found: Retrieval) -> float:
        """Evidence confidence (0–1) that the top section answers the question (see answer.refusal)."""
        return self.pipeline.confidence(found)


__all__ = ["Assistant", "IndexNotFoundError", "validate_question"]
