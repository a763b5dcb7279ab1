"""Compound questions are split into the parts that each ask something (answer.compound)."""

from __future__ import annotations

import pytest

from assistant.answer.compound import MAX_PARTS, split_question
from assistant.answer.scope import topic_terms
from assistant.text.chinese import normalize_query, tokenize


def parts(question: str) -> list[str]:
    return split_question(normalize_query(question), lambda q: topic_terms(q, tokenize))


@pytest.mark.parametrize(("question", "expected"), [
    ("养犬登记要交哪些材料，登记证丢了怎么补办", ["养犬登记要交哪些材料", "登记证丢了怎么补办"]),
    ("新建小区的停车位配建标准是多少？充电桩由谁负责安装？",
     ["新建小区的停车位配建标准是多少", "充电桩由谁负责安装"]),
    ("城市道路和公路分别由哪个部门管理", ["城市道路由哪个部门管理", "公路由哪个部门管理"]),
    ("市级财政的专项资金和奖补资金分别怎么拨付", ["市级财政的专项资金怎么拨付", "市级财政的奖补资金怎么拨付"]),
    ("首次违法的和屡次违法的，各要怎么处理", ["首次违法的要怎么处理", "屡次违法的要怎么处理"]),
    ("公众参与和信息公开分别有哪些要求", ["公众参与有哪些要求", "信息公开有哪些要求"]),   # not 参 + 与
    ("数据及时共享和开放分别怎么做", ["数据及时共享怎么做", "开放怎么做"]),
    ("二类项目补贴比例是多少，区级初审截止日期是哪天？", ["二类项目补贴比例是多少", "区级初审截止日期是哪天"]),
    # a later clause asking of each subject is asked of every one; another later ask stands alone
    ("居住证和暂住证各是什么，有效期分别多长",
     ["居住证是什么", "暂住证是什么", "居住证有效期多长", "暂住证有效期多长"]),
    ("城市道路和公路分别由哪个部门管理，违规占道怎么罚",
     ["城市道路由哪个部门管理", "公路由哪个部门管理", "违规占道怎么罚"]),
    # provision words are no topic, but a clause with topic words besides them is a part
    ("养犬登记有哪些规定，犬只伤人怎么赔偿", ["养犬登记有哪些规定", "犬只伤人怎么赔偿"]),
    # 几 with any measure word asks ("几倍"); a figure asked of one topic word stands alone
    ("首次违规罚款多少？再次违规加罚几倍？", ["首次违规罚款多少", "再次违规加罚几倍"]),
    ("摊位管理费每月交多少，逾期罚多少", ["摊位管理费每月交多少", "逾期罚多少"]),
    ("听证由哪个机关主持，行政机关要提前几天通知当事人",
     ["听证由哪个机关主持", "行政机关要提前几天通知当事人"]),  # 提前几天 asks; 前几天 does not
    # a short clause asking another kind of detail asks it of the subject before: not "…办好，需要哪些材料" as one
    ("个体工商户登记多久能办好，需要哪些材料", ["个体工商户登记多久能办好", "个体工商户登记需要哪些材料"]),
    ("居住证办理要交钱吗，多久能拿到", ["居住证办理要交钱吗", "居住证办理多久能拿到"]),
])
def test_questions_asking_two_things_are_split(question: str, expected: list[str]) -> None:
    assert parts(question) == expected


@pytest.mark.parametrize("question", [
    "执法人员当场处罚的话，对个人罚款最多能罚多少",   # the first clause is the context of the second
    "家里经济困难，罚款可以分期缴纳吗",
    "所有事项都要网上办理吗，有没有例外",             # "有没有例外" is too short to stand alone
    "好几天没人处理，这几乎不合规吧，怎么投诉",       # 好几天, 几乎: no ask
    "养犬登记要交哪些材料",
    "张三和李四是什么关系",                           # "和" without 分别 is one subject
    "商户能不能自行收取停车费，法律上有哪些规定",     # asks for the provisions on the clause before
    "养犬证过期了怎么办，政策上是怎么要求的",
    "居住证办理要交钱吗，有没有例外",                 # asks no kind of detail of its own
])
def test_questions_asking_one_thing_are_not_split(question: str) -> None:
    assert parts(question) == []


def test_parts_are_bounded() -> None:
    question = "，".join(f"第{n}类设施的维护经费由哪个部门承担" for n in "一二三四五")
    assert len(parts(question)) == MAX_PARTS


def test_a_figure_asked_by_a_part_may_come_from_the_next_section_of_the_same_document() -> None:
    import numpy as np

    from assistant.answer.compound import runner_up
    from assistant.records import Chunk, Hit
    from assistant.retrieve.hybrid import Retrieval

    def hit(doc: str, label: str) -> Hit:
        return Hit(Chunk(doc, "某市政府采购办法", label, None, "", "", "", label, 0, 3, level="article"), 0.5)

    found = Retrieval("采购人多少天内答复", (hit("a", "第五十五条"), hit("a", "第五十三条")), None, np.zeros(3), ())
    assert [h.chunk.label for h in runner_up(found.question, found).hits] == ["第五十三条"]
    assert runner_up("采购人怎么答复", found) is None  # no figure asked
    other = Retrieval(found.question, (hit("a", "第五十五条"), hit("b", "第十条")), None, np.zeros(3), ())
    assert runner_up(found.question, other) is None  # the next section is another document's
