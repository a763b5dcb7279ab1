"""A time limit asked of one subject ("设施出故障…多长时间内修好") is answered by the section whose line stating a
time holds that subject (the item "设施发生故障的，在接到报告后24小时内修复"), not by a section on the same
facilities with another time limit (验收 in 30日) nor by one that speaks of them without any time. The measures
are written for this test."""

from __future__ import annotations

import pytest
from support.corpora import ingested

from assistant.service import Assistant

MEASURES = "\n".join([
    "白沙县农村污水处理设施管理办法",
    "第一条 为了加强农村污水处理设施管理，改善农村人居环境，制定本办法。",
    "第二条 县水务局负责全县农村污水处理设施的监督管理，乡镇人民政府负责辖区内设施的日常管理。",
    "第三条 新建、改建污水处理设施，出水应当符合排放标准；设计规模较大的污水处理设施，应当安装在线监测设备。",
    "第四条 污水处理设施竣工后，建设单位应当在30日内组织验收；验收不合格的，应当在60日内完成整改。",
    "第五条 运维单位应当履行下列义务：",
    "（一）建立设施运行台账，如实记录运行和维修情况；",
    "（二）污水处理设施发生故障的，在接到报告后24小时内修复；",
    "（三）每年向乡镇人民政府提交运维报告。",
    "第六条 本办法自2026年1月1日起施行。",
])


@pytest.fixture(scope="module")
def helper(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("figure_lines"), {"wushui.txt": MEASURES}, e5)


@pytest.mark.parametrize("question", ["污水处理设施出故障后多长时间内必须修好", "污水处理设施坏了几个小时内要修复"])
def test_the_line_with_the_subject_and_a_time_answers(helper: Assistant, question: str) -> None:
    answer = helper.ask(question)
    assert not answer.refused, answer.answer
    assert answer.citations[0].label == "第五条" and "24小时" in answer.answer.split("（《")[0], answer.answer


def test_a_time_asked_of_the_acceptance_stays_with_it(helper: Assistant) -> None:
    answer = helper.ask("污水处理设施竣工后多少天内要验收")
    assert answer.citations[0].label == "第四条" and "30日" in answer.answer, answer.answer
