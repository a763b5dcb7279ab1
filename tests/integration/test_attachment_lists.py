"""A notice written for this test issues a materials list (附件1, "一、…" lines under its title, no lead-in) and a
rule (附件2): "通知有哪些附件" lists both by title, and "申请要交哪些材料" quotes every line of the list, not the
best one or two."""

from __future__ import annotations

import pytest
from support.corpora import ingested

from assistant.service import Assistant

NOTICE = """白沙市人民政府办公室关于印发白沙市技能人才培训补贴办法的通知

各区人民政府，市政府各部门：
现将《白沙市技能人才培训补贴办法》《白沙市技能人才培训补贴申请材料目录》印发给你们，请认真贯彻执行。
附件：1．白沙市技能人才培训补贴申请材料目录
　　　2．白沙市技能人才培训补贴办法

白沙市人民政府办公室
2026年1月20日

附件1
白沙市技能人才培训补贴申请材料目录
一、培训补贴申请表原件一份。
二、申请人居民身份证复印件。
三、职业技能等级证书复印件。
四、培训机构出具的培训费发票。

附件2
白沙市技能人才培训补贴办法
第一条　为鼓励劳动者提升职业技能，制定本办法。
第二条　取得职业技能等级证书的本市劳动者，可以申请培训补贴。
第三条　培训补贴按照培训费的百分之六十发放，每人每年最高三千元。
第四条　本办法自2026年3月1日起施行。
"""


@pytest.fixture(scope="module")
def helper(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("attachment_lists"), {"peixun.txt": NOTICE}, e5)


@pytest.mark.parametrize("question", ["通知的附件有哪些", "这个通知有几个附件", "培训补贴通知有哪些附件？",
                                      "What are the attachments of the notice?"])
def test_the_attachments_are_listed_by_title(helper: Assistant, question: str) -> None:
    answer = helper.ask(question)
    assert not answer.refused and [c.path for c in answer.citations] == ["附件1", "附件2"], answer.answer
    assert "白沙市技能人才培训补贴申请材料目录" in answer.answer and "白沙市技能人才培训补贴办法" in answer.answer
    assert "2" in answer.answer.splitlines()[0]


@pytest.mark.parametrize("question", ["申请技能人才培训补贴要交哪些材料", "培训补贴申请材料有哪些"])
def test_a_list_without_a_lead_in_is_quoted_whole(helper: Assistant, question: str) -> None:
    answer = helper.ask(question)
    assert not answer.refused and answer.citations[0].path == "附件1", answer.answer
    listed = ("培训补贴申请表", "居民身份证复印件", "职业技能等级证书复印件", "培训费发票")
    assert all(t in answer.answer for t in listed), answer.answer


def test_one_attachment_by_number_is_not_the_list(helper: Assistant) -> None:
    answer = helper.ask("附件2讲了什么")  # one attachment: its contents, not the attachments' titles
    assert answer.route == "task" and "百分之六十" in answer.answer, answer.answer


def test_a_list_asked_in_english_is_quoted_whole_too(helper: Assistant) -> None:
    answer = helper.ask("What materials are needed to apply for the skills training subsidy?")
    assert not answer.refused and "附件1" in [c.path for c in answer.citations], answer.answer
    listed = ("培训补贴申请表", "居民身份证复印件", "职业技能等级证书复印件", "培训费发票")
    assert all(t in answer.answer for t in listed), answer.answer
