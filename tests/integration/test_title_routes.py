"""A heading's title found in several documents, and a compound question whose first part is a title.

Two State Council-style documents written for this test (a city's smart-parking pilot plan and its
after-school service opinion), both with a "（三）工作目标" heading and a "（二）基本原则" (the opinion's a
heading over its only points).
"""

from __future__ import annotations

import pytest
from support.corpora import ingested

from assistant.service import Assistant

PARKING = """# 江城市人民政府办公厅关于印发智慧停车试点工作方案的通知

各区人民政府，市政府各部门：

经市政府同意，现将《智慧停车试点工作方案》印发给你们，请认真贯彻执行。

一、总体要求

（一）指导思想。坚持以人民为中心，运用信息化手段缓解停车难问题，提升城市精细化管理水平。

（二）基本原则。坚持统筹规划、分步实施，坚持政府引导、市场运作。

（三）工作目标。2026年6月底前，试点区域建成统一的停车信息平台，实现公共停车泊位信息全部接入、实时发布。

二、主要任务

（一）摸清泊位底数。各试点区要全面普查公共停车场和道路泊位，建立泊位数据库。

（二）建设停车平台。市交通运输局牵头建设全市统一的智慧停车平台，各区平台统一接入。

三、组织实施

（一）确定试点区域。选择东城区、西城区开展试点，其他区参照推进。

（二）总结评估。试点结束后，试点区要在一个月内向市交通运输局报送试点工作总结报告和泊位数据清单。
"""

SCHOOLS = """# 江城市人民政府关于推进中小学课后服务的指导意见

各区人民政府，市政府各部门：

为做好中小学课后服务工作，减轻家庭负担，现提出以下意见。

一、总体要求

（一）指导思想。坚持立德树人，拓展课后服务内容，促进学生全面发展。

（二）基本原则。

1. 坚持学生自愿、家长知情。

2. 坚持公益普惠，不以营利为目的。

（三）工作目标。到2027年，全市义务教育学校课后服务实现全覆盖，服务时间与家长下班时间相衔接。

二、主要举措

（一）丰富服务内容。学校要开设阅读、体育、艺术、科普等活动，不得组织集体补课。

（二）保障经费投入。课后服务经费由财政补助和服务性收费共同承担。
"""


@pytest.fixture(scope="module")
def helper(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("title_routes"), {"parking.md": PARKING, "schools.md": SCHOOLS}, e5)


def test_a_title_in_several_documents_answers_from_the_one_the_question_means(helper: Assistant) -> None:
    answer = helper.ask("课后服务的工作目标是什么")
    assert answer.route == "task" and "2027年" in answer.answer
    assert "2026年6月底前" not in answer.answer


def test_a_bare_title_in_several_documents_names_the_others(helper: Assistant) -> None:
    answer = helper.ask("工作目标是什么")
    assert answer.route == "task" and not answer.refused
    assert "智慧停车" in answer.answer and "课后服务" in answer.answer  # one answered, the other named


def test_the_other_part_of_a_question_led_by_a_title_is_answered_too(helper: Assistant) -> None:
    answer = helper.ask("智慧停车试点的工作目标是什么，试点结束后要报送什么材料")
    assert "2026年6月底前" in answer.answer and "2027年" not in answer.answer
    assert "试点工作总结报告" in answer.answer  # the second part, few words of its own, is not refused
    assert any(c.path == "三、（二）" for c in answer.citations)


def test_a_part_in_several_documents_is_answered_from_the_one_the_question_means(helper: Assistant) -> None:
    answer = helper.ask("课后服务的第二部分讲了什么")
    assert answer.route == "part" and not answer.refused
    assert "丰富服务内容" in answer.answer and "保障经费投入" in answer.answer
    assert "摸清泊位底数" not in answer.answer and "建设停车平台" not in answer.answer  # not mixed in
    assert {c.doc_id for c in answer.citations} == {"schools"}


def test_a_bare_part_in_several_documents_names_the_others(helper: Assistant) -> None:
    answer = helper.ask("第二部分讲了什么")
    assert answer.route == "part" and not answer.refused
    assert len({c.doc_id for c in answer.citations}) == 1
    assert "智慧停车" in answer.answer and "课后服务" in answer.answer  # one answered, the other named


def test_a_chapter_no_document_has_is_answered_as_missing(helper: Assistant) -> None:
    answer = helper.ask("第九章讲了什么")
    assert answer.route == "missing" and answer.refused and "第九章" in answer.answer
    assert not answer.citations


def test_a_heading_over_the_only_points_of_a_document_is_named_by_its_title(helper: Assistant) -> None:
    answer = helper.ask("课后服务意见的基本原则有哪些")
    assert answer.route == "task" and "家长知情" in answer.answer and "不以营利为目的" in answer.answer
    assert "分步实施" not in answer.answer  # the parking plan's 基本原则
    other = helper.ask("智慧停车方案的基本原则是什么")
    assert "分步实施" in other.answer and "家长知情" not in other.answer


SUBSIDY = """# 青禾县民政局关于困难残疾人两项补贴发放工作的通知

各乡镇人民政府：

现就有关事项通知如下。

一、补贴对象

（一）困难残疾人生活补贴。具有本县户籍、持有残疾人证且纳入最低生活保障范围的残疾人，可以申请困难残疾人生活补贴。

（二）重度残疾人护理补贴。具有本县户籍、残疾等级为一级或者二级且需要长期照护的残疾人，可以申请重度残疾人护理补贴。

二、补贴标准

（一）困难残疾人生活补贴按照残疾等级分档发放，补贴标准如下：
1. 一档：一级、二级残疾的，每人每月150元；
2. 二档：三级、四级残疾的，每人每月90元。

（二）重度残疾人护理补贴标准为每人每月120元。
"""


def test_a_title_looked_up_gives_way_to_the_unit_stating_the_figure(tmp_path, e5) -> None:
    helper = ingested(tmp_path, {"subsidy.md": SUBSIDY}, e5)
    answer = helper.ask("困难残疾人生活补贴一档每月多少钱")  # the title of 一、（一）, whose text states no sum
    assert not answer.refused and answer.citations[0].label == "1.", answer.answer
    assert answer.answer.startswith("困难残疾人生活补贴按照残疾等级分档发放，补贴标准如下：一档："), answer.answer
    conditions = helper.ask("困难残疾人生活补贴的申请条件是什么")  # no figure asked: the title's own unit
    assert conditions.citations[0].label == "（一）" and "最低生活保障" in conditions.answer, conditions.answer


MACHINES = """# 松溪县农业农村局关于做好2025年农机购置补贴工作的通知

各乡镇人民政府：

现就有关事项通知如下。

一、补贴对象

从事农业生产的个人和农业生产经营组织。

二、办理程序

（一）补贴申请。
1. 年度补贴申请受理时间为4月1日至11月30日。
2. 购机者应当自购机发票开具之日起30日内提出补贴申请。
3. 申请材料包括身份证明、购机发票和机具照片。

（二）核验公示。县农业农村局应当自受理之日起15个工作日内完成核验，核验通过的在县政府网站公示5个工作日。

（三）资金兑付。公示无异议的，县财政局在20个工作日内将补贴资金支付到购机者账户。
"""


def test_a_fact_asked_beside_a_title_s_words_is_searched_not_listed(tmp_path, e5) -> None:
    """A title's words in a question asking a fact route to one unit stating it, or to none: "补贴申请" is the
    title of 二、（一）, but "收到补贴申请后多久完成核验" asks of 二、（二）."""
    helper = ingested(tmp_path, {"machines.md": MACHINES}, e5)
    checked = helper.ask("县农业农村局收到补贴申请后多长时间内完成核验？")
    assert not checked.refused and checked.citations[0].path == "二、（二）", checked.answer
    assert "15个工作日" in checked.answer and "4月1日" not in checked.answer
    deadline = helper.ask("购机后多少天内要提出补贴申请？")
    assert deadline.citations[0].path.endswith("2."), deadline.answer
    assert "30日内" in deadline.answer and "身份证明" not in deadline.answer  # the fact, not the whole section
    listed = helper.ask("补贴申请有哪些要求")  # what the titled section holds: all of it
    assert "4月1日" in listed.answer and "身份证明" in listed.answer, listed.answer
