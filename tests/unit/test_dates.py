"""Dates read to ISO form (assistant.text.dates): one reader for metadata lines and web pages' information lines."""

from __future__ import annotations

import pytest

from assistant.ingest.formats.html_page import info_fields
from assistant.text.dates import iso_date


@pytest.mark.parametrize(("text", "iso"), [
    ("2018年10月27日", "2018-10-27"), ("二〇一八年十月二十七日", "2018-10-27"), ("2025 年 5 月 2 日", "2025-05-02"),
    ("2025-05-20", "2025-05-20"), ("2025/5/2", "2025-05-02"), ("2025.05.02", "2025-05-02")])
def test_whole_dates(text: str, iso: str) -> None:
    assert iso_date(text) == iso


@pytest.mark.parametrize("text", ["公布之日", "2025-13-02", "2025-05/02", "2025年5月", "", "2025年十三月二日"])
def test_not_dates_come_back_as_written(text: str) -> None:
    assert iso_date(text) == text.strip()
    assert iso_date(text, prefix=True) == ""


def test_a_date_opening_a_longer_text() -> None:
    assert iso_date("2025-05-20 09:30", prefix=True) == "2025-05-20"
    assert iso_date("2025年5月20日 星期二", prefix=True) == "2025-05-20"
    assert iso_date("2025-05-20 09:30") == "2025-05-20 09:30"


def test_a_pages_information_line_reads_chinese_numeral_dates_too() -> None:
    assert info_fields("来源：松江市民政局　发布时间：二〇二五年五月二十日") == {
        "issuer": "松江市民政局", "date_published": "2025-05-20"}
    assert info_fields("发布日期：2025.5.20　浏览次数：12") == {"date_published": "2025-05-20"}
