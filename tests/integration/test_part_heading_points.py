"""Points right under a part that is a heading alone ("## 二、申请材料" over "1. …") carry that heading as
their context (ingest.chunking.parent_heading): they are found by it and read as what it names.

A service guide written for this test.
"""

from __future__ import annotations

import pytest
from support.corpora import ingested

from assistant.service import Assistant

GUIDE = """# 北川市老年人优待证办理指南

## 一、办理对象

本市户籍年满六十周岁的老年人。

## 二、申请材料

1. 户口簿原件；

2. 近期二寸彩色照片两张；

3. 本人银行卡复印件。

## 三、办理时限

材料齐全的，五个工作日内办结。

## 四、收费标准

不收取任何费用。

## 五、办理流程

申请人携带材料到居住地社区服务站窗口提交申请，窗口受理后报区民政部门审核。
"""


@pytest.fixture(scope="module")
def helper(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("part_heading_points"), {"youdai.md": GUIDE}, e5)


def test_points_carry_the_heading_of_the_part_above_them(helper: Assistant) -> None:
    points = [c for c in helper.index.chunks if c.level == "point"]
    assert len(points) == 3 and all(c.context == "二、申请材料" for c in points)


def test_materials_asked_are_quoted_from_the_points(helper: Assistant) -> None:
    answer = helper.ask("办理优待证要交哪些申请材料")
    assert not answer.refused and "户口簿原件" in answer.answer and "银行卡复印件" in answer.answer
    assert "五个工作日" not in answer.answer


@pytest.mark.parametrize("question", ["办理优待证要交哪些申请材料", "办理老年人优待证需要什么材料"])
def test_materials_come_from_the_materials_part_not_the_procedure(helper: Assistant, question: str) -> None:
    answer = helper.ask(question)
    assert "户口簿原件" in answer.answer or "银行卡复印件" in answer.answer
    assert "社区服务站窗口" not in answer.answer  # "五、办理流程" names the procedure, not the materials
