"""A part looked up lists its tasks and its own paragraphs: a closing paragraph after its last task
(lifted to the part at ingest) is quoted after the numbered list, neither numbered nor counted.

A municipal notice written for this test.
"""

from __future__ import annotations

import pytest
from support.corpora import ingested

from assistant.interfaces.present import answer_text
from assistant.service import Assistant

NOTICE = """# 江城市人民政府办公厅关于推进社区养老服务的通知

各区人民政府，市政府各部门：

为推进社区养老服务体系建设，现就有关事项通知如下。

一、完善服务设施

（一）建设社区食堂。各区要在2026年底前实现社区老年食堂全覆盖，每处食堂就餐座位不少于30个。

（二）改造活动场所。对建成十年以上的社区活动中心进行适老化改造，改造费用由区财政承担。

各区民政部门要将设施建设情况于每季度末报市民政局汇总。

二、加强人员保障

（三）配齐服务人员。每个社区至少配备2名专职养老服务人员。

（四）开展技能培训。市民政局每年组织养老服务人员培训不少于40学时。

三、强化组织实施

各区要建立工作台账，市政府将把推进情况纳入年度绩效考核。

江城市人民政府办公厅
2026年1月5日
"""

CLOSING = "各区民政部门要将设施建设情况于每季度末报市民政局汇总。"


@pytest.fixture(scope="module")
def helper(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("part_paragraphs"), {"notice.md": NOTICE}, e5)


def test_a_part_lists_its_closing_paragraph_after_its_tasks(helper: Assistant) -> None:
    answer = helper.ask("第一部分讲了什么")
    lines = answer.answer.split("\n")
    assert "包括以下2项任务" in lines[0]  # the paragraph is not counted as a task
    assert lines[1].startswith("1. （一）") and lines[2].startswith("2. （二）")
    assert lines[3] == CLOSING  # after the list, unnumbered
    assert "（三）" not in answer.answer


def test_the_paragraph_is_a_quoted_source(helper: Assistant) -> None:
    text = answer_text(helper.ask("第一部分讲了什么"))
    sources = text.split("出处：")[1].split("其他相关")[0]
    assert CLOSING in sources


def test_a_part_without_tasks_is_still_its_own_text(helper: Assistant) -> None:
    answer = helper.ask("第三部分讲了什么")
    assert "各区要建立工作台账" in answer.answer and "包括以下" not in answer.answer
