"""Compare two evaluation runs: which questions changed result, and how the overall metrics moved."""

from __future__ import annotations

import json
from pathlib import Path

from assistant.evaluation.metrics import METRICS

# Per-question fields that make up a question's "result".
OUTCOME = ("first_rank", "refused", "label_in_answer", "facts_ok")


def load_results(path: Path) -> dict:
    """Read a results JSON (``--json`` output or ``results.json``); a folder means its results.json."""
    path = Path(path)
    if path.is_dir():
        path = path / "results.json"
    return json.loads(path.read_text(encoding="utf-8"))


def _by_key(payload: dict) -> dict[tuple[str, str], dict]:
    return {(q.get("retriever", "hybrid"), q["id"]): q for q in payload.get("questions", [])}


def compare(old: dict, new: dict) -> dict:
    """List the questions whose outcome differs between two runs.

    Returns:
        ``{"changed": [{"id", "retriever", "question", "type", "changes": {field: [old, new]}}],
        "only_old": [...], "only_new": [...], "overall": {run: {metric: [old, new]}}}``.
    """
    a, b = _by_key(old), _by_key(new)
    changed = []
    for key in [k for k in a if k in b]:
        diffs = {f: [a[key].get(f), b[key].get(f)] for f in OUTCOME if a[key].get(f) != b[key].get(f)}
        if diffs:
            q = b[key]
            changed.append({"id": q["id"], "retriever": key[0], "question": q["question"],
                            "type": q["type"], "changes": diffs,
                            "cited": [a[key].get("cited"), q.get("cited")]})
    overall = {}
    for run in [r for r in old.get("runs", {}) if r in new.get("runs", {})]:
        before, after = old["runs"][run]["overall"], new["runs"][run]["overall"]
        overall[run] = {m: [before.get(m), after.get(m)] for m in METRICS
                        if not m.startswith("latency") and before.get(m) != after.get(m)}
    return {"changed": changed, "only_old": [f"{r}:{i}" for r, i in a if (r, i) not in b],
            "only_new": [f"{r}:{i}" for r, i in b if (r, i) not in a], "overall": overall}


def _word(field: str, value: object) -> str:
    if field == "first_rank":
        return "–" if value is None else str(value)
    return {True: "✓", False: "✗", None: "–"}.get(value, str(value))


def _summarize_keys(keys: list[str], limit: int = 10) -> str:
    """List "retriever:id" keys, or count them per retriever when there are many."""
    if len(keys) <= limit:
        return ", ".join(keys)
    counts: dict[str, int] = {}
    for key in keys:
        run = key.split(":", 1)[0]
        counts[run] = counts.get(run, 0) + 1
    return ", ".join(f"{run} ({n} questions)" for run, n in counts.items())


def format_compare(diff: dict) -> str:
    """Human-readable lines for :func:`compare` output."""
    lines = [f"结果变化的问题 / changed questions: {len(diff['changed'])}"]
    for item in diff["changed"]:
        parts = [f"{f} {_word(f, o)}→{_word(f, n)}" for f, (o, n) in item["changes"].items()]
        lines.append(f"  {item['id']} [{item['retriever']}] {', '.join(parts)}  {item['question']}")
    for name, side in (("only_old", "A"), ("only_new", "B")):
        if diff[name]:
            lines.append(f"仅在 {side} 中 / only in {side}: {_summarize_keys(diff[name])}")
    for run, moved in diff["overall"].items():
        if moved:
            lines.append(f"[{run}] " + "; ".join(f"{m} {o}→{n}" for m, (o, n) in moved.items()))
    return "\n".join(lines)
