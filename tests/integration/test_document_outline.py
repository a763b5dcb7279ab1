"""A document's chapters or parts asked for ("分为哪几章", "有几章", "目录", "分几个部分"), in a regulation and a
notice written for this test: listed from the tree with titles and article spans, cited by their first units."""

from __future__ import annotations

import pytest
from support.corpora import ingested

from assistant.answer.outline import asks_outline
from assistant.service import Assistant

LAW = """河湾市公园管理条例

第一章　总则
第一条　为了加强公园管理，制定本条例。
第二条　本条例适用于本市行政区域内公园的规划、建设和管理。
第二章　游园管理
第一节　开放时间
第三条　公园应当每日开放，开放时间由公园管理机构公布。
第二节　游园秩序
第四条　游客应当爱护公园设施，不得攀折花木。
第五条　禁止在公园内燃放烟花爆竹。
第三章　法律责任
第六条　违反本条例第五条规定的，由城市管理部门处二百元罚款。
第七条　本条例自2026年5月1日起施行。
"""

NOTICE = """河湾市人民政府关于开展公园绿地开放共享工作的通知

各区人民政府，市政府各部门：
为满足群众休闲需求，现就公园绿地开放共享工作通知如下。
一、总体要求
（一）坚持因地制宜，分类推进开放共享。
二、主要任务
（一）划定开放区域。各公园应当划定可进入的草坪区域。
（二）完善配套设施。在开放区域设置遮阳和休憩设施。
三、保障措施
（一）加强组织领导。各区要明确责任部门。
"""


@pytest.fixture(scope="module")
def helper(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("outline"), {"gongyuan.txt": LAW, "kaifang.txt": NOTICE}, e5)


@pytest.mark.parametrize("question", ["公园管理条例分为哪几章", "公园管理条例有几章", "公园管理条例的目录"])
def test_a_regulations_chapters_with_their_articles(helper: Assistant, question: str) -> None:
    answer = helper.ask(question)
    assert answer.answer.startswith("《河湾市公园管理条例》共3章")
    assert "2. 第二章 游园管理（第三条至第五条）" in answer.answer
    assert "3. 第三章 法律责任（第六条至第七条）" in answer.answer
    assert [c.path for c in answer.citations] == ["第一条", "第三条", "第六条"]


def test_a_notices_parts(helper: Assistant) -> None:
    answer = helper.ask("公园绿地开放共享工作的通知分为几个部分")
    assert answer.answer.startswith("《河湾市人民政府关于开展公园绿地开放共享工作的通知》共分3个部分")
    assert "2. 二、主要任务" in answer.answer and "公园管理条例" not in answer.answer


@pytest.mark.parametrize("question", ["公园管理条例讲了什么", "公园管理条例的主要内容是什么"])
def test_what_a_document_named_alone_holds_is_its_outline(helper: Assistant, question: str) -> None:
    answer = helper.ask(question)
    assert answer.answer.startswith("《河湾市公园管理条例》共3章") and not answer.refused


def test_a_document_named_by_its_kind_alone(helper: Assistant) -> None:
    answer = helper.ask("通知分几个部分")  # one 通知 loaded, next to one 条例
    assert answer.answer.startswith("《河湾市人民政府关于开展公园绿地开放共享工作的通知》共分3个部分")


def test_outline_questions_and_others() -> None:
    assert asks_outline("条例分为哪几章") and asks_outline("有哪些章节")
    assert asks_outline("Which chapters does it have?")
    assert not asks_outline("罚款规定在第几章") and not asks_outline("第二章有哪几节")
    assert not asks_outline("集中采购目录由谁确定")  # a 目录 that is a topic, not the contents
    # what a document named alone holds, by name, number or kind word; not of a unit or a topic in it
    assert asks_outline("国办发〔2025〕12号讲了什么") and asks_outline("这个通知的主要内容是什么")
    assert asks_outline("《公园管理条例》讲了些什么") and asks_outline("实施意见讲了什么")
    assert asks_outline("阅读方案的主要内容") and asks_outline("方案讲了什么？")
    assert not asks_outline("讲了什么") and not asks_outline("第三条讲了什么")
    assert not asks_outline("实施意见对资金讲了什么")


@pytest.mark.parametrize("question", ["公园管理条例关于游园管理的章节讲了些什么", "公园条例讲游园管理的那章说了些啥"])
def test_a_chapter_named_by_its_title_is_that_chapter_not_the_outline(helper: Assistant, question: str) -> None:
    answer = helper.ask(question)
    assert "共3章" not in answer.answer and answer.route == "part"
    assert "攀折花木" in answer.answer and "烟花爆竹" in answer.answer  # the chapter's articles


def test_a_short_chapter_title_before_the_word_chapter_names_it(helper: Assistant) -> None:
    answer = helper.ask("公园管理条例关于总则的章节讲了些什么")
    assert answer.route == "part" and "适用于本市行政区域内公园" in answer.answer and "共3章" not in answer.answer
