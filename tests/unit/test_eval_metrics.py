"""The evaluation suite: metrics against hand-computed values, the gold set's shape, run comparison."""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from assistant.evaluation import metrics as m
from assistant.evaluation.baseline import chunk_number
from assistant.evaluation.compare import compare, format_compare
from assistant.evaluation.scoring import GOLD_TYPES, load_gold, question_result
from assistant.ingest.chunking import build_chunks

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "eval" / "gold.jsonl"


# --- metrics, hand-computed ---------------------------------------------------------------

def test_ranks_hits_and_mrr() -> None:
    cited = [5, 3, None, 17]
    assert m.hit_ranks([17, 3], cited) == [4, 2]
    assert m.first_rank([17, 3], cited) == 2
    assert not m.hit_at_k([17, 3], cited, 1)
    assert m.hit_at_k([17, 3], cited, 2) and m.hit_at_k([17, 3], cited, 3)
    assert m.mrr_at_k([17, 3], cited, 10) == pytest.approx(0.5)
    assert m.mrr_at_k([17], cited, 10) == pytest.approx(0.25)
    assert m.mrr_at_k([17], cited, 3) == 0.0  # rank 4 is beyond k


def test_recall_at_k() -> None:
    cited = [10, 5, 12, 11, 9, 13]
    assert m.recall_at_k([10, 11, 12], cited, 3) == pytest.approx(2 / 3)
    assert m.recall_at_k([10, 11, 12], cited, 5) == 1.0
    assert m.recall_at_k([13, 14], cited, 5) == 0.0  # 13 is sixth
    assert m.recall_at_k([10, 10], cited, 1) == 1.0  # distinct gold tasks


def test_empty_gold_and_no_citations() -> None:
    assert m.hit_ranks([], [1, 2]) == [] and m.first_rank([], [1, 2]) is None
    assert not m.hit_at_k([], [1, 2], 5)
    assert m.mrr_at_k([], [1, 2]) == 0.0 and m.recall_at_k([], [1, 2]) == 0.0
    assert m.first_rank([4], []) is None and not m.hit_at_k([4], [], 5)
    assert m.mrr_at_k([4], []) == 0.0 and m.recall_at_k([4, 5], []) == 0.0


def test_label_in_answer_either_bracket_width() -> None:
    assert m.label_in_answer(["（十七）"], "智能算力占比超35%。(十七)")
    assert m.label_in_answer(["(十七)"], "智能算力占比超35%。（十七）")
    assert m.label_in_answer(["（三）", "（十七）"], "……（十七）")
    assert not m.label_in_answer(["（十七）"], "……（二十七）")
    assert not m.label_in_answer(["（七）"], "……（十七）")
    assert not m.label_in_answer([], "（十七）")
    assert not m.label_in_answer(["（十七）"], "")


def test_facts_after_width_folding() -> None:
    answer = "全市数据中心标准机架总数超6.5万架,智能算力占比超３５％。"
    assert m.facts_ok(["6.5万", "35%"], answer)
    assert m.facts_ok(["６.５万"], answer)
    assert m.missing_facts(["6.5万", "10000P", "99%"], answer) == ["10000P", "99%"]
    assert not m.facts_ok(["10000P"], answer)
    assert m.facts_ok([], answer)  # vacuously: such pairs are not averaged
    assert m.facts_ok(["10000p"], "算力总规模超10000P")  # case folded


def test_refusal_precision_recall_and_false_refusals() -> None:
    refused = [True, True, False, False, True]
    oos = [True, False, True, False, True]
    assert m.refusal_recall(refused, oos) == pytest.approx(2 / 3)
    assert m.refusal_precision(refused, oos) == pytest.approx(2 / 3)
    assert m.false_refusals(refused, oos) == 1
    assert m.refusal_recall([True], [False]) is None  # no out-of-scope question
    assert m.refusal_precision([False, False], [True, False]) is None  # nothing refused
    assert m.refusal_recall([False, False], [True, False]) == 0.0


def test_percentile_interpolates_like_numpy() -> None:
    assert m.percentile([40, 10, 30, 20], 50) == pytest.approx(25.0)
    assert m.percentile([10, 20, 30, 40], 95) == pytest.approx(38.5)  # pos 2.85: 30 + 0.85·10
    assert m.percentile([10, 20, 30, 40], 0) == 10 and m.percentile([10, 20, 30, 40], 100) == 40
    assert m.percentile([7.0], 95) == 7.0 and m.percentile([], 50) is None


def _result(id_, type_, tasks, cited, refused=False, label=True, facts=(), facts_ok=None, ms=10.0):
    return {"id": id_, "type": type_, "tasks": tasks, "cited": cited, "refused": refused,
            "label_in_answer": label if tasks else None, "facts": list(facts), "facts_ok": facts_ok,
            "latency_ms": ms}


RESULTS = [
    _result("a", "fact", [17], [17, 3], facts=["6.5万"], facts_ok=True, ms=10),
    _result("b", "fact", [11], [2, 11], label=False, facts=["99%"], facts_ok=False, ms=20),
    _result("c", "part", [10, 11, 12], [10, 11, 4, 5, 6], ms=30),
    _result("d", "oos", [], [], refused=True, ms=40),
    _result("e", "oos", [], [8], ms=50),
    _result("f", "paraphrase", [6], [], refused=True, label=False, ms=60),
]


def test_aggregate_hand_computed() -> None:
    got = m.aggregate(RESULTS)
    assert got["n"] == 6 and got["n_in_scope"] == 4
    assert got["hit@1"] == pytest.approx(2 / 4)  # a, c
    assert got["hit@3"] == pytest.approx(3 / 4) and got["hit@5"] == pytest.approx(3 / 4)
    assert got["mrr@10"] == pytest.approx((1 + 0.5 + 1 + 0) / 4)
    assert got["recall@5"] == pytest.approx(2 / 3)  # only the part question
    assert got["label_in_answer"] == pytest.approx(2 / 4)
    assert got["facts"] == pytest.approx(1 / 2)
    assert got["oos_refusal_recall"] == pytest.approx(1 / 2)
    assert got["oos_refusal_precision"] == pytest.approx(1 / 2)  # d right, f wrong
    assert got["false_refusals"] == 1
    assert got["latency_p50_ms"] == pytest.approx(35.0) and got["latency_p95_ms"] == pytest.approx(57.5)


def test_aggregate_by_type() -> None:
    by_type = m.aggregate_by_type(RESULTS)
    assert list(by_type) == ["fact", "part", "oos", "paraphrase"]
    assert by_type["fact"]["hit@1"] == pytest.approx(0.5) and by_type["fact"]["recall@5"] is None
    assert by_type["oos"]["hit@1"] is None and by_type["oos"]["oos_refusal_recall"] == 0.5
    assert by_type["paraphrase"]["false_refusals"] == 1
    assert all(v["oos_refusal_precision"] is None for v in by_type.values())


def test_thresholds() -> None:
    made = m.make_thresholds({"hit@1": 0.9085, "facts": 0.02, "recall@5": None, "false_refusals": 9})
    assert made["min"] == {"hit@1": 0.878, "facts": 0.0} and made["max"] == {"false_refusals": 11}
    assert m.check_thresholds({"hit@1": 0.878, "false_refusals": 11}, made | {"min": {"hit@1": 0.878}}) == []
    failures = m.check_thresholds({"hit@1": 0.8, "false_refusals": 12}, made)
    assert len(failures) == 3  # hit@1 low, facts missing, false_refusals high


def test_question_result_refusal_never_counts_as_right() -> None:
    row = {"id": "x", "question": "q", "type": "fact", "tasks": [17], "facts": ["6.5万"]}
    answer = {"answer": "未找到。以下内容可能相关：\n- （十七）夯实算力基础设施 6.5万", "refused": True,
              "citations": []}
    got = question_result(row, answer, 12.0, "hybrid", ["（十七）"])
    assert got["label_in_answer"] is False and got["facts_ok"] is False and got["cited"] == []
    answer = {"answer": "超6.5万架。(十七)", "refused": False,
              "citations": [{"doc_id": "d", "number": 17}, {"doc_id": "other", "number": 3}]}
    got = question_result(row | {"doc_id": "d"}, answer, 12.0, "hybrid", ["（十七）"])
    assert got["label_in_answer"] and got["facts_ok"] and got["cited"] == [17, None]
    assert got["first_rank"] == 1 and got["ranks"] == [1]


def test_baseline_chunk_number() -> None:
    assert chunk_number("(十七)夯实算力基础设施。") == 17
    assert chunk_number("\n（二十三）强化人才队伍。") == 23
    assert chunk_number("六、聚力数字基础设施建设改革攻坚\n(十七)夯实") is None
    assert chunk_number("算力总规模超10000P(十七)") is None


# --- the gold set ---------------------------------------------------------------------------

def _tasks_text() -> dict[int, str]:
    text = (ROOT / "corpus" / "qingdao-bigdata-2025-work-plan.txt").read_text(encoding="utf-8")
    tasks: dict[int, str] = {}
    for chunk in build_chunks(text, "plan", "plan", max_chars=2000):
        if chunk.level == "task":
            tasks[chunk.number] = tasks.get(chunk.number, "") + chunk.text
    return tasks


def test_gold_set_shape() -> None:
    gold = load_gold(GOLD)
    tasks = _tasks_text()
    assert len(gold) >= 120 and sorted(tasks) == list(range(1, 24))
    assert len({g["id"] for g in gold}) == len(gold), "ids must be unique"
    per_task = Counter(t for g in gold for t in g["tasks"])
    assert all(per_task[n] >= 3 for n in tasks), per_task
    per_type = Counter(g["type"] for g in gold)
    assert all(per_type[t] >= 8 for t in GOLD_TYPES if t != "meta") and per_type["oos"] >= 15, per_type
    assert all(bool(g["tasks"]) == (g["type"] != "oos") for g in gold)
    fold = lambda s: unicodedata.normalize("NFKC", s)  # noqa: E731
    for g in gold:
        for fact in g["facts"]:
            assert any(fold(fact) in fold(tasks[t]) for t in g["tasks"]), (g["id"], fact)


# Gold pairs that repeat a calibration question (reported to the gold set's author, not edited here).
KNOWN_CALIBRATION_REPEATS = {"g171"}  # = c142 but for the final "？"


def _bare(question: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKC", question).casefold() if c.isalnum())


def test_gold_does_not_repeat_the_calibration_set() -> None:
    with open(ROOT / "eval" / "calibration.jsonl", encoding="utf-8") as fh:
        calibration = {_bare(json.loads(line)["question"]) for line in fh if line.strip()}
    repeats = {g["id"] for g in load_gold(GOLD) if _bare(g["question"]) in calibration}
    assert repeats <= KNOWN_CALIBRATION_REPEATS, repeats - KNOWN_CALIBRATION_REPEATS


# --- comparing two runs ---------------------------------------------------------------------

def _payload(questions: list[dict], hit1: float) -> dict:
    return {"questions": questions, "runs": {"hybrid": {"overall": {"hit@1": hit1, "latency_p50_ms": 3.0}}}}


def _q(id_: str, rank: int | None, refused: bool = False, facts_ok: bool | None = True) -> dict:
    return {"id": id_, "question": f"问题{id_}", "type": "fact", "retriever": "hybrid", "cited": [],
            "first_rank": rank, "refused": refused, "label_in_answer": rank is not None, "facts_ok": facts_ok}


def test_compare_lists_changed_questions() -> None:
    old = _payload([_q("a", 1), _q("b", 2), _q("c", None, refused=True, facts_ok=False), _q("d", 1)], 0.5)
    new = _payload([_q("a", 1), _q("b", 1), _q("c", 3), _q("e", 1)], 0.75)
    diff = compare(old, new)
    assert [(c["id"], c["changes"]) for c in diff["changed"]] == [
        ("b", {"first_rank": [2, 1]}),
        ("c", {"first_rank": [None, 3], "refused": [True, False], "label_in_answer": [False, True],
               "facts_ok": [False, True]}),
    ]
    assert diff["only_old"] == ["hybrid:d"] and diff["only_new"] == ["hybrid:e"]
    assert diff["overall"] == {"hybrid": {"hit@1": [0.5, 0.75]}}  # latency is not compared
    assert "b [hybrid] first_rank 2→1" in format_compare(diff)


def _bigrams(text: str) -> set[str]:
    bare = _bare(text)
    return {bare[i:i + 2] for i in range(len(bare) - 1)}


def test_realdocs_gold_and_calibration_sets_are_apart() -> None:
    """No calibration question is a near copy of a gold one (character-bigram Jaccard < 0.5), so
    choices made on the calibration set are not made on the gold set."""
    def questions(name: str) -> list[str]:
        with open(ROOT / "eval" / name, encoding="utf-8") as fh:
            return [json.loads(line)["question"] for line in fh if line.strip()]

    gold = [_bigrams(q) for q in questions("realdocs-gold.jsonl")]
    for question in questions("realdocs-calibration.jsonl"):
        mine = _bigrams(question)
        closest = max(len(mine & g) / max(1, len(mine | g)) for g in gold)
        assert closest < 0.5, question


def test_a_greeting_answered_with_the_introduction_counts_as_declined() -> None:
    greeting = {**_result("g", "oos", [], []), "route": "chitchat"}
    answered = {**_result("h", "oos", [], [3]), "route": "hybrid"}
    assert m.declined(greeting) and not m.declined(answered)
    summary = m.aggregate([greeting, answered, _result("i", "fact", [3], [3])])
    assert summary["oos_refusal_recall"] == 0.5 and summary["false_refusals"] == 0
