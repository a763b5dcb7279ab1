"""Which row of a table a question asks about (pure): a row holding a question term no other row holds."""

from __future__ import annotations

from assistant.answer.overlap import asked_rows, table_span

UNIT = ("二、补助标准\n按照下表给予一次性补助：\n对象：高校毕业生；标准：每人3000元；发放：区人社局\n"
        "对象：退役军人；标准：每人5000元；发放：区退役军人事务局\n对象：脱贫人口；标准：每人3000元；发放：区人社局\n"
        "补助资金由市级财政承担。")


def _at(line: str) -> int:
    return UNIT.index(line)


def _asked(text: str, start: int, tokens: tuple[str, ...]) -> bool:
    """True when the row at offset ``start`` is one of the rows asked."""
    return text.count("\n", 0, start) in asked_rows(text, start, tokens)


def test_a_row_holding_a_term_no_other_row_holds_is_asked() -> None:
    assert _asked(UNIT, _at("对象：退役军人"), ("退役军人", "补助"))
    assert _asked(UNIT, _at("对象：高校毕业生"), ("高校", "毕业生"))


def test_terms_every_row_or_several_rows_hold_ask_no_row() -> None:
    assert not _asked(UNIT, _at("对象：高校毕业生"), ("对象", "标准"))  # header words: in every row
    assert not _asked(UNIT, _at("对象：退役军人"), ("3000", "人社局"))  # the two other rows say them
    assert not _asked(UNIT, _at("对象：高校毕业生"), ("退役军人",))  # another row's term


def test_a_line_that_is_no_row_or_a_table_of_one_row_is_not_asked() -> None:
    assert not _asked(UNIT, _at("按照下表"), ("一次性",))
    one = "按下表执行：\n对象：高校毕业生；标准：每人3000元"
    assert not _asked(one, one.index("对象"), ("高校",))
    assert not _asked(UNIT, _at("补助资金"), ("市级财政",))


def test_a_row_named_by_a_latin_grade_is_asked() -> None:
    grades = "按照下表给予补贴：\n人才类别：A类；补贴：300万元\n人才类别：D类；补贴：30万元"
    assert _asked(grades, grades.index("人才类别：D类"), ("d", "人才", "补贴"))  # tokens are lower-cased


def test_the_rows_holding_most_of_the_terms_are_asked() -> None:
    piles = ("按下表给予建设补贴：\n类型：公共直流充电桩；补贴：300元/千瓦\n类型：公共交流充电桩；补贴：100元/千瓦\n"
             "类型：专用直流充电桩；补贴：150元/千瓦\n类型：换电站；补贴：50万元/座")
    lines = piles.split("\n")
    assert asked_rows(piles, piles.index("类型：换电站"), ("公共", "直流", "充电桩")) == [1]  # all three words
    assert asked_rows(piles, piles.index("类型：换电站"), ("直流", "充电桩")) == [1, 3]  # both 直流 rows
    assert asked_rows(piles, piles.index("类型：换电站"), ("补贴", "标准")) == []  # every row's, or none's
    assert lines[2].startswith("类型：公共交流")
    assert asked_rows(UNIT, _at("对象：高校毕业生"), ("3000", "人社局")) == [2, 4]  # two rows say both


def test_the_letters_a_question_grades_by_join_its_terms() -> None:
    from types import SimpleNamespace

    from assistant.answer.overlap import row_terms

    found = SimpleNamespace(question="A类和D级人才的补贴, 含GDP, 1级和12档, 2.5级不算", tokens=("人才", "补贴"))
    assert row_terms(found) == ("人才", "补贴", "a", "d", "1级", "12档")  # "GDP" grades nothing


def test_a_row_named_by_a_numbered_grade_is_asked() -> None:
    levels = ("运营补贴按考核等级发放：\n考核等级：1级；补贴：每千瓦时0.1元\n考核等级：2级；补贴：每千瓦时0.05元\n"
              "考核等级：3级；补贴：不予补贴")
    assert asked_rows(levels, levels.index("考核等级：3级"), ("运营", "补贴", "1级")) == [1]


def test_a_table_spans_its_rows_only() -> None:
    lines = UNIT.split("\n")
    assert table_span(lines, 3) == range(2, 5)  # the three rows, not the lead-in or the closing sentence
    assert table_span(lines, 1) == range(0)
