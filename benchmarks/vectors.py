"""Vectors of the synthetic corpus: real e5 vectors from a resumable cache, composed ones otherwise.

Embedding 100,000 chunks with e5 takes hours on 2 shared cores, so ``python -m benchmarks.vectors``
embeds them in the background into ``benchmarks/cache/vectors/`` (gitignored, sharded, resumable;
see :mod:`assistant.vector_cache`) within a time budget, the components (distinct sentences and
headers) first. The scale benchmark uses a chunk's real vector when it is cached and otherwise a
*composed* vector: the normalised mean of the real vectors of its header and sentences. How many of
each were used, and how close composed vectors are to real ones, goes into the results.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

from assistant.store.folder import passage_text
from assistant.store.vector_cache import VectorCache, embed_with_cache
from benchmarks.synth import SynthChunk, component_texts, load_plan, synth_chunks

CACHE = Path(__file__).resolve().parent / "cache" / "vectors"
SCALE_DOCS = 1000  # x 100 tasks = 100,000 chunks


def open_cache(embedder) -> VectorCache:
    """The benchmark's vector cache for this embedder."""
    return VectorCache(CACHE / embedder.name.replace(":", "_"), embedder.name, embedder.dim)


def chunk_vectors(chunks: list[SynthChunk], cache: VectorCache, components: dict[str, np.ndarray]
                  ) -> tuple[np.ndarray, int]:
    """Real cached vectors where present, composed ones elsewhere; returns them and the real count."""
    vectors, missing = cache.get([passage_text(c.chunk) for c in chunks])
    for i in missing:
        parts = [components[t] for t in (chunks[i].header, *chunks[i].sentences)]
        mean = np.mean(parts, axis=0)
        vectors[i] = mean / max(float(np.linalg.norm(mean)), 1e-12)
    return vectors, len(chunks) - len(missing)


def component_vectors(chunks: list[SynthChunk], cache: VectorCache, embedder) -> dict[str, np.ndarray]:
    """Real vectors of every distinct header and sentence (embedded now if not cached)."""
    texts = component_texts(chunks)
    vectors = embed_with_cache(embedder.embed_passages, texts, cache, batch=64)
    return dict(zip(texts, vectors, strict=True))


def embed_job(documents: int, budget_s: float, threads: int = 0) -> int:
    """Embed components, then chunk texts in corpus order, until done or ``budget_s`` has passed."""
    from tqdm import tqdm

    from assistant.store.embedders import E5Embedder

    embedder = E5Embedder(threads=threads)
    cache = open_cache(embedder)
    chunks = synth_chunks(load_plan(), documents)
    deadline = time.monotonic() + budget_s
    component_vectors(chunks, cache, embedder)
    texts = [passage_text(c.chunk) for c in chunks]
    _, missing = cache.get(texts)
    with tqdm(total=len(texts), initial=len(texts) - len(missing), desc="e5", file=sys.stderr,
              mininterval=30) as bar:
        for start in range(0, len(missing), 128):
            if time.monotonic() > deadline:
                break
            rows = missing[start : start + 128]
            embed_with_cache(embedder.embed_passages, [texts[i] for i in rows], cache, batch=128,
                             progress=bar.update)
    return len(cache)


def main(argv: list[str] | None = None) -> int:
    """``python -m benchmarks.vectors [--docs N] [--budget S]``: fill the vector cache."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=SCALE_DOCS)
    parser.add_argument("--budget", type=float, default=3600.0, help="seconds to spend at most")
    parser.add_argument("--threads", type=int, default=0)
    args = parser.parse_args(argv)
    print(f"cached vectors: {embed_job(args.docs, args.budget, args.threads)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
