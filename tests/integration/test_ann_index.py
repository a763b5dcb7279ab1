"""Large libraries get an HNSW chunk index: same loading, same answers at the top, document filters."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from assistant.ingest.parts import existing_parts
from assistant.retrieve.hybrid import HybridRetriever
from assistant.store.folder import chunk_index, chunking_params, load_index, write_index
from assistant.text.chinese import normalize_query


def test_chunk_index_switches_to_hnsw_at_the_threshold() -> None:
    vectors = np.eye(8, dtype=np.float32)
    assert type(chunk_index(vectors, ann_min_chunks=9)).__name__ == "IndexFlatIP"
    hnsw = chunk_index(vectors, ann_min_chunks=8)
    assert "HNSW" in type(hnsw).__name__ and hnsw.ntotal == 8
    _, ids = hnsw.search(vectors[3:4], 1)
    assert ids[0][0] == 3


def test_hnsw_index_answers_like_the_exact_one(assistant, e5, tmp_path: Path) -> None:
    exact = assistant.index
    path = tmp_path / "ann-index"
    parts = list(existing_parts(exact).values())
    write_index(parts, e5, path, chunking_params(200, 0), exact.background_vectors, ann_min_chunks=1)
    approximate = load_index(path)
    assert "HNSW" in type(approximate.faiss_index).__name__
    question = normalize_query("全市数据中心标准机架总数的目标是多少？")
    ours = HybridRetriever(approximate, e5)
    assert ours.approximate
    top = ours.retrieve(question, 3).hits
    assert top[0].chunk.label == HybridRetriever(exact, e5).retrieve(question, 3).hits[0].chunk.label == "（十七）"
    doc_id = top[0].chunk.doc_id
    filtered = ours.retrieve(question, 3, {doc_id}).hits
    assert filtered and all(h.chunk.doc_id == doc_id for h in filtered)
