"""Run gold questions through the real Assistant (and the baseline) and collect per-question results."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from assistant.errors import InvalidQuestionError
from assistant.evaluation import metrics
from assistant.evaluation.paths import GoldPathError, check_rows, unit_aliases
from assistant.evaluation.scoring import (  # noqa: F401 (re-exported)
    BASELINE,
    GOLD_TYPES,
    clear_query_cache,
    gold_labels,
    load_gold,
    question_result,
    task_labels,
)

# Ranking lists of HybridRetriever that each --retriever choice keeps (dense = chunk + sentence).
RETRIEVERS: dict[str, tuple[str, ...]] = {
    "bm25": ("bm25",),
    "dense": ("dense", "sentence"),
    "hybrid": ("bm25", "dense", "sentence"),
}


@contextmanager
def restricted(assistant, retriever: str) -> Iterator[None]:
    """Restrict the assistant's fused ranking to the lists of ``retriever`` for the duration."""
    hybrid = assistant.retriever
    saved = hybrid.rankings
    hybrid.rankings = RETRIEVERS[retriever]
    try:
        yield
    finally:
        hybrid.rankings = saved


def _progress(items: Sequence, desc: str, progress: bool):
    from tqdm import tqdm

    return tqdm(items, desc=desc, unit="题", disable=not progress, file=sys.stderr)


def run_pipeline(assistant, gold: Sequence[dict], retriever: str = "hybrid",
                 top_k: int | None = None, progress: bool = False) -> list[dict]:
    """Ask every gold question through ``Assistant.ask`` (the /ask code path) with one retriever.

    Args:
        assistant: A ready :class:`assistant.core.Assistant`.
        gold: Pairs from :func:`load_gold`.
        retriever: ``bm25``, ``dense`` or ``hybrid``.
        top_k: Citations per answer (default: the assistant's setting, as /ask).
        progress: Show a progress bar on stderr.

    Returns:
        One result dict per question (see :func:`question_result`).

    Raises:
        GoldPathError: When rows name a doc the index does not hold or a path that doc lacks.
    """
    labels = task_labels(assistant.index.chunks)
    aliases = gold_aliases(assistant, gold)
    results = []
    clear_query_cache(assistant.embedder)
    with restricted(assistant, retriever):
        for row in _progress(gold, retriever, progress):
            started = time.perf_counter()
            try:
                answer = assistant.ask(row["question"], top_k=top_k).to_dict()
            except InvalidQuestionError as exc:
                answer = {"answer": str(exc), "refused": True, "citations": [], "route": "error"}
            latency = (time.perf_counter() - started) * 1000
            results.append(question_result(row, answer, latency, retriever, gold_labels(row, labels),
                                           aliases))
    return results


def gold_aliases(assistant, gold: Sequence[dict]) -> dict[str, dict[str, str]]:
    """The unit paths of the index (see :func:`paths.unit_aliases`), after checking that every
    row's doc and paths exist.

    Raises:
        GoldPathError: Listing every row that names an unknown doc or path.
    """
    aliases = unit_aliases(assistant.index.trees)
    problems = check_rows(gold, aliases)
    if problems:
        raise GoldPathError(problems)
    return aliases


def summarize(results: Sequence[dict]) -> dict:
    """Overall and per-type metrics of one run."""
    return {"overall": metrics.aggregate(results), "by_type": metrics.aggregate_by_type(results)}


def evaluate(assistant, gold: Sequence[dict], retrievers: Sequence[str] = ("hybrid",),
             baseline: bool = True, top_k: int | None = None, progress: bool = False) -> dict:
    """Run the chosen retrievers (and the LangChain baseline) over the gold set.

    Returns:
        ``{"overall", "by_type"}`` of the main run (hybrid when run, else the first), ``questions``
        (every run's per-question results, each naming its retriever), ``runs`` (overall and
        by_type of every run, baseline included) and ``meta``.
    """
    assistant.warm_up()
    questions: list[dict] = []
    runs: dict[str, dict] = {}
    for name in retrievers:
        results = run_pipeline(assistant, gold, name, top_k, progress)
        runs[name] = summarize(results)
        questions.extend(results)
    if baseline:
        from assistant.evaluation.baseline import run_baseline

        results = run_baseline(assistant, gold, top_k or assistant.settings.top_k, progress)
        runs[BASELINE] = summarize(results)
        questions.extend(results)
    main = "hybrid" if "hybrid" in runs else next(iter(runs))
    meta = {"main": main, "retrievers": list(runs), "questions": len(gold),
            "top_k": top_k or assistant.settings.top_k, "embedder": assistant.embedder.name,
            "date": time.strftime("%Y-%m-%d %H:%M")}
    return {**runs[main], "questions": questions, "runs": runs, "meta": meta}
