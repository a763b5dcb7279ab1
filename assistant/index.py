"""The on-disk index: a folder of plain files (FAISS, BM25, JSON Lines, NumPy) plus a manifest.

Layout of ``index/``::

    manifest.json      format version, embedder name and dimension, chunking, sha256 per document
    chunks.jsonl       one chunk a line (text, label, offsets …)
    chunks.faiss       FAISS IndexFlatIP over L2-normalised chunk vectors
    sentences.jsonl    [chunk row, start, end] of every sentence, offsets within the chunk
    sentences.npy      sentence vectors (float32, unit length), for choosing answer sentences
    userdict.txt       corpus terms added to jieba (quoted “…” and 《…》 phrases)
    bm25/              bm25s index over jieba tokens (NumPy arrays and JSON, no pickle)

An index is written to a temporary sibling folder and renamed into place, so readers see the old
index or the new one, never half of one.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .chunking import build_chunks
from .documents import Document
from .embedders import Embedder
from .errors import IndexFormatError, IndexNotFoundError
from .records import Chunk
from .text import split_sentences, tokenize

FORMAT_VERSION = 1
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


def passage_text(chunk: Chunk) -> str:
    """Text embedded for a chunk: its part title gives the task its context."""
    return f"{chunk.part_title}\n{chunk.text}" if chunk.part_title else chunk.text


def sentence_text(chunk: Chunk, sentence: str) -> str:
    """Text embedded for a sentence: prefixed by its task title."""
    return f"{chunk.title}：{sentence}" if chunk.title else sentence


def corpus_terms(texts: list[str]) -> list[str]:
    """Return the quoted (“…”) and titled (《…》) phrases of the texts, sorted, for jieba."""
    return sorted({m.group(1).strip() for t in texts for m in _TERM_RE.finditer(t)})


def chunking_params(max_chars: int, overlap: int) -> dict:
    """The chunking part of the manifest; a change in it forces a rebuild."""
    return {"parser": "numbering-v1", "max_chars": max_chars, "overlap": overlap}


def read_manifest(path: Path) -> dict | None:
    """Return the manifest of an index folder, or None if there is none."""
    try:
        return json.loads((path / "manifest.json").read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return None


def is_current(path: Path, documents: list[Document], embedder: Embedder, chunking: dict) -> bool:
    """True if the index at ``path`` was built from exactly these documents and settings."""
    manifest = read_manifest(path)
    if not manifest or manifest.get("format_version") != FORMAT_VERSION:
        return False
    wanted = {d.doc_id: d.sha256 for d in documents}
    have = {d["doc_id"]: d["sha256"] for d in manifest.get("documents", [])}
    return (wanted == have and manifest.get("chunking") == chunking
            and manifest.get("embedder", {}).get("name") == embedder.name)


def _sentence_rows(chunks: list[Chunk]) -> np.ndarray:
    rows = [(i, s, e) for i, c in enumerate(chunks) for s, e in split_sentences(c.text)]
    return np.asarray(rows, dtype=np.int32).reshape(-1, 3)


def _embed(embedder: Embedder, texts: list[str], desc: str, progress: bool) -> np.ndarray:
    from tqdm import tqdm

    out = np.zeros((len(texts), embedder.dim), dtype=np.float32)
    step = 32
    with tqdm(total=len(texts), desc=desc, unit="段", disable=not progress) as bar:
        for i in range(0, len(texts), step):
            out[i : i + step] = embedder.embed_passages(texts[i : i + step])
            bar.update(len(texts[i : i + step]))
    return out


def build_index(documents: list[Document], embedder: Embedder, path: Path, chunking: dict,
                progress: bool = True) -> dict:
    """Chunk, embed and write an index for ``documents`` to ``path`` (atomically).

    Args:
        documents: The documents to index.
        embedder: The passage embedder.
        path: The index folder; replaced when the new index is complete.
        chunking: Output of :func:`chunking_params`.
        progress: Show progress bars on stderr.

    Returns:
        The new manifest.
    """
    import faiss

    chunks = [c for d in documents for c in build_chunks(d.text, d.doc_id, d.title,
                                                         chunking["max_chars"], chunking["overlap"])]
    terms = corpus_terms([d.text for d in documents])
    sentences = _sentence_rows(chunks)
    chunk_vectors = _embed(embedder, [passage_text(c) for c in chunks], "嵌入章节", progress)
    sentence_vectors = _embed(
        embedder, [sentence_text(chunks[r], chunks[r].text[s:e]) for r, s, e in sentences],
        "嵌入句子", progress)
    tmp = path.parent / f".{path.name}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    with open(tmp / "chunks.jsonl", "w", encoding="utf-8") as fh:
        for chunk in chunks:
            fh.write(json.dumps(chunk.to_dict(), ensure_ascii=False) + "\n")
    flat = faiss.IndexFlatIP(embedder.dim)
    flat.add(chunk_vectors)
    faiss.write_index(flat, str(tmp / "chunks.faiss"))
    with open(tmp / "sentences.jsonl", "w", encoding="utf-8") as fh:
        for row in sentences.tolist():
            fh.write(json.dumps(row) + "\n")
    np.save(tmp / "sentences.npy", sentence_vectors, allow_pickle=False)
    (tmp / "userdict.txt").write_text("\n".join(terms) + "\n", encoding="utf-8")
    _write_bm25(chunks, terms, tmp / "bm25")
    manifest = {
        "format_version": FORMAT_VERSION,
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "embedder": {"name": embedder.name, "dim": embedder.dim},
        "chunking": chunking,
        "counts": {"documents": len(documents), "chunks": len(chunks),
                   "sentences": len(sentences)},
        "documents": [
            {"doc_id": d.doc_id, "title": d.title, "path": d.path, "sha256": d.sha256,
             "chunks": sum(c.doc_id == d.doc_id for c in chunks)}
            for d in documents
        ],
    }
    (tmp / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2),
                                       encoding="utf-8")
    _swap_into_place(tmp, path)
    return manifest


def _write_bm25(chunks: list[Chunk], terms: list[str], path: Path) -> None:
    import bm25s

    corpus_tokens = [tokenize(passage_text(c), terms) or [""] for c in chunks]
    retriever = bm25s.BM25()
    retriever.index(corpus_tokens, show_progress=False)
    retriever.save(str(path), show_progress=False)


def _swap_into_place(tmp: Path, path: Path) -> None:
    old = path.parent / f".{path.name}.old-{os.getpid()}"
    if path.exists():
        os.rename(path, old)
    os.rename(tmp, path)
    shutil.rmtree(old, ignore_errors=True)


def _recover(path: Path) -> None:
    """Put back an old index left aside by a swap that was interrupted between its renames."""
    if path.exists():
        return
    olds = sorted(path.parent.glob(f".{path.name}.old-*"), key=lambda p: p.stat().st_mtime)
    if olds and (olds[-1] / "manifest.json").is_file():
        os.rename(olds[-1], path)


def load_index(path: Path) -> IndexData:
    """Load an index folder.

    Raises:
        IndexNotFoundError: If there is no index at ``path``.
        IndexFormatError: If the folder is incomplete or of another format version.
    """
    import bm25s
    import faiss

    _recover(path)
    manifest = read_manifest(path)
    if manifest is None:
        raise IndexNotFoundError(f"索引不存在 / no index at {path}; run `policyqa ingest`")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise IndexFormatError(f"索引版本不符 / index format {manifest.get('format_version')} "
                               f"!= {FORMAT_VERSION}; run `policyqa ingest`")
    try:
        with open(path / "chunks.jsonl", encoding="utf-8") as fh:
            chunks = [Chunk.from_dict(json.loads(line)) for line in fh if line.strip()]
        with open(path / "sentences.jsonl", encoding="utf-8") as fh:
            sentences = np.asarray([json.loads(line) for line in fh if line.strip()],
                                   dtype=np.int32).reshape(-1, 3)
        data = IndexData(
            path=path, manifest=manifest, chunks=chunks,
            faiss_index=faiss.read_index(str(path / "chunks.faiss")),
            bm25=bm25s.BM25.load(str(path / "bm25"), show_progress=False),
            sentences=sentences,
            sentence_vectors=np.load(path / "sentences.npy", allow_pickle=False),
            user_words=tuple(w for w in (path / "userdict.txt").read_text(
                encoding="utf-8").splitlines() if w),
        )
    except (OSError, ValueError, RuntimeError, TypeError) as exc:
        raise IndexFormatError(f"索引损坏 / index at {path} is damaged: {exc}") from exc
    if data.faiss_index.ntotal != len(chunks) or len(data.sentence_vectors) != len(sentences):
        raise IndexFormatError(f"索引不完整 / index at {path} is inconsistent; run `policyqa ingest`")
    return data
