"""Evaluation metrics: pure functions over lists of task numbers, answers and per-question results."""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable, Sequence

# Metric names, in report order. Rates are in 0–1; false_refusals is a count; latencies in ms.
RATE_METRICS = ("hit@1", "hit@3", "hit@5", "mrr@10", "recall@5", "label_in_answer", "facts",
                "oos_refusal_recall", "oos_refusal_precision")
METRICS = (*RATE_METRICS, "false_refusals", "latency_p50_ms", "latency_p95_ms")
RECALL_TYPES = ("part", "multi")


def fold(text: str) -> str:
    """Fold full/half width and case (NFKC + casefold), so "（十七）" matches "(十七)"."""
    return unicodedata.normalize("NFKC", text).casefold()


def hit_ranks(gold: Sequence[int], cited: Sequence[int | None]) -> list[int | None]:
    """1-based rank of each gold task in the cited list, or None where it is not cited."""
    ranks: list[int | None] = []
    for task in gold:
        ranks.append(next((i for i, n in enumerate(cited, 1) if n == task), None))
    return ranks


def first_rank(gold: Sequence[int], cited: Sequence[int | None]) -> int | None:
    """1-based rank of the first citation that is a gold task, or None (also for empty gold)."""
    found = [r for r in hit_ranks(gold, cited) if r is not None]
    return min(found) if found else None


def hit_at_k(gold: Sequence[int], cited: Sequence[int | None], k: int) -> bool:
    """True when any gold task is among the first ``k`` citations (False for empty gold)."""
    rank = first_rank(gold, cited)
    return rank is not None and rank <= k


def mrr_at_k(gold: Sequence[int], cited: Sequence[int | None], k: int = 10) -> float:
    """Reciprocal rank of the first gold task within the first ``k`` citations, else 0."""
    rank = first_rank(gold, cited)
    return 1.0 / rank if rank is not None and rank <= k else 0.0


def recall_at_k(gold: Sequence[int], cited: Sequence[int | None], k: int = 5) -> float:
    """Share of the distinct gold tasks found among the first ``k`` citations (0 for empty gold)."""
    wanted = set(gold)
    if not wanted:
        return 0.0
    return len(wanted & set(cited[:k])) / len(wanted)


def label_in_answer(labels: Iterable[str], answer: str) -> bool:
    """True when any of the gold labels (e.g. "（十七）") appears in the answer, either bracket width."""
    text = fold(answer)
    return any(fold(label) in text for label in labels if label)


def missing_facts(facts: Iterable[str], answer: str) -> list[str]:
    """The facts that do not appear in the answer after width folding."""
    text = fold(answer)
    return [fact for fact in facts if fold(fact) not in text]


def facts_ok(facts: Iterable[str], answer: str) -> bool:
    """True when every fact appears in the answer after width folding (vacuously true for none)."""
    return not missing_facts(facts, answer)


def refusal_recall(refused: Sequence[bool], oos: Sequence[bool]) -> float | None:
    """Share of out-of-scope questions that were refused (None when there are none)."""
    total = sum(oos)
    if not total:
        return None
    return sum(r and o for r, o in zip(refused, oos, strict=True)) / total


def refusal_precision(refused: Sequence[bool], oos: Sequence[bool]) -> float | None:
    """Share of refusals that were out-of-scope questions (None when nothing was refused)."""
    total = sum(refused)
    if not total:
        return None
    return sum(r and o for r, o in zip(refused, oos, strict=True)) / total


def false_refusals(refused: Sequence[bool], oos: Sequence[bool]) -> int:
    """Number of in-scope questions that were refused."""
    return sum(r and not o for r, o in zip(refused, oos, strict=True))


def percentile(values: Sequence[float], q: float) -> float | None:
    """The ``q``-th percentile (0–100) with linear interpolation, as numpy's default; None if empty."""
    if not values:
        return None
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100
    lo, hi = math.floor(pos), math.ceil(pos)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def mean(values: Iterable[float | bool]) -> float | None:
    """Arithmetic mean, or None for no values."""
    items = [float(v) for v in values]
    return sum(items) / len(items) if items else None


def declined(result: dict) -> bool:
    """True when an answer quotes nothing from the documents: refused, or small talk answered with the
    self-introduction (the right reply to a greeting in an out-of-scope row)."""
    return bool(result["refused"]) or result.get("route") == "chitchat"


def aggregate(results: Sequence[dict]) -> dict:
    """Summarise per-question results (see ``runner.question_result``) into the metrics.

    Ranking, label metrics average over in-scope questions (non-empty gold tasks); recall@5 over
    part and multi questions; facts over questions that have facts; refusal metrics count an answer
    :func:`declined`.
    """
    inscope = [r for r in results if r["tasks"]]
    recall = [r for r in inscope if r["type"] in RECALL_TYPES]
    refused = [declined(r) for r in results]
    oos = [not r["tasks"] for r in results]
    latencies = [r["latency_ms"] for r in results]
    p50, p95 = percentile(latencies, 50), percentile(latencies, 95)
    return {
        "n": len(results),
        "n_in_scope": len(inscope),
        "hit@1": mean(hit_at_k(r["tasks"], r["cited"], 1) for r in inscope),
        "hit@3": mean(hit_at_k(r["tasks"], r["cited"], 3) for r in inscope),
        "hit@5": mean(hit_at_k(r["tasks"], r["cited"], 5) for r in inscope),
        "mrr@10": mean(mrr_at_k(r["tasks"], r["cited"], 10) for r in inscope),
        "recall@5": mean(recall_at_k(r["tasks"], r["cited"], 5) for r in recall),
        "label_in_answer": mean(bool(r["label_in_answer"]) for r in inscope if r["label_in_answer"] is not None
                                or r["type"] != "meta"),
        "facts": mean(bool(r["facts_ok"]) for r in results if r["facts"]),
        "oos_refusal_recall": refusal_recall(refused, oos),
        "oos_refusal_precision": refusal_precision(refused, oos),
        "false_refusals": false_refusals(refused, oos),
        "latency_p50_ms": None if p50 is None else round(p50, 1),
        "latency_p95_ms": None if p95 is None else round(p95, 1),
    }


def aggregate_by_type(results: Sequence[dict]) -> dict[str, dict]:
    """:func:`aggregate` for each question type, in order of first appearance.

    Refusal precision is left out (None): within one type it only restates the type's scope.
    """
    types = list(dict.fromkeys(r["type"] for r in results))
    out = {}
    for kind in types:
        summary = aggregate([r for r in results if r["type"] == kind])
        summary["oos_refusal_precision"] = None
        out[kind] = summary
    return out


def check_thresholds(overall: dict, thresholds: dict) -> list[str]:
    """Compare measured metrics with ``{"min": {…}, "max": {…}}``; return one line per failure."""
    failures = []
    for name, floor in thresholds.get("min", {}).items():
        value = overall.get(name)
        if value is None or value < floor:
            failures.append(f"{name} = {value} < floor {floor}")
    for name, ceiling in thresholds.get("max", {}).items():
        value = overall.get(name)
        if value is None or value > ceiling:
            failures.append(f"{name} = {value} > ceiling {ceiling}")
    return failures


def make_thresholds(overall: dict, margin: float = 0.03, slack: int = 2) -> dict:
    """Gate thresholds from a measured run: rate floors ``value - margin`` (rounded down to 3
    decimals, never below 0) and a false-refusal ceiling ``value + slack``. Latency is not gated."""
    floors = {name: max(0.0, math.floor((overall[name] - margin) * 1000 + 1e-9) / 1000)
              for name in RATE_METRICS if overall.get(name) is not None}
    measured = {k: overall.get(k) if overall.get(k) is None else round(overall[k], 4)
                for k in (*RATE_METRICS, "false_refusals")}
    return {"margin": margin, "measured": measured,
            "min": floors, "max": {"false_refusals": overall["false_refusals"] + slack}}
