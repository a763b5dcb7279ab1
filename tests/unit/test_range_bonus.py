"""Sentences setting a range in the unit a question states gain a bonus only when the range holds the value
(pure; the texts are written for this test)."""

from __future__ import annotations

from assistant.answer.candidates import Sentence
from assistant.answer.detail import RANGE_BONUS, _range_bonus
from assistant.records import Chunk


def _sentence(text: str) -> Sentence:
    chunk = Chunk("rule", "某市养老服务办法", "第二十条", 20, "", "", "", text, 0, 0, "article", ())
    return Sentence(0, chunk, text, 0.9, 0)


def test_a_range_that_does_not_hold_the_value_gains_nothing() -> None:
    kept = _sentence("服务记录保存期限不少于5年。")  # sets a range in 年 that 2 does not lie in
    held = _sentence("补贴期限为1至3年。")
    plain = _sentence("连续两年评估为不合格的，取消其资格。")
    out = _range_bonus([kept, held, plain], [(2.0, "年")])
    assert [round(s.score - 0.9, 6) for s in out] == [0.0, round(2 * RANGE_BONUS, 6), 0.0]
