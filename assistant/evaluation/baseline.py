"""The plain LangChain baseline: 500/50 character chunks, a FAISS store, the same embedder, top-k."""

from __future__ import annotations

import re
import sys
import time
import warnings
from collections.abc import Sequence

from assistant.evaluation.paths import unit_aliases
from assistant.evaluation.scoring import BASELINE, clear_query_cache, gold_labels, question_result, task_labels
from assistant.text.numerals import cn_to_int

CHUNK_SIZE, CHUNK_OVERLAP = 500, 50
# A task label at the very start of a chunk, either bracket width: "(十七)" or "（十七）".
_LABEL_RE = re.compile(r"^\s*[（(]([一二三四五六七八九十百零〇两]+)[)）]")


def chunk_number(text: str) -> int | None:
    """The task number a chunk happens to start with (e.g. "(十七)夯实…" -> 17), else None."""
    match = _LABEL_RE.match(text)
    if not match:
        return None
    try:
        return cn_to_int(match.group(1))
    except ValueError:
        return None


def build_store(documents: Sequence, embedder):
    """Split the documents with RecursiveCharacterTextSplitter and index them in a FAISS store.

    Uses ``langchain_community.vectorstores.FAISS`` with its defaults (imported here, so the
    assistant itself never imports langchain-community).

    Args:
        documents: :class:`assistant.documents.Document` objects.
        embedder: A LangChain ``Embeddings`` (the assistant's own embedder).
    """
    from langchain_core.documents import Document as LCDocument
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # langchain-community announces its sunset on import
        from langchain_community.vectorstores import FAISS

    splitter = RecursiveCharacterTextSplitter(chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP)
    pieces = splitter.split_documents(
        [LCDocument(page_content=d.text, metadata={"doc_id": d.doc_id}) for d in documents])
    return FAISS.from_documents(pieces, embedder)


def baseline_answer(store, question: str, k: int) -> dict:
    """Search the store; the "answer" is the best chunk verbatim, citations carry chunk numbers."""
    found = store.similarity_search(question, k=k)
    citations = [{"doc_id": d.metadata.get("doc_id"), "number": chunk_number(d.page_content)}
                 for d in found]
    text = found[0].page_content if found else ""
    return {"answer": text, "refused": False, "citations": citations, "route": BASELINE}


def run_baseline(assistant, gold: Sequence[dict], k: int = 5, progress: bool = False) -> list[dict]:
    """Run the gold questions through the baseline; results have the runner's shape.

    The baseline never refuses and has no answer writer: its answer text is its top chunk, so its
    label and facts figures say what that chunk contains.
    """
    from tqdm import tqdm

    from assistant.ingest.documents import load_documents

    documents, _ = load_documents([assistant.settings.corpus_dir])
    store = build_store(documents, assistant.embedder)
    labels = task_labels(assistant.index.chunks)
    aliases = unit_aliases(assistant.index.trees)
    results = []
    clear_query_cache(assistant.embedder)
    for row in tqdm(gold, desc=BASELINE, unit="题", disable=not progress, file=sys.stderr):
        started = time.perf_counter()
        answer = baseline_answer(store, row["question"], k)
        latency = (time.perf_counter() - started) * 1000
        results.append(question_result(row, answer, latency, BASELINE, gold_labels(row, labels),
                                       aliases))
    return results
