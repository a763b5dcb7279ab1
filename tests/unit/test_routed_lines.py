"""A looked-up point's line names its task with the task's part ("二、（三）推进…：2.…"): an opinion may
number its tasks again in each part; a part's own listing, under a header naming the part, does not."""

from __future__ import annotations

from assistant.answer.citing import part_text, routed_lines
from assistant.records import Chunk

TASK = "（三）推进家庭病床建设"


def point(number: int, text: str) -> Chunk:
    return Chunk("op", "江北省关于发展居家医疗服务的实施意见", f"{number}.", number, "", "二", "重点任务",
                 f"{number}.{text}", 0, 0, "point", ("二、", "（三）"), context=TASK)


def test_a_looked_up_point_is_named_with_its_part() -> None:
    line, = routed_lines([(point(2, "每年新增家庭病床5000张。"), "", "每年新增家庭病床5000张。")], False)
    assert line == "二、（三）推进家庭病床建设：2.每年新增家庭病床5000张。"


def test_a_parts_listing_names_its_tasks_without_the_part() -> None:
    units = [(point(1, "建立巡诊制度。"), "", "建立巡诊制度。"), (point(2, "新增病床。"), "", "新增病床。")]
    text = part_text(units, False)
    assert "（三）推进家庭病床建设：1.建立巡诊制度。2.新增病床。" in text and "二、（三）" not in text


def test_a_question_numbered_by_its_reading_is_named_once() -> None:
    def question(number: int, quote: str) -> tuple[Chunk, str, str]:
        chunk = Chunk("qa", "《某市育儿补贴办法》政策解读", f"问{number}", number, "", "二", "关于申请条件",
                      quote, 0, 0, "point", ("二、", "（一）"), context="（一）关于申请条件")
        return chunk, "", quote

    own, counted = question(5, "问5：哪些情形不能领取？答：有下列情形之一的，不予发放。"), question(6, "答：按月发放。")
    text = part_text([own, counted], False)
    assert "问5：哪些情形" in text and "问5　问5" not in text  # "问5：" opens the quote already
    assert "问6　答：按月发放。" in text  # a question the reading does not number is labelled


def test_an_attachment_whose_quote_opens_with_its_heading_is_not_labelled_twice() -> None:
    quote = "附件：某市养老服务补贴标准表\n类别：高龄津贴；标准：每月100元"
    annex = Chunk("rule", "某市养老服务补贴办法", "附件", None, "某市养老服务补贴标准表", "附件", "", quote, 0, 0,
                  "attachment", ())
    line, = routed_lines([(annex, "", quote)], True)
    assert line == "《某市养老服务补贴办法》" + quote  # not "…》附件：附件：…"
    bare = "某市养老服务补贴标准表\n类别：高龄津贴；标准：每月100元"  # a quote without its heading keeps the label
    assert routed_lines([(annex, "", bare)], False) == ["附件：" + bare]


def test_an_attachment_number_is_no_numeral_word() -> None:
    from assistant.retrieve.lookup import with_part_marks

    assert with_part_marks("附件二的第三条") == "附件2 第三条"
    assert with_part_marks("附件一览表里护理补贴多少") == "附件一览表里护理补贴多少"  # 一览表 is no 附件1
    assert with_part_marks("附件一并报送吗") == "附件一并报送吗"
