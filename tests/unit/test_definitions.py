"""Definition questions and the units that define terms (pure functions, texts written for these tests)."""

from __future__ import annotations

from assistant.retrieve.definitions import (
    DEFINITION_MARGIN,
    asked_terms,
    defined_terms,
    definition_index,
    favour_definitions,
    matching_terms,
)


def test_the_forms_of_legislative_definitions_are_read() -> None:
    assert defined_terms("第二条 本办法所称充电设施，是指为电动汽车提供电能补给的设备。") == ["充电设施"]
    assert defined_terms("第三条 公共充电设施是指向社会开放的充电设施。") == ["公共充电设施"]
    text = "第四条 本办法下列用语的含义：\n（一）运营单位，是指取得备案的企业；\n（二）充电桩，指固定安装的设备。"
    assert defined_terms(text) == ["运营单位", "充电桩"]
    assert defined_terms("第五条 本條例所稱網絡數據，是指通過網絡處理的數據。") == ["網絡數據"]


def test_words_that_only_contain_zhi_define_nothing() -> None:
    assert defined_terms("第六条 市商务部门负责指导充电设施建设，指定专人负责。") == []
    assert defined_terms("第七条 本办法自2026年1月1日起施行，是指公布之日。") == []  # 本办法: no term


def test_the_term_a_question_asks_the_meaning_of() -> None:
    assert asked_terms("什么是充电设施") == ["充电设施"]
    # a normalised question's comma is ASCII: the phrase stops there ("…规定里, 电子印章")
    assert asked_terms("在线服务规定里,电子印章是怎么定义的?") == ["电子印章"]
    assert asked_terms("法律上怎么界定运营单位这个概念") == ["运营单位"]
    assert asked_terms("办法里的充电桩和换电站各是什么意思") == ["充电桩", "换电站"]
    assert asked_terms("公共充电设施的含义") == ["公共充电设施"]
    assert asked_terms("充电设施由谁负责维护") == []
    assert asked_terms("充电设施管理办法所称充电设施是指什么") == ["充电设施"]  # not "充电设施管理办法所称…"
    translate = {"charging facility": ["充电设施"]}.get
    assert asked_terms("What does charging facility mean?", lambda p: translate(p, [])) == ["充电设施"]


def test_a_short_term_is_not_matched_inside_a_longer_phrase() -> None:
    defined = ["服务", "充电设施", "公共充电设施"]
    assert matching_terms(["公共充电设施"], defined) == ["公共充电设施"]
    assert matching_terms(["公共服务"], defined) == []  # 服务 is its genus, not its definition
    assert matching_terms(["新建的充电设施"], defined) == ["充电设施"]
    # two terms inside one phrase: the one nearest the ask, whatever the set order
    assert matching_terms(["政务服务里的电子印章"], {"政务服务", "电子印章"}) == ["电子印章"]


def test_the_index_keeps_each_defining_unit_once() -> None:
    units = [(("a", "第二条"), "第二条 本办法所称充电设施，是指设备。"), (("a", "第二条"), "充电设施，是指设备。"),
             (("b", "第三条"), "第三条 本辦法所稱充電設施，是指設備。")]
    index = definition_index(units, fold=lambda t: t.replace("充電設施", "充电设施"))
    assert index == {"充电设施": [("a", "第二条"), ("b", "第三条")]}


def test_the_defining_sentence_is_raised_above_the_best() -> None:
    scores = {0: 0.80, 1: 0.70, 2: 0.75}
    sentences = [(1, "本办法所称充电设施，是指设备。"), (2, "充电设施应当定期检修。")]
    raised = favour_definitions(scores, sentences, {"充电设施"})
    assert raised[1] == 0.80 + DEFINITION_MARGIN and raised[2] == 0.75 and raised[0] == 0.80
    assert favour_definitions(scores, sentences, {"充电桩"}) == scores
