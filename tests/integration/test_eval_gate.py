"""The evaluation gate: the hybrid pipeline over eval/gold.jsonl must meet eval/thresholds.json.

The time the gate takes is printed (``pytest -s``), not asserted: speed is measured by ``make bench``."""

from __future__ import annotations

import json
import time
from pathlib import Path

from assistant.evaluation import load_gold, run_pipeline
from assistant.evaluation.metrics import aggregate, check_thresholds

ROOT = Path(__file__).resolve().parents[2]


def test_gold_set_meets_the_thresholds(assistant) -> None:
    thresholds = json.loads((ROOT / "eval" / "thresholds.json").read_text(encoding="utf-8"))
    gold = load_gold(ROOT / thresholds.get("gold", "eval/gold.jsonl"))
    started = time.perf_counter()
    results = run_pipeline(assistant, gold, thresholds.get("retriever", "hybrid"))
    seconds = time.perf_counter() - started
    print(f"gate: {len(results)} questions in {seconds:.1f} s")
    overall = aggregate(results)
    failures = check_thresholds(overall, thresholds)
    misses = [f"{r['id']} {r['question']} cited {r['cited'][:5]} refused={r['refused']}"
              for r in results if r["tasks"] and r["first_rank"] != 1]
    assert not failures, "below the gate in eval/thresholds.json:\n" + "\n".join(failures + misses)
