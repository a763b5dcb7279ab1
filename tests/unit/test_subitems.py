"""A point with sub-items （1）（2）: one unit, lead-in and items quoted together, a sub-item cited."""

from __future__ import annotations

from assistant.answer.clauses import keep_clause, named_clause
from assistant.answer.extractive import Sentence, expand
from assistant.answer.quoted_names import item_label
from assistant.answer.quotes import listed, unit_lines
from assistant.answer.scope import asked_types
from assistant.ingest.chunking import build_chunks
from assistant.records import Chunk

OPINION = """江城市人民政府关于规范早市经营的意见

一、总体要求
以方便群众生活为目标，规范早市经营秩序。
二、重点任务
（一）合理布局早市。
1. 早市选址应当远离学校正门50米以上。
2. 早市经营时间为5时至9时。
（二）规范经营行为。
1. 早市经营者应当做到以下几点：
（1）明码标价，公示投诉电话；
（2）不得占用盲道和消防通道；
（3）收市后30分钟内清扫摊位。
2. 早市举办者应当建立经营者档案。
"""


def test_a_point_listing_sub_items_is_one_unit_without_a_lead_in_title() -> None:
    chunks = build_chunks(OPINION, "op", "意见", max_chars=2000)
    labels = [c.path_label for c in chunks]
    assert "二、（二）1." in labels and not any("（1）" in label for label in labels)  # 二、: its only part of tasks
    point = next(c for c in chunks if c.path_label == "二、（二）1.")
    assert "（1）明码标价" in point.text and "（3）收市后30分钟内清扫摊位" in point.text
    assert point.title == ""  # "早市经营者应当做到以下几点：" leads in; it is no title
    assert next(c for c in chunks if c.path_label == "二、（一）1.").level == "point"  # other points unchanged


def _sentence(text: str, needle: str) -> Sentence:
    chunk = Chunk("op", "江城市人民政府关于规范早市经营的意见", "1.", 1, "", "二", "重点任务", text, 0, len(text),
                  level="point", path=("二、", "（二）"), path_label="（二）1.")
    start = text.index(needle)
    return Sentence(0, chunk, needle, 0.9, 0, start, start + len(needle), unit=text)


def test_a_sub_item_is_quoted_with_its_lead_in_and_cited_by_its_label() -> None:
    text = "1. 早市经营者应当做到以下几点：\n（1）明码标价，公示投诉电话；\n（2）不得占用盲道和消防通道；"
    assert [line.item for line in unit_lines(text)] == [False, True, True]  # the first line is the unit's own
    assert listed(text) and not listed("1. 早市经营时间为5时至9时。")
    quoted = expand(_sentence(text, "不得占用盲道和消防通道"))
    assert quoted.text == "早市经营者应当做到以下几点：（2）不得占用盲道和消防通道；"
    assert quoted.clause == "（2）"
    assert item_label(text, [(0, 17)]) == ""  # the lead-in alone names no sub-item


def test_a_question_naming_a_sub_item_keeps_that_item() -> None:
    assert named_clause("意见（二）1.（2）是怎么规定的") == ("", "（2）")
    assert named_clause("意见（二）1.讲了什么") is None
    text = "1. 早市经营者应当做到以下几点：\n（1）明码标价，公示投诉电话；\n（2）不得占用盲道和消防通道；"
    sentences = [_sentence(text, "明码标价，公示投诉电话；"), _sentence(text, "不得占用盲道和消防通道；")]
    kept = keep_clause(sentences, ("", "（2）"), 0)
    assert kept is not None and [s.text for s in kept] == ["不得占用盲道和消防通道；"]
    assert keep_clause(sentences, ("", "（5）"), 0) is None  # no such sub-item: left as it was


def test_which_points_is_no_clock_time() -> None:
    assert "time" not in asked_types("早市经营者要做到哪几点")
    assert "time" not in asked_types("以下几点有什么要求")
    assert "time" in asked_types("早市早上几点开门")


def test_a_chapter_overview_quotes_each_article_first_paragraph_whole() -> None:
    from assistant.answer.extractive import _whole_line

    long_rest = "前款规定的罚款由市场监督管理部门决定，" + "并按照本省规定向社会公开处罚结果，" * 16 + "接受监督。"
    text = ("第二十条　违反本条例第七条规定，未办理使用登记的，责令限期改正；"
            "逾期未改正的，处1万元以上10万元以下罚款。\n" + long_rest)
    chunk = Chunk("rules", "云川省电梯安全管理条例", "第二十条", 20, "", "第五章", "法律责任", text, 0, len(text),
                  level="article")
    first = Sentence(0, chunk, "违反本条例第七条规定，未办理使用登记的，责令限期改正；", 0.9, 0, 5, 31, unit=text)
    line = _whole_line(first)
    assert line.text.endswith("处1万元以上10万元以下罚款。")       # not cut before the fine
    assert not line.text.startswith("第二十条") and "前款" not in line.text  # label off, next 款 left out
    short = text[: text.index("\n")] + "\n前款规定的罚款由市场监督管理部门决定。"  # a short article: quoted whole
    chunk = Chunk("rules", "云川省电梯安全管理条例", "第二十条", 20, "", "第五章", "法律责任", short, 0, len(short),
                  level="article")
    whole = _whole_line(Sentence(0, chunk, "违反本条例第七条规定，", 0.9, 0, 5, 16, unit=short))
    assert "处1万元以上10万元以下罚款。" in whole.text and whole.text.endswith("由市场监督管理部门决定。")
    # a long article: its first 款, and the 款 after it while they fit (a classification in its second 款)
    middle = "电梯按照使用场所分为公共、住宅和专用三类。"
    three = text[: text.index("\n")] + "\n" + middle + "\n" + long_rest
    chunk = Chunk("rules", "云川省电梯安全管理条例", "第二十条", 20, "", "第五章", "法律责任", three, 0, len(three),
                  level="article")
    line = _whole_line(Sentence(0, chunk, "违反本条例第七条规定，", 0.9, 0, 5, 16, unit=three))
    assert line.text.endswith(middle) and "前款" not in line.text and "\n" not in line.text


def test_a_quote_holding_the_ones_kept_before_it_takes_their_place() -> None:
    from assistant.answer.extractive import _distinct

    text = "第九条　禁止在楼梯间为电动自行车充电。\n违反前款规定的，对个人处五十元以上二百元以下罚款。"
    chunk = Chunk("rules", "云川省电动自行车管理条例", "第九条", 9, "", "第三章", "停放", text, 0, len(text),
                  level="article")
    first = Sentence(0, chunk, "禁止…", 0.9, 0, 4, 21, unit=text)
    both = Sentence(0, chunk, "禁止…罚款。", 0.8, 1, 4, len(text), unit=text)
    assert _distinct([first, both]) == [both]
    assert _distinct([both, first]) == [both]  # a narrower one after it is dropped, as before
