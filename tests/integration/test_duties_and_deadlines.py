"""A duty asked is quoted from the duty, not from the sanction naming it by number; "不…会怎么样" asks what
a breach costs; "什么时候之前" asks a day. The rules are written for this test in the style of municipal rules."""

from __future__ import annotations

import pytest
from support.corpora import ingested

from assistant.service import Assistant

RULES = """青山市餐厨垃圾管理办法

第一条 为了加强餐厨垃圾管理，保障食品安全，制定本办法。
第三条 餐厨垃圾产生单位应当履行下列义务：
（一）设置符合标准的专用收集容器；
（二）将餐厨垃圾与其他生活垃圾分开存放；
（三）建立餐厨垃圾台账，台账保存期限不少于2年。
第四条 餐厨垃圾产生单位应当于每年1月31日前，向所在地城市管理部门申报上一年度餐厨垃圾的种类和产生量。
第五条 餐厨垃圾收集运输单位应当遵守下列规定：
（一）使用全密闭专用车辆运输，车辆安装卫星定位装置；
（二）运输途中不得滴漏、撒落。
第八条 违反本办法第三条第（二）项规定的，由城市管理部门责令限期改正；逾期不改正的，对单位处500元以上5000元以下罚款。
第九条 违反本办法第五条规定，收集运输单位有下列行为之一的，由城市管理部门责令改正，并按照下列规定处罚：
（一）未使用全密闭专用车辆运输的，处2000元以上2万元以下罚款；
（二）运输车辆途中滴漏、撒落的，每车次处500元罚款。
"""


@pytest.fixture(scope="module")
def helper(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("duties_deadlines"), {"rules.txt": RULES}, e5)


def test_a_duty_asked_is_quoted_from_the_duty_not_its_sanction(helper: Assistant) -> None:
    answer = helper.ask("拉泔水的车子有什么要求？")
    assert not answer.refused and answer.citations[0].label == "第五条", answer.answer
    assert answer.answer.startswith("餐厨垃圾收集运输单位应当遵守下列规定"), answer.answer


def test_what_happens_if_one_does_not_asks_what_the_breach_costs(helper: Assistant) -> None:
    answer = helper.ask("开饭店的不把泔水和别的垃圾分开放，会怎么样？")
    assert not answer.refused and answer.citations[0].label == "第八条" and "500元以上5000元以下" in answer.answer


def test_by_when_asks_a_day(helper: Assistant) -> None:
    answer = helper.ask("餐厨垃圾产生单位每年什么时候之前要申报上一年度的产生量？")  # not 第三条's 2年
    assert not answer.refused and answer.citations[0].label == "第四条" and "1月31日前" in answer.answer
