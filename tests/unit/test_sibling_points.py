"""Parallel points under one lead-in: the one holding more of the question's words answers (pure)."""

from __future__ import annotations

from assistant.answer.siblings import fuller_point

POINTS = ["2. 二档用户：每立方米3.5元，超出部分加收20%。",
          "1. 一档用户：每立方米2.8元，按月结算。",
          "3. 三档用户：每立方米4.9元。"]


def test_the_point_naming_the_asked_tier_answers() -> None:
    assert fuller_point(POINTS, ["一档", "用户", "每立方米"]) == 1


def test_no_point_holds_more_than_the_first() -> None:
    assert fuller_point(POINTS, ["用户", "每立方米"]) is None      # all hold the same words
    assert fuller_point(POINTS, ["二档", "用户"]) is None            # the first is the one named
    assert fuller_point(POINTS[:1], ["一档"]) is None


def test_more_words_but_not_all_of_the_firsts_is_no_fuller_point() -> None:
    # the second holds 一档 but not the 超出 the first holds: neither is a superset
    assert fuller_point(POINTS[:2], ["一档", "超出"]) is None
