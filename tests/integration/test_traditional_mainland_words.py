"""A guide written for this test in mainland usage (资料, 查询), asked in traditional characters: the question's
words are read as the guide writes them, not rewritten by Taiwan phrases (資料 -> 数据, 查詢 -> 查找), and
"帶什麼證件" asks for the materials listed under the guide's "申请材料" heading.
"""

from __future__ import annotations

import pytest
from support.corpora import ingested

from assistant.service import Assistant

ARCHIVES = """# 江城市婚姻登记档案资料查询办事指南

## 一、适用范围

本指南适用于当事人及其委托的人在江城市申请查询婚姻登记档案资料。

## 二、办理依据

《婚姻登记条例》《婚姻登记档案管理办法》。婚姻登记档案资料查询按照本指南办理。

## 三、申请材料

（一）婚姻登记档案资料查询申请表；
（二）查询人的居民身份证；
（三）委托他人查询的，提交经公证的授权委托书；
（四）查询他人婚姻登记档案资料的，提交人民法院或者检察机关出具的证明。

## 四、收费标准

查询本人婚姻登记档案资料不收费。复印档案资料的，每页收取工本费0.5元。

## 五、办理时限

材料齐全的，当场出具查询结果。
"""


@pytest.fixture(scope="module")
def helper(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("mainland_words"), {"dangan.md": ARCHIVES}, e5)


@pytest.mark.parametrize("question", ["婚姻登記檔案資料查詢收費嗎", "婚姻登记档案资料查询收费吗"])
def test_traditional_characters_keep_the_words_the_guide_uses(helper: Assistant, question: str) -> None:
    answer = helper.ask(question)
    assert not answer.refused, answer.answer
    assert answer.citations[0].path == "四、" and "不收费" in answer.answer


@pytest.mark.parametrize("question", ["查詢婚姻登記檔案資料需要帶什麼證件", "查询婚姻登记档案资料要带哪些证件"])
def test_papers_to_bring_are_the_materials_listed(helper: Assistant, question: str) -> None:
    answer = helper.ask(question)
    assert not answer.refused, answer.answer
    assert [c.path for c in answer.citations[:4]] == ["三、（一）", "三、（二）", "三、（三）", "三、（四）"]
    assert "居民身份证" in answer.answer and "授权委托书" in answer.answer
