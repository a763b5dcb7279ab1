"""Which tasks a body carries out, asked of an opinion whose tasks close with their bodies, on documents
written for this test: every unit whose note names the body, not the few a search ranks first."""

from __future__ import annotations

import pytest
from support.corpora import ingested

from assistant.service import Assistant

OPINION = """# 澄江市人民政府关于加快冷链物流发展的实施意见

一、重点任务

（一）建设冷链物流中心。每个县建成一个县级冷链物流中心，库容不低于1万吨。（市商务局、市财政局按职责分工负责）

（二）发展产地预冷。推广移动冷库和预冷设施，到2027年覆盖主要产区。（市农业农村局牵头，市商务局配合）

（三）完善标准体系。制定冷链运输温控标准。（市市场监管局负责）

二、保障措施

（四）强化用地保障。冷链设施用地纳入国土空间规划。（市自然资源局负责）

（五）加强资金支持。市财政每年安排冷链专项资金5000万元，支持冷链设施改造。（市财政局、市商务局按职责分工负责）
"""

RULES = """# 澄江市农产品批发市场管理办法

第一条 为了规范农产品批发市场管理，制定本办法。
第二条 市商务部门负责全市农产品批发市场的规划和监督管理。
第三条 市场开办者应当建立农产品进货查验制度。
"""


@pytest.fixture(scope="module")
def helper(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("body_tasks"), {"opinion.md": OPINION, "rules.md": RULES}, e5)


def test_every_unit_whose_note_names_the_body_is_listed(helper: Assistant) -> None:
    answer = helper.ask("市商务局负责哪些任务")
    assert not answer.refused
    assert [c.path for c in answer.citations] == ["（一）", "（二）", "（五）"]
    assert "库容不低于1万吨" in answer.answer and "5000万元" in answer.answer
    assert "温控标准" not in answer.answer  # another body's task


def test_a_body_no_note_names_is_searched(helper: Assistant) -> None:
    answer = helper.ask("市商务部门负责哪些工作")
    assert answer.citations and answer.citations[0].path == "第二条"
