"""Index build, manifest, round trip and no-op re-ingest (real FAISS, real BM25, real e5)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from assistant.errors import IndexFormatError, IndexNotFoundError
from assistant.ingest.documents import read_document
from assistant.service import Assistant
from assistant.settings import Settings
from assistant.store.folder import load_index

PLAN_SNIPPET = """示例市2025年数据工作要点
一、夯实基础
（一）建设算力设施。新建智能计算中心一座，机架总数达到5000架。
（二）完善数据目录。全面梳理公共数据资源目录，年底前完成编目。
二、强化应用
（三）推进城市大脑。打造十个城市治理应用场景。
"""


@pytest.fixture()
def tiny(tmp_path: Path, e5) -> Assistant:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "plan.txt").write_text(PLAN_SNIPPET, encoding="utf-8")
    return Assistant(Settings(corpus_dir=corpus, index_dir=tmp_path / "index"), embedder=e5)


def test_index_folder_holds_plain_files_and_manifest(assistant: Assistant) -> None:
    folder = assistant.settings.index_dir
    names = {p.name for p in folder.iterdir()}
    assert {"manifest.json", "chunks.jsonl", "chunks.faiss", "sentences.jsonl", "sentences.npy",
            "userdict.txt", "bm25"} <= names
    assert not any(p.suffix in {".pkl", ".pickle"} for p in folder.rglob("*"))
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["format_version"] == 4
    assert "outline.jsonl" in names
    assert manifest["embedder"] == {"name": "e5:multilingual-e5-small-q4", "dim": 384}
    assert manifest["chunking"]["max_chars"] == assistant.settings.chunk_max_chars
    doc = manifest["documents"][0]
    assert doc["doc_id"] == "qingdao-bigdata-2025-work-plan"
    assert doc["title"] == "青岛市大数据发展管理局2025年工作计划"
    assert len(doc["sha256"]) == 64 and len(doc["body_sha256"]) == 64
    assert doc["metadata"]["title"] == doc["title"]
    assert not list(folder.parent.glob(".index.tmp-*"))


def test_index_round_trip(tiny: Assistant) -> None:
    tiny.ingest(progress=False)
    index = load_index(tiny.settings.index_dir)
    assert [c.label for c in index.chunks] == ["（一）", "（二）", "（三）"]  # the title line is no chunk
    assert index.faiss_index.ntotal == 3
    norms = np.linalg.norm(index.sentence_vectors, axis=1)
    assert np.allclose(norms, 1.0, atol=1e-4)
    first = index.chunks[0]
    # offsets are into the document's body: the text once its title and metadata lines are removed
    body = read_document(tiny.settings.corpus_dir / "plan.txt").text
    assert body[first.start : first.end] == first.text and not body.startswith("示例市")
    hits = tiny.search("机架总数达到多少")
    assert hits[0].chunk.number == 1


def test_unchanged_reingest_is_a_no_op_and_a_change_rebuilds(tiny: Assistant) -> None:
    first = tiny.ingest(progress=False)
    manifest_path = tiny.settings.index_dir / "manifest.json"
    before = manifest_path.stat().st_mtime_ns
    again = tiny.ingest(progress=False)
    assert first.changed and not again.changed
    assert manifest_path.stat().st_mtime_ns == before
    doc = tiny.settings.corpus_dir / "plan.txt"
    doc.write_text(PLAN_SNIPPET + "（四）加强安全保障。开展两次攻防演练。\n", encoding="utf-8")
    third = tiny.ingest(progress=False)
    assert third.changed and third.chunks == 4
    assert tiny.search("攻防演练开展几次")[0].chunk.number == 4


def test_missing_and_damaged_index_raise_our_errors(tmp_path: Path, tiny: Assistant) -> None:
    with pytest.raises(IndexNotFoundError):
        load_index(tmp_path / "nowhere")
    tiny.ingest(progress=False)
    (tiny.settings.index_dir / "chunks.faiss").write_bytes(b"not faiss")
    with pytest.raises(IndexFormatError):
        load_index(tiny.settings.index_dir)


def test_interrupted_swap_is_recovered_by_a_writer_only(tiny: Assistant) -> None:
    first = tiny.ingest(progress=False)
    folder = tiny.settings.index_dir
    folder.rename(folder.parent / ".index.old-12345")
    with pytest.raises(IndexNotFoundError):
        load_index(folder)  # a reader leaves the folders alone
    assert not folder.exists()
    tiny.ensure_index()  # takes the writer lock and puts the old index back, without re-embedding
    assert folder.is_dir() and len(load_index(folder).chunks) == first.chunks == 3
    assert not tiny.ingest(progress=False).changed


def test_every_write_raises_the_generation(tiny: Assistant) -> None:
    from assistant.store.folder import read_generation

    assert read_generation(tiny.settings.index_dir) is None
    tiny.ingest(progress=False)
    assert read_generation(tiny.settings.index_dir) == 1
    tiny.ingest(progress=False)  # nothing changed: nothing written
    assert read_generation(tiny.settings.index_dir) == 1
    (tiny.settings.corpus_dir / "more.txt").write_text("示例市数据安全要点\n（一）开展两次攻防演练。\n",
                                                       encoding="utf-8")
    tiny.ingest(progress=False)
    tiny.remove_document("more")
    assert read_generation(tiny.settings.index_dir) == 3 == load_index(tiny.settings.index_dir).manifest["generation"]


def test_langchain_retriever_returns_documents_with_labels(assistant: Assistant) -> None:
    from langchain_core.documents import Document

    from assistant.interfaces.langchain import PolicyRetriever

    docs = PolicyRetriever(assistant=assistant, top_k=3).invoke("全市数据中心标准机架总数的目标是多少？")
    assert len(docs) == 3 and all(isinstance(d, Document) for d in docs)
    assert docs[0].metadata["label"] == "（十七）" and docs[0].metadata["number"] == 17
    assert "6.5万架" in docs[0].page_content
    routed = PolicyRetriever(assistant=assistant).invoke("第二十项任务")
    assert routed[0].metadata["routed"] and routed[0].metadata["number"] == 20
