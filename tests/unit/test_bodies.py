"""The tasks a body is responsible for (answer.bodies): the question's body and the units whose notes name it."""

from __future__ import annotations

import pytest

from assistant.answer.bodies import asked_body, units_of
from assistant.records import Chunk


@pytest.mark.parametrize(("question", "body"), [
    ("商务部负责哪些任务", "商务部"),
    ("市发展改革委都牵头什么工作？", "市发展改革委"),
    ("哪些任务由市民政局牵头", "市民政局"),
    ("市财政局负责的任务有哪些", "市财政局"),
    ("实施意见中商务部负责哪些任务", "商务部"),
])
def test_the_body_a_question_asks_the_tasks_of(question: str, body: str) -> None:
    assert asked_body(question) == body


@pytest.mark.parametrize("question", ["商务部负责什么是怎么规定的", "补贴由谁负责", "意见负责哪些任务",
                                      "电动自行车停放在楼道里怎么处罚"])
def test_other_questions_ask_no_body(question: str) -> None:
    assert asked_body(question) == ""


def _chunk(label: str, text: str) -> Chunk:
    return Chunk("op", "澄江市实施意见", label, 1, "", "一", "", text, 0, len(text), level="task", path_label=label)


def test_units_whose_closing_note_names_the_body_in_order() -> None:
    chunks = [_chunk("（一）", "建设冷链中心。每个县建成一个。（商务部、财政部按职责分工负责）"),
              _chunk("（二）", "商务部要会同有关部门加强指导。"),  # running text, no note
              _chunk("（三）", "1.完善网络。推广移动冷库。（国家发展改革委牵头，商务部配合）"),
              _chunk("（四）", "加强用地保障。（自然资源部负责）")]
    found = units_of("商务部", chunks)
    assert [c.label for c, _ in found] == ["（一）", "（三）"]
    assert found[0][1] == "每个县建成一个。（商务部、财政部按职责分工负责）"
    assert found[1][1] == "推广移动冷库。（国家发展改革委牵头，商务部配合）"
    assert units_of("海关总署", chunks) == []


def test_a_note_on_a_line_of_its_own_closes_the_whole_unit() -> None:
    text = ("2.建设城市书房。\n（1）每年新建城市书房10个。\n（2）推行24小时开放。\n"
            "（市文化广电旅游局、各区县人民政府负责）")
    [(_, quote)] = units_of("市文化广电旅游局", [_chunk("二、（一）2.", text)])
    assert quote.startswith("建设城市书房。") and "24小时开放" in quote and quote.endswith("负责）")


def test_a_role_asked_keeps_the_units_where_the_body_has_that_role() -> None:
    from assistant.answer.bodies import body_tasks

    chunks = [_chunk("（一）", "建设养老服务中心。（市民政局牵头，各区人民政府负责）"),
              _chunk("（二）", "开展医养结合。（市卫生健康委牵头，市民政局配合）"),
              _chunk("（三）", "落实用地。（市民政局、市自然资源局负责，排在第一位的部门为牵头部门）"),
              _chunk("（四）", "保障资金。（市财政局、市民政局负责，排在第一位的部门为牵头部门）")]
    assert [c.label for c, _ in units_of("市民政局", chunks, "牵头")] == ["（一）", "（三）"]
    assert [c.label for c, _ in units_of("市民政局", chunks, "配合")] == ["（二）"]
    assert len(units_of("市民政局", chunks)) == 4
    text, cited = body_tasks("市民政局牵头的任务有哪些", chunks, [], False)
    assert text.startswith("文件中写明由市民政局牵头的有2项") and len(cited) == 2
    text, cited = body_tasks("市民政局负责哪些任务", chunks, [], False)
    assert text.startswith("文件中写明由市民政局负责或参与的有4项") and len(cited) == 4
