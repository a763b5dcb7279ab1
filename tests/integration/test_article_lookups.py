"""An article looked up by its number is quoted whole: every 款, a closing "但是……" too, however the sentences
the answer starts from overlap. A regulation in plain text written for this test."""

from __future__ import annotations

import pytest
from support.corpora import ingested

from assistant.service import Assistant

RULES = """青川市河道采砂管理规定

第一条　为了加强河道采砂管理，维护河势稳定，保障防洪安全，制定本规定。

第二条　在本市行政区域内的河道从事采砂活动，适用本规定。

第三条　市水行政主管部门负责全市河道采砂的监督管理工作。
公安、交通运输、自然资源等部门按照各自职责做好相关工作。

第四条　从事河道采砂的单位应当具备下列条件：
（一）有符合规定的采砂船舶和机具；
（二）有相应的技术人员；
（三）有采砂作业方案和安全措施。

第五条　采砂许可证有效期不超过一年。
期满需要继续采砂的，应当在期满三十日前重新申请。

第六条　未取得采砂许可证从事河道采砂的，由市水行政主管部门责令停止违法行为，没收违法所得，处五万元以上二十万元以下罚款。
情节严重的，处二十万元以上五十万元以下罚款，并可以扣押采砂船舶。
但是，初次违法且采砂量不足十立方米并及时停止的，可以不予行政处罚。

第七条　采砂单位未具备本规定第四条规定的条件擅自采砂的，由市水行政主管部门责令停止，处一万元以上五万元以下罚款。

第八条　本规定自2026年1月1日起施行。
"""


@pytest.fixture(scope="module")
def helper(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("article_lookups"), {"sand.txt": RULES}, e5)


@pytest.mark.parametrize("question", ["采砂管理规定第六条", "第六条是怎么规定的",
                                      "《青川市河道采砂管理规定》第六条讲了什么"])
def test_an_article_looked_up_is_quoted_with_every_paragraph(helper: Assistant, question: str) -> None:
    answer = helper.ask(question)
    quote = answer.citations[0].quote
    assert not answer.refused and answer.citations[0].path == "第六条"
    assert all(part in quote for part in ("五万元以上二十万元以下", "二十万元以上五十万元以下", "可以不予行政处罚"))
    assert "第六条第" not in answer.answer  # the whole article, not "第一款、第二款"


def test_a_paragraph_looked_up_is_still_alone(helper: Assistant) -> None:
    answer = helper.ask("采砂管理规定第六条第二款")
    assert "二十万元以上五十万元以下" in answer.answer and "五万元以上二十万元以下" not in answer.answer


@pytest.mark.parametrize("question", ["采砂管理规定第四条违反了怎么处罚", "违反第四条会被怎么处罚",
                                      "采砂单位未具备本规定第四条规定的条件会被怎么处罚"])
def test_the_sanction_naming_an_article_without_the_word_breach_answers_its_penalty(helper: Assistant,
                                                                                    question: str) -> None:
    answer = helper.ask(question)  # "未具备本规定第四条规定的条件…的，…罚款" cites 第四条 with no 违反
    assert answer.citations[0].path == "第七条" and "一万元以上五万元以下" in answer.answer, answer.answer
