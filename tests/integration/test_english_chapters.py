"""Chapters asked in English ("Chapter 2", "Chapter II") are looked up like 第二章, a chapter the regulation
lacks is said to be missing, and the header of a chapter's list follows the question's language (the
chapter's own name stays verbatim). The regulation is written for this test."""

from __future__ import annotations

import pytest
from support.corpora import ingested

from assistant.service import Assistant

REGULATION = "\n".join([
    "清河市电动自行车停放管理办法",
    "第一章 总则",
    "第一条 为了规范电动自行车停放秩序，保障消防安全，制定本办法。",
    "第二条 本办法适用于本市行政区域内电动自行车的停放和充电管理。",
    "第二章 停放管理",
    "第三条 住宅小区应当设置集中停放场所，配备智能充电设施。",
    "第四条 禁止在楼道、安全出口和疏散通道停放电动自行车。",
    "第五条 物业服务企业应当每月开展停放巡查，发现违规停放的及时劝阻。",
    "第三章 法律责任",
    "第六条 违反本办法第四条规定，拒不改正的，由消防救援机构处二百元以上一千元以下罚款。",
])


@pytest.fixture(scope="module")
def qinghe(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("chapters"), {"tingfang.txt": REGULATION}, e5)


@pytest.mark.parametrize("question", ["What does Chapter 2 of these measures say?", "Summarize chapter II"])
def test_an_english_chapter_is_listed_with_an_english_header(qinghe: Assistant, question: str) -> None:
    answer = qinghe.ask(question)
    assert answer.route == "part" and [c.label for c in answer.citations] == ["第三条", "第四条", "第五条"]
    header = answer.answer.splitlines()[0]
    assert "第二章“停放管理”" in header and "has 3 items" in header, answer.answer


@pytest.mark.parametrize(("question", "header"), [("第二章讲了什么", "包括以下3项"), ("第二章講了什麼", "包括以下3項")])
def test_a_chinese_chapter_keeps_a_chinese_header(qinghe: Assistant, question: str, header: str) -> None:
    answer = qinghe.ask(question)
    assert answer.route == "part" and header in answer.answer.splitlines()[0], answer.answer


def test_a_chapter_the_regulation_lacks_is_missing(qinghe: Assistant) -> None:
    answer = qinghe.ask("What does Chapter 7 of these measures say?")
    assert answer.refused and answer.route == "missing" and not answer.citations, answer.answer
    assert "Chapter 7" in answer.answer



PROPERTY = "\n".join([
    "清河市住宅物业管理办法",
    "第一章 总则",
    "第一条 为了规范住宅物业管理活动，维护业主合法权益，制定本办法。",
    "第二章 物业服务",
    "第二条 物业服务人应当按照合同约定提供保洁、绿化养护和秩序维护服务。",
    "第三条 物业服务人应当在物业管理区域显著位置公示收费项目和收费标准。",
    "第三章 附则",
    "第四条 本办法自2026年1月1日起施行。",
])


@pytest.mark.parametrize("question", ["What does Article 4 of the property management measures say?",
                                      "Article 1 of the residential property management measures"])
def test_an_article_of_a_document_named_in_english_is_no_chapter_of_that_name(tmp_path, e5, question: str) -> None:
    # "property management" (物业管理 物业服务 in the glossary) names the document, not its chapter 物业服务
    answer = ingested(tmp_path, {"wuye.txt": PROPERTY}, e5).ask(question)
    label = "第四条" if "4" in question else "第一条"
    assert answer.route == "task" and answer.citations[0].label == label, answer.answer
