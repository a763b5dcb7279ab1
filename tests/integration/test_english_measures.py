"""English "measures" stand for a 办法 and for 若干措施 alike: the words before the type pick the document
("the employment measures"), "measure 3" is its third measure, and "expire" asks the 执行期. A county
办法 and a provincial notice issuing measures, both written for this test."""

from __future__ import annotations

import pytest
from support.corpora import ingested

from assistant.service import Assistant

SEWAGE = "\n".join([
    "青溪县农村生活污水设施运行维护办法",
    "第一条 为了规范农村生活污水处理设施运行维护，制定本办法。",
    "第二条 县生态环境局负责全县农村生活污水处理设施运行维护的监督管理。",
    "第三条 运行维护单位应当每月巡查一次处理设施，发现故障的，应当在四十八小时内修复。",
    "第四条 本办法自2025年9月1日起施行。",
])

MEASURES = "\n".join([
    "江岚省人民政府办公厅关于印发江岚省支持高校毕业生就业若干措施的通知",
    "各市人民政府，省政府各部门：",
    "现将《江岚省支持高校毕业生就业若干措施》印发给你们，请认真贯彻执行。",
    "一、拓宽就业渠道",
    "1. 对招用毕业年度高校毕业生的小微企业，按每人1500元给予一次性吸纳就业补贴。",
    "2. 对到乡镇基层单位就业满1年的高校毕业生，给予每人6000元一次性补贴。",
    "二、加强就业服务",
    "3. 对开发就业见习岗位的单位，按每人每月1600元给予见习补贴，见习期限为3至12个月。",
    "4. 本措施自印发之日起施行，执行期至2027年6月30日。",
])


@pytest.fixture(scope="module")
def both(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("measures"), {"sewage.txt": SEWAGE, "graduates.txt": MEASURES}, e5)


def test_measure_n_of_the_measures_named_by_their_subject(both: Assistant) -> None:
    answer = both.ask("What does measure 3 of the employment measures say?")
    assert answer.route == "task" and answer.citations[0].doc_id == "graduates", answer.answer
    assert "1600元" in answer.answer


def test_the_sewage_measures_are_the_countys_banfa(both: Assistant) -> None:
    answer = both.ask("When do the sewage measures take effect?")
    assert not answer.refused and answer.citations[0].doc_id == "sewage", answer.answer
    assert "2025" in answer.answer


def test_expire_asks_the_period_the_measures_run(both: Assistant) -> None:
    answer = both.ask("When do the employment measures expire?")
    assert not answer.refused and "2027年6月30日" in answer.answer, answer.answer
