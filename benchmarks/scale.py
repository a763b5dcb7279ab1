"""``scale``: a synthetic library of 100,000 chunks (1,000 documents x 100 tasks).

Two things are measured and named apart in the results:
- ``dense``: FAISS alone, exact ``IndexFlatIP`` against approximate ``IndexHNSWFlat`` (inner
  product), search latency of one query at a time and recall@10 of HNSW against exact, over the
  real e5 query vectors of the gold and calibration questions.
- ``full``: the real index writer (BM25 over jieba tokens, FAISS, sentence vectors) and, in a child
  process, the whole ``HybridRetriever.retrieve`` and ``Assistant.ask`` over it: build time, size on
  disk, load time, peak RSS, latency.
Chunk vectors are real e5 vectors where the cache has them, else composed (see ``vectors``).
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from pathlib import Path

import numpy as np

from benchmarks.common import ROOT, env_for, percentile, questions, run_peak
from benchmarks.synth import SynthChunk, load_plan, synth_chunks
from benchmarks.vectors import SCALE_DOCS, chunk_vectors, component_vectors, open_cache

EF_SEARCH = (16, 32, 64, 128, 256)


def _timed_search(index, queries: np.ndarray, k: int = 10) -> tuple[np.ndarray, list[float]]:
    ids, times = np.zeros((len(queries), k), dtype=np.int64), []
    for i, query in enumerate(queries):
        started = time.perf_counter()
        _, found = index.search(query.reshape(1, -1), k)
        times.append((time.perf_counter() - started) * 1000)
        ids[i] = found[0]
    return ids, times


def _latency(times: list[float]) -> dict:
    return {"p50_ms": round(percentile(times, 50), 2), "p95_ms": round(percentile(times, 95), 2)}


def dense(vectors: np.ndarray, queries: np.ndarray, m: int = 32, ef_construction: int = 80) -> dict:
    """Exact against HNSW: build seconds, p50/p95 ms per query, recall@10 of HNSW for each efSearch."""
    import faiss

    started = time.perf_counter()
    exact = faiss.IndexFlatIP(vectors.shape[1])
    exact.add(vectors)
    exact_build = time.perf_counter() - started
    truth, times = _timed_search(exact, queries)
    started = time.perf_counter()
    hnsw = faiss.IndexHNSWFlat(vectors.shape[1], m, faiss.METRIC_INNER_PRODUCT)
    hnsw.hnsw.efConstruction = ef_construction
    hnsw.add(vectors)
    out = {"chunks": len(vectors), "exact": {"build_s": round(exact_build, 2), **_latency(times)},
           "hnsw": {"M": m, "efConstruction": ef_construction,
                    "build_s": round(time.perf_counter() - started, 1), "sweep": []}}
    for ef in EF_SEARCH:
        hnsw.hnsw.efSearch = ef
        found, times = _timed_search(hnsw, queries)
        recall = np.mean([len(set(a) & set(b)) / 10 for a, b in zip(found.tolist(), truth.tolist(), strict=True)])
        out["hnsw"]["sweep"].append({"efSearch": ef, "recall@10": round(float(recall), 4), **_latency(times)})
    return out


def _parts(chunks: list[SynthChunk], vectors: np.ndarray, components: dict[str, np.ndarray]) -> list:
    from assistant.ingest.parts import DocPart, sentence_rows

    parts, start = [], 0
    while start < len(chunks):
        doc_id = chunks[start].chunk.doc_id
        end = start
        while end < len(chunks) and chunks[end].chunk.doc_id == doc_id:
            end += 1
        items = [c.chunk for c in chunks[start:end]]
        rows = sentence_rows(items)
        sentence_vectors = np.zeros((len(rows), vectors.shape[1]), dtype=np.float32)
        for i, (row, s, e) in enumerate(rows.tolist()):
            text = items[row].text[s:e]
            header = components.get(chunks[start + row].header) if i == 0 or rows[i - 1][0] != row else None
            sentence_vectors[i] = components.get(text, header if header is not None else vectors[start + row])
        meta = {"doc_id": doc_id, "title": items[0].doc_title, "path": f"synthetic/{doc_id}.txt", "sha256": doc_id}
        parts.append(DocPart(meta, items, vectors[start:end], rows, sentence_vectors))
        start = end
    return parts


def full(chunks: list[SynthChunk], vectors: np.ndarray, components: dict, embedder, path: Path) -> dict:
    """Write a real index of the chunks, then probe it in a child process."""
    from assistant.store.background import load_background
    from assistant.store.folder import chunking_params, embed_background, write_index

    shutil.rmtree(path, ignore_errors=True)
    background = embed_background(embedder, load_background())
    started = time.perf_counter()
    manifest = write_index(_parts(chunks, vectors, components), embedder, path, chunking_params(200, 0), background)
    build_s = time.perf_counter() - started
    size = sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
    probe = run_peak([sys.executable, "-m", "benchmarks.scale_probe", str(path)],
                     env_for(path, ROOT / "corpus", path.parent / "data"))
    result = json.loads(probe["stdout"].strip().splitlines()[-1])
    return {"chunks": manifest["counts"]["chunks"], "sentences": manifest["counts"]["sentences"],
            "build_s": round(build_s, 1), "disk_mb": round(size / 2**20, 1), "peak_rss_mb": probe["rss_mb"], **result}


def run(work: Path, documents: int = SCALE_DOCS, pg_url: str | None = None) -> dict:
    """The scale section: dense exact vs HNSW (all chunks, and real-vector chunks only), then the full index;
    with ``pg_url`` (a server's admin URL) the same chunks and vectors in PostgreSQL too (``postgresql``)."""
    from assistant.store.embedders import E5Embedder
    from assistant.text.chinese import normalize_query

    embedder = E5Embedder()
    cache = open_cache(embedder)
    chunks = synth_chunks(load_plan(), documents)
    components = component_vectors(chunks, cache, embedder)
    vectors, real = chunk_vectors(chunks, cache, components)
    queries = np.stack([embedder.embed_query_vector(normalize_query(q)) for q in questions()])
    out = {"chunks": len(chunks), "real_vectors": real, "composed_vectors": len(chunks) - real,
           "queries": len(queries), "dense": dense(vectors, queries)}
    if real >= 1000:
        out["dense_real_only"] = dense(vectors[:real], queries)
        composed, _ = chunk_vectors(chunks[:real], _Empty(), components)
        out["composed_vs_real_cosine"] = round(float(np.mean(np.sum(composed * vectors[:real], axis=1))), 3)
    out["full"] = full(chunks, vectors, components, embedder, work / "scale-index")
    shutil.rmtree(work / "scale-index", ignore_errors=True)
    if pg_url is not None:
        from benchmarks import pg

        out["postgresql"] = pg.scale(_parts(chunks, vectors, components), embedder, pg_url,
                                     env_for(work / "unused", ROOT / "corpus", work / "data"))
    return out


class _Empty:
    """A cache with nothing in it (to compose every vector)."""

    def get(self, texts: list[str]) -> tuple[np.ndarray, list[int]]:
        return np.zeros((len(texts), 384), dtype=np.float32), list(range(len(texts)))


def summarize(raw: dict, target: float = 0.95) -> dict:
    """Headline figures first (HNSW at the smallest efSearch reaching ``target`` recall), details after."""
    sweep = raw["dense"]["hnsw"]["sweep"]
    chosen = next((s for s in sweep if s["recall@10"] >= target), sweep[-1])
    full_figures = raw["full"]
    return {
        "chunks": raw["chunks"], "p50_ms": full_figures["retrieve_p50_ms"], "p95_ms": full_figures["retrieve_p95_ms"],
        "recall@10": chosen["recall@10"], "efSearch": chosen["efSearch"],
        "exact_p50_ms": raw["dense"]["exact"]["p50_ms"], "exact_p95_ms": raw["dense"]["exact"]["p95_ms"],
        "hnsw_p50_ms": chosen["p50_ms"], "hnsw_p95_ms": chosen["p95_ms"],
        "build_s": full_figures["build_s"], "hnsw_build_s": raw["dense"]["hnsw"]["build_s"],
        "disk_mb": full_figures["disk_mb"], "rss_mb": full_figures["peak_rss_mb"],
        "load_s": full_figures["load_s"],
        "real_vectors": raw["real_vectors"], "composed_vectors": raw["composed_vectors"], "detail": raw,
    }


def summarize_postgres(raw: dict) -> dict | None:
    """The PostgreSQL figures under the local column's names (None when not run)."""
    pg = raw.get("postgresql")
    if pg is None:
        return None
    return {"chunks": pg["chunks"], "p50_ms": pg["retrieve_p50_ms"], "p95_ms": pg["retrieve_p95_ms"],
            "build_s": pg["write_s"], "disk_mb": pg["disk_mb"], "rss_mb": pg["peak_rss_mb"], "load_s": pg["load_s"]}
