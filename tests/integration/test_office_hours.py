"""The hours of a day asked ("几点到几点", "几点开门") are answered by the line stating clock times, even under a
heading that names none ("六、咨询方式"), and not by a time limit ("15个工作日"); "一时" is no clock time. The
guide is written for this test."""

from __future__ import annotations

import pytest
from support.corpora import ingested

from assistant.service import Assistant

GUIDE = """# 南湖市残疾人证换领办事指南

## 一、办理条件
残疾人证有效期满或者残疾等级发生变化的，持证人可以申请换领。

## 二、申请材料
1. 残疾人证原件；
2. 近期免冠照片两张。

## 三、办理时限
自受理之日起15个工作日内办结；情况复杂一时难以核实的，可以延长5个工作日。

## 四、收费标准
不收费。

## 五、咨询方式
南湖市残疾人联合会服务窗口：0573-82012345
服务时间：工作日上午8:30—12:00，下午13:30—17:00
"""


@pytest.fixture(scope="module")
def helper(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("office_hours"), {"huanling.md": GUIDE}, e5)


@pytest.mark.parametrize("question", ["残疾人证换领的服务时间是几点到几点", "残联服务窗口几点开门"])
def test_the_hours_come_from_the_line_with_clock_times(helper: Assistant, question: str) -> None:
    answer = helper.ask(question)
    assert not answer.refused and answer.citations[0].path == "五、", answer.answer
    assert "8:30" in answer.answer and "15个工作日" not in answer.answer.split("（")[0]


def test_a_time_limit_is_still_the_time_limit(helper: Assistant) -> None:
    answer = helper.ask("残疾人证换领多久能办好")
    assert answer.citations[0].path == "三、" and "15个工作日" in answer.answer, answer.answer


def test_the_hours_asked_by_a_part_of_a_compound_question(helper: Assistant) -> None:
    answer = helper.ask("残疾人证换领需要哪些材料，几点上班？")  # two parts: the materials and the hours
    assert not answer.refused and "近期免冠照片" in answer.answer and "8:30" in answer.answer, answer.answer


@pytest.mark.parametrize("question", ["我在外地上班，回来换领残疾人证需要什么条件", "上班族换领残疾人证要带哪些材料"])
def test_going_to_work_asks_no_hours(helper: Assistant, question: str) -> None:
    # "上班" is what the asker does, not the window's hours: the conditions or materials answer
    answer = helper.ask(question)
    assert not answer.refused and "服务时间" not in answer.answer, answer.answer
    assert answer.answer.startswith(("残疾人证有效期满", "二、申请材料")), answer.answer


def test_the_hours_cue() -> None:
    from assistant.answer.scope import CLOCK_ASK_RE

    for asked in ("几点上班", "周六上班吗", "上班时间是几点", "什么时候下班", "中午上不上班"):
        assert CLOCK_ASK_RE.search(asked), asked
    for other in ("在这边上班想办居住证需要什么条件", "上班族怎么申请", "下班后能不能去办"):
        assert not CLOCK_ASK_RE.search(other), other
