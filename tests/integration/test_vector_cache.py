"""The resumable vector cache: shards written while embedding, read back after an interruption."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest

from assistant.ingest import library
from assistant.settings import Settings
from assistant.store.embedders import Embedder
from assistant.store.vector_cache import VectorCache, embed_with_cache


def _vector(text: str, dim: int = 8) -> np.ndarray:
    seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:4], "little")
    vector = np.random.default_rng(seed).normal(size=dim).astype(np.float32)
    return vector / np.linalg.norm(vector)


class FakeEmbedder(Embedder):
    """Deterministic vectors; counts passages and can fail after a number of batches."""

    name, dim = "fake", 8

    def __init__(self, fail_after: int | None = None) -> None:
        self.fail_after, self.batches, self.passages = fail_after, 0, 0
        self.seen: set[str] = set()

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if self.fail_after is not None and self.batches >= self.fail_after:
            raise KeyboardInterrupt("simulated interruption")
        self.batches += 1
        self.passages += len(texts)
        self.seen.update(texts)
        return np.stack([_vector(t) for t in texts]) if texts else np.zeros((0, 8), np.float32)

    def _embed_query_uncached(self, text: str) -> np.ndarray:
        return _vector("q:" + text)


def test_cache_round_trip_and_resume(tmp_path: Path) -> None:
    texts = [f"第{i}句。" for i in range(10)]
    calls: list[int] = []

    def embed(batch: list[str]) -> np.ndarray:
        calls.append(len(batch))
        return np.stack([_vector(t) for t in batch])

    cache = VectorCache(tmp_path, "fake", 8)
    first = embed_with_cache(embed, texts[:6], cache, batch=4)
    assert calls == [4, 2] and len(cache) == 6
    reopened = VectorCache(tmp_path, "fake", 8)  # a new process
    second = embed_with_cache(embed, texts, reopened, batch=4)
    assert calls == [4, 2, 4]  # only the four new texts
    assert np.allclose(second[:6], first) and np.allclose(second[9], _vector(texts[9]))
    assert VectorCache(tmp_path, "other-model", 8).get(texts)[1] == list(range(10))


def test_equal_texts_are_embedded_once(tmp_path: Path) -> None:
    texts = ["第一条 总则。", "附则。", "第二条 定义。", "附则。", "附则。", "第一条 总则。"]
    embedded: list[str] = []

    def embed(batch: list[str]) -> np.ndarray:
        embedded.extend(batch)
        return np.stack([_vector(t) for t in batch])

    done: list[int] = []
    vectors = embed_with_cache(embed, texts, VectorCache(tmp_path, "fake", 8), batch=2, progress=done.append)
    assert sorted(embedded) == sorted(set(texts)) and sum(done) == len(texts)
    assert all(np.allclose(vectors[i], _vector(t)) for i, t in enumerate(texts))


def test_a_half_written_shard_is_ignored(tmp_path: Path) -> None:
    cache = VectorCache(tmp_path, "fake", 8)
    cache.put(["甲", "乙"], np.stack([_vector("甲"), _vector("乙")]))
    (tmp_path / "shard-000000.keys").write_text("only-one-key\n", encoding="ascii")
    assert len(VectorCache(tmp_path, "fake", 8)) == 0


def test_interrupted_ingest_resumes_without_re_embedding(tmp_path: Path, plan_text: str) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a-plan.txt").write_text(plan_text, encoding="utf-8")
    (corpus / "b-plan.txt").write_text(plan_text.replace("全市", "全区"), encoding="utf-8")
    settings = Settings(corpus_dir=corpus, index_dir=tmp_path / "index", data_dir=tmp_path / "data")
    interrupted = FakeEmbedder(fail_after=1)
    with pytest.raises(KeyboardInterrupt):  # killed while embedding the second document
        library.ingest(settings, interrupted, progress=False)
    cached = len(library.vector_cache(settings.index_dir, FakeEmbedder()))
    assert cached == len(interrupted.seen) > 100  # the first document's vectors survived
    resumed = FakeEmbedder()
    library.ingest(settings, resumed, progress=False)
    assert resumed.passages > 0 and not resumed.seen & interrupted.seen  # nothing embedded twice
    assert not (tmp_path / ".index.vectors").exists()  # removed once the index is in place
