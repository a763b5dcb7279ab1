"""Chinese numeral conversion."""

from __future__ import annotations

import pytest

from assistant.text.numerals import cn_to_int, int_to_cn


def test_round_trip_1_to_99() -> None:
    for n in range(1, 100):
        assert cn_to_int(int_to_cn(n)) == n


@pytest.mark.parametrize(("text", "value"), [
    ("一", 1), ("十", 10), ("十七", 17), ("二十", 20), ("二十三", 23), ("九十九", 99),
    ("一百零五", 105), ("两百", 200), ("二〇二五", 2025), ("17", 17), ("１７", 17),
])
def test_cn_to_int(text: str, value: int) -> None:
    assert cn_to_int(text) == value


@pytest.mark.parametrize(("value", "text"), [(10, "十"), (11, "十一"), (17, "十七"), (23, "二十三"),
                                             (99, "九十九"), (100, "一百"), (105, "一百零五")])
def test_int_to_cn(value: int, text: str) -> None:
    assert int_to_cn(value) == text


@pytest.mark.parametrize("bad", ["", "甲", "十x"])
def test_rejects_non_numerals(bad: str) -> None:
    with pytest.raises(ValueError):
        cn_to_int(bad)
