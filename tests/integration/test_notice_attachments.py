"""A notice written for this test with two attachments after its signature: each is asked by its label and
answers questions of its own, and the list of attachments before the signature adds no point."""

from __future__ import annotations

import pytest
from support.corpora import ingested

from assistant.service import Assistant

NOTICE = """河湾市科学技术局关于开展2026年度农业科技特派员项目申报工作的通知

各区科技局，各有关单位：
为推动农业科技成果转化，现就2026年度农业科技特派员项目申报工作通知如下。
一、申报条件
（一）申报单位应当在本市注册，具有独立法人资格。
（二）项目负责人应当具有中级以上专业技术职称。
二、支持方式
（一）每个项目给予不超过20万元的经费支持。
三、工作要求
各区科技局要严格审核把关，确保申报材料真实。
附件：1．农业科技特派员项目申报书
　　　2．农业科技特派员项目评审细则

河湾市科学技术局
2026年3月2日

附件1
农业科技特派员项目申报书
一、项目基本信息
填写项目名称、承担单位和服务乡镇。
二、预期成效
简述推广的新品种、新技术和带动农户数量。

附件2
农业科技特派员项目评审细则
第一条　为规范项目评审工作，制定本细则。
第二条　评审采取专家会议评审方式，评审专家不少于5人。
第三条　评审结果在市科学技术局网站公示，公示期为7个工作日。
"""


@pytest.fixture(scope="module")
def helper(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("notice_attachments"), {"tepaiyuan.txt": NOTICE}, e5)


def test_an_attachment_is_looked_up_by_its_label(helper: Assistant) -> None:
    answer = helper.ask("附件2讲了什么")
    assert answer.route == "task" and answer.citations[0].path == "附件2"
    assert "评审专家不少于5人" in answer.answer and "公示期为7个工作日" in answer.answer


@pytest.mark.parametrize("question", ["公示期多长？", "项目评审专家不少于几人"])
def test_an_attachment_answers_its_own_facts(helper: Assistant, question: str) -> None:
    answer = helper.ask(question)
    assert not answer.refused, answer.answer
    assert answer.citations[0].path == "附件2"


def test_the_attachment_list_adds_no_point_and_no_part(helper: Assistant) -> None:
    labels = {c.key[1] for c in helper.index.chunks}
    assert not any(label.startswith("三、") and label != "三、" for label in labels)  # no "三、2."
    assert "一、#2" not in labels and "附件1" in labels  # 附件1's 一、 is not a second part 一、
    answer = helper.ask("通知第三部分")
    assert "严格审核" in answer.answer and "评审专家" not in answer.answer
