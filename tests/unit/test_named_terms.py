"""Names in questions (the refusal model's "foreign" signal): jieba's name tags are checked."""

from __future__ import annotations

import pytest

from assistant.text.chinese import named_terms


@pytest.mark.parametrize("question", [
    "单位买东西都要招标吗",       # 东西 is tagged as a place in jieba's dictionary
    "检查人员上门要出示证件吗",   # 上门 likewise
    "系统日志保存多久",           # 日志
    "海关查验的材料有哪些",       # 海关
    "职工福利怎么发放",           # 福利
    "我不明白这条规定",           # 明白 is tagged as a person name
    "养狗要去哪里登记",           # 养狗: not in the dictionary, guessed a person name by the HMM
    "遛狗不拴绳罚多少",
])
def test_everyday_words_tagged_as_names_are_not_names(question: str) -> None:
    assert named_terms(question) == []


@pytest.mark.parametrize(("question", "name"), [
    ("北京的规定是什么", "北京"),
    ("杭州有没有类似政策", "杭州"),
    ("美国怎么管数据", "美国"),
    ("海南的自贸港政策", "海南"),
    ("张三丰是谁", "张三丰"),
    ("深圳市数据条例", "深圳市"),
])
def test_places_and_people_stay_names(question: str, name: str) -> None:
    assert name in named_terms(question)


def test_years_and_latin_words_stay_names() -> None:
    assert {"2019", "gdpr"} <= set(named_terms("2019年的GDPR怎么规定"))
