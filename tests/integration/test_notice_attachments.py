"""A notice written for this test with two attachments after its signature: each is asked by its label and
answers questions of its own, and the list of attachments before the signature adds no point. The second is a
rule of its own: its articles are units named with it ("附件2 第三条"), looked up by its label, its title or
"附件二的第三条"; the first, a form, stays one unit. An attachment's title and (for the rule) its own day in force
are its own, not its articles or its notice's."""

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
本通知自印发之日起施行。
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
公示期满无异议的，由市科学技术局下达立项通知。
第四条　本细则自2026年4月1日起施行。
"""


@pytest.fixture(scope="module")
def helper(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("notice_attachments"), {"tepaiyuan.txt": NOTICE}, e5)


def test_an_attachment_is_looked_up_by_its_label(helper: Assistant) -> None:
    answer = helper.ask("附件2讲了什么")
    paths = [c.path for c in answer.citations]
    assert answer.route == "task" and paths[:4] == ["附件2 第一条", "附件2 第二条", "附件2 第三条", "附件2 第四条"]
    assert "评审专家不少于5人" in answer.answer and "公示期为7个工作日" in answer.answer
    form = helper.ask("附件1讲了什么")
    assert form.citations[0].path == "附件1" and "带动农户数量" in form.answer  # a form: one unit


@pytest.mark.parametrize(("question", "path"), [("公示期多长？", "附件2 第三条"),
                                               ("项目评审专家不少于几人", "附件2 第二条")])
def test_an_attachment_answers_its_own_facts(helper: Assistant, question: str, path: str) -> None:
    answer = helper.ask(question)
    assert not answer.refused, answer.answer
    assert answer.citations[0].path == path


@pytest.mark.parametrize("question", ["附件2第三条", "附件二的第三条讲了什么", "项目评审细则第三条规定了什么",
                                      "通知附件2里第三条是什么", "What does Article 3 of Attachment 2 say?"])
def test_an_article_of_an_attachment_is_looked_up(helper: Assistant, question: str) -> None:
    answer = helper.ask(question)
    assert answer.route == "task" and answer.citations[0].path == "附件2 第三条", answer.answer
    assert "公示期为7个工作日" in answer.answer and "评审专家不少于5人" not in answer.answer
    assert "下达立项通知" in answer.answer  # the whole article: its second 款 too


def test_the_attachment_list_adds_no_point_and_no_part(helper: Assistant) -> None:
    labels = {c.key[1] for c in helper.index.chunks}
    assert not any(label.startswith("三、") and label != "三、" for label in labels)  # no "三、2."
    assert "一、#2" not in labels and "附件1" in labels  # 附件1's 一、 is not a second part 一、
    answer = helper.ask("通知第三部分")
    assert "严格审核" in answer.answer and "评审专家" not in answer.answer


@pytest.mark.parametrize("question", ["附件2第九条", "附件二的第五条讲了什么"])
def test_an_article_an_attachment_lacks_is_missing(helper: Assistant, question: str) -> None:
    answer = helper.ask(question)
    assert answer.route == "missing" and answer.refused and "评审专家" not in answer.answer


def test_the_notice_is_in_force_by_its_own_clause_not_its_attachments(helper: Assistant) -> None:
    answer = helper.ask("这个通知什么时候施行")
    assert answer.route == "meta" and "印发之日" in answer.answer and "2026年3月2日" in answer.answer
    assert answer.citations[0].path == "结语" and "2026年4月1日" not in answer.answer  # its closing words


RULE = """河湾市科技成果转化促进条例

第一条　为了促进科技成果转化，制定本条例。
第二条　本条例适用于本市行政区域内的科技成果转化活动。
第三条　市科学技术主管部门负责全市科技成果转化的统筹协调工作。
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("rule_and_notice"), {"tepaiyuan.txt": NOTICE, "tiaoli.txt": RULE}, e5)


def test_a_bare_article_number_is_first_a_documents_own(library: Assistant) -> None:
    answer = library.ask("第三条")  # the regulation's 第三条, and the note that the notice's 附件2 has one too
    assert answer.route == "task" and answer.citations[0].doc_title == "河湾市科技成果转化促进条例"
    assert answer.citations[0].path == "第三条" and "都有第三条" in answer.answer
    attached = library.ask("附件2第三条")
    assert attached.citations[0].path == "附件2 第三条" and "公示期为7个工作日" in attached.answer


@pytest.mark.parametrize("question", ["附件2的标题是什么", "附件二叫什么", "What is the title of Attachment 2?"])
def test_an_attachment_title_is_its_title_not_its_articles(helper: Assistant, question: str) -> None:
    answer = helper.ask(question)
    assert answer.route == "meta" and [c.path for c in answer.citations] == ["附件2"], answer.answer
    assert "农业科技特派员项目评审细则" in answer.answer and "评审专家不少于5人" not in answer.answer


@pytest.mark.parametrize("question", ["附件2什么时候施行", "附件二從什麼時候開始施行",
                                      "When does Annex 2 take effect?"])
def test_an_attachment_in_force_on_its_own_day(helper: Assistant, question: str) -> None:
    answer = helper.ask(question)  # its own "本细则自2026年4月1日起施行", not the notice's 印发之日
    assert answer.route == "meta" and answer.citations[0].path == "附件2 第四条", answer.answer
    assert "2026年4月1日" in answer.answer and "印发之日" not in answer.answer


def test_a_form_attachment_is_in_force_with_its_notice(helper: Assistant) -> None:
    answer = helper.ask("附件1什么时候施行")  # no day of its own: the notice's
    assert answer.route == "meta" and "印发之日" in answer.answer and answer.citations[0].path == "结语"
    article = helper.ask("附件2第三条叫什么")  # an article has no title: quoted, not the attachment's title
    assert article.citations[0].path == "附件2 第三条" and "公示期为7个工作日" in article.answer


@pytest.mark.parametrize("question", ["附件3第一条", "附件三的第一条讲了什么", "What does Article 1 of Annex 3 say?"])
def test_an_article_of_an_attachment_no_document_has_is_missing(helper: Assistant, question: str) -> None:
    answer = helper.ask(question)  # not 附件2's 第一条
    assert answer.route == "missing" and answer.refused and "附件3第一条" in answer.answer, answer.answer


def test_an_article_of_an_attachment_named_in_english_alone_is_quoted_whole(helper: Assistant) -> None:
    answer = helper.ask("Article 3 of Annex 2")
    assert answer.citations[0].path == "附件2 第三条" and "下达立项通知" in answer.answer, answer.answer


@pytest.mark.parametrize("question", ["附件1第二项是什么", "附件一的第二项", "附件1第2项讲了什么"])
def test_an_item_of_an_attachment_list_is_its_labelled_line_and_what_follows(helper: Assistant, question: str) -> None:
    answer = helper.ask(question)  # the form's item 二、: its heading line and the line under it, not the form
    assert not answer.refused and answer.citations[0].path == "附件1", answer.answer
    assert "预期成效" in answer.answer and "带动农户数量" in answer.answer, answer.answer
    assert "项目基本信息" not in answer.answer and "第二项" in answer.answer.splitlines()[0]


@pytest.mark.parametrize(("question", "label"), [("附件1第五项是什么", "附件1第五项"), ("附件9第三项", "附件9第三项")])
def test_an_item_an_attachment_list_lacks_is_missing(helper: Assistant, question: str, label: str) -> None:
    answer = helper.ask(question)  # 附件1 has two items; there is no 附件9 (not another unit's 第（三）项)
    assert answer.refused and answer.route == "missing" and label in answer.answer, answer.answer
