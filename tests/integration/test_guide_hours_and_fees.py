"""A service guide written for this test: its office hours are a time ("几点上班" is answered by the section on
the place and hours, not by the one headed 办理时限), and a question naming its subject in everyday words
("个体户" for the title's 个体工商户) asks nothing the title does not already say. An opinion's targets for
2025 and 2027 do not answer what is to be reached by 2030. A bare "需要哪些材料" in a corpus of this guide alone is
answered by the section its heading names (三、申请材料)."""

from __future__ import annotations

import pytest
from support.corpora import ingested

from assistant.service import Assistant

GUIDE = """# 河湾市个体工商户变更登记办事指南

## 一、事项名称
个体工商户变更登记

## 二、实施机关
各区市场监督管理局

## 三、申请材料
1. 个体工商户变更登记申请书；
2. 经营者身份证明；
3. 变更经营场所的，提交新场所使用证明。

## 四、办理时限
法定办结时限：10个工作日；承诺办结时限：2个工作日。

## 五、收费标准
不收费。

## 六、办理地点及时间
各区政务服务中心登记窗口，周一至周五上午8:30—12:00，下午14:00—17:30（法定节假日除外）。
"""


@pytest.fixture(scope="module")
def helper(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("guide_hours"), {"biangeng.md": GUIDE}, e5)


@pytest.mark.parametrize("question", ["登记窗口几点上班", "窗口下午几点下班"])
def test_office_hours_are_answered_by_the_hours(helper: Assistant, question: str) -> None:
    answer = helper.ask(question)
    assert not answer.refused and answer.citations[0].path == "六、", answer.answer
    assert "8:30" in answer.answer and "10个工作日" not in answer.answer


def test_the_time_limit_is_still_the_time_limits_section(helper: Assistant) -> None:
    answer = helper.ask("个体工商户变更登记多久能办好")
    assert answer.citations[0].path == "四、" and "10个工作日" in answer.answer


def test_the_subject_in_everyday_words_is_the_titles_subject(helper: Assistant) -> None:
    answer = helper.ask("个体户变更登记收费吗")  # 个体户 is the title's 个体工商户: no line must say it
    assert not answer.refused and answer.citations[0].path == "五、" and "不收费" in answer.answer


TARGETS = """河湾市人民政府关于加快数字政府建设的实施意见

一、主要目标
到2025年底，全市政务服务事项网上可办率达到98%以上；到2027年底，基本建成整体协同的数字政府。
二、保障措施
市财政每年安排专项资金不低于1亿元。
"""


def test_a_target_for_a_year_no_document_mentions_is_refused(tmp_path, e5) -> None:
    helper = ingested(tmp_path, {"targets.txt": TARGETS}, e5)
    answer = helper.ask("2030年数字政府建设要达到什么目标")  # the 2025 and 2027 targets do not answer it
    assert answer.refused and not answer.citations, answer.answer
    answer = helper.ask("2027年数字政府建设要达到什么目标")
    assert not answer.refused and "基本建成整体协同的数字政府" in answer.answer


@pytest.mark.parametrize("question", ["个体工商户变更登记需要哪些材料", "办变更登记要带什么材料"])
def test_a_list_asked_of_points_quotes_every_point_under_the_heading(helper: Assistant, question: str) -> None:
    answer = helper.ask(question)  # the points of 三、申请材料 are units of their own: all three, in order
    assert [c.label for c in answer.citations[:3]] == ["1.", "2.", "3."], answer.answer
    assert all(t in answer.answer for t in ("变更登记申请书", "经营者身份证明", "新场所使用证明"))
    assert answer.answer.index("变更登记申请书") < answer.answer.index("新场所使用证明")



@pytest.mark.parametrize(("question", "path", "quoted"), [
    ("需要哪些材料", "1.", "变更登记申请书"), ("要带什么材料", "1.", "变更登记申请书"),
    ("收费标准是多少", "五、", "不收费"),
])
def test_a_bare_ask_is_answered_by_the_heading_naming_it(helper: Assistant, question: str, path: str,
                                                          quoted: str) -> None:
    answer = helper.ask(question)  # no topic word but the ask, which the heading names: the guide answers it
    assert not answer.refused and answer.citations[0].path.endswith(path) and quoted in answer.answer, answer.answer



@pytest.mark.parametrize("question", ["个体工商户变更登记多久能办好，需要哪些材料",
                                      "个体工商户变更登记需要哪些材料，多久能办好"])
def test_a_list_and_a_time_limit_asked_together_are_both_answered(helper: Assistant, question: str) -> None:
    answer = helper.ask(question)  # the second clause asks another detail of the same subject: a part of its own
    assert not answer.refused and "10个工作日" in answer.answer, answer.answer
    assert all(t in answer.answer for t in ("变更登记申请书", "经营者身份证明", "新场所使用证明")), answer.answer


BRACKETED = """# 河湾市不动产登记资料查询办事指南

## 一、查询对象
不动产权利人和利害关系人可以申请查阅。

## 二、申请材料
（一）不动产登记资料查询申请书；
（二）申请人身份证明材料；
（三）委托查询的，提交授权委托书；
（四）利害关系人查询的，提交存在利害关系的证明材料。

## 三、办理时限
资料齐全的，当场办结。
"""


def test_materials_listed_as_bracketed_items_are_all_quoted(tmp_path, e5) -> None:
    helper = ingested(tmp_path, {"chaxun.md": BRACKETED}, e5)
    answer = helper.ask("查询不动产登记资料需要哪些材料")  # "（一）…（四）" under "二、申请材料" are units of their own
    assert [c.label for c in answer.citations[:4]] == ["（一）", "（二）", "（三）", "（四）"], answer.answer
    assert all(t in answer.answer for t in ("查询申请书", "身份证明材料", "授权委托书", "利害关系的证明材料"))
