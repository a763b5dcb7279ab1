"""A Markdown service guide written for this test whose headings carry no numbers ("## 申请材料"): each heading
is a part labelled by its title, and a question is answered from the guide's own part, not from another guide."""

from __future__ import annotations

import pytest
from support.corpora import ingested

from assistant.service import Assistant

PERMIT = """# 河湾市户外广告设置许可办事指南

## 办理条件

在本市城市道路两侧设置户外广告设施的单位和个人，应当取得设置许可。

## 办理时限

自受理之日起10个工作日内办结。

## 收费标准

**收费说明：**不收费。

## 咨询电话

0571-88990011
"""

SHOP = """# 河湾市临街店铺招牌备案办事指南

## 一、办理条件

临街店铺设置招牌的，应当在设置前备案。

## 二、咨询电话

0571-86007700
"""


@pytest.fixture(scope="module")
def helper(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("md_headings"), {"guanggao.md": PERMIT, "zhaopai.md": SHOP}, e5)


def test_unnumbered_headings_are_parts_labelled_by_their_titles(helper: Assistant) -> None:
    labels = [c.label for c in helper.index.chunks if c.doc_id == "guanggao"]
    assert labels == ["办理条件", "办理时限", "收费标准", "咨询电话"]
    fee = next(c for c in helper.index.chunks if c.label == "收费标准")
    assert "**" not in fee.text and "收费说明：不收费。" in fee.text  # an emphasis left open is no text


def test_a_guides_own_part_answers(helper: Assistant) -> None:
    answer = helper.ask("户外广告设置许可的咨询电话")
    assert not answer.refused and "0571-88990011" in answer.answer and "0571-86007700" not in answer.answer
    assert answer.citations[0].label == "咨询电话"
    answer = helper.ask("户外广告设置许可多久能办好")
    assert not answer.refused and "10个工作日" in answer.answer


RULES_WITH_READING = """# 河湾市人才公寓管理办法

## 第一章　总则

第一条　为了规范人才公寓管理，制定本办法。

第二条　人才公寓租金按照同地段市场租金的百分之五十确定。

## 第二章　附则

第三条　本办法自2026年1月1日起施行。

## 政策解读

问一：单身人才可以申请人才公寓吗？

答：可以。年满二十二周岁的单身人才可以单独申请。

问二：人才公寓可以转租吗？

答：不可以。承租人不得转租、转借人才公寓。
"""


def test_a_reading_headed_after_the_last_article_is_not_part_of_it(tmp_path, e5) -> None:
    helper = ingested(tmp_path, {"apartments.md": RULES_WITH_READING}, e5)
    last = next(c for c in helper.index.chunks if c.label == "第三条")
    assert "政策解读" not in last.text and "单身" not in last.text  # the article ends with its own sentence
    asked = [c for c in helper.index.chunks if c.text.startswith("问")]
    assert [c.label for c in asked] == ["问1", "问2"] and "二十二周岁" in asked[0].text  # each 问 with its 答
    answer = helper.ask("单身人才可以申请人才公寓吗")
    assert "二十二周岁" in answer.answer and "第三条" not in answer.citations[0].path
