"""Everyday words for the terms of a parking-fee notice (glossary): 路边 parking is a 道路临时停车泊位, not a
公共停车场's. The notice is written for this test in the style of a city's price bureau."""

from __future__ import annotations

import pytest
from support.corpora import ingested

from assistant.service import Assistant

NOTICE = """# 松溪市发展和改革委员会关于机动车停放服务收费标准的通知

各区发展改革局，各停车场经营管理单位：

现就机动车停放服务收费有关事项通知如下：

一、收费标准

（一）道路临时停车泊位实行政府定价，白天首小时6元，之后每小时8元，夜间每次5元。

（二）公共停车场（库）实行政府指导价，每小时最高4元，全天最高不超过40元。

（三）医院内部停车场对就诊车辆实行首30分钟免费。

二、资金保障

（一）智能收费设施建设资金由市、区两级财政按照6:4的比例分担。

（二）收费公示牌由停车场经营者设置并承担费用。
"""


@pytest.fixture(scope="module")
def helper(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("parking_words"), {"notice.md": NOTICE}, e5)


@pytest.mark.parametrize("question", ["在马路边停车白天第一个小时收多少钱", "路边停车首小时多少钱"])
def test_roadside_parking_is_a_road_berth(helper: Assistant, question: str) -> None:
    answer = helper.ask(question)
    assert not answer.refused and answer.citations[0].path == "一、（一）", answer.answer
    assert "6元" in answer.answer

