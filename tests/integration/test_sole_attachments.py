"""Rules whose one annex table follows their last article ("附件：…标准表"): the annex is a unit of its own, "附件里…"
asks the document whose table has the row and quotes that row. The rules are written for this test."""

from __future__ import annotations

import pytest
from support.corpora import ingested

from assistant.service import Assistant

WATER = "\n".join([
    "南溪市城市供水管理办法",
    "第一条　为了加强城市供水管理，保障用水安全，制定本办法。",
    "第二条　居民生活用水实行阶梯水价，标准见附件。",
    "第三条　本办法自2025年1月1日起施行。",
    "附件：居民生活用水阶梯水价标准表",
    "阶梯：第一阶梯；年用水量：180立方米以下；水价：每立方米3.10元",
    "阶梯：第二阶梯；年用水量：180至260立方米；水价：每立方米4.35元",
    "阶梯：第三阶梯；年用水量：260立方米以上；水价：每立方米6.85元",
])

AID = "\n".join([
    "南溪市城乡居民医疗救助办法",
    "第一条　为了减轻困难群众医疗费用负担，制定本办法。",
    "第二条　医疗救助比例按照附件执行。",
    "第三条　本办法自2025年3月1日起施行。",
    "附件：医疗救助比例标准表",
    "救助对象：特困人员；救助比例：100%；年度限额：不设限额",
    "救助对象：最低生活保障对象；救助比例：80%；年度限额：6万元",
])


@pytest.fixture(scope="module")
def rules(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("sole_attachments"), {"water.txt": WATER, "aid.txt": AID}, e5)


def test_the_annex_is_not_the_last_articles_text(rules: Assistant) -> None:
    answer = rules.ask("南溪市城市供水管理办法第三条讲了什么")
    assert answer.citations[0].path == "第三条" and "阶梯" not in answer.citations[0].quote


@pytest.mark.parametrize(("question", "doc_id", "row", "other"), [
    ("附件里第三阶梯的水价是多少？", "water", "每立方米6.85元", "每立方米3.10元"),
    ("附件一览表里特困人员的救助比例是多少？", "aid", "100%", "80%"),
])
def test_an_annex_question_quotes_the_row_of_the_document_that_has_it(rules: Assistant, question: str, doc_id: str,
                                                                      row: str, other: str) -> None:
    answer = rules.ask(question)
    first = answer.citations[0]
    assert (first.doc_id, first.path) == (doc_id, "附件"), answer.answer
    assert row in first.quote and other not in first.quote
