"""Which row of a table a question asks about (pure): a row holding a question term no other row holds."""

from __future__ import annotations

from assistant.answer.overlap import asked_row

UNIT = ("二、补助标准\n按照下表给予一次性补助：\n对象：高校毕业生；标准：每人3000元；发放：区人社局\n"
        "对象：退役军人；标准：每人5000元；发放：区退役军人事务局\n对象：脱贫人口；标准：每人3000元；发放：区人社局\n"
        "补助资金由市级财政承担。")


def _at(line: str) -> int:
    return UNIT.index(line)


def test_a_row_holding_a_term_no_other_row_holds_is_asked() -> None:
    assert asked_row(UNIT, _at("对象：退役军人"), ("退役军人", "补助"))
    assert asked_row(UNIT, _at("对象：高校毕业生"), ("高校", "毕业生"))


def test_terms_every_row_or_several_rows_hold_ask_no_row() -> None:
    assert not asked_row(UNIT, _at("对象：高校毕业生"), ("对象", "标准"))  # header words: in every row
    assert not asked_row(UNIT, _at("对象：高校毕业生"), ("3000", "人社局"))  # two rows say them
    assert not asked_row(UNIT, _at("对象：高校毕业生"), ("退役军人",))  # another row's term


def test_a_line_that_is_no_row_or_a_table_of_one_row_is_not_asked() -> None:
    assert not asked_row(UNIT, _at("按照下表"), ("一次性",))
    one = "按下表执行：\n对象：高校毕业生；标准：每人3000元"
    assert not asked_row(one, one.index("对象"), ("高校",))
    assert not asked_row(UNIT, _at("补助资金"), ("市级财政",))


def test_a_row_named_by_a_latin_grade_is_asked() -> None:
    grades = "按照下表给予补贴：\n人才类别：A类；补贴：300万元\n人才类别：D类；补贴：30万元"
    assert asked_row(grades, grades.index("人才类别：D类"), ("d", "人才", "补贴"))  # tokens are lower-cased
