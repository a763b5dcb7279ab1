"""Items written "一、…" under an article's lead-in are its 项, as some local regulations number them
(ingest.outline.clause_of): "第二条第二项" quotes that item with its lead-in, and a quote of one item
is cited as 第（一）项. The rule is written for this test in the style of a municipal regulation.
"""

from __future__ import annotations

import pytest
from support.corpora import ingested

from assistant.service import Assistant

RULE = "\n".join([
    "东泉市社区食堂管理办法",
    "第一条 为了规范社区食堂运营，方便老年人就餐，制定本办法。",
    "第二条 开办社区食堂，应当具备下列条件：",
    "一、就餐场所面积不少于八十平方米；",
    "二、配备专职食品安全管理人员；",
    "三、与区民政部门签订运营协议。",
    "第三条 区民政部门应当自收到申请之日起十五个工作日内完成现场核查。",
    "第四条 社区食堂有下列情形之一的，由区民政部门责令限期改正，处二千元以上一万元以下罚款：",
    "一、未公示菜品价格的；",
    "二、向老年人收取超出公示标准费用的。",
    "第五条 违反本办法第二条规定，未经核查擅自开办社区食堂的，由区民政部门处五千元罚款。",
    "第六条 本办法自2026年9月1日起施行。",
]) + "\n"


# The document's subject (停车场) and its glossary terms (车辆, 停放) fill many lines; the duty asked is an item.
PARKING = "\n".join([
    "西川市公共停车场管理办法",
    "第一条 为了规范公共停车场经营，方便车辆停放，制定本办法。",
    "第二条 经营公共停车场，应当在出入口公示收费标准，并配备管理人员引导车辆停放。",
    "第三条 停车场经营者暂停营业的，应当提前十日向区交通运输主管部门报告。",
    "第四条 经营者有下列行为之一的，由市场监管部门责令改正，处三千元以上一万元以下罚款：",
    "一、超出政府指导价收费的；",
    "二、收费后不开具票据的。",
    "第五条 违反本办法第三条规定，擅自暂停营业的，由交通运输主管部门处五千元罚款。",
]) + "\n"


@pytest.fixture(scope="module")
def canteens(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("canteens"), {"shitang.txt": RULE, "tingche.txt": PARKING}, e5)


@pytest.mark.parametrize(("question", "inside", "outside"), [
    ("第二条第二项是什么", "配备专职食品安全管理人员", "八十平方米"),
    ("食堂管理办法第四条第（一）项", "未公示菜品价格", "超出公示标准"),
])
def test_a_named_item_is_quoted_with_its_lead_in(canteens: Assistant, question: str, inside: str,
                                                  outside: str) -> None:
    answer = canteens.ask(question)
    assert not answer.refused and inside in answer.answer and outside not in answer.answer
    assert "下列" in answer.answer  # the lead-in travels with the item
    assert answer.citations[0].clause.endswith("项")


def test_the_whole_article_keeps_all_its_items(canteens: Assistant) -> None:
    answer = canteens.ask("食堂管理办法第二条讲了什么")
    assert all(f in answer.answer for f in ("八十平方米", "专职食品安全管理人员", "运营协议"))


def test_a_fine_asked_of_an_item_comes_with_its_lead_in(canteens: Assistant) -> None:
    answer = canteens.ask("社区食堂不公示菜品价格罚款多少")
    assert not answer.refused and "二千元以上一万元以下" in answer.answer


def test_a_fine_asked_of_an_item_is_found_though_the_subject_fills_other_lines(canteens: Assistant) -> None:
    answer = canteens.ask("停车场收费不开票据罚款多少")
    assert not answer.refused and "三千元以上一万元以下" in answer.answer
