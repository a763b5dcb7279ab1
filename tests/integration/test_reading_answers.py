"""A reading's question answered by its own Q&A, the reading's subject being in its title, not in that answer."""

from __future__ import annotations

import pytest
from support.corpora import ingested

READING = """<html><head><title>《枫林县托育补贴实施办法》政策解读</title></head><body>
<h1>《枫林县托育补贴实施办法》政策解读</h1>
<p>近日，县卫生健康局印发了《枫林县托育补贴实施办法》，现就有关问题解读如下。</p>
<h4>（一）关于申请条件</h4>
<p>问1：哪些家庭可以申请托育补贴？</p>
<p>答：同时符合下列条件的家庭，可以申请托育补贴：</p>
<p>1. 婴幼儿未满3周岁；</p>
<p>2. 婴幼儿在本县登记户籍。</p>
<h4>（二）关于补贴标准</h4>
<p>问2：托育补贴的标准是多少？</p>
<p>答：补贴按孩次确定，具体标准如下表：</p>
<table><tr><th>孩次</th><th>每月补贴标准</th><th>发放期限</th></tr>
<tr><td>一孩</td><td>200元</td><td>至婴幼儿满3周岁</td></tr>
<tr><td>二孩</td><td>400元</td><td>至婴幼儿满3周岁</td></tr></table>
<h4>（三）关于办理流程</h4>
<p>问3：审核需要多长时间？</p>
<p>答：乡镇在受理后8个工作日内完成初审，县卫生健康局在收到初审意见后5个工作日内完成复核。</p>
<p>问4：补贴怎么发？</p>
<p>答：补贴按月发放至申请人的社会保障卡。</p>
</body></html>
"""


@pytest.fixture(scope="module")
def reading(tmp_path_factory, e5):
    return ingested(tmp_path_factory.mktemp("reading_answers"), {"tuoyu_jiedu.html": READING}, e5)


def test_the_time_asked_is_answered_by_the_qa_on_it_not_refused_for_the_fee_table(reading) -> None:
    # The subject (托育补贴) is in the reading's title and its fee table, not in 问3's answer: the fee table had been
    # put first for holding the subject's words and a 发放期限 column, then refused for stating no time limit.
    answer = reading.ask("托育补贴审核要多长时间？")
    assert not answer.refused, answer.answer
    assert answer.citations[0].label == "问3" and "8个工作日" in answer.answer


def test_a_question_is_looked_up_by_the_label_the_reading_gives_it(reading) -> None:
    answer = reading.ask("托育补贴政策解读的问3是什么")
    assert not answer.refused and answer.citations[0].label == "问3" and "8个工作日" in answer.answer
    assert reading.ask("问2讲了什么").citations[0].label == "问2"
