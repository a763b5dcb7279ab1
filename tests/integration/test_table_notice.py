"""A municipal notice in HTML written for this test: a point whose text opens with a year
("1.2024年度营业收入…"), and a task whose lead-in ends in a colon over a table of three rows.
"""

from __future__ import annotations

import pytest
from support.corpora import ingested

from assistant.service import Assistant

NOTICE = """<html><head>
<title>江城市经济和信息化局 江城市财政局关于开展2025年度中小企业技术改造补贴申报工作的通知</title>
</head><body>
<h1>江城市经济和信息化局 江城市财政局关于开展2025年度中小企业技术改造补贴申报工作的通知</h1>
<p>江经信〔2025〕12号</p>
<p>各区经济和信息化局、财政局，各有关企业：</p>
<p>为推动中小企业技术改造，现就2025年度补贴申报工作通知如下。</p>
<p>一、申报条件</p>
<p>（一）基本条件。在本市注册的独立法人企业。</p>
<p>（二）规模要求。申报企业应当同时满足下列条件：</p>
<p>1.2024年度营业收入在1000万元以上3亿元以下；</p>
<p>2.2024年度研发投入不低于营业收入的3%。</p>
<p>二、补贴标准</p>
<p>（一）补贴类别和金额。按照项目类别给予补贴，具体标准如下：</p>
<table>
<tr><th>类别</th><th>补贴比例</th><th>单个项目补贴上限</th></tr>
<tr><td>一类项目</td><td>设备投资额的30%</td><td>200万元</td></tr>
<tr><td>二类项目</td><td>设备投资额的20%</td><td>100万元</td></tr>
<tr><td>三类项目</td><td>设备投资额的10%</td><td>30万元</td></tr>
</table>
<p>（二）计算口径。设备投资额以发票金额为准。</p>
<p>三、申报时间</p>
<p>（一）企业申报。2025年7月1日至7月31日。</p>
<p>（二）区级初审。各区于2025年8月15日前完成初审。</p>
<p>四、联系方式</p>
<p>市经济和信息化局中小企业处，联系人：周女士，联系电话：0571-88061234。</p>
<p>市财政局经济建设处，联系人：陈先生，联系电话：0571-88069876。</p>
<p>江城市经济和信息化局　　江城市财政局</p>
<p>2025年6月10日</p>
</body></html>
"""

ROWS = ("一类项目", "二类项目", "三类项目")


@pytest.fixture(scope="module")
def helper(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("table_notice"), {"notice.html": NOTICE}, e5)


def test_a_point_opening_with_a_year_is_a_point(helper: Assistant) -> None:
    points = [c for c in helper.index.chunks if c.level == "point"]
    assert [c.label for c in points] == ["1.", "2."]
    assert points[0].text.startswith("1.2024年度营业收入")
    answer = helper.ask("一、（二）1.")
    assert not answer.refused and "2024年度营业收入在1000万元以上3亿元以下" in answer.answer
    assert "研发投入" not in answer.answer


@pytest.mark.parametrize("question", ["通知二、（一）", "通知第二部分第（一）项"])
def test_a_task_looked_up_lists_every_row_of_its_table(helper: Assistant, question: str) -> None:
    answer = helper.ask(question)
    assert all(row in answer.answer for row in ROWS)
    assert all(row in answer.citations[0].quote for row in ROWS)


def test_a_row_asked_is_quoted_with_the_lead_in(helper: Assistant) -> None:
    answer = helper.ask("二类项目补贴上限是多少")
    assert "100万元" in answer.answer and "具体标准如下" in answer.answer
    assert "一类项目" not in answer.answer and "三类项目" not in answer.answer  # a short table: the row asked only
    assert "具体标准如下：\n类别：二类项目" in answer.citations[0].quote  # the row on a line of its own


def test_a_table_asked_as_a_whole_is_quoted_whole(helper: Assistant) -> None:
    answer = helper.ask("技术改造项目的补贴比例和上限是多少")
    assert all(row in answer.answer for row in ROWS)


def test_a_part_the_notice_lacks_is_missing(helper: Assistant) -> None:
    answer = helper.ask("通知第六部分")
    assert answer.refused and "没有第六部分" in answer.answer
    assert "联系电话" in helper.ask("通知第四部分").answer  # the last part keeps its own lines
