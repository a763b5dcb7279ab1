"""Look-ups of units no loaded document has are refused, never answered from another unit.

"计划第二十四项" of a plan with 23 tasks is ``missing``; "条例第三条" when no 条例 is loaded is an
``unknown_document``; "第7问" of a guide whose numbered points are its questions is that question.
The guide and the rules are written for these tests.
"""

from __future__ import annotations

import pytest
from support.corpora import ingested

from assistant.service import Assistant

GUIDE = """# 松川市退役军人创业扶持政策问答

一、创业补贴

1. 哪些退役军人可以申请一次性创业补贴？
答：退役5年内在本市首次创办小微企业的退役军人，可以申请一次性创业补贴。

2. 一次性创业补贴标准是多少？
答：每人3000元，同一人只能享受一次。

二、贷款贴息

3. 创业担保贷款最高能贷多少？
答：个人最高30万元，合伙创业的最高不超过150万元。

4. 贷款利息怎么补贴？
答：贷款利率在贷款市场报价利率基础上上浮不超过1.5个百分点的部分，由财政全额贴息。
"""

MEASURES = """# 松川市退役军人就业服务办法

第一条　为做好退役军人就业服务工作，制定本办法。

第二条　市退役军人事务局负责本办法的组织实施。

第三条　用人单位招用退役军人并签订一年以上劳动合同的，按每人每年5000元给予补贴。
"""


NOTICE = """# 松川市退役军人事务局关于做好2025年退役军人就业工作的通知

各区退役军人事务局：

一、加强岗位开发。各区要开发不少于200个公益性岗位。

二、开展技能培训。全年培训退役军人不少于1000人次。

三、落实创业扶持。按规定落实创业担保贷款和贴息政策。

四、强化组织保障。各区要于12月10日前报送工作总结。
"""


READING = """# 《松川市退役军人就业服务办法》政策解读

一、出台背景

问：为什么要制定这个办法？
答：为做好退役军人就业服务工作，保障退役军人合法权益。

二、主要内容

问：谁负责办法的组织实施？
答：市退役军人事务局负责组织实施。

问：用人单位招用退役军人有什么补贴？
答：签订一年以上劳动合同的，按每人每年5000元给予补贴。
"""


@pytest.fixture(scope="module")
def helper(tmp_path_factory, e5) -> Assistant:
    files = {"guide.md": GUIDE, "measures.md": MEASURES, "notice.md": NOTICE, "reading.md": READING}
    return ingested(tmp_path_factory.mktemp("missing_units"), files, e5)


@pytest.mark.parametrize("question", ["计划第二十四项", "第二十四项任务", "工作计划第三十项讲了什么", "计划（二十四）"])
def test_a_task_number_beyond_the_plan_is_missing(assistant: Assistant, question: str) -> None:
    answer = assistant.ask(question)
    assert answer.refused and answer.route == "missing", answer.answer
    assert not answer.citations


def test_a_task_the_plan_has_is_still_looked_up(assistant: Assistant) -> None:
    answer = assistant.ask("计划第二十三项")
    assert not answer.refused and answer.citations[0].number == 23


@pytest.mark.parametrize("question", ["条例第三条", "实施细则第二章讲了什么"])
def test_a_kind_of_document_not_loaded_is_unknown(assistant: Assistant, question: str) -> None:
    answer = assistant.ask(question)
    assert answer.refused and answer.route == "unknown_document", answer.answer


def test_a_kind_a_loaded_title_has_is_looked_up_in_it(helper: Assistant) -> None:
    answer = helper.ask("办法第三条")
    assert not answer.refused and answer.citations[0].path == "第三条"
    assert "5000元" in answer.answer
    refused = helper.ask("细则第三条")
    assert refused.refused and refused.route == "unknown_document"


@pytest.mark.parametrize("question", ["问答第3问", "政策问答第三问是怎么回答的", "第3个问题"])
def test_a_guide_s_question_named_by_number(helper: Assistant, question: str) -> None:
    answer = helper.ask(question)
    assert not answer.refused and answer.route == "task", answer.answer
    assert answer.citations[0].path.endswith("3.") and "30万元" in answer.answer


def test_a_question_named_by_number_is_no_other_document_s_part(helper: Assistant) -> None:
    answer = helper.ask("问答的第3个问题")  # the notice has a 第三部分; the guide's question 3 is meant
    assert answer.route == "task" and answer.citations[0].path.endswith("3."), answer.answer
    assert "30万元" in answer.answer and "？：" not in answer.answer
    part = helper.ask("通知第三部分讲了什么")
    assert "创业担保贷款" in part.answer


def test_a_question_number_the_guide_lacks_is_missing(helper: Assistant) -> None:
    answer = helper.ask("问答第9问")
    assert answer.refused and answer.route == "missing"


def test_a_reading_s_question_named_by_number_is_that_question(helper: Assistant) -> None:
    """A reading's "问：…？" lines are numbered in order across its parts: "第二问" is the first of part 二."""
    answer = helper.ask("政策解读第二问是什么")
    assert not answer.refused and answer.citations[0].path == "问2", answer.answer
    assert "市退役军人事务局负责组织实施" in answer.answer
    assert helper.ask("政策解读第五问").route == "missing"
