"""A law written for this test: a definition asked in 繁體 with the law's name before the term
("公共數據開放法所稱公共數據是指什麼") finds the term's own paragraph, not the longer term beside it.
"""

from __future__ import annotations

import pytest
from support.corpora import ingested

from assistant.service import Assistant

LAW = (
    "# 中华人民共和国公共数据开放法\n"
    "\n"
    "第一章　总则\n"
    "\n"
    "第一条　为了促进公共数据开放利用，制定本法。\n"
    "\n"
    "第三条　本法所称公共数据，是指国家机关和法律、法规授权的具有管理公共事务职能的组织在履行职责过程"
    "中收集和产生的数据。\n"
    "本法所称公共数据开放，是指公共数据开放主体向社会提供可机器读取的公共数据的公共服务行为。\n"
    "\n"
    "第二章　开放与利用\n"
    "\n"
    "第十五条　数据利用主体对公共数据开放主体不予开放的决定不服的，可以依法申请行政复议或者提起行政诉"
    "讼。\n"
    "\n"
    "第十六条　公共数据开放主体向数据利用主体开放公共数据，不收取费用。但是，数据利用主体要求对公共数"
    "据进行额外加工的，可以收取成本费用。\n"
    "\n"
    "第十七条　数据利用主体应当按照开放协议使用公共数据，不得用于违法活动。\n"
)


@pytest.fixture(scope="module")
def helper(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("open_data"), {"law.md": LAW}, e5)


def test_a_definition_asked_after_the_laws_name_finds_the_terms_paragraph(helper: Assistant) -> None:
    answer = helper.ask("公共數據開放法所稱公共數據是指什麼？")
    assert answer.citations[0].label == "第三条" and answer.citations[0].clause == "第一款"
