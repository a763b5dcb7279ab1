"""The Assistant: the one entry point the CLI, the API and the UI call."""

from __future__ import annotations

import threading
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from assistant.answer import generative
from assistant.answer.extractive import candidate_sentences, compose_answer, confidence, make_answer, refusal
from assistant.answer.llm import LLM, make_llm
from assistant.answer.scope import background_contrast, meta_request, missing_answer_type
from assistant.errors import DocumentNotFoundError, IndexNotFoundError, InvalidQuestionError
from assistant.ingest import library
from assistant.ingest import outline as outlines
from assistant.ingest.library import IngestReport
from assistant.ingest.outline import document_outline
from assistant.records import Answer, Chunk, Hit
from assistant.retrieve.hybrid import HybridRetriever, Retrieval
from assistant.settings import Settings
from assistant.store.embedders import Embedder, make_embedder
from assistant.store.feedback import FeedbackStore
from assistant.store.folder import IndexData, load_index, read_manifest
from assistant.text.chinese import has_cjk, named_terms, normalize_query, tokenize
from assistant.text.glossary import expand_terms, load_glossary

# Weights of the refusal model, fitted on eval/calibration.jsonl (see README "Refusal"). The bias puts
# min_confidence 0.3 midway (in log-odds) between the two least confident in-scope calibration
# questions, so that at most 1% of them are refused.
REFUSAL_PARAMS = {"bias": -0.295, "coverage": 3.457, "foreign": -4.998, "contrast": 46.528}


def validate_question(question: object, max_chars: int) -> str:
    """Check a question and return it trimmed.

    Raises:
        InvalidQuestionError: If it is not a string, is empty, too long or has control characters.
    """
    if not isinstance(question, str):
        raise InvalidQuestionError("问题必须是文本 / question must be a string")
    text = question.strip()
    if not text:
        raise InvalidQuestionError("问题不能为空 / question is empty")
    if len(text) > max_chars:
        raise InvalidQuestionError(f"问题过长（最多{max_chars}字）/ question longer than {max_chars} characters")
    if any(unicodedata.category(c) == "Cc" and c not in "\t\n\r" for c in text):
        raise InvalidQuestionError("问题含控制字符 / question contains control characters")
    return text


class Assistant:
    """Answers questions about the indexed policy documents, citing their numbered sections."""

    def __init__(self, settings: Settings | None = None, embedder: Embedder | None = None,
                 llm: LLM | None = None) -> None:
        self.settings = settings or Settings()
        self._embedder = embedder
        self._llm, self._llm_made = llm, llm is not None
        self._retriever: HybridRetriever | None = None
        self._feedback: FeedbackStore | None = None
        self._lock = threading.Lock()

    @property
    def embedder(self) -> Embedder:
        """The embedding backend, created on first use."""
        if self._embedder is None:
            s = self.settings
            self._embedder = make_embedder(s.embedder, s.model_path, s.query_prefix, s.passage_prefix)
        return self._embedder

    @property
    def llm(self) -> LLM | None:
        """The LLM of generative answers (from the ``llm_*`` settings), or None when not configured."""
        if not self._llm_made:
            self._llm, self._llm_made = make_llm(self.settings), True
        return self._llm

    @property
    def index(self) -> IndexData:
        """The loaded index (loaded on first use)."""
        return self.retriever.index

    @property
    def retriever(self) -> HybridRetriever:
        """The retriever over the loaded index."""
        if self._retriever is None:
            with self._lock:
                if self._retriever is None:
                    index = load_index(self.settings.index_dir)
                    self._retriever = HybridRetriever(index, self.embedder, self.settings.candidates,
                                                      self.settings.rrf_k)
        return self._retriever

    def warm_up(self) -> None:
        """Load the index, the embedder and jieba now, so the first question is answered at once."""
        self.ask("预热：数据")

    def index_exists(self) -> bool:
        """True if an index folder with a manifest exists."""
        return read_manifest(self.settings.index_dir) is not None

    def ingest(self, paths: list[Path] | None = None, progress: bool = True,
               force: bool = False) -> IngestReport:
        """Sync the index with the corpus folder, or add/update the documents at ``paths``.

        Only new or changed documents are embedded; nothing is written when nothing changed.
        See :mod:`assistant.ingest.library` for the exact semantics.

        Args:
            paths: Files or folders to add (default: sync the corpus folder).
            progress: Show a progress bar.
            force: Re-embed every document.
        """
        report = library.ingest(self.settings, self.embedder, paths, progress, force)
        if report.changed:
            self._retriever = None
        return report

    def remove_document(self, doc_id: str) -> IngestReport:
        """Remove a document from the index (its corpus file is moved to ``data_dir/removed``)."""
        report = library.remove(self.settings, self.embedder, doc_id)
        self._retriever = None
        return report

    def add_document(self, filename: str, data: bytes, max_bytes: int | None = None
                     ) -> tuple[str, IngestReport]:
        """Save an uploaded file into the corpus folder and index it; returns its doc_id.

        ``max_bytes`` defaults to ``settings.max_upload_bytes``.
        """
        limit = self.settings.max_upload_bytes if max_bytes is None else max_bytes
        doc_id, report = library.add_file(self.settings, self.embedder, filename, data, limit)
        self._retriever = None
        return doc_id, report

    def retrieve(self, question: str, top_k: int | None = None,
                 doc_ids: list[str] | None = None) -> Retrieval:
        """Retrieve sections for a question (no answer)."""
        text = validate_question(question, self.settings.max_question_chars)
        return self.retriever.retrieve(normalize_query(text), top_k or self.settings.top_k,
                                       self._doc_filter(doc_ids))

    def search(self, question: str, top_k: int | None = None,
               doc_ids: list[str] | None = None) -> list[Hit]:
        """Return ranked sections for a question without writing an answer."""
        return list(self.retrieve(question, top_k, doc_ids).hits)

    def ask(self, question: str, top_k: int | None = None, doc_ids: list[str] | None = None,
            mode: str = "extractive") -> Answer:
        """Answer a question, citing the sections it comes from.

        Args:
            question: The question, in Chinese (简体 or 繁體) or English.
            top_k: Largest number of citations (default from settings).
            doc_ids: Restrict the search to these documents.
            mode: "extractive" (quotes) or "generative" (the configured LLM writes the answer and
                every citation is verified; see :mod:`assistant.answer.generative` for the fallbacks).

        Returns:
            The answer; ``refused`` is true when the documents do not cover the question.

        Raises:
            InvalidQuestionError: For empty, over-long or control-character questions.
            DocumentNotFoundError: For an unknown doc_id.
            IndexNotFoundError: If no index has been built.
        """
        if mode == "generative":
            return generative.answer(self, question, top_k, doc_ids)
        return self.extract(question, top_k, doc_ids)[1]

    def ask_stream(self, question: str, top_k: int | None = None, doc_ids: list[str] | None = None,
                   mode: str = "generative") -> Iterator[generative.Event]:
        """Stream an answer: ("delta", text) events, then one ("answer", Answer) event.

        Raises:
            The errors of :meth:`ask`, before the first event.
        """
        return generative.stream(self, question, top_k, doc_ids, mode)

    def extract(self, question: str, top_k: int | None = None,
                doc_ids: list[str] | None = None) -> tuple[Retrieval, Answer]:
        """The retrieval and the extractive answer (see :meth:`ask`)."""
        top_k = top_k or self.settings.top_k
        t0 = time.perf_counter()
        found = self.retrieve(question, top_k, doc_ids)
        t1 = time.perf_counter()
        hits = list(found.hits)
        sentences = candidate_sentences(hits, self.index.chunks, self.retriever.sentence_rows,
                                        found.sentence_scores, self.index.sentences, found.tokens)
        route = found.route.kind if found.route else "hybrid"
        score = self.confidence(found)
        if found.route is None and score < self.settings.min_confidence:
            text, related = refusal(hits, sentences)
            citations = []
        else:
            overview = found.route is not None and not self._residual_terms(found)
            several = len(self.index.manifest["documents"]) > 1
            text, citations = compose_answer(hits, sentences, route, overview, top_k, found.tokens, several)
            related = []
        timings = {"retrieve": round((t1 - t0) * 1000, 2),
                   "answer": round((time.perf_counter() - t1) * 1000, 2)}
        return found, make_answer(question.strip(), text, not citations, citations, related, route, timings)

    def confidence(self, found: Retrieval) -> float:
        """Evidence confidence (0–1) that the top section answers the question.

        Zero for requests addressed to the assistant itself (instructions, chit-chat, writing
        tasks) and for questions asking for a kind of detail (date, money, company, person,
        contact) the top section does not contain.
        """
        if not found.hits:
            return 0.0
        top = found.hits[0]
        text = "".join(self.index.chunks[r].text for r in top.chunk_ids)
        if meta_request(found.question) or missing_answer_type(found.question, text):
            return 0.0
        coverage = self._coverage(found.question, text)
        glossary = load_glossary()
        foreign = any(t not in self.retriever.corpus_text and t not in glossary
                      for t in named_terms(found.question))
        contrast = background_contrast(found.query_vector, self.index.sentence_vectors,
                                       self.index.background_vectors, found.sentence_scores)
        signals = {"coverage": coverage, "foreign": float(foreign), "contrast": contrast}
        return confidence(signals, REFUSAL_PARAMS)

    def _coverage(self, question: str, text: str) -> float:
        """Share of the question's content terms found in ``text``.

        Chinese questions: jieba terms found verbatim. Other questions (e.g. English) cannot be
        compared with Chinese text word by word: they get a neutral 0.5 when the glossary knows at
        least one of their terms (a policy topic), else 0.
        """
        if has_cjk(question):
            terms = [t for t in tokenize(question, self.index.user_words) if has_cjk(t) or t.isdigit()]
            return sum(t in text for t in terms) / len(terms) if terms else 0.5
        return 0.5 if expand_terms(question, load_glossary()) else 0.0

    def _residual_terms(self, found: Retrieval) -> list[str]:
        reference = found.route.reference if found.route else ""
        rest = found.question.replace(reference, " ")
        titles = {h.chunk.title for h in found.hits if h.routed}
        return [t for t in tokenize(rest, self.index.user_words)
                if not any(t in title for title in titles) and t not in {"任务", "工作", "部分", "条"}]

    def _doc_filter(self, doc_ids: list[str] | None) -> set[str] | None:
        if not doc_ids:
            return None
        known = {d["doc_id"] for d in self.index.manifest["documents"]}
        unknown = [d for d in doc_ids if d not in known]
        if unknown:
            raise DocumentNotFoundError(f"未知文档 / unknown doc_id: {', '.join(unknown)}")
        return set(doc_ids)

    def documents(self) -> list[dict]:
        """The indexed documents: doc_id, title, path and section counts."""
        counts: dict[str, set] = {}
        for chunk in self.index.chunks:
            counts.setdefault(chunk.doc_id, set()).add(chunk.key)
        return [{**d, "sections": len(counts.get(d["doc_id"], ()))}
                for d in self.index.manifest["documents"]]

    def section(self, doc_id: str, number: int) -> list[Chunk]:
        """All chunks of a numbered leaf section of a document, in order.

        Raises:
            DocumentNotFoundError: If the document or the section does not exist.
        """
        self._doc_filter([doc_id])
        refs = self.retriever.refs
        leaf = {r.level for r in refs if r.key[0] == doc_id and r.number == number}
        chunks = [c for c in self.index.chunks if c.doc_id == doc_id and c.number == number
                  and c.level in leaf]
        if not chunks:
            raise DocumentNotFoundError(f"未找到第{number}项 / no section {number} in {doc_id}")
        return chunks

    def outline(self) -> list[dict]:
        """Each document's parts and their numbered sections, in document order (for browsing)."""
        return document_outline(self.index.manifest["documents"], self.index.chunks)

    @property
    def feedback(self) -> FeedbackStore:
        """The store of given answers and their ratings, under ``settings.data_dir`` (opened on first use)."""
        if self._feedback is None:
            with self._lock:
                if self._feedback is None:
                    self._feedback = FeedbackStore(self.settings.data_dir)
        return self._feedback

    # --- document trees (issue 11): thin delegations to assistant.ingest.outline
    def _manifest_entry(self, doc_id: str) -> dict:
        self._doc_filter([doc_id])
        return next(d for d in self.index.manifest["documents"] if d["doc_id"] == doc_id)

    def document_tree(self, doc_id: str) -> dict:
        """A document's metadata and whole tree (see :func:`assistant.ingest.outline.document_tree`).

        Raises:
            DocumentNotFoundError: For an unknown doc_id.
        """
        return outlines.document_tree(self._manifest_entry(doc_id), self.index.trees.get(doc_id, []))

    def unit(self, doc_id: str, path: str) -> dict:
        """One unit by path, with its children and whole text.

        Raises:
            DocumentNotFoundError: For an unknown doc_id or path.
        """
        return outlines.unit_record(self._manifest_entry(doc_id), self.index.trees.get(doc_id, []), path)

    def units_by_number(self, doc_id: str, number: int, level: str | None = None) -> list[dict]:
        """The units of a document a number may name (one: unambiguous; several: candidates)."""
        self._manifest_entry(doc_id)
        return outlines.units_by_number(self.index.trees.get(doc_id, []), number, level)


__all__ = ["Assistant", "IndexNotFoundError", "validate_question"]
