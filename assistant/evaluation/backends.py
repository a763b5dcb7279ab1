"""Two assistants over the same corpus (e.g. the folder and the PostgreSQL backend), question by question.

Used by ``python -m benchmarks.backends`` and the PostgreSQL gold-set test: the acceptance of the
PostgreSQL backend is hit@1 within 0.01 of the folder index and the same refused question ids.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.evaluation.metrics import aggregate
from assistant.evaluation.runner import run_pipeline


def compare(local, shared, gold: Sequence[dict], tolerance: float = 0.01) -> dict:
    """Ask ``gold`` (rows of ``load_gold``) through ``Assistant.ask`` on both assistants.

    Returns:
        ``{"hit@1": {"local", "postgresql"}, "refused": {…counts}, "refused_only_local": [ids],
        "refused_only_postgresql": [ids], "first_citation_differs": [ids], "ok": bool}``; ``ok`` when
        hit@1 differs by at most ``tolerance`` and the same ids are refused.
    """
    a_rows, b_rows = run_pipeline(local, gold), run_pipeline(shared, gold)
    a, b = aggregate(a_rows), aggregate(b_rows)
    refused_a = {r["id"] for r in a_rows if r["refused"]}
    refused_b = {r["id"] for r in b_rows if r["refused"]}
    differ = [x["id"] for x, y in zip(a_rows, b_rows, strict=True) if x["cited"][:1] != y["cited"][:1]]
    return {"hit@1": {"local": a["hit@1"], "postgresql": b["hit@1"]},
            "refused": {"local": len(refused_a), "postgresql": len(refused_b)},
            "refused_only_local": sorted(refused_a - refused_b),
            "refused_only_postgresql": sorted(refused_b - refused_a),
            "first_citation_differs": differ,
            "ok": abs(a["hit@1"] - b["hit@1"]) <= tolerance and refused_a == refused_b}
