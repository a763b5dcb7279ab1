"""Everyday words of a citizen for the terms of a registration guide (glossary): 房产 is 不动产, a 小公司 a
小微企业, buying a 二手房 a 转移登记. The guide is written for this test in the style of municipal guides."""

from __future__ import annotations

import pytest
from support.corpora import ingested

from assistant.service import Assistant

GUIDE = """白沙市不动产登记办事指南

一、办理时限
（一）首次登记、转移登记、变更登记：自受理之日起5个工作日内办结；
（二）抵押权登记、注销登记：自受理之日起2个工作日内办结；
（三）需要公告的登记，公告期15个工作日，公告时间不计入办理时限。
二、收费标准
（一）住宅类不动产登记，每件收取登记费80元；
（二）非住宅类不动产登记，每件收取登记费550元；
（三）小微企业申请不动产登记的，免收登记费。
三、办理地点
白沙市政务服务中心一楼不动产登记窗口。
"""


@pytest.fixture(scope="module")
def helper(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("housing_words"), {"guide.md": GUIDE}, e5)


def test_a_small_company_asking_whether_to_pay_is_answered_by_its_exemption(helper: Assistant) -> None:
    answer = helper.ask("我开了个小公司，去办房产登记要交钱吗？")
    assert not answer.refused and "免收登记费" in answer.answer, answer.answer


def test_a_second_hand_flat_changing_hands_is_a_transfer_registration(helper: Assistant) -> None:
    answer = helper.ask("买二手房过户登记要等几天？")
    assert not answer.refused and "5个工作日" in answer.answer, answer.answer


RENTAL = """白沙市公共租赁住房管理办法

第一条　为了规范公共租赁住房管理，制定本办法。
第二条　申请人及其配偶在本市均无自有住房的，可以申请公共租赁住房。
第三条　经审核符合条件的申请人登记为轮候对象，按照登记时间先后顺序轮候，轮候期一般不超过三年。
第四条　公共租赁住房租金按照同地段市场租金的百分之六十确定。
第五条　本办法自2026年1月1日起施行。
"""


@pytest.fixture(scope="module")
def rental(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("rental_words"), {"rental.txt": RENTAL}, e5)


@pytest.mark.parametrize(("question", "fact", "path"), [
    ("排队等公租房一般要等多久？", "不超过三年", "第三条"),  # 排队 is 轮候
    ("我爱人名下有套房子，我还能申请公租房吗", "配偶", "第二条"),  # 爱人 is 配偶
])
def test_everyday_words_of_a_tenant_reach_the_rule(rental: Assistant, question: str, fact: str, path: str) -> None:
    answer = rental.ask(question)
    assert not answer.refused and fact in answer.answer and answer.citations[0].path == path, answer.answer
