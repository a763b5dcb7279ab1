"""Quantities a question states and the ranges a text sets (``answer.ranges``)."""

from __future__ import annotations

import math

import pytest

from assistant.answer.ranges import asked_quantities, fit_width, range_fit, ranges


@pytest.mark.parametrize(("question", "expected"), [
    ("五层楼加装电梯能补多少", [(5, "层")]),
    ("孩子16岁能不能单独办理", [(16, "周岁")]),
    ("停车超过两小时怎么收费", [(2, "小时")]),
    ("2026年的补贴标准是多少", []),  # a year is a date
    ("补贴标准是多少", []),
    ("什么是二次供水", []),  # a word, not a quantity
])
def test_asked_quantities(question: str, expected: list) -> None:
    assert asked_quantities(question) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("楼层数：4至6层；补贴：15万元", [(4, 6, "层")]),
    ("4层至6层的住宅", [(4, 6, "层")]),
    ("处二千元以上二万元以下罚款", [(2000, 20000, "元")]),
    ("七层及以上的住宅", [(7, math.inf, "层")]),
    ("3层以下的住宅", [(-math.inf, 3, "层")]),
    ("补贴15万元", []),  # a bare figure sets no range
    ("每户不少于25平方米", [(25, math.inf, "平方米")]),  # 不少于: at least, not 少于
    ("办结期限不超过30日", [(-math.inf, 30, "日")]),
])
def test_ranges(text: str, expected: list) -> None:
    assert ranges(text) == expected


def test_exclusive_bounds() -> None:
    (low, high, unit), = ranges("不满十八周岁的")
    assert unit == "周岁" and high < 18 and low == -math.inf
    (low, _, _), = ranges("停放超过30日的")
    assert low > 30


@pytest.mark.parametrize(("text", "question", "fit"), [
    ("楼层数：4至6层；补贴：15万元", "五层楼补多少", 1),
    ("楼层数：7层及以上；补贴：25万元", "五层楼补多少", -1),
    ("申报项目应为四层及以上住宅。", "三层楼能申请吗", -1),
    ("不满十四周岁的人有违法行为的，不予处罚。", "13岁打人会被罚吗", 1),
    ("补贴资金在30日内拨付。", "五层楼补多少", 0),  # no range in 层
])
def test_range_fit(text: str, question: str, fit: int) -> None:
    assert range_fit(text, asked_quantities(question)) == fit


def test_the_narrowest_holding_range_bounds_the_value_most_closely() -> None:
    aged = asked_quantities("85岁能领多少")
    assert fit_width("80至89周岁", aged) < fit_width("年满80周岁的老年人", aged)
    very = asked_quantities("101岁能领多少")
    assert fit_width("100周岁及以上", very) < fit_width("年满80周岁的老年人", very)
    assert math.isnan(fit_width("90至99周岁", aged))


def test_two_bounds_in_one_phrase_make_one_range() -> None:
    assert ranges("已满六周岁不满十二周岁的儿童") == [(6, pytest.approx(12, abs=1e-3), "周岁")]
    assert range_fit("已满六周岁不满十二周岁的儿童购买半价票", asked_quantities("30岁买票有优惠吗")) == -1
    both = ranges("不满十四周岁的，不予处罚；已满十四周岁不满十八周岁的，从轻处罚")
    assert [(low, round(high)) for low, high, _ in both] == [(-math.inf, 14), (14, 18)]
