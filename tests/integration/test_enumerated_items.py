"""Items of an enumeration ("下列车辆免收…：" over "（一）…；（二）…；（三）…。") and exceptions ("但是，…").

A city notice on museum admission written for this test: its part 三、 is a lead-in over three items, the
second carrying its own exception; its part 二、's task lists cases, and an exception follows the list.
An item says nothing alone, so it is quoted after its lead-in; an exception is never quoted without the
rule it qualifies, and stays with the list it follows (quoted with its last item and the list's lead-in;
an earlier item quoted alone does not bring it: left for a later change).
"""

from __future__ import annotations

import pytest
from support.corpora import ingested

from assistant.service import Assistant

NOTICE = """# 青梧市文化和旅游局关于调整市属博物馆参观服务收费的通知

各区文化和旅游局，各市属博物馆：

为规范市属博物馆参观服务收费，现就有关事项通知如下：

一、收费标准

（一）基本陈列实行免费开放，特别展览门票每人每次不超过30元。

（二）讲解服务每批次不超过100元，每批次不超过20人。

二、停止预约情形

（一）暂停预约资格。参观者有下列情形之一的，暂停其网上预约资格三个月：
1. 预约后连续三次未到馆的；
2. 倒卖预约名额的；
3. 在馆内损坏文物展品的。
但是，因突发疾病未能到馆并提供医疗机构证明的，不计入未到馆次数。

三、免收门票情形

下列人员参观特别展览免收门票：
（一）现役军人、消防救援人员；
（二）持证残疾人及一名陪同人员。但是，陪同人员在同一日内第二次入馆的，按照标准购票；
（三）中小学生在国际博物馆日当天参观的，节假日期间除外。

四、执行时间

本通知自2025年9月1日起执行。
"""


@pytest.fixture(scope="module")
def helper(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("enumerated_items"), {"notice.md": NOTICE}, e5)


def test_items_of_a_lead_in_have_no_titles_and_carry_it_as_context(helper: Assistant) -> None:
    items = [c for c in helper.index.chunks if c.part == "三" and c.level == "task"]
    assert len(items) == 3
    assert all(c.title == "" for c in items)  # "持证残疾人及一名陪同人员" is no heading
    assert all(c.context == "下列人员参观特别展览免收门票：" for c in items)
    titled = [c for c in helper.index.chunks if c.part == "二" and c.level == "task"]
    assert titled and titled[0].title == "暂停预约资格"  # a titled task over its points keeps its title


def test_an_item_is_quoted_after_its_lead_in_with_its_exception(helper: Assistant) -> None:
    answer = helper.ask("残疾人带一个家属去看特别展览要买票吗")
    assert not answer.refused
    assert answer.citations[0].path.endswith("（二）")
    assert "下列人员参观特别展览免收门票：" in answer.answer
    assert "持证残疾人及一名陪同人员" in answer.answer and "第二次入馆" in answer.answer


def test_an_exception_after_a_list_stays_with_it_and_is_quoted_with_its_rule(helper: Assistant) -> None:
    part = [c for c in helper.index.chunks if c.part == "二" and c.level == "part"]
    assert all("突发疾病" not in c.text for c in part)  # not the part's closing words
    answer = helper.ask("因为突发疾病没能按预约到馆，算不算未到馆次数")
    assert not answer.refused
    assert "突发疾病" in answer.answer
    quote = next(c.quote for c in answer.citations if "突发疾病" in c.quote)
    assert not quote.startswith("但是")  # never an exception alone


def test_the_lead_in_is_said_once_for_items_quoted_together(helper: Assistant) -> None:
    answer = helper.ask("哪些人参观特别展览免收门票")
    assert not answer.refused
    assert answer.answer.count("下列人员参观特别展览免收门票") <= 1
