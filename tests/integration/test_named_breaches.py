"""A sanction that names its breach in its own words ("违反本规定第六条规定，未采取降噪措施的") answers a question
in those words, though other articles share them and the duty it cites lies outside the retrieved ones. A
regulation in plain text written for this test."""

from __future__ import annotations

import pytest
from support.corpora import ingested

from assistant.service import Assistant

RULES = """江岭市建筑施工噪声污染防治规定

第一条　为了防治建筑施工噪声污染，保障居民正常生活，制定本规定。

第二条　本市行政区域内建筑施工噪声污染防治，适用本规定。

第三条　市住房城乡建设部门负责建筑施工噪声污染防治的监督管理。

第四条　建设单位应当督促施工单位采取噪声污染防治措施，并将所需费用列入工程造价。

第五条　施工单位应当在开工前向主管部门报送噪声污染防治方案。

第六条　施工单位应当遵守下列规定：
（一）使用低噪声的施工机械和工艺；
（二）在靠近居民区一侧设置隔声屏障；
（三）在施工现场公示负责人及监督电话。

第七条　市生态环境部门发布噪声敏感时段预警时，施工单位应当停止产生噪声污染的作业。

第八条　夜间施工应当经主管部门批准，并提前三日公告附近居民。

第九条　施工单位违反本规定第六条规定，未采取噪声污染防治措施的，由主管部门责令改正，处五千元以上五万元以下罚款。
情节严重的，处五万元以上十万元以下罚款。

第十条　违反本规定第八条规定，未经批准夜间施工的，由主管部门责令改正，处一万元以上三万元以下罚款。

第十一条　本规定所称情节严重，包括下列情形：
（一）一年内因施工噪声污染受到两次以上行政处罚的；
（二）施工噪声污染造成周边居民集体投诉，经查证属实的。

第十二条　主管部门及其工作人员在施工噪声污染防治监督管理工作中滥用职权、玩忽职守的，依法给予处分。

第十三条　本规定自2026年3月1日起施行。
"""


@pytest.fixture(scope="module")
def helper(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("named_breaches"), {"noise.txt": RULES}, e5)


@pytest.mark.parametrize("question", ["施工单位未采取噪声污染防治措施，情节严重的怎么处罚？",
                                      "施工单位没有采取噪声污染防治措施会被怎么处罚"])
def test_a_sanction_naming_the_breach_asked_answers_it(helper: Assistant, question: str) -> None:
    answer = helper.ask(question)
    assert not answer.refused, answer.answer
    assert answer.citations[0].path == "第九条" and "五万元以上十万元以下" in answer.answer


@pytest.mark.parametrize("question", ["噪声规定里哪些行为会被处罚", "违反噪声防治规定的哪些规定会被罚款"])
def test_which_acts_are_punished_lists_every_sanction_in_order(helper: Assistant, question: str) -> None:
    answer = helper.ask(question)
    assert [c.path for c in answer.citations] == ["第九条", "第十条", "第十二条"], answer.answer
    assert "所称情节严重" not in answer.answer  # a definition sanctions nothing
    assert answer.answer.index("五千元以上五万元以下") < answer.answer.index("一万元以上三万元以下")


def test_one_breach_asked_is_still_answered_by_its_own_sanction(helper: Assistant) -> None:
    answer = helper.ask("未经批准夜间施工会被怎么处罚")
    assert answer.citations[0].path == "第十条" and "五千元以上五万元以下" not in answer.answer  # no list
