"""The plan's gold set on both backends, question by question (real PostgreSQL, real e5, default settings):
hit@1 within 0.01 and the same refused question ids (the acceptance of the PostgreSQL backend)."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.pg import fresh_database

from assistant.evaluation.backends import compare
from assistant.evaluation.scoring import load_gold
from assistant.service import Assistant
from assistant.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def db():
    yield from fresh_database()


@pytest.mark.slow
def test_the_plan_gold_set_gives_the_same_results_on_both_backends(tmp_path: Path, db: str, plan_corpus,
                                                                   e5) -> None:
    local = Assistant(Settings(corpus_dir=plan_corpus, index_dir=tmp_path / "index", data_dir=tmp_path / "d1"),
                      embedder=e5)
    local.ingest(progress=False)
    shared = Assistant(Settings(corpus_dir=plan_corpus, index_dir=tmp_path / "unused", data_dir=tmp_path / "d2",
                                database_url=db), embedder=e5)
    shared.ingest(progress=False)
    assert shared.index.refusal["params"] == local.index.refusal["params"]  # calibrated alike at ingest
    gold = load_gold(ROOT / "eval" / "gold.jsonl")
    out = compare(local, shared, gold)
    print(f"\nhit@1 {out['hit@1']}, refused {out['refused']}, first citations differing: "
          f"{out['first_citation_differs']}")
    assert out["refused"]["local"] > 0 and out["hit@1"]["local"] > 0.5  # the set has both kinds
    assert out["refused_only_local"] == [] and out["refused_only_postgresql"] == []
    assert abs(out["hit@1"]["local"] - out["hit@1"]["postgresql"]) <= 0.01 and out["ok"]
