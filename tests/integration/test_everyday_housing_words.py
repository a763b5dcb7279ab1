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
