"""A quantity the question states is held to the ranges the documents set: "85岁…领多少" is answered by the
row "80至89周岁", "93岁" by "90周岁及以上", and "75岁能不能领" by the rule that starts at 80 (not refused
because no line says "75"). A notice written for this test, its table given as an HTML table.
"""

from __future__ import annotations

import pytest
from support.corpora import ingested

from assistant.service import Assistant

NOTICE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>江城市民政局关于调整高龄津贴发放标准的通知</title></head><body>
<h1>江城市民政局关于调整高龄津贴发放标准的通知</h1>
<p>江民发〔2026〕3号</p>
<p>各区民政局：</p>
<p>为弘扬敬老传统，经市政府同意，现就调整高龄津贴发放标准有关事项通知如下：</p>
<p>一、发放对象</p>
<p>（一）具有本市户籍、年满80周岁的老年人，可以申领高龄津贴。</p>
<p>（二）已享受特困供养待遇的老年人，高龄津贴照常发放。</p>
<p>二、发放标准</p>
<p>（一）高龄津贴按月发放，具体标准见下表。</p>
<table><tr><th>年龄段</th><th>每月津贴</th></tr>
<tr><td>80至89周岁</td><td>150元</td></tr>
<tr><td>90至99周岁</td><td>300元</td></tr>
<tr><td>100周岁及以上</td><td>800元</td></tr></table>
<p>（二）津贴资金由市、区两级财政各承担50%。</p>
<p>三、申领程序</p>
<p>（一）申请人向户籍所在地社区居民委员会提交身份证件，社区应当在5个工作日内完成初审。</p>
<p>江城市民政局</p>
<p>2026年1月8日</p>
</body></html>
"""


@pytest.fixture(scope="module")
def helper(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("quantity_ranges"), {"notice.html": NOTICE}, e5)


@pytest.mark.parametrize(("question", "row", "other"), [
    ("85岁的老人每月能领多少高龄津贴", "80至89周岁", "90至99周岁"),
    ("我奶奶93岁了，高龄津贴一个月发多少钱", "90至99周岁", "80至89周岁"),
    ("101岁老人津贴标准是多少", "100周岁及以上", "90至99周岁"),
])
def test_the_row_whose_range_holds_the_age_comes_first(helper: Assistant, question: str, row: str,
                                                       other: str) -> None:
    answer = helper.ask(question)
    assert not answer.refused
    assert row in answer.answer
    assert other not in answer.answer or answer.answer.index(row) < answer.answer.index(other)


def test_an_age_below_the_threshold_gets_the_rule_that_sets_it(helper: Assistant) -> None:
    answer = helper.ask("75岁的老人能不能领高龄津贴")
    assert not answer.refused
    assert "年满80周岁" in answer.answer.split("\n")[0]


LIFTS = """# 江南市既有住宅加装电梯补贴办法

第一条 为改善居民出行条件，制定本办法。

第二条 四层至六层的住宅加装电梯的，每台补贴十二万元。

第三条 七层及以上的住宅加装电梯的，每台补贴十八万元。

第四条 三层及以下的住宅不纳入加装电梯补贴范围。
"""


@pytest.fixture(scope="module")
def lifts(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("lift_ranges"), {"lifts.md": LIFTS}, e5)


@pytest.mark.parametrize(("question", "label"), [
    ("3层住宅加装电梯补贴多少", "第四条"),  # the rule that leaves it out, not an amount of another range
    ("5层住宅加装电梯补贴多少", "第二条"),
    ("9层的楼加装电梯能补多少钱", "第三条"),
])
def test_the_article_whose_range_holds_the_floor_answers(lifts: Assistant, question: str, label: str) -> None:
    answer = lifts.ask(question)
    assert not answer.refused and answer.citations[0].label == label
