"""Gold rows with ``doc`` and ``paths``: loose path matching, meta rows, and errors for unknown units."""

from __future__ import annotations

import json

import pytest

from assistant.evaluation.paths import GoldPathError, check_rows, unit_aliases
from assistant.evaluation.scoring import load_gold, question_result

TREES = {
    "law": [{"level": "chapter", "label": "第一章", "path": "第一章", "full_path": ["第一章"], "children": [
        {"level": "article", "label": "第三条", "path": "第三条", "full_path": ["第一章", "第三条"]}]}],
    "notice": [{"level": "part", "label": "二、", "path": "二、", "full_path": ["二、"], "children": [
        {"level": "task", "label": "（四）", "path": "（四）", "full_path": ["二、", "（四）"]}]}],
}


def _cite(doc: str, path: str) -> dict:
    return {"doc_id": doc, "path": path, "label": path}


def test_full_path_and_width_variants_match_the_unit() -> None:
    aliases = unit_aliases(TREES)
    row = {"id": "a", "question": "q", "doc": "notice", "paths": ["二、 (四)"], "facts": [], "type": "fact"}
    answer = {"answer": "……（四）", "refused": False, "citations": [_cite("law", "第三条"), _cite("notice", "（四）")]}
    result = question_result(row, answer, 1.0, "hybrid", row["paths"], aliases)
    assert result["first_rank"] == 2


def test_same_path_in_another_document_is_no_hit() -> None:
    aliases = unit_aliases(TREES)
    row = {"id": "a", "question": "q", "doc": "law", "paths": ["第三条"], "facts": [], "type": "lookup"}
    answer = {"answer": "", "refused": False, "citations": [_cite("notice", "第三条")]}
    assert question_result(row, answer, 1.0, "hybrid", ["第三条"], aliases)["first_rank"] is None


def test_a_unit_inside_the_gold_part_or_chapter_counts_for_it() -> None:
    aliases = unit_aliases(TREES)
    part = {"id": "p", "question": "第二部分讲了什么", "doc": "notice", "paths": ["二、"], "facts": [], "type": "part"}
    answer = {"answer": "", "refused": False, "citations": [_cite("notice", "（四）")]}
    result = question_result(part, answer, 1.0, "hybrid", ["二、"], aliases)
    assert result["first_rank"] == 1 and result["cited"] == ["notice|二、"]
    chapter = {"id": "c", "question": "第一章讲了什么", "doc": "law", "paths": ["第一章"], "facts": [], "type": "part"}
    assert question_result(chapter, {"answer": "", "refused": False, "citations": [_cite("law", "第三条")]},
                           1.0, "hybrid", ["第一章"], aliases)["first_rank"] == 1
    # the other way round (the part cited for one of its tasks) and another document's unit count not
    task = {**part, "paths": ["（四）"]}
    assert question_result(task, {"answer": "", "refused": False, "citations": [_cite("notice", "二、")]},
                           1.0, "hybrid", ["（四）"], aliases)["first_rank"] is None
    assert question_result(part, {"answer": "", "refused": False, "citations": [_cite("law", "第三条")]},
                           1.0, "hybrid", ["二、"], aliases)["first_rank"] is None


def test_meta_row_counts_a_citation_of_the_document_and_its_fact() -> None:
    aliases = unit_aliases(TREES)
    row = {"id": "m", "question": "文号是多少", "doc": "notice", "paths": [], "facts": ["国发〔2019〕3号"],
           "type": "meta"}
    answer = {"answer": "文号为国发〔2019〕3号。", "refused": False, "citations": [_cite("notice", "")]}
    result = question_result(row, answer, 1.0, "hybrid", [], aliases)
    assert result["first_rank"] == 1 and result["facts_ok"]


def test_unknown_doc_and_path_are_listed() -> None:
    rows = [{"id": "x", "doc": "law", "paths": ["第九条"]}, {"id": "y", "doc": "gone", "paths": ["第一条"]},
            {"id": "z", "doc": "", "paths": []}, {"id": "w", "doc": "law", "paths": ["第一章 第三条"]}]
    problems = check_rows(rows, unit_aliases(TREES))
    assert len(problems) == 2 and "第九条" in problems[0] and "gone" in problems[1]
    assert "第九条" in str(GoldPathError(problems))


def test_load_gold_checks_doc_and_paths(tmp_path) -> None:
    good = {"id": "a", "question": "q", "doc": "law", "paths": ["第三条"], "facts": [], "type": "lookup"}
    oos = {"id": "b", "question": "q", "doc": "", "paths": [], "type": "oos"}
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in (good, oos)), encoding="utf-8")
    assert [r["id"] for r in load_gold(path)] == ["a", "b"]
    for bad in ({**good, "paths": "第三条"}, {**good, "paths": []}, {**oos, "doc": "law"}):
        path.write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
        with pytest.raises(ValueError):
            load_gold(path)


def test_calibration_types_in_and_out_load_as_in_scope_and_oos(tmp_path) -> None:
    rows = [{"id": "a", "question": "q", "doc": "law", "paths": ["第三条"], "type": "in"},
            {"id": "b", "question": "q", "doc": "", "paths": [], "type": "out"}]
    path = tmp_path / "calibration.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    assert [r["type"] for r in load_gold(path)] == ["in", "oos"]
    path.write_text(json.dumps({**rows[0], "type": "inside"}), encoding="utf-8")
    with pytest.raises(ValueError, match="type must be one of"):
        load_gold(path)
