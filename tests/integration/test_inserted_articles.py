"""A regulation written for this test with inserted articles ("第五条之一", "第五条之二" between 第五条 and
第六条), as amended laws have them: each is its own article for look-ups, 款 and sanctions."""

from __future__ import annotations

import pytest
from support.corpora import ingested

from assistant.answer.duties import cited_lines
from assistant.service import Assistant

RULE = """河湾市共享单车停放管理规定

第一条　为了规范共享单车停放秩序，制定本规定。
第二条　本规定适用于本市行政区域内共享单车的投放、停放和管理。
第三条　市交通运输主管部门负责共享单车停放的监督管理。
第四条　运营企业应当在投放前向市交通运输主管部门报送投放计划。
第五条　共享单车应当停放在停放区内，不得占用盲道。
第五条之一　区人民政府可以在地铁站周边划定临时停放区。
临时停放区应当与公交站台保持不少于十米的距离。
第五条之二　运营企业应当在接到通知后二小时内清理违规停放的车辆。
第六条　运营企业应当为车辆购买第三者责任保险。
第七条　违反本规定第五条规定，占用盲道停放车辆的，由市交通运输主管部门责令改正，处五十元罚款。
违反本规定第五条之二规定，运营企业逾期未清理车辆的，由市交通运输主管部门处五千元以上二万元以下罚款。
第八条　违反本规定第六条规定的，由市交通运输主管部门责令改正，处一万元罚款。
第九条　本规定自2026年1月1日起施行。
"""


@pytest.fixture(scope="module")
def helper(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("inserted_articles"), {"danche.txt": RULE}, e5)


def _first(answer) -> tuple[str, str]:
    return answer.citations[0].path, answer.citations[0].clause


@pytest.mark.parametrize("question", ["停放管理规定第五条之一", "第5条之1讲了什么"])
def test_an_inserted_article_is_looked_up_whole(helper: Assistant, question: str) -> None:
    answer = helper.ask(question)
    assert answer.route == "task" and answer.citations[0].path == "第五条之一"
    assert "地铁站周边" in answer.answer and "不少于十米" in answer.answer
    assert "不得占用盲道" not in answer.answer  # not 第五条


def test_a_paragraph_of_an_inserted_article(helper: Assistant) -> None:
    answer = helper.ask("第五条之一第二款")
    assert _first(answer) == ("第五条之一", "第二款") and "不少于十米" in answer.answer
    assert "地铁站周边" not in answer.answer


@pytest.mark.parametrize("question", ["第五条之三", "第五条之一第三款"])
def test_an_inserted_article_or_paragraph_that_does_not_exist_is_missing(helper: Assistant, question: str) -> None:
    answer = helper.ask(question)
    assert answer.route == "missing" and answer.refused and not answer.citations


def test_the_article_before_the_inserted_ones_is_itself(helper: Assistant) -> None:
    answer = helper.ask("第五条讲了什么")
    assert answer.citations[0].path == "第五条" and "地铁站" not in answer.answer.split("\n")[0]


def test_an_inserted_article_in_english(helper: Assistant) -> None:
    answer = helper.ask("What does Article 5-1 of the bike parking rules say?")
    assert answer.citations[0].path == "第五条之一"


def test_the_sanction_of_an_inserted_article(helper: Assistant) -> None:
    answer = helper.ask("违反第五条之二怎么罚")
    assert answer.citations[0].path == "第七条" and "五千元以上二万元以下" in answer.answer
    assert "五十元" not in answer.answer  # the 款 of 第七条 on 第五条 is another breach's
    assert cited_lines("违反本规定第五条之二规定的") == [(5.02, None, None)]
    assert cited_lines("违反本规定第五条至第七条规定的") == [(5, None, None), (6, None, None), (7, None, None)]


def test_an_inserted_article_no_article_sanctions(helper: Assistant) -> None:
    answer = helper.ask("违反第五条之一怎么罚")
    assert answer.refused and "一万元" not in answer.answer and "五千元" not in answer.answer


@pytest.mark.parametrize(("question", "article", "fine"), [
    ("违反第五条之二规定的，由哪个部门处罚？", "第七条", "五千元"), ("违反第六条规定怎么处理？", "第八条", "一万元")])
def test_who_sanctions_or_what_follows_a_breach_named_by_number(helper: Assistant, question: str, article: str,
                                                                 fine: str) -> None:
    answer = helper.ask(question)  # its sanction, not the duty looked up
    assert answer.citations[0].path == article and fine in answer.answer
