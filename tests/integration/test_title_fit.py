"""A section title shared by chance ("收费标准") does not pull a question about another document's subject.

A residence-permit guide with a part headed "五、收费标准" and a city parking rule whose 第五条 sets the
fees, both written for this test (retrieve.title_fit).
"""

from __future__ import annotations

import pytest
from support.corpora import ingested

from assistant.service import Assistant

GUIDE = """# 南湖市居住证办理服务指南

一、办理对象

在本市居住半年以上、符合有合法稳定就业条件之一的外来人员。

二、申请材料

1. 居民身份证原件；

2. 近期一寸免冠照片两张。

三、办理地点

居住地社区警务室。

四、办理时限

材料齐全的，十五个工作日内办结。

五、收费标准

首次申领免费；补领、换领的，每证收取工本费十五元。
"""

RULE = """南湖市公共停车场管理办法

第一条 为了规范公共停车场管理，方便群众停车，制定本办法。
第二条 本办法适用于本市行政区域内公共停车场的设置、经营和监督管理。
第三条 市交通运输主管部门负责公共停车场的监督管理，市发展改革部门负责停车收费标准的制定。
第四条 经营公共停车场，应当在出入口显著位置公示收费标准和监督电话。
第五条 公共停车场实行政府指导价。中心城区白天每小时收费不超过六元，夜间每小时收费不超过一元。
"""


@pytest.fixture(scope="module")
def helper(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("title_fit"), {"juzhu.md": GUIDE, "tingche.txt": RULE}, e5)


def test_a_question_on_another_subject_is_not_routed_to_a_guide_section_by_its_title(helper: Assistant) -> None:
    answer = helper.ask("停车场的收费标准是多少")
    assert answer.route != "task" and "工本费" not in answer.answer  # searched, not routed to the guide
    first = (answer.citations or answer.related)[0]  # (a tiny corpus may refuse: its nearest section is named)
    assert (first.doc_id, first.label) == ("tingche", "第五条")


def test_the_guide_s_own_subject_still_reaches_its_section(helper: Assistant) -> None:
    answer = helper.ask("居住证的收费标准是多少")
    assert "工本费十五元" in answer.answer


OPINION = """南湖市关于促进花卉产业发展的意见

一、总体要求
到2027年，全市花卉种植面积稳定在十万亩以上。
二、主要任务
（一）建设花卉交易市场。在城北建设区域性花卉交易中心，配套冷链仓储设施。
（二）培育花卉龙头企业。对年销售额超过一亿元的花卉企业给予一次性奖励五十万元。
"""

PLAN = """南湖市政务网站集约化建设方案

一、建设目标
建成全市统一的政务网站集约化平台，各部门网站迁入平台运行。
二、建设内容
（一）统一平台功能。平台为各部门网站提供内容管理、站内搜索、互动交流和数据分析功能。
（二）统一安全防护。平台实行统一的安全监测和应急处置。
"""


@pytest.fixture(scope="module")
def two_plans(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("part_title_fit"), {"huahui.txt": OPINION, "wangzhan.txt": PLAN}, e5)


def test_a_part_title_of_one_document_does_not_pull_a_question_about_another(two_plans: Assistant) -> None:
    answer = two_plans.ask("政务网站集约化平台的主要任务里要提供哪些功能")
    assert answer.route != "part" and "花卉" not in answer.answer
    assert answer.citations and answer.citations[0].doc_id == "wangzhan"


def test_a_part_title_asked_of_its_own_document_still_lists_the_part(two_plans: Assistant) -> None:
    for question in ("花卉产业意见的主要任务有哪些", "花卉产业的主要任务有哪些"):
        answer = two_plans.ask(question)
        assert answer.route == "part" and "花卉交易中心" in answer.answer and "龙头企业" in answer.answer
