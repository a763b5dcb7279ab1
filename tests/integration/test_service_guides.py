"""Two service guides (办事指南) written for this test: parts headed by the detail they give ("四、办理时限",
"五、收费标准", "六、咨询电话") whose lines do not repeat the guide's subject.
"""

from __future__ import annotations

import pytest
from support.corpora import ingested

from assistant.service import Assistant

BURSARY = """# 江城市困难家庭学生助学金申领办事指南

为方便困难家庭学生申领助学金，现将办理事项公告如下。

## 一、申领条件

具有本市户籍、年满6周岁不满18周岁的在校学生，家庭人均收入低于本市最低生活保障标准两倍的，可以申领助学金。

## 二、申请材料

1. 学生居民身份证或者户口簿；
2. 学校出具的在读证明；
3. 家庭收入情况说明。

## 三、办理流程

申请人向学籍所在学校提交材料，由学校初审，区教育局审核，市教育局审批。

## 四、办理时限

自受理之日起15个工作日内办结。

## 五、收费标准

不收费。

## 六、咨询电话

江城市教育局学生资助管理中心：0571-87012345。
"""

TREES = """# 江城市古树名木认养办事指南

为鼓励单位和个人认养古树名木，现将办理事项公告如下。

## 一、认养条件

具有完全民事行为能力的个人，或者依法成立的单位，可以申请认养古树名木。

## 二、认养期限

认养期限一般为三年，期满可以续签。

## 三、咨询方式

江城市园林绿化局古树名木保护科：0571-87056789。
"""


@pytest.fixture(scope="module")
def helper(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("service_guides"), {"zhuxuejin.md": BURSARY, "gushu.md": TREES}, e5)


@pytest.mark.parametrize("question", ["助学金多久能办好？", "助学金几天能办下来"])
def test_a_time_asked_is_answered_from_the_part_headed_by_it(helper: Assistant, question: str) -> None:
    answer = helper.ask(question)
    assert not answer.refused, answer.answer
    assert answer.citations[0].path == "四、" and "15个工作日" in answer.answer


def test_a_fee_asked_is_answered_from_the_fee_part_not_another_sum(helper: Assistant) -> None:
    answer = helper.ask("申领助学金收不收钱")
    assert not answer.refused and answer.citations[0].path == "五、" and "不收费" in answer.answer


def test_a_telephone_number_is_a_contact_detail(helper: Assistant) -> None:
    answer = helper.ask("教育局学生资助管理中心电话多少")
    assert not answer.refused and "0571-87012345" in answer.answer
    assert "0571-87056789" not in answer.answer  # the other guide's number


@pytest.mark.parametrize("question", ["助学金的办理时限是多久", "咨询电话是多少"])
def test_a_heading_holding_the_questions_words_brings_its_section(helper: Assistant, question: str) -> None:
    answer = helper.ask(question)  # "办理", "咨询" stand in the headings "四、办理时限", "六、咨询电话" only
    assert not answer.refused, answer.answer
    assert "15个工作日" in answer.answer or "0571-87012345" in answer.answer


def test_a_part_headed_by_the_ask_gives_way_to_a_section_on_the_question_topic(helper: Assistant) -> None:
    answer = helper.ask("古树名木认养期限多长")  # not the bursary guide's 四、办理时限
    assert not answer.refused and "三年" in answer.answer and "15个工作日" not in answer.answer


@pytest.mark.parametrize("question", ["申领助学金收费吗", "申領助學金要交錢嗎"])
def test_a_fee_asked_yes_or_no_is_answered_from_the_fee_part(helper: Assistant, question: str) -> None:
    answer = helper.ask(question)  # a yes/no question, but its kind of detail has a part of its own
    assert not answer.refused and answer.citations[0].path == "五、" and "不收费" in answer.answer, answer.answer


@pytest.mark.parametrize("question", ["What is the phone number for bursary applications?",
                                      "Is there a hotline for the bursary?"])
def test_a_phone_asked_in_english_is_the_contact_part(helper: Assistant, question: str) -> None:
    answer = helper.ask(question)
    assert not answer.refused and answer.citations[0].path == "六、" and "0571-87012345" in answer.answer, answer.answer


@pytest.mark.parametrize(("question", "fact"), [
    ("助学金申领办事指南第二部分第2点", "在读证明"),  # 二、2.: a point right under a part
    ("助学金指南一、", "最低生活保障标准"),
])
def test_a_guides_parts_and_points_are_looked_up_by_number(helper: Assistant, question: str, fact: str) -> None:
    answer = helper.ask(question)
    assert not answer.refused and fact in answer.answer, (question, answer.answer)
    assert all(c.doc_id == answer.citations[0].doc_id for c in answer.citations if c.quote in answer.answer)
    assert helper.ask("助学金申领办事指南第二部分第5点").route == "missing"
