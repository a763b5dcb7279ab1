"""The live index in one process: snapshots stay whole, another writer's index is picked up, readers
never repair the folder (real FAISS, BM25 and e5; two Assistants stand for the server and the CLI)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from assistant.service import Assistant
from assistant.settings import Settings

PLAN = """示例市2025年数据工作要点
一、夯实基础
（一）建设算力设施。新建智能计算中心一座，机架总数达到5000架。
（二）完善数据目录。全面梳理公共数据资源目录，年底前完成编目。
"""
SAFETY = """示例市数据安全工作要点
（一）开展攻防演练。全年至少开展两次网络攻防演练。
（二）落实等级保护。重要信息系统全部完成等级保护测评。
"""


@pytest.fixture()
def pair(tmp_path: Path, e5) -> tuple[Assistant, Assistant]:
    """A serving assistant and a separate writer over the same folders (as the CLI would be)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "plan.txt").write_text(PLAN, encoding="utf-8")
    settings = Settings(corpus_dir=corpus, index_dir=tmp_path / "index", data_dir=tmp_path / "data")
    writer = Assistant(settings, embedder=e5)
    writer.ingest(progress=False)
    return Assistant(settings, embedder=e5), writer


def _wait_for(condition, seconds: float = 5.0) -> float:
    started = time.monotonic()
    while not condition():
        assert time.monotonic() - started < seconds, "not within the time allowed"
        time.sleep(0.05)
    return time.monotonic() - started


def test_another_writers_index_is_served_soon_and_a_held_snapshot_stays_whole(pair) -> None:
    server, writer = pair
    held = server.snapshot
    assert held.generation == 1 and [d["doc_id"] for d in server.documents()] == ["plan"]
    (writer.settings.corpus_dir / "safety.txt").write_text(SAFETY, encoding="utf-8")
    writer.ingest(progress=False)
    seconds = _wait_for(lambda: server.generation == 2)
    assert seconds < 3
    assert {d["doc_id"] for d in server.documents()} == {"plan", "safety"}
    assert server.search("攻防演练开展几次")[0].chunk.doc_id == "safety"
    # the request that still holds the old snapshot sees the old index, all of it
    assert {c.doc_id for c in held.index.chunks} == {"plan"} and held.index.faiss_index.ntotal == len(held.index.chunks)
    writer.remove_document("safety")
    _wait_for(lambda: server.generation == 3)
    assert [d["doc_id"] for d in server.outline()] == ["plan"]


def test_own_writes_are_served_at_once(pair) -> None:
    server, _ = pair
    assert server.generation == 1
    source = server.settings.corpus_dir.parent / "safety.txt"
    source.write_text(SAFETY, encoding="utf-8")
    server.ingest([source], progress=False)
    assert server.generation == 2 and len(server.documents()) == 2


def test_a_reader_never_repairs_an_interrupted_swap(pair) -> None:
    server, writer = pair
    assert server.generation == 1
    folder = server.settings.index_dir
    aside = folder.parent / ".index.old-12345"
    folder.rename(aside)  # as if a writer died between its two renames
    time.sleep(1.2)
    assert server.search("机架总数")[0].chunk.doc_id == "plan"  # the old snapshot is still served
    assert not folder.exists() and aside.is_dir()
    writer.ensure_index()  # the writer lock: recovery
    assert folder.is_dir() and not aside.exists()
