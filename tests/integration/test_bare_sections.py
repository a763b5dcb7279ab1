"""A 节 named without its chapter ("条例第二节", "Section 2") lists the articles of that 节 when one chapter
only has it; a 节 no chapter has is missing; a 节 numbered again in two chapters is no look-up. The
regulations are written for this test."""

from __future__ import annotations

import pytest
from support.corpora import ingested

from assistant.service import Assistant

PARKS = "\n".join([
    "松江市城市公园管理条例",
    "第一章　总则",
    "第一条　为了加强城市公园管理，改善人居环境，制定本条例。",
    "第二章　规划与建设",
    "第一节　规划",
    "第二条　市园林绿化部门会同自然资源部门编制城市公园专项规划。",
    "第三条　城市公园专项规划每五年评估一次。",
    "第二节　建设",
    "第四条　新建居住区应当按照每千人不少于一千平方米的标准配建社区公园。",
    "第五条　公园建设工程竣工后，建设单位应当在三十日内组织验收。",
    "第三章　法律责任",
    "第六条　违反本条例第四条规定的，由园林绿化部门责令限期改正，处五万元以上十万元以下罚款。",
])

MARKETS = "\n".join([
    "松江市农贸市场管理办法",
    "第一章　设立",
    "第一节　选址",
    "第一条　农贸市场选址应当符合城市规划。",
    "第二节　审批",
    "第二条　设立农贸市场应当向区商务部门备案。",
    "第二章　经营",
    "第一节　摊位",
    "第三条　摊位租赁合同期限不得少于一年。",
    "第二节　收费",
    "第四条　摊位管理费标准由区发展改革部门核定。",
])


@pytest.fixture(scope="module")
def parks(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("parks"), {"parks.txt": PARKS}, e5)


@pytest.mark.parametrize("question", ["公园管理条例第二节讲了什么", "第二节", "What does Section 2 say?"])
def test_a_bare_section_lists_its_articles(parks: Assistant, question: str) -> None:
    answer = parks.ask(question)
    assert answer.route == "part" and [c.label for c in answer.citations] == ["第四条", "第五条"], answer.answer
    assert "第二章“规划与建设”第二节" in answer.answer.splitlines()[0]


def test_a_section_no_chapter_has_is_missing(parks: Assistant) -> None:
    answer = parks.ask("公园管理条例第五节讲了什么")
    assert answer.refused and answer.route == "missing" and "第五节" in answer.answer, answer.answer


def test_a_section_numbered_in_two_chapters_is_no_look_up(tmp_path, e5) -> None:
    markets = ingested(tmp_path, {"markets.txt": MARKETS}, e5)
    answer = markets.ask("第二节讲了什么")  # 第一章第二节 or 第二章第二节: neither is listed as the one
    assert answer.route != "part" and answer.route != "missing", answer.answer
    answer = markets.ask("第二章第二节讲了什么")  # with its chapter it is one
    assert answer.route == "part" and [c.label for c in answer.citations] == ["第四条"], answer.answer
