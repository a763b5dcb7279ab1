"""An in-memory :class:`IndexData` assembled from documents read out of PostgreSQL.

The snapshot is the same structure the folder backend loads (FAISS over the chunk vectors, bm25s
over jieba tokens with the corpus terms, sentence rows and vectors, background vectors), so that
retrieval and refusal give the same results on both backends. Parts of documents that did not
change since the previous snapshot are reused; the BM25 index is rebuilt from the (cached) tokens.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from assistant.records import Chunk
from assistant.store.folder import (
    ANN_MIN_CHUNKS,
    FORMAT_VERSION,
    IndexData,
    chunk_index,
    corpus_terms,
    passage_text,
)
from assistant.text.chinese import tokenize


@dataclass(frozen=True)
class StoredPart:
    """One document as stored: its manifest entry, chunks, sentence rows and vectors."""

    meta: dict  # doc_id, title, path, sha256 (+ whatever ingest put in the manifest entry)
    version: int  # the generation that wrote the document
    chunks: list[Chunk]
    chunk_vectors: np.ndarray  # (chunks, dim) float32
    sentences: np.ndarray  # (n, 3) int32: chunk row within the document, start, end
    sentence_vectors: np.ndarray  # (n, dim) float32
    tree: list[dict] = field(default_factory=list)  # Node.to_dict() of the top-level units


@dataclass
class _Tokens:
    version: int
    sha256: str
    terms_digest: str
    tokens: list[list[str]]


def _digest(terms: list[str]) -> str:
    return hashlib.sha256("\n".join(terms).encode("utf-8")).hexdigest()


class TokenCache:
    """jieba tokens of each document's passages, valid while its version, sha256 and the corpus terms stay.

    (The sha256 too: a writer assembles the index inside its transaction, and if that rolls back,
    another document may later be written under the same doc_id and version.)
    """

    def __init__(self) -> None:
        self._docs: dict[str, _Tokens] = {}

    def tokens(self, part: StoredPart, terms: list[str], digest: str) -> list[list[str]]:
        doc_id = part.meta["doc_id"]
        cached, sha = self._docs.get(doc_id), str(part.meta.get("sha256", ""))
        if cached is None or (cached.version, cached.sha256, cached.terms_digest) != (part.version, sha, digest):
            tokens = [tokenize(passage_text(c), terms) or [""] for c in part.chunks]
            cached = self._docs[doc_id] = _Tokens(part.version, sha, digest, tokens)
        return cached.tokens

    def keep_only(self, doc_ids: set[str]) -> None:
        """Forget documents that are gone."""
        for doc_id in [d for d in self._docs if d not in doc_ids]:
            del self._docs[doc_id]


def assemble(parts: list[StoredPart], settings: dict, background_vectors: np.ndarray, label: str,
             token_cache: TokenCache | None = None, ann_min_chunks: int = ANN_MIN_CHUNKS) -> IndexData:
    """Build the in-memory index of ``parts`` (in index order).

    Args:
        parts: The documents, in index order.
        settings: ``embedder`` ({name, dim}), ``chunking``, ``background`` digest and ``refusal`` (the
            calibrated refusal model, see :mod:`assistant.answer.corpus_refusal`; may be absent) of the index.
        background_vectors: ``(m, dim)`` float32 vectors of the background sentences.
        label: Stands in for the folder path in ``IndexData.path`` (the redacted database URL).
        token_cache: Tokens of earlier snapshots, reused while unchanged.
        ann_min_chunks: Chunk count from which the dense index is HNSW (as in the folder backend).
    """
    import bm25s

    dim = int(settings["embedder"]["dim"])
    chunks = [c for p in parts for c in p.chunks]
    offsets = np.cumsum([0] + [len(p.chunks) for p in parts])
    sentences = np.concatenate([p.sentences + np.array([o, 0, 0], dtype=np.int32)
                                for p, o in zip(parts, offsets, strict=False)] or
                               [np.zeros((0, 3), dtype=np.int32)]).astype(np.int32)
    chunk_vectors = np.concatenate([p.chunk_vectors for p in parts] or [np.zeros((0, dim))]).astype(np.float32)
    sentence_vectors = np.concatenate([p.sentence_vectors for p in parts]
                                      or [np.zeros((0, dim))]).astype(np.float32)
    terms = corpus_terms([c.text for c in chunks])
    cache = token_cache or TokenCache()
    digest = _digest(terms)
    corpus_tokens = [t for p in parts for t in cache.tokens(p, terms, digest)]
    cache.keep_only({p.meta["doc_id"] for p in parts})
    bm25 = bm25s.BM25()
    bm25.index(corpus_tokens, show_progress=False)
    manifest = {
        "format_version": FORMAT_VERSION,
        "backend": "postgresql",
        "embedder": settings["embedder"],
        "chunking": settings["chunking"],
        "background": settings.get("background", ""),
        "counts": {"documents": len(parts), "chunks": len(chunks), "sentences": len(sentences)},
        "documents": [{**p.meta, "chunks": len(p.chunks)} for p in parts],
    }
    return IndexData(path=Path(label), manifest=manifest, chunks=chunks,
                     faiss_index=chunk_index(chunk_vectors.reshape(-1, dim), ann_min_chunks),
                     bm25=bm25, sentences=sentences.reshape(-1, 3), sentence_vectors=sentence_vectors,
                     user_words=tuple(terms), background_vectors=background_vectors.astype(np.float32),
                     trees={p.meta["doc_id"]: p.tree for p in parts}, refusal=dict(settings.get("refusal") or {}))
