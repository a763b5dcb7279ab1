"""``ingest``: a real ``policyqa ingest`` of the default corpus and of a synthetic one (chunks/s, peak RSS)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from benchmarks.common import BIN, ROOT, env_for, run_peak
from benchmarks.synth import load_plan, synth_chunks, write_corpus


def _ingest(corpus: Path, index: Path, data: Path) -> dict:
    shutil.rmtree(index, ignore_errors=True)
    shutil.rmtree(index.parent / f".{index.name}.vectors", ignore_errors=True)  # no resumed vectors
    result = run_peak([str(BIN / "policyqa"), "ingest"], env_for(index, corpus, data))
    manifest = json.loads((index / "manifest.json").read_text(encoding="utf-8"))
    chunks, sentences = manifest["counts"]["chunks"], manifest["counts"]["sentences"]
    return {"chunks": chunks, "texts_embedded": chunks + sentences, "seconds": round(result["seconds"], 1),
            "chunks_per_s": round(chunks / result["seconds"], 2),
            "texts_per_s": round((chunks + sentences) / result["seconds"], 2), "peak_rss_mb": result["rss_mb"]}


def run(work: Path, synthetic_docs: int = 1) -> dict:
    """Ingest the shipped corpus (into ``work/index``, reused by the other sections) and a synthetic one."""
    default = _ingest(ROOT / "corpus", work / "index", work / "data")
    corpus = work / "synthetic-corpus"
    shutil.rmtree(corpus, ignore_errors=True)
    write_corpus(synth_chunks(load_plan(), synthetic_docs), corpus)
    synthetic = _ingest(corpus, work / "synthetic-index", work / "data")
    shutil.rmtree(work / "synthetic-index", ignore_errors=True)
    return {"default": default, "synthetic": synthetic}
