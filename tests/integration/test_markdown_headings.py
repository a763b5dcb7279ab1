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
