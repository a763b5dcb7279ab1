"""Evaluation reports: Markdown tables, a PNG chart (matplotlib, imported lazily) and the JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from assistant.evaluation.metrics import METRICS, RATE_METRICS, declined

TABLE_COLUMNS = ("n", *METRICS)
CHART_METRICS = ("hit@1", "hit@3", "hit@5", "mrr@10", "label_in_answer", "facts")
RUN_ORDER = ("bm25", "dense", "hybrid", "baseline")


def fmt(value: object, name: str = "") -> str:
    """Render one table cell: rates with 3 decimals, None as "–"."""
    if value is None:
        return "–"
    if name in RATE_METRICS and isinstance(value, float):
        return f"{value:.3f}"
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def markdown_table(rows: dict[str, dict], first: str) -> str:
    """A Markdown table with one row per key of ``rows`` and one column per metric."""
    head = f"| {first} | " + " | ".join(TABLE_COLUMNS) + " |"
    rule = "| --- |" + " ---: |" * len(TABLE_COLUMNS)
    body = [f"| {key} | " + " | ".join(fmt(values.get(c), c) for c in TABLE_COLUMNS) + " |"
            for key, values in rows.items()]
    return "\n".join([head, rule, *body])


def ordered_runs(payload: dict) -> list[str]:
    """Run names in a stable order: bm25, dense, hybrid, then the baseline."""
    runs = list(payload["runs"])
    return sorted(runs, key=lambda r: RUN_ORDER.index(r) if r in RUN_ORDER else len(RUN_ORDER))


def overall_table(payload: dict) -> str:
    """The "latest figures" table: one row per retriever, baseline included."""
    return markdown_table({r: payload["runs"][r]["overall"] for r in ordered_runs(payload)}, "retriever")


def _misses(payload: dict) -> list[str]:
    main = payload["meta"]["main"]
    lines = []
    for q in payload["questions"]:
        if q["retriever"] != main:
            continue
        problems = []
        if q["tasks"] and (q["first_rank"] is None or q["first_rank"] > 5):
            problems.append(f"gold {q['tasks']} not in top 5 (cited {q['cited'][:5]})")
        if q["tasks"] and declined(q):
            problems.append("refused")
        if not q["tasks"] and not declined(q):
            problems.append("answered an out-of-scope question")
        if q["facts_ok"] is False:
            problems.append("missing facts " + "、".join(q["missing_facts"]))
        if problems:
            lines.append(f"- `{q['id']}` ({q['type']}) {q['question']} — " + "; ".join(problems))
    return lines


def markdown_report(payload: dict, command: str = "") -> str:
    """The whole Markdown report: settings, overall table, per-type tables, the main run's misses."""
    meta = payload["meta"]
    lines = ["# 评测报告 / Evaluation report", ""]
    if command:
        lines += [f"Command: `{command}`", ""]
    lines += [f"- date: {meta['date']}", f"- gold: {meta.get('gold', '')} ({meta['questions']} questions)",
              f"- embedder: {meta['embedder']}, top_k {meta['top_k']}", f"- main run: {meta['main']}",
              "", "Rates are 0–1; hit@k, mrr@10, label_in_answer over in-scope questions, recall@5 over "
              "part and multi, facts over pairs with facts; latencies in ms. The baseline is plain "
              "LangChain (RecursiveCharacterTextSplitter 500/50 + FAISS + the same embedder); its "
              "answer is its top chunk verbatim and it never refuses.", "", "## Overall", "",
              overall_table(payload), "", "![chart](chart.png)", ""]
    for run in ordered_runs(payload):
        lines += [f"## By type: {run}", "", markdown_table(payload["runs"][run]["by_type"], "type"), ""]
    misses = _misses(payload)
    lines += [f"## Misses of the {meta['main']} run ({len(misses)})", "", *(misses or ["(none)"]), ""]
    return "\n".join(lines)


def write_chart(payload: dict, path: Path, metrics: Sequence[str] = CHART_METRICS) -> None:
    """Draw metric × type bar charts, one bar group per type with a bar per retriever, as PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    runs = ordered_runs(payload)
    types = ["overall", *[t for t in payload["by_type"] if t != "oos"]]
    cols = 3
    rows = (len(metrics) + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(5.5 * cols, 3.6 * rows), squeeze=False)
    width = 0.8 / max(len(runs), 1)
    for ax, metric in zip(axes.flat, metrics, strict=False):
        for i, run in enumerate(runs):
            data = payload["runs"][run]
            values = [(data["overall"] if t == "overall" else data["by_type"].get(t, {})).get(metric)
                      for t in types]
            xs = [x + (i - (len(runs) - 1) / 2) * width for x in range(len(types))]
            ax.bar(xs, [v or 0.0 for v in values], width, label=run)
        ax.set_title(metric)
        ax.set_ylim(0, 1.05)
        ax.set_xticks(range(len(types)), types, rotation=30, fontsize=8)
        ax.grid(axis="y", alpha=0.3)
    for ax in list(axes.flat)[len(metrics):]:
        ax.set_visible(False)
    handles, names = axes.flat[0].get_legend_handles_labels()
    fig.legend(handles, names, loc="upper right", ncol=len(runs), fontsize=9)
    fig.suptitle("policyqa evaluation: metric by question type and retriever", x=0.02, ha="left")
    fig.tight_layout(rect=(0, 0, 1, 0.95))
    fig.savefig(path, dpi=100)
    plt.close(fig)


def write_report(payload: dict, folder: Path, command: str = "") -> dict[str, Path]:
    """Write report.md, chart.png and results.json into ``folder``; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {"report": folder / "report.md", "chart": folder / "chart.png", "json": folder / "results.json"}
    paths["json"].write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    write_chart(payload, paths["chart"])
    paths["report"].write_text(markdown_report(payload, command), encoding="utf-8")
    return paths
