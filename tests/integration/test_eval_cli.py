"""The ``policyqa eval`` command on a tiny gold set over the real index (real e5 model)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support.cli import cli_env
from support.cli import run_cli as run

from assistant.evaluation import metrics as m

TINY = [
    {"id": "t1", "question": "全市数据中心标准机架总数的目标是多少？", "tasks": [17], "facts": ["6.5万"],
     "type": "fact"},
    {"id": "t2", "question": "第三部分", "tasks": [10, 11, 12], "facts": [], "type": "part"},
    {"id": "t3", "question": "攻防演练一年搞几次", "tasks": [22], "facts": ["2次"], "type": "fact"},
    {"id": "t4", "question": "个人所得税专项附加扣除怎么申报", "tasks": [], "facts": [], "type": "oos"},
]


@pytest.fixture(scope="module")
def env(assistant) -> dict:
    return cli_env(assistant)


@pytest.fixture(scope="module")
def tiny_run(env: dict, tmp_path_factory) -> tuple[dict, Path]:
    folder = tmp_path_factory.mktemp("eval")
    gold = folder / "tiny.jsonl"
    gold.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in TINY), encoding="utf-8")
    done = run(["eval", "--gold", str(gold), "--json", "--out", str(folder / "out")], env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout), folder / "out"


def test_eval_json_shape_and_values(tiny_run) -> None:
    data, _ = tiny_run
    assert set(data) >= {"overall", "by_type", "questions", "runs", "meta"}
    overall = data["overall"]
    assert set(m.METRICS) <= set(overall) and overall["n"] == 4 and overall["n_in_scope"] == 3
    assert overall["hit@1"] == 1.0 and overall["mrr@10"] == 1.0 and overall["recall@5"] == 1.0
    assert overall["label_in_answer"] == 1.0 and overall["facts"] == 1.0
    assert overall["oos_refusal_recall"] == 1.0 and overall["oos_refusal_precision"] == 1.0
    assert overall["false_refusals"] == 0 and overall["latency_p95_ms"] >= overall["latency_p50_ms"] > 0
    assert set(data["by_type"]) == {"fact", "part", "oos"} and data["by_type"]["fact"]["n"] == 2
    assert set(data["runs"]) == {"hybrid", "baseline"}
    hybrid = [q for q in data["questions"] if q["retriever"] == "hybrid"]
    assert [q["id"] for q in hybrid] == ["t1", "t2", "t3", "t4"]
    first = hybrid[0]
    assert {"id", "question", "type", "tasks", "cited", "refused", "ranks", "first_rank",
            "label_in_answer", "facts_ok", "latency_ms", "retriever"} <= set(first)
    assert first["cited"][0] == 17 and first["ranks"] == [1] and first["facts_ok"] is True
    part = hybrid[1]  # a part question cites every task of the part first, in document order
    assert part["cited"][: len(part["tasks"])] == part["tasks"]
    assert hybrid[3]["refused"] is True
    baseline = [q for q in data["questions"] if q["retriever"] == "baseline"]
    assert len(baseline) == 4 and not any(q["refused"] for q in baseline)


def test_eval_out_writes_report_chart_and_json(tiny_run) -> None:
    data, out = tiny_run
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "| hybrid |" in report and "| baseline |" in report and "chart.png" in report
    assert (out / "chart.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    saved = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert saved["overall"] == data["overall"]


def _results(rank: int) -> dict:
    """A results file of one question first cited at ``rank`` (the shape ``--out`` writes)."""
    question = {"id": "a", "question": "问题a", "type": "fact", "retriever": "hybrid", "cited": [],
                "first_rank": rank, "refused": False, "label_in_answer": True, "facts_ok": True}
    return {"questions": [question], "runs": {"hybrid": {"overall": {"hit@1": float(rank == 1)}}}}


def test_eval_compare_reads_results_files(tmp_path: Path, env: dict) -> None:
    (tmp_path / "a.json").write_text(json.dumps(_results(2)), encoding="utf-8")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "results.json").write_text(json.dumps(_results(1)), encoding="utf-8")
    done = run(["eval", "--compare", str(tmp_path / "a.json"), str(tmp_path / "b"), "--json"], env)
    assert done.returncode == 0, done.stderr
    assert [c["id"] for c in json.loads(done.stdout)["changed"]] == ["a"]
    done = run(["eval", "--compare", str(tmp_path / "a.json"), str(tmp_path / "missing.json")], env)
    assert done.returncode == 2


def test_eval_rejects_a_bad_gold_file(tmp_path: Path, env: dict) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "question": "q", "tasks": [1], "type": "nonsense"}\n', encoding="utf-8")
    done = run(["eval", "--gold", str(bad)], env)
    assert done.returncode == 2 and "bad.jsonl:1" in done.stderr


def test_rows_naming_units_the_index_lacks_stop_the_run(env: dict, tmp_path: Path) -> None:
    doc = "qingdao-bigdata-2025-work-plan"
    rows = [{"id": "p1", "question": "全市数据中心标准机架总数的目标是多少？", "doc": doc, "paths": ["六、(十七)"],
             "facts": [], "type": "fact"},
            {"id": "p2", "question": "q", "doc": doc, "paths": ["（九十九）"], "facts": [], "type": "lookup"},
            {"id": "p3", "question": "q", "doc": "no-such-doc", "paths": ["第一条"], "facts": [], "type": "lookup"}]
    gold = tmp_path / "paths.jsonl"
    gold.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    done = run(["eval", "--gold", str(gold), "--no-baseline", "--json"], env)
    assert done.returncode == 2
    assert "p2" in done.stderr and "（九十九）" in done.stderr and "p3" in done.stderr and "p1:" not in done.stderr
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps(rows[0], ensure_ascii=False) + "\n", encoding="utf-8")
    done = run(["eval", "--gold", str(good), "--no-baseline", "--json"], env)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["questions"][0]["first_rank"] == 1
