"""Child process of the scale benchmark: load a big index and time retrieval and answers over it."""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

from benchmarks.common import percentile, questions


def main(index_dir: str) -> None:
    """Print one JSON line: load seconds, retrieve p50/p95 (query vector uncached and cached), ask p50/p95."""
    from assistant.service import Assistant
    from assistant.settings import Settings
    from assistant.text.chinese import normalize_query

    started = time.perf_counter()
    assistant = Assistant(Settings(index_dir=Path(index_dir)))
    retriever = assistant.retriever
    load_s = time.perf_counter() - started
    asked = [normalize_query(q) for q in questions()[:200]]
    assistant.warm_up()
    cold, warm, ask = [], [], []
    for question in asked:
        for bucket in (cold, warm):  # the first call embeds the query, the second hits the LRU cache
            t0 = time.perf_counter()
            retriever.retrieve(question, 5)
            bucket.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        assistant.ask(question)
        ask.append((time.perf_counter() - t0) * 1000)
    figures = {"load_s": round(load_s, 2), "queries": len(asked)}
    for name, values in (("retrieve", cold), ("retrieve_cached_qvec", warm), ("ask_cached_qvec", ask)):
        figures[f"{name}_p50_ms"] = round(percentile(values, 50), 1)
        figures[f"{name}_p95_ms"] = round(percentile(values, 95), 1)
    figures["rss_self_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(figures))


if __name__ == "__main__":
    main(sys.argv[1])
