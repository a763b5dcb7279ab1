"""A thumbs-up makes only the citations an answer quotes gold candidates (pure, on the stored dict)."""

from __future__ import annotations

from assistant.store.feedback import gold_candidate, quoted_citations


def _cite(label: str, number: int) -> dict:
    return {"label": label, "number": number}


def test_an_up_vote_keeps_only_the_quoted_tasks() -> None:
    answer = {"answer": "新增标准机架1万架。（三）\n推动算力调度。（五）", "mode": "extractive",
              "citations": [_cite("（三）", 3), _cite("（八）", 8), _cite("（五）", 5)]}
    assert gold_candidate("a", "q", answer, "up", "", "t")["tasks"] == [3, 5]


def test_no_label_named_keeps_the_first_and_a_generative_answer_keeps_all() -> None:
    cited = [_cite("（三）", 3), _cite("（八）", 8)]
    assert quoted_citations({"answer": "（全文）", "citations": cited}) == cited[:1]
    assert quoted_citations({"answer": "x", "mode": "generative", "citations": cited}) == cited
    assert gold_candidate("a", "q", {"answer": "（三）", "citations": cited}, "down", "", "t")["tasks"] == []


def test_a_follow_up_is_exported_as_the_question_it_was_understood_as() -> None:
    answer = {"answer": "（十八）…", "resolved_question": "第十八项还提到了什么合作模式？",
              "citations": [{"label": "（十八）", "number": 18}]}
    row = gold_candidate("a", "那第十八项呢？", answer, "up", "", "t")
    assert row["question"] == "第十八项还提到了什么合作模式？" and row["asked"] == "那第十八项呢？"
    assert gold_candidate("b", "数据中心", {"answer": "", "citations": []}, "down", "", "t")["question"] == "数据中心"
