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
    "举报违规养狗后多久处理",     # 养狗后: three characters guessed a person name, 养 no common surname
    "住在山区交罚款不方便怎么办",   # 山区: a common noun (山区县 does not make it a place)
    "花钱买设备要招标吗",           # 花钱买, 挪作他用: phrases the dictionary lists as places at its
    "收来的数据能挪作他用吗",       # lowest frequency
    "在燃气管道上面盖房子怎么处罚",  # 盖房子: a dictionary phrase tagged as a person name (盖 is no
                                     # common surname)
    "砍一棵树要补种几棵",           # 一棵树: a township in the dictionary, here a number of trees
    "电动车在马路边停一会儿要钱吗",  # 马路边, 黄金周: tagged persons (马, 黄 are surnames) but they open with
    "黄金周景区限流吗",              # the everyday words 马路, 黄金
    "还没开学就不上了，钱能全退吗",  # 钱能全: guessed a person (钱 is a surname), but 能 is a phrase's
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
    ("海淀的政策", "海淀"),
    ("粤港澳大湾区怎么规定", "粤港澳"),
    ("哈尔滨有什么规定", "哈尔滨"),
    ("三里屯有什么规定", "三里屯"),  # a number opens it, but no measure word follows
    ("王建国局长分管哪些工作", "王建国"),
    ("陈小明的罚款交了吗", "陈小明"),
    ("高新区管委会负责什么", "高新区"),  # guessed a person, but a place by its 区
])
def test_places_and_people_stay_names(question: str, name: str) -> None:
    assert name in named_terms(question)


def test_years_and_latin_words_stay_names() -> None:
    assert {"2019", "gdpr"} <= set(named_terms("2019年的GDPR怎么规定"))
