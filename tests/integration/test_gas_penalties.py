"""Penalty questions on a provincial gas regulation written for this test: a breach said in everyday
words ("在燃气管道上面盖房子"), and an article whose two 款 sanction two breaches (only the one asked
is quoted, its 但是 stays with it).
"""

from __future__ import annotations

import pytest
from support.corpora import ingested

from assistant.service import Assistant

REGULATION = (
    "# 江城省燃气管理条例\n"
    "\n"
    "第一章　总则\n"
    "\n"
    "第一条　为了加强燃气管理，保障燃气供应，防止和减少燃气安全事故，制定本条例。\n"
    "\n"
    "第二条　本条例适用于本省行政区域内燃气发展规划、燃气经营与服务、燃气使用和燃气设施保护等活动。\n"
    "\n"
    "第二章　燃气设施保护\n"
    "\n"
    "第十六条　在燃气设施保护范围内，禁止从事下列危及燃气设施安全的活动：\n"
    "（一）建设占压地下燃气管线的建筑物、构筑物或者其他设施；\n"
    "（二）进行爆破、取土等作业或者动用明火；\n"
    "（三）倾倒、排放腐蚀性物质。\n"
    "在燃气设施保护范围内进行管道穿越、打桩等施工作业的，应当与燃气经营者共同制定燃气设施保护方案。\n"
    "\n"
    "第三章　燃气使用\n"
    "\n"
    "第十九条　餐饮等行业的燃气用户应当安装可燃气体报警装置，并保证其正常使用。\n"
    "\n"
    "第四章　法律责任\n"
    "\n"
    "第二十一条　违反本条例规定，个人燃气用户擅自改装燃气设施的，由燃气管理部门责令限期改正，处五百元"
    "以上一千元以下罚款。\n"
    "违反本条例第十九条规定，餐饮等行业的燃气用户未安装可燃气体报警装置的，由燃气管理部门责令限期改正"
    "；逾期不改正的，处一万元以上三万元以下罚款。但是，已经采取其他有效安全防范措施的，可以从轻处罚。\n"
    "\n"
    "第二十二条　违反本条例第十六条规定，在燃气设施保护范围内从事危及燃气设施安全活动的，由燃气管理部"
    "门责令停止违法行为，限期恢复原状；对单位处五万元以上十万元以下罚款，对个人处五千元以上五万元以下"
    "罚款。\n"
)


@pytest.fixture(scope="module")
def helper(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("gas"), {"gas.md": REGULATION}, e5)


def test_a_breach_in_everyday_words_is_answered_by_its_sanction(helper: Assistant) -> None:
    answer = helper.ask("在燃气管道上面盖房子怎么处罚？")  # 盖房子 is no person's name
    assert not answer.refused and answer.citations[0].label == "第二十二条"


def test_one_of_two_sanctions_in_a_short_article_is_quoted_alone(helper: Assistant) -> None:
    answer = helper.ask("个人擅自改装燃气设施罚多少")
    cited = next(c for c in answer.citations if c.label == "第二十一条")
    assert cited.clause == "第一款" and "报警装置" not in cited.quote
