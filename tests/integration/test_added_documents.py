"""Look-ups and figures in documents users add, found by a fresh tester (texts written for this test):
a State Council-style opinion whose tasks restart in each part and whose second part's tasks have
points, a city regulation, and a traditional-script library rule.
"""

from __future__ import annotations

import pytest
from support.corpora import ingested

from assistant.service import Assistant

OPINION = """# 国务院办公厅关于促进社区托育服务发展的意见

国办发〔2025〕99号

各省、自治区、直辖市人民政府，国务院各部委、各直属机构：

为促进社区托育服务健康发展，经国务院同意，现提出以下意见。

一、总体要求

（一）指导思想。坚持政府引导、社会参与，扩大普惠托育服务供给。

（二）工作目标。到2027年，每千人口拥有3岁以下婴幼儿托位数达到4.5个。

二、重点任务

（一）扩大服务供给。
1. 支持社区利用闲置用房举办托育机构。
2. 鼓励用人单位在工作场所为职工提供福利性托育服务。

（二）加强队伍建设。
1. 托育机构保育人员与婴幼儿比例不低于1:5。
2. 保育人员每年参加培训不少于72学时。

三、保障措施

（一）财政支持。对新增普惠托位按每个1万元给予一次性建设补助。对运营满一年的普惠托育机构按每个托位每年1000元给予运营补贴。

（二）用地保障。新建居住区应当按照每千人不少于10个托位的标准配套建设托育服务设施。

（三）税费优惠。社区提供托育服务取得的收入，免征增值税。用水、用电、用气执行居民生活类价格。

国务院办公厅
2025年6月1日
"""

EBIKE = """# 临江市电动自行车安全管理条例

第一条　为了加强电动自行车安全管理，预防火灾事故，制定本条例。

第二条　电动自行车应当依法登记，取得号牌后方可上道路行驶。

第三条　禁止在建筑物的楼梯间、疏散通道、安全出口处停放电动自行车或者为其充电。

第四条　销售者不得销售不符合国家标准的电动自行车。

第五条　违反本条例第三条规定的，由消防救援机构责令改正，对个人处五十元以上二百元以下罚款。

第六条　违反本条例第四条规定的，由市场监督管理部门没收违法销售的车辆，并处罚款，最高不超过二十万元。
"""

LIBRARY = """# 海城市公共圖書館服務管理辦法

第一條　為規範公共圖書館服務，保障讀者權益，制定本辦法。

第二條　本市公共圖書館免費向讀者開放，開放時間每週不少於五十六小時。

第三條　讀者憑有效身份證件辦理借閱證，每人可同時借閱圖書不超過十冊。

第四條　讀者應當愛護館藏文獻，損壞圖書的，應當按圖書定價賠償。

第五條　讀者逾期歸還圖書的，應當按每冊每日零點一元繳納逾期費，但逾期費總額不超過該圖書定價。
"""


@pytest.fixture(scope="module")
def helper(tmp_path_factory, e5) -> Assistant:
    files = {"opinion.md": OPINION, "ebike.md": EBIKE, "library.md": LIBRARY}
    return ingested(tmp_path_factory.mktemp("added_documents"), files, e5)


@pytest.mark.parametrize("question", ["第三部分（三）", "意见第三部分第（三）项", "三、（三）"])
def test_a_task_looked_up_is_quoted_whole_in_the_answer_and_its_citation(helper: Assistant, question: str) -> None:
    answer = helper.ask(question)
    both = ("免征增值税", "居民生活类价格")
    assert all(t in answer.answer for t in both)
    assert answer.citations[0].path == "三、（三）" and all(t in answer.citations[0].quote for t in both)


def test_a_point_is_cited_with_its_part_and_task(helper: Assistant) -> None:
    answer = helper.ask("托育机构保育人员与婴幼儿比例是多少")
    assert not answer.refused  # a ratio ("1:5") is the share asked
    assert answer.citations[0].path == "二、（二）1." and "1:5" in answer.answer


def test_a_fee_asked_in_simplified_is_found_in_a_traditional_rule(helper: Assistant) -> None:
    answer = helper.ask("逾期费最高多少？")
    assert not answer.refused
    assert answer.citations[0].doc_id == "library" and answer.citations[0].label == "第五條"
    assert "但逾期費總額不超過該圖書定價" in answer.answer


@pytest.fixture(scope="module")
def library(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("library_only"), {"library.md": LIBRARY}, e5)


@pytest.mark.parametrize(("question", "label"), [("损坏图书怎么处罚", "第四條"), ("逾期还书会怎么处罚", "第五條")])
def test_a_charge_for_a_breach_answers_a_penalty_asked_in_plain_words(library: Assistant, question: str,
                                                                     label: str) -> None:
    # the rule fines nobody, but it charges for the breach the question names
    answer = library.ask(question)
    assert not answer.refused and answer.citations[0].label == label


def test_a_breach_the_rule_charges_nothing_for_is_still_refused(library: Assistant) -> None:
    assert library.ask("在图书馆大声喧哗怎么处罚").refused
