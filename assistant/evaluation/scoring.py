"""Scoring of one answer against its gold pair, shared by the pipeline runner and the baseline."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from assistant.evaluation import metrics
from assistant.evaluation.paths import cited_keys, gold_keys, is_path_row
from assistant.text.numerals import int_to_cn

GOLD_TYPES = ("fact", "paraphrase", "lookup", "part", "multi", "en", "trad", "meta", "oos")
# Calibration sets may label rows only "in" (answerable) or "out"; "out" is scored as "oos".
CALIBRATION_TYPES = ("in",)
TYPE_ALIASES = {"out": "oos"}
BASELINE = "baseline"


def load_gold(path: Path) -> list[dict]:
    """Read a gold file (JSON Lines) and check each pair's fields.

    A calibration set's types "in" and "out" are accepted ("out" is scored as "oos"), so one
    command evaluates either kind of set.

    Raises:
        ValueError: For a malformed line, with its line number.
    """
    rows = []
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: not JSON ({exc.msg})") from exc
            if isinstance(row, dict) and row.get("type") in TYPE_ALIASES:
                row = {**row, "type": TYPE_ALIASES[row["type"]]}
            problem = _gold_problem(row)
            if problem:
                raise ValueError(f"{path}:{number}: {problem}")
            rows.append({"facts": [], **row})
    return rows


def _gold_problem(row: object) -> str | None:
    if not isinstance(row, dict):
        return "not an object"
    if not isinstance(row.get("id"), str) or not isinstance(row.get("question"), str):
        return "id and question must be strings"
    if is_path_row(row):
        paths = row.get("paths")
        if not isinstance(row.get("doc", ""), str):
            return "doc must be a string (a doc_id, or empty for an out-of-scope row)"
        if not isinstance(paths, list) or not all(isinstance(p, str) and p.strip() for p in paths):
            return "paths must be a list of unit paths such as \"第十三条\" or \"二、（三）\""
        if bool(row.get("doc")) != (bool(paths) or row.get("type") == "meta"):
            return "a row names a doc with paths (or type meta), an out-of-scope row neither"
    else:
        tasks = row.get("tasks")
        if not isinstance(tasks, list) or not all(isinstance(t, int) for t in tasks):
            return "tasks must be a list of integers (or give doc and paths)"
    if not isinstance(row.get("facts", []), list):
        return "facts must be a list of strings"
    if row.get("type") not in GOLD_TYPES + CALIBRATION_TYPES:
        return f"type must be one of {', '.join(GOLD_TYPES + CALIBRATION_TYPES)}, out"
    return None


def task_labels(chunks: Sequence) -> dict[tuple[str, int], str]:
    """Map (doc_id, number) to the section label used in answers, from the index's chunks."""
    labels: dict[tuple[str, int], str] = {}
    for chunk in chunks:
        if chunk.number is not None:
            labels.setdefault((chunk.doc_id, chunk.number), chunk.label)
    return labels


def gold_labels(row: dict, labels: dict[tuple[str, int], str]) -> list[str]:
    """Labels of the pair's gold tasks (in its doc_id if it names one), e.g. ["（十七）"]; for a row
    with ``paths``, the paths themselves."""
    if is_path_row(row):
        return list(row["paths"]) or ([row["doc"]] if row.get("doc") else [])
    out = []
    for task in row["tasks"]:
        found = [label for (doc, n), label in labels.items()
                 if n == task and row.get("doc_id") in (None, doc)]
        out.extend(found or [f"（{int_to_cn(task)}）"])
    return out


def row_keys(row: dict, citations: Sequence[dict], aliases: dict | None) -> tuple[list, list]:
    """The gold keys of a row and the keys of an answer's citations, comparable by equality:
    task numbers for plan rows, "doc|path" strings for rows with ``doc`` and ``paths``."""
    if is_path_row(row):
        return gold_keys(row, aliases or {}), cited_keys(row, citations, aliases or {})
    doc = row.get("doc_id")
    return list(row["tasks"]), [c.get("number") if doc in (None, c.get("doc_id")) else None
                                for c in citations]


def question_result(row: dict, answer: dict, latency_ms: float, retriever: str,
                    labels: Sequence[str], aliases: dict | None = None) -> dict:
    """Score one answer (the JSON contract of ``Answer.to_dict``) against its gold pair.

    ``aliases`` (from :func:`assistant.evaluation.paths.unit_aliases`) resolves the unit paths of
    rows with ``paths``. ``label_in_answer`` is None for out-of-scope pairs and ``facts_ok`` None
    for pairs without facts (they are not averaged); both are False for a refused answer.
    """
    gold, cited = row_keys(row, answer.get("citations", []), aliases)
    text = answer.get("answer", "")
    inscope, refused = bool(gold), bool(answer.get("refused"))
    return {
        "id": row["id"], "question": row["question"], "type": row["type"],
        "tasks": gold, "facts": list(row["facts"]), "retriever": retriever,
        "cited": cited, "refused": refused, "route": answer.get("route"),
        "ranks": metrics.hit_ranks(gold, cited),
        "first_rank": metrics.first_rank(gold, cited),
        # A refusal names related tasks but answers nothing: it never counts as right.
        # A meta row names no unit: its answer is judged by its facts alone.
        "label_in_answer": (not refused and metrics.label_in_answer(labels, text))
        if inscope and row.get("type") != "meta" else None,
        "facts_ok": (not refused and metrics.facts_ok(row["facts"], text)) if row["facts"] else None,
        "missing_facts": metrics.missing_facts(row["facts"], text),
        "latency_ms": round(latency_ms, 2), "answer": text,
    }


def clear_query_cache(embedder) -> None:
    """Forget the embedder's cached query vectors, so each run pays for its own embeddings."""
    embedder.__dict__.pop("_cache", None)
