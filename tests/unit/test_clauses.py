"""Questions naming a 款 or 项 of an article (pure)."""

from __future__ import annotations

import pytest

from assistant.answer.clauses import asks_content, in_clause, named_clause


@pytest.mark.parametrize(("question", "wanted"), [
    ("第四条第二款讲了什么", ("第二款", "")),
    ("条例第三条第（二）项", ("", "第（二）项")),
    ("第三条第(二)项是什么", ("", "第（二）项")),
    ("第五条第2款", ("第二款", "")),
    ("第七条第二款第（三）项", ("第二款", "第（三）项")),
    ("第三条第一项", ("", "第（一）项")),
    # English: "Article 25, paragraph 2", "paragraph 2 of Article 13", "Article 12(1) item 3"
    ("What is Article 25, paragraph 2?", ("第二款", "")),
    ("What does paragraph 2 of Article 13 say?", ("第二款", "")),
    ("Article 12(1) item 3", ("第一款", "第（三）项")),
    ("What does item 3 of Article 20 say?", ("", "第（三）项")),
    # a point's sub-item named in words: "第1点第（2）项", "第一点第二项"
    ("若干措施第三部分第1点第（2）项", ("", "（2）")),
    ("第三部分第一点第二项讲了什么", ("", "（2）")),
])
def test_the_named_paragraph_and_item(question: str, wanted: tuple[str, str]) -> None:
    assert named_clause(question) == wanted


@pytest.mark.parametrize("question", ["第四条讲了什么", "第二款是什么意思", "罚款第一项", "What does Article 5 say?",
                                      "What does paragraph 2 say?"])
def test_no_clause_without_an_article_before_it(question: str) -> None:
    assert named_clause(question) is None


def test_a_sentence_lies_in_the_wanted_clause() -> None:
    assert in_clause("第二款第（三）项", ("第二款", "")) and in_clause("第二款第（三）项", ("", "第（三）项"))
    assert not in_clause("第一款", ("第二款", "")) and not in_clause("第二款第（一）项", ("", "第（三）项"))
    # items labelled "1." "2." in an article are its 项 too: "第三条第二项" asks for the line "2. …"
    assert in_clause("第2项", ("", "第（二）项")) and not in_clause("第1项", ("", "第（二）项"))
    assert in_clause("", ("第一款", ""))  # a one-paragraph article: its only paragraph is the first


@pytest.mark.parametrize("question", ["讲电子证照效力的第九条是什么内容", "第（十二）项讲的是什么", "16条规定了啥",
                                      "第三条原文", "意见第三部分第（一）项是什么？", "第七条是什么", "三、（二）是啥"])
def test_asking_what_a_unit_says(question: str) -> None:
    assert asks_content(question)


@pytest.mark.parametrize("question", ["第九条的罚款是多少", "第三条对谁适用", "第十二项要求哪些部门牵头",
                                      "第十条规定什么情况下可以免于处罚", "第九条要求提交什么内容的材料",
                                      "第九条的罚款标准是什么"])
def test_asking_a_detail_of_a_unit(question: str) -> None:
    assert not asks_content(question)


def test_an_english_question_asking_what_an_article_says_asks_its_whole_text() -> None:
    assert asks_content("What does Article 12 of the regulation say?")
    assert asks_content("What is the content of Article 3?")
    assert not asks_content("What is the fine in Article 12?")
    assert not asks_content("What does the law say about late fees in small cases?")


def test_a_missing_item_is_named_in_the_style_the_article_numbers_its_items() -> None:
    from types import SimpleNamespace

    from assistant.answer.clauses import missing_unit
    from assistant.records import Chunk, Hit

    def found(text: str, others: tuple[str, ...] = ()) -> SimpleNamespace:
        chunk = Chunk(doc_id="r", doc_title="某市补贴办法", label="第四条", number=4, title="", part="", part_title="",
                      text=text, start=0, end=0, level="article")
        return SimpleNamespace(hits=[Hit(chunk, 1.0)], route=SimpleNamespace(others=others))

    comma = "第四条 申请人应当提交下列材料：\n一、申请表；\n二、身份证明。"
    bracket = "第四条 申请人应当提交下列材料：\n（一）申请表；\n（二）身份证明。"
    assert missing_unit(found(comma), [], ("", "第（五）项")) == ("某市补贴办法", "第四条第五项")
    assert missing_unit(found(bracket), [], ("", "第（五）项")) == ("某市补贴办法", "第四条第（五）项")
    assert missing_unit(found(comma, ("另一办法",)), [], ("第二款", "")) == ("", "第四条第二款")  # none has it


def test_a_sub_point_of_an_item_is_named_and_only_that_one_lies_in_it() -> None:
    assert named_clause("第六条第二项第2目") == ("", "第（二）项第2目")
    assert named_clause("第六条第（二）项第二点是什么") == ("", "第（二）项第2目")
    assert in_clause("第二项第2目", ("", "第（二）项第2目")) and in_clause("第（二）项第2目", ("", "第（二）项第2目"))
    assert not in_clause("第二项第1目", ("", "第（二）项第2目")) and not in_clause("第二项", ("", "第（二）项第2目"))
    assert in_clause("第二项第1目", ("", "第（二）项"))  # the item named: each of its 目 lies in it
