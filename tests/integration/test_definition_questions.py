"""A question asking what a term means is answered by the article that defines it.

Two rules written for this test: a city's charging-facility rules (simplified, a definition article and
articles that use its terms more often and in the question's own words) and a traditional-script
rule defining its term in an article of its own.
"""

from __future__ import annotations

import pytest
from support.corpora import ingested

from assistant.service import Assistant

RULES = """# 江城市电动汽车充电设施管理办法

第一条　为了规范电动汽车充电设施的建设和管理，保障充电安全，根据有关法律法规，结合本市实际，制定本办法。

第二条　本办法所称充电设施，是指为电动汽车提供电能补给的充电桩、充电站及其配套设备。
本办法所称公共充电设施，是指向社会公众开放使用的充电设施。

第三条　市发展改革部门负责全市充电设施的规划和统筹协调。区人民政府负责本辖区充电设施的建设推进工作。

第四条　公共充电设施的范围，由市发展改革部门会同有关部门界定，并向社会公布。公共充电设施应当在显著位置公示收费标准。
新建住宅小区的停车位应当全部建设充电设施或者预留安装条件。

第五条　充电设施运营单位应当建立充电设施安全巡查制度，每月至少巡查一次，发现隐患及时处理。

第六条　运营单位未建立充电设施安全巡查制度的，由市发展改革部门责令改正，处一万元以上三万元以下罚款。

第七条　本办法自2026年3月1日起施行。
"""

TRADITIONAL = """# 海城市共享單車停放管理辦法

第一條　為規範共享單車停放秩序，維護市容環境，制定本辦法。

第二條　共享單車營運業者應當及時清理違規停放的車輛，通過電子圍欄技術規範停放行為，電子圍欄的設置標準由市交通部門制定。

第三條　本辦法所稱電子圍欄，是指以衛星定位劃定的虛擬停放區域。

第四條　營運業者應當在電子圍欄內設置停放點，引導使用者在電子圍欄內停放車輛。
"""


@pytest.fixture(scope="module")
def helper(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("definitions"), {"rules.md": RULES, "bikes.md": TRADITIONAL}, e5)


@pytest.mark.parametrize("question, term", [
    ("什么是公共充电设施", "向社会公众开放使用"),
    ("充电设施是什么意思", "提供电能补给"),
    ("法律上怎么界定公共充电设施这个概念", "向社会公众开放使用"),
    ("什麼是電子圍欄", "衛星定位"),
])
def test_the_defining_article_is_cited_first_and_quoted(helper: Assistant, question: str, term: str) -> None:
    answer = helper.ask(question)
    assert not answer.refused
    first = answer.citations[0]
    assert first.path.endswith(("第二条", "第三條")), [c.path for c in answer.citations]
    assert term in answer.answer.split("（")[0]  # the definition is the first sentence quoted


def test_a_question_that_asks_no_meaning_is_not_sent_to_the_definition(helper: Assistant) -> None:
    answer = helper.ask("充电设施运营单位多久巡查一次")
    assert answer.citations[0].path.endswith("第五条")


def test_a_definition_is_quoted_as_its_own_paragraph(helper: Assistant) -> None:
    # 第二条 is short, yet only the 款 defining the term asked is quoted (not 充电设施's too)
    answer = helper.ask("什么是公共充电设施")
    assert "提供电能补给" not in answer.answer
    assert answer.citations[0].clause == "第二款"
