"""Questions naming a 款 or 项 of an article (pure)."""

from __future__ import annotations

import pytest

from assistant.answer.clauses import in_clause, named_clause


@pytest.mark.parametrize(("question", "wanted"), [
    ("第四条第二款讲了什么", ("第二款", "")),
    ("条例第三条第（二）项", ("", "第（二）项")),
    ("第三条第(二)项是什么", ("", "第（二）项")),
    ("第五条第2款", ("第二款", "")),
    ("第七条第二款第（三）项", ("第二款", "第（三）项")),
    ("第三条第一项", ("", "第（一）项")),
])
def test_the_named_paragraph_and_item(question: str, wanted: tuple[str, str]) -> None:
    assert named_clause(question) == wanted


@pytest.mark.parametrize("question", ["第四条讲了什么", "第二款是什么意思", "罚款第一项"])
def test_no_clause_without_an_article_before_it(question: str) -> None:
    assert named_clause(question) is None


def test_a_sentence_lies_in_the_wanted_clause() -> None:
    assert in_clause("第二款第（三）项", ("第二款", "")) and in_clause("第二款第（三）项", ("", "第（三）项"))
    assert not in_clause("第一款", ("第二款", "")) and not in_clause("第二款第（一）项", ("", "第（三）项"))
    assert in_clause("", ("第一款", ""))  # a one-paragraph article: its only paragraph is the first
