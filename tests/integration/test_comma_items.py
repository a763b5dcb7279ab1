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
    "第四条 社区食堂有下列情形之一的，由区民政部门责令限期改正：",
    "一、未公示菜品价格的；",
    "二、向老年人收取超出公示标准费用的。",
    "第五条 本办法自2026年9月1日起施行。",
]) + "\n"


@pytest.fixture(scope="module")
def canteens(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("canteens"), {"shitang.txt": RULE}, e5)


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
    answer = canteens.ask("第二条讲了什么")
    assert all(f in answer.answer for f in ("八十平方米", "专职食品安全管理人员", "运营协议"))
