"""English questions in everyday words ("elderly", "water", "overdue", "fire") find the article that says
them in Chinese, through the glossary's everyday words; without them the question shared no word with
any section and was refused. A municipal water-supply rule written for this test."""

from __future__ import annotations

import pytest
from support.corpora import ingested

from assistant.service import Assistant

RULES = """# 江城市城市供水管理办法

第一条 为了加强城市供水管理，保障生活和生产用水，制定本办法。

第二条 供水企业应当保证供水水质符合国家标准，每月向社会公布水质检测结果。

第三条 年满七十周岁的老年人，每月用水量在五立方米以内的部分，免收水费。

第四条 用户逾期缴纳水费的，供水企业可以按日加收应缴水费千分之一的滞纳金。

第五条 任何单位和个人不得擅自启用消火栓取水；发生火灾时，消防救援机构可以无偿使用消火栓。

第六条 供水设施发生事故造成用户损失的，供水企业应当依法赔偿。
"""


@pytest.fixture(scope="module")
def helper(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("everyday_english"), {"water.md": RULES}, e5)


@pytest.mark.parametrize(("question", "label"), [
    ("Do elderly residents have to pay for water?", "第三条"),
    ("What happens if a water bill is paid late?", "第四条"),
    ("Who may use a hydrant when there is a fire?", "第五条"),
    ("Who pays for the loss when a supply accident happens?", "第六条"),
])
def test_an_english_question_in_everyday_words_finds_its_article(helper: Assistant, question: str,
                                                                  label: str) -> None:
    answer = helper.ask(question)
    assert not answer.refused
    assert answer.citations[0].label == label
