"""A question asking what a rule leaves out quotes the sentence that sets the exclusion (answer.detail).

"哪些事项不能用告知承诺办" shares its words with every article on 告知承诺; the answer is the one whose
"除……外" sets the scope. The rule is written for this test in the style of a municipal regulation.
"""

from __future__ import annotations

import pytest
from support.corpora import ingested

from assistant.service import Assistant

RULE = "\n".join([
    "西川市行政许可告知承诺办法",
    "第一条 为了优化营商环境，规范行政许可告知承诺工作，制定本办法。",
    "第二条 本市行政区域内行政许可事项的告知承诺工作，适用本办法。",
    "第三条 除直接涉及国家安全、公共安全、生态环境保护以及人身健康的行政许可事项外，申请人承诺"
    "符合许可条件的，审批部门可以采取告知承诺方式实施行政许可。",
    "实行告知承诺的行政许可事项目录，由市政务服务管理部门会同审批部门拟订，报市人民政府批准后公"
    "布。",
    "第四条 审批部门应当在实行告知承诺的行政许可事项办事指南中，列明告知承诺的具体内容和不实承"
    "诺的法律责任。审批部门办理告知承诺行政许可事项，应当向申请人提供告知承诺书，申请人可以不选"
    "择告知承诺方式。申请人不选择告知承诺方式办理行政许可事项的，审批部门不得要求其作出承诺。",
    "第五条 审批部门应当在作出许可决定后三个月内，对申请人履行承诺的情况进行核查。",
    "第六条 因抢险救灾实施的紧急许可，不适用本办法。",
    "第七条 本办法自2026年10月1日起施行。",
]) + "\n"


@pytest.fixture(scope="module")
def permits(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("permits"), {"chengnuo.txt": RULE}, e5)


@pytest.mark.parametrize("question", ["哪些许可事项不能用告知承诺办", "告知承诺制有什么例外"])
def test_the_excluded_matters_are_quoted_first(permits: Assistant, question: str) -> None:
    answer = permits.ask(question)
    assert not answer.refused
    assert answer.answer.startswith("除直接涉及国家安全")
    assert answer.citations[0].label == "第三条"


def test_an_ordinary_question_on_the_same_words_keeps_its_own_article(permits: Assistant) -> None:
    answer = permits.ask("告知承诺的许可事项作出决定后多久核查")
    assert answer.citations[0].label == "第五条"
