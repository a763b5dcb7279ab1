"""Attachments after a notice's signature (texts written for this test): units of their own, outside the
body's numbering; the list of attachments before the signature is no list of points."""

from __future__ import annotations

import pytest

from assistant.ingest.attachments import attachment_heading, lists_attachments
from assistant.ingest.metadata import date_line
from assistant.ingest.structure import parse_tree
from assistant.ingest.tree import assign_paths

NOTICE = """一、申报条件
（一）在本市注册的企业。
二、工作要求
各区要严格审核。
附件：1．项目申报书
　　　2．项目评审细则
附件1
项目申报书
一、项目基本情况
填写项目名称和承担单位。
附件2：项目评审细则
第一条　为规范评审工作，制定本细则。
第二条　评审专家不少于5人。
"""


def _labels(text: str) -> list[tuple[str, str]]:
    return [(n.role, n.label) for n in parse_tree(text).walk() if n.role != "root"]


def test_attachments_are_units_outside_the_body_numbering() -> None:
    assert _labels(NOTICE) == [("part", "一、"), ("task", "（一）"), ("part", "二、"), ("attachment", "附件1"),
                               ("attachment", "附件2"), ("article", "第一条"), ("article", "第二条")]
    attachments = [n for n in parse_tree(NOTICE).walk() if n.role == "attachment"]
    assert [a.title for a in attachments] == ["项目申报书", "项目评审细则"]
    form = "\n".join(NOTICE[s:e] for s, e in attachments[0].lines)
    assert "一、项目基本情况" in form and not attachments[0].children  # a form's 一、 is its own line
    rule = attachments[1]  # a rule of its own: its articles under it, named with it
    assert [c.parent is rule for c in rule.children] == [True, True]
    assert "评审专家不少于5人" in NOTICE[slice(*rule.children[1].lines[0])]
    paths = assign_paths(parse_tree(NOTICE))
    assert sorted(p for p in paths.values() if "第" in p) == ["附件2 第一条", "附件2 第二条"]  # not the body's


def test_the_list_of_attachments_is_the_closing_not_points() -> None:
    part_two = next(n for n in parse_tree(NOTICE).walk() if n.label == "二、")
    assert not part_two.children  # "2．项目评审细则" is no point
    assert lists_attachments("附件：1．项目申报书") and not lists_attachments("附件1")


def test_attachment_headings() -> None:
    assert attachment_heading("附件1") == ("附件1", "")
    assert attachment_heading("附件２：项目评审细则") == ("附件2", "项目评审细则")
    assert attachment_heading("附件三") == ("附件3", "")
    assert attachment_heading("附件") == ("附件", "")
    assert attachment_heading("附件：1．项目申报书") is None  # the list before the signature
    assert attachment_heading("附件1所列材料应当真实。") is None  # a sentence about it


def test_a_line_about_an_attachment_before_the_body_opens_nothing() -> None:
    text = "附件1\n一、总体要求\n（一）加强领导。"
    assert [label for _, label in _labels(text)] == ["一、", "（一）"]


def test_attachment_of_is_the_one_attachment_all_paths_lie_in() -> None:
    from assistant.answer.attached_meta import attachment_of

    assert attachment_of(["附件2 第一条", "附件2 第四条"]) == "附件2"
    assert attachment_of(["附件1"]) == "附件1"
    assert attachment_of(["附件1", "附件2 第一条"]) == ""  # two attachments: neither
    assert attachment_of(["三、", "附件2"]) == "" and attachment_of(["第三条"]) == "" and attachment_of([]) == ""


# A notice of plain paragraphs (no 一、 of its own) over a list of materials and a rule: written for this test.
PLAIN_NOTICE = """各区县人民政府，市政府各部门：
现将《河湾市青年人才租房补贴办法》印发给你们，请认真贯彻执行。
{listing}河湾市人民政府办公室
{date}
附件1
青年人才租房补贴申请材料
一、申请人身份证复印件；
二、劳动合同复印件。
附件2
河湾市青年人才租房补贴办法
第一条　为减轻青年人才住房负担，制定本办法。
第二条　补贴标准为每人每月1000元。
"""


@pytest.mark.parametrize(("listing", "date"), [("附件：1．申请材料\n　　　2．补贴办法\n", "2025年6月3日"),
                                               ("", "2025年6月3日"), ("", "二〇二五年六月三日")])
def test_attachments_after_a_body_without_parts(listing: str, date: str) -> None:
    text = PLAIN_NOTICE.format(listing=listing, date=date)  # the list or the signature's date closes the body
    assert _labels(text) == [("attachment", "附件1"), ("attachment", "附件2"), ("article", "第一条"),
                             ("article", "第二条")]  # the materials' 一、 and 二、 are no parts of the notice
    assert date_line(date) and not date_line(f"本办法自{date}起施行。")


def test_without_a_closing_an_attachment_line_opens_nothing() -> None:
    text = "现将有关事项通知如下。\n附件1\n一、申请人身份证复印件；\n二、劳动合同复印件。"
    assert [label for _, label in _labels(text)] == ["一、", "二、"]


# A rule whose one attachment is headed "附件：title" right after its last article, over a table: written for this test.
RULE_WITH_TABLE = """第一条　为规范养老服务补贴发放，制定本办法。
第二条　补贴标准见附件。
第三条　本办法自2025年1月1日起施行。
附件：河湾市养老服务补贴标准表
补贴类别：高龄津贴；对象：80周岁以上；标准：每月100元
补贴类别：护理补贴；对象：重度失能；标准：每月600元
"""


def test_a_sole_attachment_headed_with_its_title_is_a_unit_of_its_own() -> None:
    tree = parse_tree(RULE_WITH_TABLE)
    assert _labels(RULE_WITH_TABLE) == [("article", "第一条"), ("article", "第二条"), ("article", "第三条"),
                                        ("attachment", "附件")]
    last = next(n for n in tree.walk() if n.label == "第三条")
    assert all("补贴类别" not in RULE_WITH_TABLE[s:e] for s, e in last.lines)  # the table is not the article's
    annex = next(n for n in tree.walk() if n.role == "attachment")
    assert annex.title == "河湾市养老服务补贴标准表" and len(annex.lines) == 3


@pytest.mark.parametrize("after", ["河湾市民政局\n2025年6月3日\n", "河湾市民政局\n2025年6月3日\n附件\n申请表\n姓名：",
                                   "附件：2．申请表\n"])
def test_a_titled_attachment_line_before_a_signature_or_another_attachment_opens_nothing(after: str) -> None:
    text = "一、工作要求\n各区要严格审核。\n附件：河湾市养老服务补贴申请表\n" + after
    annexes = [n for n in parse_tree(text).walk() if n.role == "attachment"]
    assert [a.title for a in annexes] == (["申请表"] if "附件\n" in after else [])  # only the attachment itself
