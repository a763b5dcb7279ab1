"""A chapter's 节 asked for ("第三章有哪些节", "分几节") are listed from the document's tree with their
titles and the articles each spans; a chapter without 节 says so and lists its articles; a 节 named
("第三章第二节讲了什么") is still listed by its articles; "情节严重" is no 节 question.

A municipal regulation written for this test.
"""

from __future__ import annotations

import pytest
from support.corpora import ingested

from assistant.answer.sections import asks_sections
from assistant.service import Assistant

REGULATION = """# 江城市河道管理条例

第一章 总则

第一条 为了加强河道管理，保障防洪安全，根据有关法律、法规，结合本市实际，制定本条例。

第二条 本市行政区域内河道的整治、利用和保护，适用本条例。

第二章 规划与建设

第三条 市水务部门会同有关部门编制河道专项规划，报市人民政府批准后实施。

第四条 河道整治工程应当符合防洪标准，不得缩窄行洪断面。

第三章 保护与管理

第一节 一般规定

第五条 河道管理范围内禁止倾倒垃圾、渣土。

第六条 区水务部门应当每月组织河道巡查，发现问题及时处理。

第二节 采砂管理

第七条 在河道内采砂的，应当向市水务部门申请采砂许可。

第八条 采砂许可的有效期不超过一年。

第九条 禁止在汛期采砂。

第三节 排水管理

第十条 向河道排放污水的单位应当取得排水许可。

第四章 法律责任

第十一条 违反本条例第五条规定倾倒垃圾的，由区水务部门责令清除，处五百元以上五千元以下罚款。
"""


@pytest.fixture(scope="module")
def helper(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("chapter_sections"), {"river.md": REGULATION}, e5)


@pytest.mark.parametrize("question", ["第三章有哪些节", "河道管理条例第三章分几节", "第三章共有多少节？"])
def test_a_chapters_sections_are_listed_with_their_articles(helper: Assistant, question: str) -> None:
    answer = helper.ask(question)
    lines = answer.answer.split("\n")
    assert "第三章“保护与管理”分为3节" in lines[0]
    assert lines[1:] == ["1. 第一节 一般规定（第五条至第六条）", "2. 第二节 采砂管理（第七条至第九条）",
                         "3. 第三节 排水管理（第十条）"]
    assert [c.label for c in answer.citations] == ["第五条", "第七条", "第十条"]
    for citation in answer.citations:  # each 节's first article, quoted verbatim
        assert citation.quote in REGULATION


def test_a_chapter_without_sections_says_so(helper: Assistant) -> None:
    answer = helper.ask("第二章分为几节")
    lines = answer.answer.split("\n")
    assert "第二章“规划与建设”不分节，共2条" in lines[0]
    assert lines[1].startswith("1. 第三条 市水务部门") and lines[2].startswith("2. 第四条 河道整治工程")
    assert [c.label for c in answer.citations] == ["第三条", "第四条"]


def test_a_named_section_still_lists_its_articles(helper: Assistant) -> None:
    answer = helper.ask("第三章第二节讲了什么")
    assert {c.label for c in answer.citations} == {"第七条", "第八条", "第九条"}
    assert "分为" not in answer.answer


@pytest.mark.parametrize(("question", "asks"), [
    ("第五章有哪些节", True), ("分为哪几节", True), ("第三章分幾節", True),
    ("倾倒垃圾情节严重的罚多少", False), ("第三章第二节讲了什么", False), ("春节期间能采砂吗", False),
])
def test_section_questions_are_told_apart(question: str, asks: bool) -> None:
    assert asks_sections(question) is asks


PARKS = """# 江城市公园管理条例

第一章 总则

第一条 为了加强公园管理，制定本条例。

第二章 规划

第二条 公园规划应当纳入城市总体规划。

第三章 管理

第三条 公园内禁止攀折花木。
"""


@pytest.fixture(scope="module")
def two(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("chapter_sections_two"), {"river.md": REGULATION, "parks.md": PARKS}, e5)


def test_of_two_documents_with_the_chapter_the_one_whose_chapter_has_sections_answers(two: Assistant) -> None:
    lines = two.ask("第三章有哪些节").answer.split("\n")
    assert "都有第三章" in lines[0] and "《江城市河道管理条例》" in lines[0]  # both named, the answer's first
    assert "第三章“保护与管理”分为3节" in lines[1]


def test_a_named_document_without_sections_says_so(two: Assistant) -> None:
    answer = two.ask("公园管理条例第三章有哪些节")
    assert "不分节" in answer.answer.split("\n")[0] and "都有" not in answer.answer
