"""The results table printed by ``make bench`` (Markdown, pasted into the README)."""

from __future__ import annotations

# (section, key, label, goal, compare): compare is "<=" or ">=" or None (reported only).
ROWS = (
    ("ask", "p50_ms", "/ask p50, 8 clients (ms)", 30, "<="),
    ("ask", "p95_ms", "/ask p95, 8 clients (ms)", 60, "<="),
    ("ask", "p99_ms", "/ask p99, 8 clients (ms)", None, None),
    ("ask", "rps", "/ask req/s, 8 clients", 60, ">="),
    ("ask", "errors", "/ask errors, 8 clients", 0, "<="),
    ("ask", "first_p95_ms", "… p95 of first-time questions, 8 clients (ms)", None, None),
    ("ask", "repeat_p95_ms", "… p95 of repeated questions, 8 clients (ms)", None, None),
    ("ask16", "p50_ms", "/ask p50, 16 clients (ms)", None, None),
    ("ask16", "p95_ms", "/ask p95, 16 clients (ms)", None, None),
    ("ask16", "p99_ms", "/ask p99, 16 clients (ms)", None, None),
    ("ask16", "rps", "/ask req/s, 16 clients", None, None),
    ("ask16", "errors", "/ask errors, 16 clients", 0, "<="),
    ("ask_uncached_1client", "p50_ms", "/ask p50, new questions, 1 client (ms)", None, None),
    ("cold_start", "cli_median_s", "cold CLI answer, median (s)", 1.5, "<="),
    ("cold_start", "healthy_s", "server start → healthy (s)", None, None),
    ("cold_start", "first_answer_s", "server start → first answer (s)", None, None),
    ("ingest.default", "chunks_per_s", "ingest plan: chunks/s", None, None),
    ("ingest.default", "peak_rss_mb", "ingest plan: peak RSS (MB)", None, None),
    ("ingest.synthetic", "chunks_per_s", "ingest synthetic: chunks/s", None, None),
    ("ingest.synthetic", "peak_rss_mb", "ingest synthetic: peak RSS (MB)", None, None),
    ("scale", "chunks", "scale: chunks", 100_000, ">="),
    ("scale", "p50_ms", "scale: full retrieve p50 (ms)", 40, "<="),
    ("scale", "p95_ms", "scale: full retrieve p95 (ms)", None, None),
    ("scale", "exact_p50_ms", "scale: FAISS exact p50 (ms)", None, None),
    ("scale", "hnsw_p50_ms", "scale: FAISS HNSW p50 (ms)", 40, "<="),
    ("scale", "recall@10", "scale: HNSW recall@10 vs exact", 0.95, ">="),
    ("scale", "build_s", "scale: index build / PostgreSQL: write, one transaction per document (s)", None, None),
    ("scale", "hnsw_build_s", "scale: HNSW build (s)", None, None),
    ("scale", "disk_mb", "scale: size on disk (MB)", None, None),
    ("scale", "rss_mb", "scale: peak RSS serving (MB)", None, None),
    ("scale", "load_s", "scale: index load at start (s)", None, None),
    ("baseline", "ours_hit@1", "gold hit@1, ours", None, None),
    ("baseline", "langchain_hit@1", "gold hit@1, LangChain RAG", None, None),
    ("baseline", "ours_p50_ms", "gold p50, ours (ms)", None, None),
    ("baseline", "langchain_p50_ms", "gold p50, LangChain RAG (ms)", None, None),
)


def _get(payload: dict, section: str, key: str):
    node = payload
    for part in section.split("."):
        node = node.get(part, {}) if isinstance(node, dict) else {}
    return node.get(key) if isinstance(node, dict) else None


def _cell(value) -> str:
    return "" if value is None else f"{value:g}"


def table(payload: dict) -> str:
    """A Markdown table of the headline figures with their goals and whether each is met (by the local
    backend); with a PostgreSQL run in the payload, its figures in a column of their own."""
    pg = payload.get("postgresql") or {}
    lines = ["| figure | local | PostgreSQL | goal | met |", "| --- | ---: | ---: | ---: | :---: |"] if pg else \
        ["| figure | value | goal | met |", "| --- | ---: | ---: | :---: |"]
    for section, key, label, goal, compare in ROWS:
        value = _get(payload, section, key)
        if value is None:
            continue
        met = ""
        if compare == "<=":
            met = "yes" if value <= goal else "**no**"
        elif compare == ">=":
            met = "yes" if value >= goal else "**no**"
        goal_text = "" if compare is None else f"{compare.replace('<=', '≤').replace('>=', '≥')} {goal:g}"
        other = f" {_cell(_get(pg, section, key))} |" if pg else ""
        lines.append(f"| {label} | {value:g} |{other} {goal_text} | {met} |")
    return "\n".join(lines)
