"""Look-ups of an opinion's tasks by number, on a document written for this test: the whole unit is
quoted when the question only names it (with the document's kind word, "实施意见一、（二）"), and the
same number in several parts is listed in document order."""

from __future__ import annotations

import pytest
from support.corpora import ingested

from assistant.service import Assistant

OPINION = """# 澄江市人民政府关于推进全民健身设施建设的实施意见

各区人民政府，市政府各部门：

为满足群众就近健身需求，现提出如下实施意见。

一、总体要求

（一）指导思想。坚持以人民健康为中心，补齐健身设施短板。

（二）主要目标。到2026年，全市新建健身步道300公里，建成社区运动场80个。到2030年，人均体育场地面积达到3平方米，形成城市社区十五分钟健身圈。

二、重点任务

（一）盘活存量资源。
1. 利用城市边角地、闲置厂房建设健身场地，免收场地租金三年。
2. 推动学校体育场馆在节假日向社会开放，每周开放不少于20小时。

（二）完善公园健身功能。
1. 新建公园绿地中健身设施用地比例不低于百分之十五。
2. 既有公园结合改造增设健身器材，每个公园不少于10件。

（三）发展智慧健身。
1. 建设全市健身设施地图，实时发布场馆开放信息。
2. 推行线上预约，场馆预约信息保存不少于一年。
3. 推广智能健身器材。
（1）在社区公园配置智能健身器材，每个街道不少于20套。
（2）建立器材运行监测系统，故障器材48小时内修复。

三、保障措施

（一）加强资金保障。市财政每年安排全民健身设施专项资金5000万元。鼓励社会资本参与健身设施运营。
"""


@pytest.fixture(scope="module")
def helper(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("opinion_lookups"), {"fitness.md": OPINION}, e5)


def test_a_task_named_with_the_documents_kind_word_is_quoted_whole(helper: Assistant) -> None:
    answer = helper.ask("实施意见一、（二）")
    assert answer.route == "task"
    assert "新建健身步道300公里" in answer.answer and "人均体育场地面积达到3平方米" in answer.answer
    whole = helper.ask("实施意见三、（一）讲了什么")
    assert "专项资金5000万元" in whole.answer and "鼓励社会资本参与" in whole.answer


def test_a_topic_asked_of_a_named_task_is_still_searched_within_it(helper: Assistant) -> None:
    answer = helper.ask("实施意见一、（二）到2030年人均体育场地面积达到多少")
    assert "3平方米" in answer.answer and "300公里" not in answer.answer


def test_one_number_in_several_parts_is_listed_in_document_order(helper: Assistant) -> None:
    answer = helper.ask("实施意见（一）是什么")
    assert answer.route == "task"
    text = answer.answer
    first, second, third = (text.find(t) for t in ("补齐健身设施短板", "免收场地租金三年", "专项资金5000万元"))
    assert -1 < first < second < third, text


def test_a_whole_task_among_points_is_named_by_its_title(helper: Assistant) -> None:
    answer = helper.ask("关于“主要目标”有哪些要求？")
    assert answer.route == "task" and answer.citations[0].path == "一、（二）"
    assert "300公里" in answer.answer and "十五分钟健身圈" in answer.answer


def test_the_introductions_examples_are_answered_by_the_units_they_name(helper: Assistant) -> None:
    intro = helper.ask("你好")
    examples = [line.split(". ", 1)[1] for line in intro.answer.splitlines() if line[:2] in ("1.", "2.", "3.")]
    assert examples
    for question in examples:
        answer = helper.ask(question)
        assert not answer.refused and answer.citations, question
        assert answer.citations[0].title and answer.citations[0].title in question, (question, answer.citations[0])


def test_a_sub_point_is_looked_up_and_one_the_point_lacks_is_missing(helper: Assistant) -> None:
    answer = helper.ask("实施意见二、（三）3.（2）")
    assert "48小时内修复" in answer.answer and not answer.refused
    assert answer.citations[0].clause == "（2）" and "每个街道不少于20套" not in answer.answer  # cited as itself
    missing = helper.ask("实施意见二、（三）3.（4）")
    assert missing.route == "missing" and "（4）" in missing.answer and "20套" not in missing.answer


@pytest.mark.parametrize("question", ["实施意见第二部分第三项第3点第（2）项", "实施意见二、（三）第3点第二项",
                                      "实施意见二（三）3（2）是什么内容", "实施意见二(三)3(2)"])  # stops left out
def test_a_sub_point_named_in_words_is_looked_up(helper: Assistant, question: str) -> None:
    answer = helper.ask(question)  # "第3点第（2）项": the point's sub-item, not the whole point
    assert not answer.refused and "48小时内修复" in answer.answer and "每个街道不少于20套" not in answer.answer, (
        question, answer.answer)


@pytest.mark.parametrize("question", ["实施意见三、", "实施意见三、讲了什么"])
def test_a_parts_bare_label_looks_the_part_up(helper: Assistant, question: str) -> None:
    answer = helper.ask(question)  # "三、" closing the question is the part, as "第三部分" is
    assert answer.route == "part" and "5000万元" in answer.answer and "健身步道300公里" not in answer.answer, (
        question, answer.answer)


NOTED = """# 澄江市人民政府关于推进政务服务集成办理的实施方案

一、重点任务

（一）重构办理流程。
1. 推行“一表申请”，同一信息只填报一次。
2. 实行“一窗受理、集成服务”，审批结果统一出件。
（牵头单位：市政务服务管理局；配合单位：市公安局、市市场监管局）

（二）强化数据共享。
1. 推动户籍、社保、不动产等高频数据按需共享。
2. 全面推行电子证照应用。
（牵头单位：市大数据中心；配合单位：市民政局）
"""


def test_a_task_named_by_its_title_keeps_its_note_of_lead_departments(tmp_path, e5) -> None:
    helper = ingested(tmp_path, {"jicheng.md": NOTED}, e5)
    answer = helper.ask("强化数据共享的牵头单位是哪个？")  # the points, and the task's own line naming its bodies
    assert not answer.refused and "市大数据中心" in answer.answer and "市政务服务管理局" not in answer.answer, (
        answer.answer)
