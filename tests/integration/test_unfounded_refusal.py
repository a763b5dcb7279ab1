"""A question none of whose words (but the modal words of legal drafting) occurs in the sections found,
and which is nearer a background topic than any document sentence, is refused whatever its fitted
confidence: "应当" or "依法" shared with every provision is no evidence.

The regulation is written for this test in the style of a municipal dog-keeping rule.
"""

from __future__ import annotations

import pytest
from support.corpora import ingested

from assistant.answer.refusal import FRAME_WORDS, coverage
from assistant.service import Assistant

REGULATION = """南川市养犬管理规定

第一条 为了规范养犬行为，保障公民人身安全，维护市容环境和社会秩序，制定本规定。
第二条 在本市城市化管理区域内饲养犬只的，应当向所在地公安派出所申请办理养犬登记。
第三条 携犬出户的，应当为犬只束犬链，犬链长度不得超过一点五米，并及时清除犬只在户外排泄的粪便。
第四条 犬只伤害他人的，养犬人应当立即将受害人送至医疗机构诊治，并依法承担民事责任。
第五条 违反本规定第三条，携犬出户未束犬链的，由公安机关责令改正，可以处五十元以上二百元以下罚款。
第六条 本规定自2026年5月1日起施行。
"""

OWN = ["遛狗要拴绳吗", "狗链子最长能多长", "狗咬了人主人要负什么责任", "养狗要去哪里登记",
       "出门遛狗不拴绳罚多少"]
# Other topics phrased with the regulation's own modal words (应当, 依法, 按照, 不得).
OTHER = ["出租车司机依法应当按照什么标准收费", "共享单车应当停放在哪里"]
# Known limits (README "Refusal"): a content word shared with a provision (清除) is evidence to the
# rule, and a question whose nearest sentence is a document's, however slightly (contrast +0.002 for
# the vehicles question here, -0.005 on ../shared/cases/oos-not-refused), is left to the model.
LIMITS = ["物业企业应当在几天内清除楼道里堆放的杂物", "外卖平台不得向骑手收取哪些押金",
          "运营企业应当在多长时间内清理乱停的车辆"]


@pytest.fixture(scope="module")
def dogs(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("dogs"), {"yangquan.txt": REGULATION}, e5)


@pytest.mark.parametrize("question", OTHER + [
    pytest.param(q, marks=pytest.mark.xfail(reason="known limit", strict=False)) for q in LIMITS])
def test_other_topics_in_legal_wording_are_refused(dogs: Assistant, question: str) -> None:
    answer = dogs.ask(question)
    assert answer.refused, answer.answer


@pytest.mark.parametrize("question", OWN)
def test_its_own_questions_in_plain_words_are_answered(dogs: Assistant, question: str) -> None:
    assert not dogs.ask(question).refused


def test_frame_words_are_no_evidence_of_a_topic() -> None:
    text = "居民应当在每日十八时至二十一时投放厨余垃圾。"
    question = "运营企业应当清理违规停放的车辆"
    assert coverage(question, text) > 0.0
    assert coverage(question, text, skip=FRAME_WORDS) == 0.0
