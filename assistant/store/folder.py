"""The on-disk index: a folder of plain files (FAISS, BM25, JSON Lines, NumPy) plus a manifest.

Layout of ``index/``::

    manifest.json      format version, generation, embedder name and dimension, chunking, and per document
                       its sha256, body_sha256 and metadata (title, issuer, doc_number, dates, history …)
    chunks.jsonl       one chunk a line (text, label, offsets …)
    chunks.faiss       FAISS IndexFlatIP over L2-normalised chunk vectors
    sentences.jsonl    [chunk row, start, end] of every sentence, offsets within the chunk
    sentences.npy      sentence vectors (float32, unit length), for choosing answer sentences
    background.npy     vectors of the background sentences (topics not covered), for refusing
    userdict.txt       corpus terms added to jieba (quoted “…” and 《…》 phrases)
    outline.jsonl      one document a line: {"doc_id", "tree": [Node.to_dict() …]} (levels, paths, texts)
    refusal.json       refusal model fitted at ingest (weights, background kept, probe counts); absent: defaults
    bm25/              bm25s index over jieba tokens (NumPy arrays and JSON, no pickle)

An index is written to a temporary sibling folder and renamed into place, so readers see the old
index or the new one, never half of one. Every write raises the manifest's ``generation`` by one, so
a long-running reader notices a new index by reading the manifest alone (:func:`read_generation`).
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from assistant.errors import IndexFormatError, IndexNotFoundError
from assistant.records import Chunk
from assistant.store.background import background_digest, load_background
from assistant.store.embedders import Embedder
from assistant.store.swap import fresh_folder, swap_into_place
from assistant.text.chinese import tokenize

# 4: document trees (outline.jsonl), metadata in the manifest, chunks by article / smallest unit.
FORMAT_VERSION = 4
# From this many chunks on, chunks.faiss is an approximate HNSW graph (inner product) instead of an
# exact flat index: at 100,000 chunks it answers in ~1 ms instead of ~10-40 ms with recall@10 ≥ 0.95
# against exact search (see README "Performance"). Both kinds load the same way.
ANN_MIN_CHUNKS = 50_000
HNSW_M, HNSW_EF_CONSTRUCTION, HNSW_EF_SEARCH = 32, 80, 256
_TERM_RE = re.compile(r"[“《]([^”》“《\n]{2,12})[”》]")


@dataclass
class IndexData:
    """A loaded index, ready for search."""

    path: Path
    manifest: dict
    chunks: list[Chunk]
    faiss_index: object
    bm25: object
    sentences: np.ndarray  # (n, 3) int32: chunk row, start, end
    sentence_vectors: np.ndarray
    user_words: tuple[str, ...]
    background_vectors: np.ndarray  # (m, dim) float32, embedded as queries
    trees: dict[str, list[dict]] = field(default_factory=dict)  # doc_id -> top-level Node dicts
    refusal: dict = field(default_factory=dict)  # refusal.json: {"params", "background_keep", …}


def passage_text(chunk: Chunk) -> str:
    """Text embedded (and indexed for BM25) for a chunk: its part title and, for a piece of a long
    unit, the unit's lead-in give it its context."""
    return "\n".join(t for t in (chunk.part_title, chunk.context, chunk.text) if t)


def embedding_text(chunk: Chunk) -> str:
    """Text embedded for a chunk: its document's title above :func:`passage_text` (BM25 keeps that),
    so a chunk is found under the subject its document is about (calibration hit@1 +0.03)."""
    return "\n".join(t for t in (chunk.doc_title, passage_text(chunk)) if t)


def sentence_text(chunk: Chunk, sentence: str) -> str:
    """Text embedded for a sentence: its unit's title, else its part's, before it and its document's
    title above, as for a chunk (real-document calibration: paraphrase hit@1 0.708 -> 0.764)."""
    head = f"{chunk.title}：{sentence}" if chunk.title else sentence
    return "\n".join(t for t in (chunk.doc_title, head) if t)


def corpus_terms(texts: list[str]) -> list[str]:
    """Return the quoted (“…”) and titled (《…》) phrases of the texts, sorted, for jieba."""
    return sorted({m.group(1).strip() for t in texts for m in _TERM_RE.finditer(t)})


def chunking_params(max_chars: int, overlap: int) -> dict:
    """The chunking part of the manifest; a change in it forces a rebuild."""
    return {"parser": "tree-v3", "embedded": "titled-sentences", "max_chars": max_chars, "overlap": overlap}


def read_manifest(path: Path) -> dict | None:
    """Return the manifest of an index folder, or None if there is none."""
    try:
        return json.loads((path / "manifest.json").read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return None


def read_generation(path: Path) -> int | None:
    """The ``generation`` of the index at ``path`` (0 for an index written before generations were
    counted), or None when there is no readable manifest. Reads the manifest only."""
    manifest = read_manifest(path)
    if not isinstance(manifest, dict):
        return None
    generation = manifest.get("generation", 0)
    return generation if isinstance(generation, int) else 0


def reusable(manifest: dict | None, embedder: Embedder, chunking: dict) -> bool:
    """True if vectors of an index with this manifest can be reused with these settings."""
    return bool(manifest and manifest.get("format_version") == FORMAT_VERSION
                and manifest.get("chunking") == chunking
                and manifest.get("embedder", {}).get("name") == embedder.name)


def embed_background(embedder: Embedder, texts: tuple[str, ...]) -> np.ndarray:
    """Embed the background sentences; they are written as questions, so they take the query role."""
    out = np.zeros((len(texts), embedder.dim), dtype=np.float32)
    for i, text in enumerate(texts):
        out[i] = embedder.embed_query_vector(text)
    return out


def chunk_index(vectors: np.ndarray, ann_min_chunks: int = ANN_MIN_CHUNKS):
    """A FAISS index over unit chunk vectors: exact ``IndexFlatIP``, or HNSW from ``ann_min_chunks`` on."""
    import faiss

    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    dim = vectors.shape[1]
    if len(vectors) >= ann_min_chunks:
        index = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        index.add(vectors)
        index.hnsw.efSearch = HNSW_EF_SEARCH  # saved with the index
        return index
    index = faiss.IndexFlatIP(dim)
    index.add(vectors)
    return index


def write_index(parts: list, embedder: Embedder, path: Path, chunking: dict,
                background_vectors: np.ndarray, ann_min_chunks: int = ANN_MIN_CHUNKS,
                finish: Callable[[Path], None] | None = None) -> dict:
    """Write an index from documents' parts (see ``assistant.builder.DocPart``), atomically.

    Args:
        parts: One part per document, in index order.
        embedder: The embedder the vectors came from (name and dimension go in the manifest).
        path: The index folder, replaced when the new one is complete (under the writer lock).
        chunking: Output of :func:`chunking_params`.
        background_vectors: Vectors of ``assistant/background.txt``.
        ann_min_chunks: Chunk count from which the dense index is HNSW, not exact.
        finish: Called on the complete temporary folder before the rename (writes refusal.json).

    Returns: The new manifest.
    """
    import faiss

    chunks = [c for p in parts for c in p.chunks]
    offsets = np.cumsum([0] + [len(p.chunks) for p in parts])
    sentences = np.concatenate([p.sentences + np.array([o, 0, 0], dtype=np.int32)
                                for p, o in zip(parts, offsets, strict=False)] or
                               [np.zeros((0, 3), dtype=np.int32)])
    dim = embedder.dim
    chunk_vectors = np.concatenate([p.chunk_vectors for p in parts] or [np.zeros((0, dim))])
    sentence_vectors = np.concatenate([p.sentence_vectors for p in parts] or [np.zeros((0, dim))])
    terms = corpus_terms([c.text for c in chunks])
    tmp = fresh_folder(path.parent / f".{path.name}.tmp-{os.getpid()}")
    _write_jsonl(tmp / "chunks.jsonl", (chunk.to_dict() for chunk in chunks))
    faiss.write_index(chunk_index(chunk_vectors.reshape(-1, dim), ann_min_chunks), str(tmp / "chunks.faiss"))
    _write_jsonl(tmp / "sentences.jsonl", sentences.tolist())
    np.save(tmp / "sentences.npy", sentence_vectors.astype(np.float32), allow_pickle=False)
    np.save(tmp / "background.npy", background_vectors.astype(np.float32), allow_pickle=False)
    (tmp / "userdict.txt").write_text("\n".join(terms) + "\n", encoding="utf-8")
    _write_outline(parts, tmp / "outline.jsonl")
    _write_bm25(chunks, terms, tmp / "bm25")
    manifest = _manifest(parts, embedder, chunking, (read_generation(path) or 0) + 1,
                         {"documents": len(parts), "chunks": len(chunks), "sentences": len(sentences)})
    (tmp / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2),
                                       encoding="utf-8")
    if finish is not None:
        finish(tmp)
    swap_into_place(tmp, path)
    return manifest


def _manifest(parts: list, embedder: Embedder, chunking: dict, generation: int, counts: dict) -> dict:
    """The manifest of a new index: format, generation (one more than the index it replaces), time,
    embedder, chunking, background digest, counts and the documents' entries."""
    return {
        "format_version": FORMAT_VERSION,
        "generation": generation,
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "embedder": {"name": embedder.name, "dim": embedder.dim},
        "chunking": chunking,
        "background": background_digest(load_background()),
        "counts": counts,
        "documents": [{**p.meta, "chunks": len(p.chunks)} for p in parts],
    }


def _write_jsonl(path: Path, rows: Iterable) -> None:
    """Write one JSON value a line (UTF-8, not ASCII-escaped)."""
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def _write_outline(parts: list, path: Path) -> None:
    _write_jsonl(path, ({"doc_id": part.meta["doc_id"], "tree": getattr(part, "tree", [])} for part in parts))


def _write_bm25(chunks: list[Chunk], terms: list[str], path: Path) -> None:
    import bm25s

    corpus_tokens = [tokenize(passage_text(c), terms) or [""] for c in chunks]
    retriever = bm25s.BM25()
    retriever.index(corpus_tokens, show_progress=False)
    retriever.save(str(path), show_progress=False)


_ROW_PUNCTUATION = str.maketrans("[],", "   ")


def _read_sentence_rows(path: Path) -> np.ndarray:
    """``sentences.jsonl`` (one ``[row, start, end]`` a line) as an ``(n, 3)`` int32 array.

    Parsed as one string of integers rather than line by line with ``json`` (10x faster at 300,000
    sentences); a malformed file raises ValueError.
    """
    numbers = path.read_text(encoding="utf-8").translate(_ROW_PUNCTUATION).split()
    return np.asarray(numbers, dtype=np.int64).astype(np.int32).reshape(-1, 3)


def _read_trees(path: Path) -> dict[str, list[dict]]:
    with open(path, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return {row["doc_id"]: row["tree"] for row in rows}


def _read_refusal(path: Path) -> dict:
    """``refusal.json`` as a dict; {} when absent (an index built before calibration)."""
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {}


def write_refusal(folder: Path, data: dict) -> None:
    """Write ``refusal.json`` into an index folder atomically (temporary file, then rename)."""
    tmp = folder / f".refusal.json.tmp-{os.getpid()}"
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, folder / "refusal.json")


def load_index(path: Path) -> IndexData:
    """Load an index folder (never changes it: an interrupted swap is put right by the next writer,
    see :func:`recover_swap`).

    Raises:
        IndexNotFoundError: If there is no index at ``path``.
        IndexFormatError: If the folder is incomplete or of another format version.
    """
    import bm25s
    import faiss

    manifest = read_manifest(path)
    if manifest is None:
        raise IndexNotFoundError(f"索引不存在 / no index at {path}; run `policyqa ingest`")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise IndexFormatError(f"索引版本不符 / index format {manifest.get('format_version')} "
                               f"!= {FORMAT_VERSION}; run `policyqa ingest`")
    try:
        with open(path / "chunks.jsonl", encoding="utf-8") as fh:
            chunks = [Chunk.from_dict(json.loads(line)) for line in fh if line.strip()]
        sentences = _read_sentence_rows(path / "sentences.jsonl")
        data = IndexData(
            path=path, manifest=manifest, chunks=chunks,
            faiss_index=faiss.read_index(str(path / "chunks.faiss")),
            bm25=bm25s.BM25.load(str(path / "bm25"), show_progress=False),
            sentences=sentences,
            # memory-mapped: a large library's sentence vectors are paged in as they are used
            sentence_vectors=np.load(path / "sentences.npy", mmap_mode="r", allow_pickle=False),
            user_words=tuple(w for w in (path / "userdict.txt").read_text(
                encoding="utf-8").splitlines() if w),
            background_vectors=np.load(path / "background.npy", allow_pickle=False),
            trees=_read_trees(path / "outline.jsonl"),
            refusal=_read_refusal(path / "refusal.json"),
        )
    except (OSError, ValueError, RuntimeError, TypeError, KeyError) as exc:
        raise IndexFormatError(f"索引损坏 / index at {path} is damaged: {exc}") from exc
    if data.faiss_index.ntotal != len(chunks) or len(data.sentence_vectors) != len(sentences):
        raise IndexFormatError(f"索引不完整 / index at {path} is inconsistent; run `policyqa ingest`")
    return data
