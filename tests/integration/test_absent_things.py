"""A question asking the kind or form of a thing the documents never name ("需要考取什么职业证书" where no
document speaks of a 证书) is refused, whatever provision on its subject is found; a thing they name in
other words (a short form, a glossary term) or only in a heading is no reason to refuse.

The regulation is written for this test in the style of a municipal rule.
"""

from __future__ import annotations

import pytest
from support.corpora import ingested

from assistant.service import Assistant

RULE = """青川市住宅电梯安全管理办法

第一章 总则
第一条 为了加强住宅电梯安全管理，预防电梯事故，保障人身和财产安全，根据有关法律法规，结合本市实际，制定本办法。
第二条 本市行政区域内住宅电梯的使用、维护保养和监督管理，适用本办法。
第二章 使用管理
第三条 电梯使用单位应当在电梯轿厢内显著位置张贴安全使用标志和应急救援电话。
第四条 电梯维护保养单位应当每十五日对电梯进行一次清洁、润滑、调整和检查，并如实填写维护保养记录。
第五条 新建住宅应当按照每个单元不少于一部的标准配套建设电梯。
第六条 电梯使用单位应当配备电梯安全管理人员，安全管理人员与在用电梯的比例不低于一比二十。
第三章 应急处置
第七条 电梯发生困人故障的，维护保养单位应当在三十分钟内到达现场实施救援。
第四章 法律责任
第八条 违反本办法第四条规定，未按期维护保养的，由市场监督管理部门责令改正，处一万元以上五万元以下罚款。
"""

ABSENT = ["电梯维护保养记录要用什么统一的表格", "电梯安全管理人员需要考取什么职业证书",
          "电梯安全使用标志的具体式样是怎么规定的"]
NAMED = ["新建住宅的电梯按什么标准配建",          # 配建: the short form of 配套建设
         "电梯安全管理人员与在用电梯的配比是多少",  # 配比: the glossary's 比例
         "电梯轿厢内要张贴什么标志",
         "电梯困人的应急处置是怎么规定的"]       # 处置: only a chapter's heading says it


@pytest.fixture(scope="module")
def lifts(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("lifts"), {"dianti.txt": RULE}, e5)


@pytest.mark.parametrize("question", ABSENT)
def test_the_form_of_a_thing_no_document_names_is_refused(lifts: Assistant, question: str) -> None:
    answer = lifts.ask(question)
    assert answer.refused, answer.answer


@pytest.mark.parametrize("question", NAMED)
def test_a_thing_named_in_other_words_is_answered(lifts: Assistant, question: str) -> None:
    answer = lifts.ask(question)
    assert not answer.refused and answer.citations, answer.answer


def test_a_second_clause_keeps_the_question_answerable(lifts: Assistant) -> None:
    answer = lifts.ask("维护保养记录要用什么表格，多久维护保养一次")
    assert not answer.refused and "十五日" in answer.answer


@pytest.mark.parametrize(("question", "refused"), [
    ("无障碍扶梯覆盖率要达到多少", True),          # 无障碍扶梯: neither word named, a 率 of it asked
    ("观光扶梯数量是多少", True),
    ("电梯安全管理人员比例是多少", False),          # named: a figure of it is given
    ("电梯困人多少分钟内要开始救援", False),        # 困人: followed by no measure
])
def test_a_figure_of_a_thing_no_document_names(lifts: Assistant, question: str, refused: bool) -> None:
    answer = lifts.ask(question)
    assert answer.refused is refused, answer.answer
