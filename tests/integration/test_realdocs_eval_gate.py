"""The real-document gate: eval/realdocs-gold.jsonl over ../shared/realdocs must meet
eval/realdocs-thresholds.json (floors = a measured run minus a margin).

Skipped when the folder is absent. Its location: ``$POLICYQA_REALDOCS``, else
``<repo root>.parent / "shared" / "realdocs"``. Its README.md and expected.json are not indexed.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from assistant.evaluation import load_gold, run_pipeline
from assistant.evaluation.metrics import aggregate, check_thresholds
from assistant.service import Assistant
from assistant.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
REALDOCS = Path(os.environ.get("POLICYQA_REALDOCS") or ROOT.parent / "shared" / "realdocs")
pytestmark = pytest.mark.skipif(not (REALDOCS / "expected.json").is_file(), reason="realdocs folder absent")
NOT_DOCUMENTS = {"README.md", "expected.json"}


def test_realdocs_gold_set_meets_the_thresholds(tmp_path: Path, e5) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in sorted(REALDOCS.iterdir()):
        if path.is_file() and path.name not in NOT_DOCUMENTS:
            shutil.copy(path, corpus / path.name)
    settings = Settings(corpus_dir=corpus, index_dir=tmp_path / "index", data_dir=tmp_path / "data")
    helper = Assistant(settings, embedder=e5)
    helper.ingest(progress=False)
    thresholds = json.loads((ROOT / "eval" / "realdocs-thresholds.json").read_text(encoding="utf-8"))
    gold = load_gold(ROOT / thresholds["gold"])
    results = run_pipeline(helper, gold, thresholds.get("retriever", "hybrid"))
    failures = check_thresholds(aggregate(results), thresholds)
    misses = [f"{r['id']} {r['question']} cited {r['cited'][:3]} refused={r['refused']}"
              for r in results if r["tasks"] and r["first_rank"] != 1]
    assert not failures, "below the gate in eval/realdocs-thresholds.json:\n" + "\n".join(failures + misses)
