"""A task that lists its points ("重点检查以下内容：" then 1. 2. 3.) is quoted with them.

A State Council-style opinion written for this test; its second task is split into points at ingest
(each point is a unit of its own under the task's lead-in).
"""

from __future__ import annotations

import pytest
from support.corpora import ingested

from assistant.service import Assistant

OPINION = """# 国务院办公厅关于加强共享单车停放管理的意见

各省、自治区、直辖市人民政府，国务院各部委、各直属机构：

为规范共享单车停放秩序，经国务院同意，现提出以下意见。

一、总体要求

（一）工作目标。到2026年底，城市共享单车乱停乱放问题得到有效治理。

二、重点任务

（二）加强停放秩序检查。各地城市管理部门要定期开展共享单车停放专项检查，重点检查以下内容：
1. 是否在盲道、消防通道停放车辆；
2. 运营企业是否按时清运故障车辆；
3. 电子围栏是否覆盖主要停放区域。

（三）落实企业责任。运营企业要建立调度运维队伍，运维人员与投放车辆比例不低于千分之五。
"""


@pytest.fixture(scope="module")
def helper(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("lead_in_points"), {"opinion.md": OPINION}, e5)


def test_the_points_are_split_into_units_of_their_own(helper: Assistant) -> None:
    levels = [c.level for c in helper.index.chunks if c.doc_id == "opinion"]
    assert levels.count("point") == 3


def test_a_lead_in_is_quoted_with_its_points(helper: Assistant) -> None:
    answer = helper.ask("共享单车停放专项检查重点检查哪些内容")
    assert not answer.refused
    for point in ("盲道、消防通道", "按时清运故障车辆", "电子围栏是否覆盖"):
        assert point in answer.answer
    lead = next(c for c in answer.citations if c.path.endswith("（二）"))
    assert "重点检查以下内容：" in lead.quote and "电子围栏" in lead.quote
    assert "1.：" not in answer.answer and answer.answer.count("重点检查以下内容：") == 1  # one line, the lead-in once
    assert answer.answer.startswith("二、（二）：")  # named by the task the points lie in


def test_a_looked_up_task_is_quoted_with_its_points(helper: Assistant) -> None:
    answer = helper.ask("意见（二）讲了什么")
    assert "按时清运故障车辆" in answer.answer and "电子围栏" in answer.answer


NOTICE = """# 国务院办公厅关于做好城市内涝防治工作的通知

各省、自治区、直辖市人民政府：

现就有关事项通知如下。

一、总体要求

（一）工作目标。到2027年，城市排水防涝能力显著提升。

二、重点任务

（一）完善排水设施。各地要加快雨水管网建设，新建城区全面实行雨污分流。

（二）加强应急处置。各地要制定内涝应急预案，每年汛前组织一次演练。

（三）开展隐患排查。各地要在汛前开展隐患排查，重点排查以下内容：
1. 地下空间出入口挡水设施是否完好；
2. 易涝点警示标志是否设置；
3. 排水泵站是否正常运行。
"""


def test_a_part_lists_a_point_once_when_its_lead_in_quotes_it(tmp_path, e5) -> None:
    assistant = ingested(tmp_path, {"notice.md": NOTICE}, e5)
    answer = assistant.ask("第二部分讲了什么")
    assert answer.route == "part"
    assert answer.answer.count("排水泵站是否正常运行") == 1
    assert "包括以下3项" in answer.answer


SCENIC = """# 青禾县人民政府办公室关于规范国有景区门票管理的通知

各乡镇人民政府，县政府各部门：

现就有关事项通知如下。

一、门票价格

（一）收费标准。
1. 旺季（4月至10月）每人60元。
2. 淡季（11月至次年3月）每人40元。

二、优惠政策

（一）免票对象。下列人员凭有效证件免收景区门票：
1. 六周岁以下或者身高1.2米以下的儿童；
2. 现役军人和消防救援人员；
3. 持证残疾人及其一名陪护人员。

（二）半价对象。全日制在校学生凭学生证购买半价门票。
"""


@pytest.fixture(scope="module")
def scenic(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("scenic"), {"scenic.md": SCENIC}, e5)


def test_a_point_answering_alone_is_quoted_after_its_tasks_lead_in(scenic: Assistant) -> None:
    answer = scenic.ask("现役军人去景区玩要买门票吗")
    assert not answer.refused
    assert answer.citations[0].path.endswith("2.")
    # the point says who, the lead-in what: "免收景区门票" is only in the lead-in
    assert "下列人员凭有效证件免收景区门票：现役军人和消防救援人员" in answer.answer


def test_a_point_under_a_bare_heading_is_quoted_without_it(scenic: Assistant) -> None:
    answer = scenic.ask("淡季门票多少钱一张")
    assert not answer.refused
    assert answer.answer.startswith("淡季（11月至次年3月）每人40元。")


CHARGING = """# 青禾县发展和改革局关于电动汽车充电服务费标准的通知

各乡镇人民政府，县直各部门：

现就有关事项通知如下。

一、收费标准

（一）公共充电设施。
1. 一类区域（县城中心区及重点商圈）：高峰时段（8:00—22:00）每千瓦时0.8元，低谷时段每千瓦时0.4元，单次充电最高收费50元。
2. 二类区域：每千瓦时0.6元。
3. 三类区域：每千瓦时0.4元。

（二）专用充电设施。收费标准由双方协商确定。
"""


@pytest.fixture(scope="module")
def charging(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("charging"), {"charging.md": CHARGING}, e5)


@pytest.mark.parametrize("question", ["一类区域每千瓦时多少钱", "一类区域充电多少钱一度", "一类区域的收费标准"])
def test_the_sibling_point_naming_the_asked_area_answers_first(charging: Assistant, question: str) -> None:
    # the short "3. 三类区域：每千瓦时0.4元。" reads closer to the question, but 1. names the 一类区域 asked
    answer = charging.ask(question)
    first = answer.answer.split("（一、（一）")[0]
    assert answer.citations[0].label == "1." and "每千瓦时0.8元" in first, answer.answer


def test_a_fee_the_title_names_is_what_the_figures_give(charging: Assistant) -> None:
    # "充电服务费" stands in the notice's title only; its points give the fee without naming it
    answer = charging.ask("一类区域高峰时段充电服务费每千瓦时多少钱")
    assert not answer.refused and "0.8元" in answer.answer, answer.answer


@pytest.mark.parametrize("question", ["哪些人可以免收景区门票", "哪些人可以免票"])
def test_points_listed_together_carry_their_lead_in_once(scenic: Assistant, question: str) -> None:
    answer = scenic.ask(question)
    assert "现役军人" in answer.answer and "持证残疾人" in answer.answer, answer.answer
    # a point quoted within its task's quote is not quoted again after it, lead-in and all
    assert answer.answer.count("下列人员凭有效证件免收景区门票") == 1, answer.answer


def test_the_points_a_quoted_task_holds_are_not_cited_again(helper: Assistant) -> None:
    answer = helper.ask("共享单车停放检查要查什么")
    assert answer.citations[0].path.endswith("（二）") and "电子围栏" in answer.citations[0].quote
    assert [c.label for c in answer.citations if c.label in ("1.", "2.", "3.")] == []  # its quote says them
