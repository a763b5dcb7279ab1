"""A resumable on-disk cache of passage vectors, keyed by the sha256 of embedder name and text.

Embedding is the slow part of an ingest (e5 embeds a few passages a second per core on a 2-core
machine, so a whole city's library takes hours). The cache is written in small shards while
embedding, each shard atomically (``shard-N.npy`` then ``shard-N.keys``, both renamed into place),
so an interrupted ingest resumes where it stopped: texts already embedded are read back instead
of being embedded again. A shard whose two files disagree is ignored.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np


def text_key(embedder_name: str, text: str) -> str:
    """Cache key of a passage: sha256 of the embedder name and the text."""
    return hashlib.sha256(f"{embedder_name}\x00{text}".encode()).hexdigest()


class VectorCache:
    """Passage vectors of one embedder, in shards under ``path``."""

    def __init__(self, path: Path, embedder_name: str, dim: int) -> None:
        self.path, self.name, self.dim = Path(path), embedder_name, dim
        self._rows: dict[str, tuple[int, int]] = {}
        self._shards: dict[int, np.ndarray] = {}
        self._next = 0
        self._load()

    def _load(self) -> None:
        if not self.path.is_dir():
            return
        for keys_file in sorted(self.path.glob("shard-*.keys")):
            number = int(keys_file.stem.split("-")[1])
            self._next = max(self._next, number + 1)
            try:
                vectors = np.load(keys_file.with_suffix(".npy"), mmap_mode="r", allow_pickle=False)
                keys = keys_file.read_text(encoding="ascii").split()
            except (OSError, ValueError):
                continue
            if vectors.ndim != 2 or vectors.shape != (len(keys), self.dim):
                continue
            self._shards[number] = vectors
            for row, key in enumerate(keys):
                self._rows[key] = (number, row)

    def __len__(self) -> int:
        return len(self._rows)

    def get(self, texts: list[str]) -> tuple[np.ndarray, list[int]]:
        """Return ``(vectors, missing)``: cached vectors (zeros where missing) and the missing indices."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        missing = []
        for i, text in enumerate(texts):
            where = self._rows.get(text_key(self.name, text))
            if where is None:
                missing.append(i)
            else:
                out[i] = self._shards[where[0]][where[1]]
        return out, missing

    def put(self, texts: list[str], vectors: np.ndarray) -> None:
        """Append one shard with these texts' vectors (atomically: a crash leaves no half shard)."""
        if not texts:
            return
        self.path.mkdir(parents=True, exist_ok=True)
        number, self._next = self._next, self._next + 1
        vectors = np.ascontiguousarray(vectors, dtype=np.float32).reshape(len(texts), self.dim)
        keys = [text_key(self.name, t) for t in texts]
        stem = self.path / f"shard-{number:06d}"
        tmp = self.path / f".tmp-{os.getpid()}-{number}"
        np.save(f"{tmp}.npy", vectors, allow_pickle=False)
        Path(f"{tmp}.keys").write_text("\n".join(keys) + "\n", encoding="ascii")
        os.replace(f"{tmp}.npy", f"{stem}.npy")
        os.replace(f"{tmp}.keys", f"{stem}.keys")
        self._shards[number] = vectors
        for row, key in enumerate(keys):
            self._rows[key] = (number, row)

    def clear(self) -> None:
        """Delete the cache folder."""
        shutil.rmtree(self.path, ignore_errors=True)
        self._rows, self._shards, self._next = {}, {}, 0


def embed_with_cache(embed: Callable[[list[str]], np.ndarray], texts: list[str], cache: VectorCache,
                     batch: int = 256, progress: Callable[[int], object] | None = None) -> np.ndarray:
    """Embed ``texts``, reading cached vectors and writing new ones a batch (one shard) at a time.

    Args:
        embed: The passage embedder (texts -> ``(n, dim)`` unit vectors).
        texts: Texts to embed.
        cache: Where vectors are looked up and stored.
        batch: Texts per shard; at most this many are lost when the process is killed.
        progress: Called with the number of texts done (cached ones included).
    """
    vectors, missing = cache.get(texts)
    if progress is not None and len(texts) - len(missing):
        progress(len(texts) - len(missing))
    # equal texts (a heading repeated, a recurring sentence) are embedded once and their vector copied
    first: dict[str, int] = {}
    for i in missing:
        first.setdefault(texts[i], i)
    copies = [i for i in missing if first[texts[i]] != i]
    distinct = list(first.values())
    for start in range(0, len(distinct), batch):
        rows = distinct[start : start + batch]
        chunk = [texts[i] for i in rows]
        new = embed(chunk)
        cache.put(chunk, new)
        vectors[rows] = new
        if progress is not None:
            progress(len(rows))
    if copies:
        vectors[copies] = vectors[[first[texts[i]] for i in copies]]
        if progress is not None:
            progress(len(copies))
    return vectors
