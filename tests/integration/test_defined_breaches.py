"""Plain-word questions about a city regulation written for this test, where the breach is named by a
defined term: 第三条 defines 违规充电 by the places and acts a citizen would name, 第六条 forbids it,
第七条 fines it by number. A question in the citizen's words ("在楼道里给电动车充电") is about that duty,
not about the definition's article, which punishes nothing; an item under a lead-in ("运营单位应当履行
下列义务：…（三）每千瓦时收费不得超过一点二元") speaks of the lead-in's subject.
"""

from __future__ import annotations

import pytest
from support.corpora import ingested

from assistant.service import Assistant

REGULATION = """# 临江市电动自行车安全管理条例

第一章　总则

第一条　为了加强电动自行车安全管理，预防火灾事故，保障人民群众生命财产安全，制定本条例。

第二条　本条例适用于本市行政区域内电动自行车的生产、销售、登记、停放、充电及相关管理活动。

第三条　市公安机关负责电动自行车登记管理工作。消防救援机构负责电动自行车停放、充电的消防安全监督管理。
本条例所称集中充电设施，是指为电动自行车集中提供充电服务的充电桩、充电柜等设施。
本条例所称违规充电，是指在建筑物的楼梯间、疏散通道、安全出口处停放电动自行车或者为其充电的行为。

第二章　停放和充电

第四条　住宅小区应当设置电动自行车集中停放场所和集中充电设施。

第五条　集中充电设施运营单位应当履行下列义务：
（一）定期检查充电设施；
（二）配备必要的消防器材；
（三）收费标准在显著位置公示，每千瓦时收费不得超过一点二元。

第六条　任何单位和个人不得违规充电。
物业服务企业发现违规充电的，应当予以劝阻。

第三章　法律责任

第七条　违反本条例第六条第一款规定违规充电的，由消防救援机构责令改正，对个人处五十元以上二百元以下罚款。
单位有前款行为的，处一千元以上五千元以下罚款；情节严重的，处五千元以上一万元以下罚款。

第八条　本条例自2026年5月1日起施行。
"""


@pytest.fixture(scope="module")
def helper(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("defined_breach"), {"ebike.md": REGULATION}, e5)


@pytest.mark.parametrize("question", ["单位在楼道里给电动车充电罚多少？", "在楼道里给电动车充电要罚款吗？",
                                      "个人在楼梯间充电罚多少？"])
def test_a_breach_in_plain_words_finds_the_sanction_of_the_term_defining_it(helper: Assistant, question: str) -> None:
    answer = helper.ask(question)
    assert not answer.refused
    assert answer.citations[0].label == "第七条" and "五十元以上二百元以下" in answer.answer


@pytest.mark.parametrize("question", ["充电设施收费上限是多少？", "充电每度电最多收多少钱？"])
def test_an_item_under_a_lead_in_answers_a_figure_about_its_subject(helper: Assistant, question: str) -> None:
    answer = helper.ask(question)
    assert not answer.refused and answer.citations[0].label == "第五条" and "一点二元" in answer.answer


@pytest.mark.parametrize("question", ["电动自行车闯红灯罚多少钱？", "电动自行车需要买保险吗？", "骑电动车需要戴头盔吗"])
def test_what_the_regulation_does_not_cover_is_refused(helper: Assistant, question: str) -> None:
    assert helper.ask(question).refused


DETENTION = """# 江城市烟花爆竹燃放管理规定

第一条　为了加强烟花爆竹燃放安全管理，制定本规定。

第二条　禁止在医院、学校、加油站等场所周边燃放烟花爆竹。

第三条　违反本规定第二条规定燃放烟花爆竹的，由公安机关处五百元罚款；情节严重的，处五日以上十日以下拘留。
"""


@pytest.fixture(scope="module")
def detention(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("detention"), {"fireworks.md": DETENTION}, e5)


def test_a_sanction_asked_of_a_breach_the_rule_never_names_is_refused(detention: Assistant) -> None:
    # 拘留 is what is asked, not the breach: 酒驾 is nowhere in the rule
    assert detention.ask("第一次酒驾会被拘留几天").refused
    answer = detention.ask("在学校门口放烟花会被拘留几天")
    assert not answer.refused and answer.citations[0].label == "第三条"
