"""Whole provisions: an article named in a question, or asked for again ("再具体一点", "原文是什么"), is
quoted with every paragraph (款); a follow-up on a document removed since is asked as it stands."""

from __future__ import annotations

import pytest
from support.corpora import ingested

from assistant.service import Assistant

# A regulation written for this test; 第四条 has three paragraphs.
LAW = "\n".join([
    "清河市犬只管理条例（示例）",
    "第一条 为了规范犬只管理，保障公民人身安全，制定本条例。",
    "第二条 本市行政区域内的犬只饲养、经营和管理活动，适用本条例。",
    "第三条 市公安机关是犬只管理的主管部门。",
    "第四条 饲养犬只的，应当在取得犬只后三十日内办理登记。",
    "因特殊情况不能按期登记的，可以延长十五日，但是应当书面说明理由。",
    "未办理登记的犬只，不得携带出户。",
    "第五条 违反本条例第四条规定的，由公安机关责令限期改正，处二百元以上五百元以下罚款。",
])
PARAGRAPHS = ("三十日内办理登记", "延长十五日", "不得携带出户")


@pytest.fixture(scope="module")
def helper(e5, tmp_path_factory) -> Assistant:
    other = "清河市停车管理办法（示例）\n第一条 为了规范停车秩序，制定本办法。\n第二条 停车场应当公示收费标准。\n"
    return ingested(tmp_path_factory.mktemp("dog-law"), {"dog-regulation.txt": LAW + "\n", "other.txt": other}, e5)


@pytest.mark.parametrize("question", ["犬只管理条例第四条讲了什么", "《清河市犬只管理条例》第四条", "第四条是什么内容",
                                      "讲犬只登记期限的第四条是什么内容",   # words describing the unit
                                      "清河市犬只管理条例第四条规定了什么"])
def test_an_article_looked_up_is_quoted_whole(helper: Assistant, question: str) -> None:
    answer = helper.ask(question)
    assert not answer.refused and answer.citations[0].label == "第四条"
    assert all(p in answer.answer for p in PARAGRAPHS), answer.answer
    assert answer.citations[0].clause == ""  # the whole article is cited, not its first paragraph


def test_asking_for_the_full_text_quotes_every_paragraph(helper: Assistant) -> None:
    first = helper.ask("养了狗多久之内要去登记？")
    assert first.citations[0].label == "第四条"
    history = [{"question": first.question, "answer": first.answer,
                "citations": [{"doc_id": c.doc_id, "path": c.path} for c in first.citations]}]
    for follow_up in ("原文是什么", "再具体一点"):
        answer = helper.ask(follow_up, history=history)
        assert answer.context is not None and answer.context["kind"] == "expand"
        assert all(p in answer.answer for p in PARAGRAPHS), answer.answer


def test_a_follow_up_on_a_removed_document_is_asked_as_it_stands(helper: Assistant) -> None:
    history = [{"question": "停车场要公示什么", "answer": "停车场应当公示收费标准。",
                "citations": [{"doc_id": "gone-measures", "path": "第二条"}]}]
    answer = helper.ask("再具体一点", history=history)
    assert answer.context is None and answer.resolved_question == "再具体一点"
    assert not any(c.label == "第二条" for c in answer.citations)


def test_a_follow_up_the_last_document_cannot_answer_is_searched_in_all(helper: Assistant) -> None:
    first = helper.ask("养了狗多久之内要去登记？")
    history = [{"question": first.question, "answer": first.answer,
                "citations": [{"doc_id": c.doc_id, "path": c.path} for c in first.citations]}]
    answer = helper.ask("那停车场收费标准呢？", history=history)
    assert answer.context is not None  # understood as a follow-up …
    assert not answer.refused and answer.citations[0].doc_id == "other"  # … answered from the other document
    assert "收费标准" in answer.answer
    assert answer.context["doc_ids"] is None  # the context says every document was searched


@pytest.mark.parametrize(("question", "said"), [
    ("犬只管理条例第四条第五款", "没有第四条第五款"),          # the article has three paragraphs
    ("犬只管理条例第五条第（三）项", "没有第五条第（三）项"),   # and no items
    ("第九十九条讲了什么", "都没有第九十九条"),                # no loaded document has it
])
def test_a_unit_that_does_not_exist_is_reported_missing(helper: Assistant, question: str, said: str) -> None:
    answer = helper.ask(question)
    assert answer.refused and answer.route == "missing" and not answer.citations
    assert said in answer.answer


def test_an_existing_paragraph_is_quoted_alone(helper: Assistant) -> None:
    answer = helper.ask("犬只管理条例第四条第三款")
    assert "不得携带出户" in answer.answer and "三十日内办理登记" not in answer.answer
    assert "第四条第三款：" in answer.answer and answer.citations[0].clause == "第三款"  # named as asked
