"""Both storage backends over one gold set, question by question: hit@1 and the refused question ids.

Usage::

    python -m benchmarks.backends --gold eval/gold.jsonl --corpus corpus
    python -m benchmarks.backends --gold eval/realdocs-gold.jsonl --corpus ../shared/realdocs

The corpus (its README.md and expected.json left out, as ``make eval-realdocs`` does) is ingested
twice with default settings: into a folder index, and into PostgreSQL (``--database-url``, else a
throw-away server from the ``pg`` extra in a temporary folder). Each gold question is asked through
``Assistant.ask`` (the /ask path) on both. Prints one JSON object: hit@1 of each, the ids refused by
only one, the ids whose first-cited units differ, and ``ok`` (hit@1 within ``--tolerance`` and the same
refusals). Exit code 0 when ok, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import uuid
from pathlib import Path

SKIP = {"README.md", "expected.json"}


def _corpus(source: Path, folder: Path) -> Path:
    folder.mkdir(parents=True)
    for path in sorted(source.iterdir()):
        if path.is_file() and path.name not in SKIP:
            (folder / path.name).symlink_to(path.resolve())
    return folder


def _database(url: str | None, work: Path) -> tuple[str, Path | None]:
    """A fresh database on ``url``'s server, or on a throw-away server started under ``work``."""
    import psycopg

    from assistant.store.postgres import server

    started = None
    if url is None:
        started = work / "pg"
        url = server.start(started, fast=True).url
    name = f"cmp_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return url.rsplit("/", 1)[0] + f"/{name}", started


def compare(gold_path: Path, corpus: Path, url: str | None, tolerance: float = 0.01) -> dict:
    """Ingest ``corpus`` into both backends, ask the gold set on both; the comparison (see module doc)."""
    from assistant.evaluation.backends import compare as compare_assistants
    from assistant.evaluation.scoring import load_gold
    from assistant.service import Assistant
    from assistant.settings import Settings
    from assistant.store.postgres import server

    gold = load_gold(gold_path)
    with tempfile.TemporaryDirectory(prefix="policyqa-backends-") as tmp:
        work = Path(tmp)
        folder_corpus = _corpus(corpus, work / "corpus")
        db, started = _database(url, work)
        try:
            timings = {}
            local = Assistant(Settings(corpus_dir=folder_corpus, index_dir=work / "index", data_dir=work / "d1"))
            shared = Assistant(Settings(corpus_dir=folder_corpus, index_dir=work / "unused", data_dir=work / "d2",
                                        database_url=db), embedder=local.embedder)
            for name, assistant in (("local", local), ("postgresql", shared)):
                t0 = time.perf_counter()
                assistant.ingest(progress=False)
                timings[f"{name}_ingest_s"] = round(time.perf_counter() - t0, 1)
            out = compare_assistants(local, shared, gold, tolerance)
            refusal = {"local": local.index.refusal.get("params"), "postgresql": shared.index.refusal.get("params")}
            shared.store.close()
        finally:
            if started is not None:
                server.stop(started)
    return out | {"gold": str(gold_path), "questions": len(gold), **timings, "refusal_model": refusal}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="compare the folder and PostgreSQL backends on a gold set")
    parser.add_argument("--gold", type=Path, default=Path("eval/gold.jsonl"))
    parser.add_argument("--corpus", type=Path, default=Path("corpus"))
    parser.add_argument("--database-url", default=None, help="a server to create the database on")
    parser.add_argument("--tolerance", type=float, default=0.01, help="largest hit@1 difference")
    args = parser.parse_args(argv)
    out = compare(args.gold, args.corpus, args.database_url, args.tolerance)
    print(json.dumps(out, ensure_ascii=False, indent=1))
    return 0 if out["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
