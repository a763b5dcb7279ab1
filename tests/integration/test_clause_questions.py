"""A question naming 第M款 or 第（N）项 of an article is answered from that paragraph or item."""

from __future__ import annotations

import pytest
from support.corpora import ingested

from assistant.service import Assistant

# A regulation written for this test.
LAW = """清河市城市绿化管理条例
第一章 总则
第一条 为了加强城市绿化管理，制定本条例。
第二章 管理
第二条 禁止下列行为：
（一）擅自砍伐城市树木；
（二）擅自占用城市绿地；
（三）损坏绿化设施。
第三条 确需移植树木的，应当向绿化主管部门提出申请，主管部门应当在十个工作日内作出决定。
移植树木的费用由申请人承担。
第四条 违反本条例第二条第（一）项规定的，由绿化主管部门责令改正，处五千元以上一万元以下罚款。
违反本条例第二条第（三）项规定的，处二百元以上五百元以下罚款。
"""


@pytest.fixture(scope="module")
def law(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("clauses"), {"lvhua.txt": LAW}, e5)


@pytest.mark.parametrize(("question", "inside", "outside"), [
    ("第三条第二款讲了什么", "费用由申请人承担", "十个工作日"),
    ("第四条第二款", "二百元以上五百元以下", "五千元"),
    ("绿化条例第二条第（二）项", "擅自占用城市绿地", "损坏绿化设施"),
    ("第二条第（一）项是什么", "擅自砍伐城市树木", "擅自占用"),
    ("What does Article 3, paragraph 2 say?", "费用由申请人承担", "十个工作日"),  # English, quotes verbatim
    ("What is item 3 of Article 2?", "损坏绿化设施", "擅自砍伐"),
])
def test_the_named_clause_is_quoted_and_not_its_neighbours(law: Assistant, question: str, inside: str,
                                                           outside: str) -> None:
    answer = law.ask(question)
    assert not answer.refused and inside in answer.answer and outside not in answer.answer
    assert answer.citations[0].path.endswith(("第三条", "第四条", "第二条"))


def test_the_whole_article_without_a_clause(law: Assistant) -> None:
    answer = law.ask("第三条讲了什么")
    assert "十个工作日" in answer.answer and "费用由申请人承担" in answer.answer


MEASURES = """清河市古树名木保护办法
第一条 为了保护古树名木，制定本办法。
第二条 本办法适用于本市行政区域内古树名木的保护管理。
第三条 古树名木的养护责任单位按照下列规定确定：
（一）机关、团体、企业事业单位用地范围内的，由该单位负责；
（二）公园、风景名胜区内的，由其管理机构负责；
（三）其他古树名木，由所在地街道办事处负责。
"""


@pytest.fixture(scope="module")
def two(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("clauses_two"), {"lvhua.txt": LAW, "gushu.txt": MEASURES}, e5)


def test_an_item_only_one_documents_article_has_is_answered_without_naming_the_other(two: Assistant) -> None:
    answer = two.ask("第三条第（二）项")  # both have a 第三条; only the measures' has items
    assert answer.citations and answer.citations[0].doc_title == "清河市古树名木保护办法", answer.answer
    assert "由其管理机构负责" in answer.answer and "都有" not in answer.answer
    both = two.ask("第三条")  # the article itself: both have it, and the answer says so
    assert "都有第三条" in both.answer
