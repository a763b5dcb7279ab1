"""A task whose lead-in heads points and whose closing words follow them: the points come between, in a look-up
and in an answer quoting the lead-in. A notice in plain text written for this test."""

from __future__ import annotations

import pytest
from support.corpora import ingested

from assistant.service import Assistant

NOTICE = """石桥市人民政府办公室关于促进农机更新的若干措施

一、支持农机更新
（一）农机报废补贴。2026年1月1日至12月31日期间，在本市报废老旧拖拉机并购置新机的农户，按照以下标准给予补贴：
1．发动机功率在20马力以下的，每台补贴1500元；
2．发动机功率在20马力至50马力（含）的，每台补贴4000元；
3．发动机功率在50马力以上的，每台补贴9000元。
每户年度内最多享受两台补贴。
（二）农机购置贷款贴息。农户购置新农机贷款的，按照贷款市场报价利率的百分之五十给予贴息，贴息期限不超过两年。
二、保障措施
（一）加强组织领导。市农业农村局负责政策解读和申请受理，市财政局负责资金保障。
（二）严格资金监管。对虚报冒领补贴资金的，依法追回并取消其三年内享受补贴资格。
"""

POINTS = ("每台补贴1500元", "每台补贴4000元", "每台补贴9000元")
CLOSING = "每户年度内最多享受两台补贴"


GRADES = """石桥市人民政府关于引进高层次人才的实施意见

一、认定标准
（一）人才分类。高层次人才分为A类、B类、C类三个类别。
二、支持政策
（一）安家补贴。对全职引进的高层次人才，按照下表标准给予安家补贴：
<table><tr><th>人才类别</th><th>安家补贴</th><th>发放方式</th></tr>
<tr><td>A类</td><td>200万元</td><td>分5年发放</td></tr>
<tr><td>B类</td><td>100万元</td><td>分5年发放</td></tr>
<tr><td>C类</td><td>40万元</td><td>分3年发放</td></tr></table>
安家补贴在人才签订5年以上劳动合同后开始发放。
（二）子女入学。A类、B类人才子女可以申请就读本市公办学校。
"""


@pytest.fixture(scope="module")
def helper(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("task_closing"), {"notice.txt": NOTICE}, e5)


def _in_order(text: str, parts: tuple[str, ...]) -> bool:
    at = [text.find(p) for p in parts]
    return all(a >= 0 for a in at) and at == sorted(at)


def test_a_task_looked_up_gives_its_points_before_its_closing_words(helper: Assistant) -> None:
    answer = helper.ask("农机措施一、（一）")
    assert not answer.refused
    assert _in_order(answer.answer, ("按照以下标准给予补贴：", *POINTS, CLOSING)), answer.answer


def test_a_lead_in_quoted_for_a_question_comes_with_its_points(helper: Assistant) -> None:
    answer = helper.ask("农机报废补贴的标准是什么")
    assert _in_order(answer.answer, ("按照以下标准给予补贴：", *POINTS)), answer.answer
    assert "给予补贴：每户" not in answer.answer  # the closing words never read as the lead-in's content


@pytest.fixture(scope="module")
def grades(tmp_path_factory, e5) -> Assistant:
    page = "<html><body>" + "".join(f"<p>{line}</p>" if not line.startswith(("<t", "<tr")) else line
                                    for line in GRADES.splitlines()) + "</body></html>"
    return ingested(tmp_path_factory.mktemp("grades"), {"talent.html": page}, e5)


def test_a_row_named_by_its_latin_grade_is_the_row_quoted(grades: Assistant) -> None:
    answer = grades.ask("C类人才安家补贴多少")
    assert "40万元" in answer.answer and "200万元" not in answer.answer, answer.answer


def test_closing_words_after_a_table_keep_their_own_line(grades: Assistant) -> None:
    answer = grades.ask("人才实施意见二、（一）")
    assert "分3年发放\n安家补贴在人才签订" in answer.answer, answer.answer


@pytest.mark.parametrize("question", ["A类人才安家补贴多少", "A类的安家补贴是多少"])
def test_a_row_named_by_a_letter_is_quoted_though_another_scores_higher(grades: Assistant, question: str) -> None:
    answer = grades.ask(question)
    assert "200万元" in answer.answer and "40万元" not in answer.answer and "100万元" not in answer.answer


def test_two_rows_named_are_both_quoted_once(grades: Assistant) -> None:
    answer = grades.ask("A类和C类人才安家补贴分别是多少")
    assert "200万元" in answer.answer and "40万元" in answer.answer and "100万元" not in answer.answer
    assert answer.answer.count("按照下表标准给予安家补贴：") == 1, answer.answer
