"""A route naming a task of every document keeps the best-ranked documents in a large library."""

from __future__ import annotations

from pathlib import Path

from assistant.ingest import library
from assistant.retrieve import hybrid as retrieval
from assistant.retrieve.hybrid import HybridRetriever
from assistant.settings import Settings
from assistant.store.folder import load_index


def test_routes_over_many_documents_keep_the_best_ranked(tmp_path: Path, plan_text: str, e5, monkeypatch) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a-plan.txt").write_text(plan_text, encoding="utf-8")
    (corpus / "b-plan.txt").write_text(plan_text.replace("机架", "机柜"), encoding="utf-8")
    settings = Settings(corpus_dir=corpus, index_dir=tmp_path / "index", data_dir=tmp_path / "data")
    library.ingest(settings, e5, progress=False)  # shared sentences are embedded once (vector cache)
    retriever = HybridRetriever(load_index(settings.index_dir), e5)
    question = "第十七项任务的目标是什么"
    both = retriever.retrieve(question, 3).route
    assert {k[0] for k in both.keys} == {"a-plan", "b-plan"}  # few documents: unchanged
    monkeypatch.setattr(retrieval, "MAX_ROUTED_DOCUMENTS", 1)
    one = retriever.retrieve(question, 3)
    kept = {k[0] for k in one.route.keys}
    assert len(kept) == 1 and one.route.keys == (next(k for k in both.keys if k[0] in kept),)
    assert {h.chunk.doc_id for h in one.hits if h.routed} == kept
