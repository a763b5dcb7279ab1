"""``baseline``: the plain LangChain RAG and ours over the eval gold set, in the same run."""

from __future__ import annotations

from pathlib import Path

from benchmarks.common import ROOT


def run(index_dir: Path, data_dir: Path) -> dict:
    """hit@1 and p50 latency of the hybrid pipeline and of the LangChain baseline (same e5 embedder)."""
    from assistant.evaluation import evaluate, load_gold
    from assistant.service import Assistant
    from assistant.settings import Settings

    settings = Settings(index_dir=index_dir, corpus_dir=ROOT / "corpus", data_dir=data_dir)
    payload = evaluate(Assistant(settings), load_gold(ROOT / "eval" / "gold.jsonl"), ["hybrid"])
    ours, theirs = payload["runs"]["hybrid"]["overall"], payload["runs"]["baseline"]["overall"]
    return {"langchain_hit@1": round(theirs["hit@1"], 3), "ours_hit@1": round(ours["hit@1"], 3),
            "langchain_p50_ms": theirs["latency_p50_ms"], "ours_p50_ms": ours["latency_p50_ms"],
            "langchain_p95_ms": theirs["latency_p95_ms"], "ours_p95_ms": ours["latency_p95_ms"],
            "questions": ours["n"]}
