"""Quotes of one unit joined into one (``answer.same_unit``), on an article and a plan's point written
for these tests."""

from __future__ import annotations

from assistant.answer.extractive import Sentence
from assistant.answer.same_unit import MAX_JOINED_GAP, join_same_unit, one_clause
from assistant.records import Chunk

ARTICLE = ("第十二条　供水企业因工程施工需要暂停供水的，应当提前二十四小时通知用户。\n"
           "暂停供水超过二十四小时的，供水企业应当采取临时供水措施。因抢修暂停供水的，应当及时通知用户。")
POINT = "2. 开展消费促进活动。每年安排消费红包不少于2000万元。单个红包不超过100元；逾期未使用的，资金退回。"


def _chunk(text: str, label: str, level: str = "article", context: str = "") -> Chunk:
    return Chunk(doc_id="doc", doc_title="某市条例", label=label, number=None, title="", part="", part_title="",
                 text=text, start=0, end=len(text), level=level, context=context)


def _quote(chunk: Chunk, piece: str, rank: int = 0, clause: str = "", prefix: str = "") -> Sentence:
    start = chunk.text.index(piece)
    return Sentence(rank, chunk, prefix + piece, 0.8, 0, start, start + len(piece), clause, chunk.text)


def test_adjacent_quotes_of_one_unit_are_one_verbatim_quote() -> None:
    article = _chunk(ARTICLE, "第十二条")
    first = _quote(article, "暂停供水超过二十四小时的，供水企业应当采取临时供水措施。", clause="第二款")
    second = _quote(article, "因抢修暂停供水的，应当及时通知用户。", clause="第二款")
    [joined] = join_same_unit([first, second])
    assert joined.text == first.text + second.text and joined.text in ARTICLE
    assert (joined.start, joined.end, joined.clause) == (first.start, second.end, "第二款")


def test_quotes_a_line_apart_take_the_text_between_and_the_unit_as_their_clause() -> None:
    article = _chunk(ARTICLE, "第十二条")
    first = _quote(article, "应当提前二十四小时通知用户。", clause="第一款")
    second = _quote(article, "因抢修暂停供水的，应当及时通知用户。", clause="第二款")
    [joined] = join_same_unit([first, second])
    assert joined.text.startswith(first.text) and joined.text.endswith(second.text)
    assert "临时供水措施" in joined.text and "\n" not in joined.text  # a closed line runs on
    assert joined.clause == ""


def test_quotes_far_apart_or_of_two_units_stay_apart() -> None:
    middle = "供水企业应当公开服务标准、办事程序。" * 8
    long = f"第五条　用户应当按时交纳水费。{middle}逾期不交纳的，按日加收违约金。"
    article = _chunk(long, "第五条")
    first, second = _quote(article, "用户应当按时交纳水费。"), _quote(article, "逾期不交纳的，按日加收违约金。")
    assert second.start - first.end > MAX_JOINED_GAP
    assert join_same_unit([first, second]) == [first, second]
    other = _chunk(ARTICLE, "第十二条")
    third = _quote(other, "因抢修暂停供水的，应当及时通知用户。")
    assert join_same_unit([first, third]) == [first, third]


def test_a_point_s_lead_in_is_said_once_in_the_joined_quote() -> None:
    lead = "对下列活动给予支持："
    point = _chunk(POINT, "2.", level="point", context=f"（一）拓展消费场景。{lead}")
    first = _quote(point, "每年安排消费红包不少于2000万元。", prefix=lead)
    second = _quote(point, "单个红包不超过100元；逾期未使用的，资金退回。", prefix=lead)
    [joined] = join_same_unit([first, second])
    assert joined.text.count(lead) == 1 and joined.text.startswith(lead) and joined.text.endswith("资金退回。")


def test_one_clause_is_the_clause_all_quotes_share() -> None:
    article = _chunk(ARTICLE, "第十二条")
    assert one_clause([_quote(article, "应当提前二十四小时通知用户。", clause="第一款")] * 2) == "第一款"
    assert one_clause([_quote(article, "应当提前", clause="第一款"), _quote(article, "及时", clause="第二款")]) == ""
