"""A task whose lead-in heads points and whose closing words follow them: the points come between, in a look-up
and in an answer quoting the lead-in. A notice in plain text written for this test."""

from __future__ import annotations

import pytest
from support.corpora import ingested

from assistant.service import Assistant

NOTICE = """石桥市人民政府办公室关于促进农机更新的若干措施

一、支持农机更新
（一）农机报废补贴。2026年1月1日至12月31日期间，在本市报废老旧拖拉机并购置新机的农户，按照以下标准给予补贴：
1．发动机功率在20马力以下的，每台补贴1500元；
2．发动机功率在20马力至50马力（含）的，每台补贴4000元；
3．发动机功率在50马力以上的，每台补贴9000元。
每户年度内最多享受两台补贴。
（二）农机购置贷款贴息。农户购置新农机贷款的，按照贷款市场报价利率的百分之五十给予贴息，贴息期限不超过两年。
二、保障措施
（一）加强组织领导。市农业农村局负责政策解读和申请受理，市财政局负责资金保障。
（二）严格资金监管。对虚报冒领补贴资金的，依法追回并取消其三年内享受补贴资格。
"""

POINTS = ("每台补贴1500元", "每台补贴4000元", "每台补贴9000元")
CLOSING = "每户年度内最多享受两台补贴"


@pytest.fixture(scope="module")
def helper(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("task_closing"), {"notice.txt": NOTICE}, e5)


def _in_order(text: str, parts: tuple[str, ...]) -> bool:
    at = [text.find(p) for p in parts]
    return all(a >= 0 for a in at) and at == sorted(at)


def test_a_task_looked_up_gives_its_points_before_its_closing_words(helper: Assistant) -> None:
    answer = helper.ask("农机措施一、（一）")
    assert not answer.refused
    assert _in_order(answer.answer, ("按照以下标准给予补贴：", *POINTS, CLOSING)), answer.answer


def test_a_lead_in_quoted_for_a_question_comes_with_its_points(helper: Assistant) -> None:
    answer = helper.ask("农机报废补贴的标准是什么")
    assert _in_order(answer.answer, ("按照以下标准给予补贴：", *POINTS)), answer.answer
    assert "给予补贴：每户" not in answer.answer  # the closing words never read as the lead-in's content
