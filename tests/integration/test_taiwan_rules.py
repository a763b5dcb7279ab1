"""A Taiwan-style rule in 繁體: its sanctions name the breach without 本條例 ("違反第五條規定者"), and its
limits are in measures ("五十分貝"). Asked what breaking an article costs, the article sanctioning it is
quoted (it was refused: no sanction seemed to cite the article); asked "多少分貝", the limit answers (it was
refused: a count in 分貝 was no number). A rule written for this test."""

from __future__ import annotations

import pytest
from support.corpora import ingested

from assistant.service import Assistant

RULE = """# 東港市公園管理自治條例

第一條　為維護公園環境品質，保障遊客安全，特制定本自治條例。

第二條　本自治條例之主管機關為東港市政府工務局。

第三條　公園內之廣播及音響設備，音量不得超過五十分貝。

第四條　公園內不得有下列行為：
一、攀折花木。
二、任意丟棄垃圾。

第五條　違反第三條規定者，處新臺幣二千元以上一萬元以下罰鍰。

第六條　違反第四條規定者，處新臺幣一千二百元以上六千元以下罰鍰。
"""


@pytest.fixture(scope="module")
def helper(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("taiwan_rules"), {"park.md": RULE}, e5)


@pytest.mark.parametrize(("question", "label", "fine"), [
    ("公園自治條例違反第三條會罰多少錢？", "第五條", "二千元以上一萬元以下"),
    ("违反公园自治条例第四条罚多少", "第六條", "一千二百元以上六千元以下"),
])
def test_breaking_an_article_is_answered_by_its_sanction(helper: Assistant, question: str, label: str,
                                                         fine: str) -> None:
    answer = helper.ask(question)
    assert not answer.refused
    assert answer.citations[0].label == label and fine in answer.answer


@pytest.mark.parametrize("question", ["公園音響音量不得超過多少分貝？", "公园广播音量最多多少分贝"])
def test_a_limit_in_decibels_answers_how_many(helper: Assistant, question: str) -> None:
    answer = helper.ask(question)
    assert not answer.refused
    assert answer.citations[0].label == "第三條" and "五十分貝" in answer.answer
