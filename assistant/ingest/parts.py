"""Building an index incrementally: per-document parts are embedded once and reused while unchanged.

A document's part (its chunks, sentence rows and vectors) is taken from the current index when its
sha256, the embedder and the chunking are the same, so adding, changing or removing one document
re-embeds only that document. The new index is written by :func:`assistant.index.write_index`
(temporary folder, then rename), under a lock file so that two ingests never interleave.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from assistant.ingest.chunking import build_chunks
from assistant.ingest.documents import Document
from assistant.ingest.structure import parse_tree
from assistant.ingest.tree import to_nodes
from assistant.records import Chunk
from assistant.store.embedders import Embedder
from assistant.store.folder import IndexData, embedding_text, sentence_text
from assistant.store.vector_cache import VectorCache, embed_with_cache
from assistant.text.sentences import split_sentences


@dataclass(frozen=True)
class DocPart:
    """One document's share of an index."""

    meta: dict  # doc_id, title, path, sha256, body_sha256, metadata
    chunks: list[Chunk]
    chunk_vectors: np.ndarray
    sentences: np.ndarray  # (n, 3): chunk row within this part, start, end
    sentence_vectors: np.ndarray
    tree: list[dict] = field(default_factory=list)  # Node.to_dict() of the top-level units


def sentence_rows(chunks: list[Chunk]) -> np.ndarray:
    """``(chunk row, start, end)`` of every sentence of the chunks."""
    rows = [(i, s, e) for i, c in enumerate(chunks) for s, e in split_sentences(c.text)]
    return np.asarray(rows, dtype=np.int32).reshape(-1, 3)


@dataclass(frozen=True)
class PreparedDocument:
    """A document chunked, with the texts to embed: its chunks, then its sentences."""

    doc: Document
    chunks: list[Chunk]
    rows: np.ndarray
    texts: list[str]
    tree: list[dict] = field(default_factory=list)


def document_meta(doc: Document) -> dict:
    """The manifest entry of a document (its chunk count is added when the index is written)."""
    metadata = doc.metadata.to_dict()
    metadata["title"] = metadata["title"] or doc.title
    return {"doc_id": doc.doc_id, "title": doc.title, "path": doc.path, "sha256": doc.sha256,
            "body_sha256": doc.body_sha256, "metadata": metadata}


def prepare_document(doc: Document, chunking: dict) -> PreparedDocument:
    """Parse and chunk one document and list the texts to embed (chunk passages, then sentences)."""
    root = parse_tree(doc.text)
    chunks = build_chunks(doc.text, doc.doc_id, doc.title, chunking["max_chars"], chunking["overlap"], root)
    rows = sentence_rows(chunks)
    texts = [embedding_text(c) for c in chunks]
    texts += [sentence_text(chunks[r], chunks[r].text[s:e]) for r, s, e in rows]
    tree = [n.to_dict() for n in to_nodes(doc.text, root)]
    return PreparedDocument(doc, chunks, rows, texts, tree)


def embed_document(prepared: PreparedDocument, embedder: Embedder, progress=None,
                   cache: VectorCache | None = None) -> DocPart:
    """Embed one prepared document.

    Args:
        prepared: Output of :func:`prepare_document`.
        embedder: The passage embedder.
        progress: A tqdm bar to advance by the number of texts embedded (optional).
        cache: Vectors of an interrupted ingest, read back and added to (optional).
    """
    chunks, rows, texts = prepared.chunks, prepared.rows, prepared.texts
    update = progress.update if progress is not None else None
    if cache is not None:
        vectors = embed_with_cache(embedder.embed_passages, texts, cache, batch=256, progress=update)
    else:
        vectors = np.zeros((len(texts), embedder.dim), dtype=np.float32)
        for i in range(0, len(texts), 32):
            vectors[i : i + 32] = embedder.embed_passages(texts[i : i + 32])
            if update is not None:
                update(len(texts[i : i + 32]))
    return DocPart(document_meta(prepared.doc), chunks, vectors[: len(chunks)], rows,
                   vectors[len(chunks) :], prepared.tree)


def existing_parts(index: IndexData) -> dict[str, DocPart]:
    """Split a loaded index back into its documents' parts (vectors read back from FAISS)."""
    chunk_vectors = index.faiss_index.reconstruct_n(0, index.faiss_index.ntotal)
    parts = {}
    for meta in index.manifest["documents"]:
        rows = [i for i, c in enumerate(index.chunks) if c.doc_id == meta["doc_id"]]
        first = rows[0] if rows else 0  # a document without chunks keeps an empty part
        mask = np.isin(index.sentences[:, 0], rows)
        sentences = index.sentences[mask].copy()
        sentences[:, 0] -= first
        parts[meta["doc_id"]] = DocPart(
            meta={k: v for k, v in meta.items() if k != "chunks"},
            chunks=[index.chunks[i] for i in rows], chunk_vectors=chunk_vectors[rows],
            sentences=sentences, sentence_vectors=index.sentence_vectors[mask],
            tree=index.trees.get(meta["doc_id"], []))
    return parts


def plan_parts(documents: list[Document], keep: dict[str, DocPart], reusable: dict[str, DocPart]
               ) -> tuple[list[Document], list[str]]:
    """Decide which documents need embedding (pure).

    Args:
        documents: Documents read from disk now.
        keep: Parts of documents that stay in the index without being re-read.
        reusable: Parts of the current index (empty when the embedder or chunking changed).

    Returns:
        The documents to embed, and the final order of doc_ids.
    """
    order = list(keep)
    to_embed = []
    for doc in documents:
        old = reusable.get(doc.doc_id)
        if old is None or any(old.meta.get(k) != v for k, v in document_meta(doc).items() if k != "path"):
            # a changed file, or the same file read differently now (text, title or metadata)
            to_embed.append(doc)
        if doc.doc_id not in order:
            order.append(doc.doc_id)
    return to_embed, order


@contextlib.contextmanager
def ingest_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``.<index>.lock`` beside the index while building it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.parent / f".{path.name}.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def remove_stale_temporaries(path: Path) -> list[Path]:
    """Delete temporary folders left by ingests that were killed (their process is gone)."""
    removed = []
    for tmp in path.parent.glob(f".{path.name}.tmp-*"):
        pid = tmp.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(tmp, ignore_errors=True)
            removed.append(tmp)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
