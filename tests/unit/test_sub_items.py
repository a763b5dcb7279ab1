"""目 under an article's 项 (an article written for this test): named "第（三）项第1目" and quoted with their 项."""

from __future__ import annotations

from assistant.answer.quoted_names import article_clause
from assistant.answer.quotes import quote_spans
from assistant.ingest.outline import clause_of

ARTICLE = ("第八条　经营者应当遵守下列规定：\n（一）明码标价；\n（二）不得哄抬价格；\n"
           "（三）建立投诉处理制度，具体包括：\n1. 公布投诉电话；\n2. 自接到投诉之日起七日内答复。\n"
           "经营者违反前款规定的，依法处理。")


def _at(text: str) -> tuple[str, str]:
    start = ARTICLE.index(text)
    return clause_of(ARTICLE, start, start + len(text))


def test_a_digit_line_under_an_item_ending_in_a_colon_is_its_mu() -> None:
    assert _at("1. 公布投诉电话；") == ("第一款", "第（三）项第1目")
    assert _at("2. 自接到投诉之日起七日内答复。") == ("第一款", "第（三）项第2目")
    assert _at("（二）不得哄抬价格；") == ("第一款", "第（二）项")
    start = ARTICLE.index("（三）")
    assert clause_of(ARTICLE, start, ARTICLE.index("经营者违反") - 1) == ("第一款", "第（三）项")  # 项 with its 目
    assert _at("经营者违反前款规定的，依法处理。") == ("第二款", "")


def test_a_mu_is_quoted_with_its_item_and_the_items_other_mu() -> None:
    start = ARTICLE.index("七日内")
    spans = quote_spans(ARTICLE, start, start + 4, False, True)
    quoted = "".join(ARTICLE[s:e] for s, e in spans)
    assert "（三）建立投诉处理制度" in quoted and "1. 公布投诉电话" in quoted and "七日内答复" in quoted
    assert "（二）不得哄抬价格" not in quoted
    assert article_clause(ARTICLE, spans) == "第一款第（三）项"


def test_an_item_quoted_with_the_paragraph_after_it_names_both() -> None:
    # "第八条第（二）项" asked: the lead-in, the item and the 款 that qualifies it are quoted; the reference had
    # read "第一款、第二款", dropping the item asked.
    lead, item, after = (ARTICLE.index(t) for t in ("经营者应当遵守", "（二）不得", "经营者违反"))
    spans = [(lead, ARTICLE.index("\n", lead)), (item, ARTICLE.index("\n", item)), (after, len(ARTICLE))]
    assert article_clause(ARTICLE, spans) == "第一款第（二）项、第二款"
    assert article_clause(ARTICLE, [spans[1], spans[2]]) == "第一款第（二）项、第二款"
    assert article_clause(ARTICLE, [spans[0], spans[2]]) == "第一款、第二款"  # no item quoted, none named
    whole = [(lead, ARTICLE.index("\n", lead))] + [
        (s, ARTICLE.index("\n", s)) for s in (ARTICLE.index(t) for t in ("（一）", "（二）", "（三）"))]
    assert article_clause(ARTICLE, [*whole, spans[2]]) == "第一款、第二款"  # several items: the 款 alone
