"""Dates as documents and web pages write them, read to ISO form (pure functions)."""

from __future__ import annotations

import re
import unicodedata

from assistant.text.numerals import cn_to_int

# Chinese digits of a printed date ("二〇二五年四月一日"; "○" is often typed for "〇").
_CN_DIGITS = "〇○零一二三四五六七八九十"
# A date as documents print it, no spaces: "2025年4月1日", "二〇二五年四月一日" (a year of four digits). One pattern
# for every reader of a document's own lines: its signature's date, its history, "自…起施行", an order page.
CN_DATE = rf"(?:\d{{4}}|[{_CN_DIGITS}]{{4}})年[\d{_CN_DIGITS}]{{1,3}}月[\d{_CN_DIGITS}]{{1,3}}日"
_DATE_LINE_RE = re.compile(rf"^{CN_DATE}$")

# A date in Chinese ("2018年10月27日", "二〇一八年十月二十七日") or with separators ("2018-10-27", "2018/10/27",
# "2018.10.27"), spaces allowed between its pieces.
_CN_DATE_RE = re.compile(r"\s*(\S+?)\s*年\s*(\S+?)\s*月\s*(\S+?)\s*日")
_DIGIT_DATE_RE = re.compile(r"\s*(\d{4})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})(?!\d)")


def iso_date(text: str, prefix: bool = False) -> str:
    """``"2018年10月27日"``, ``"二〇一八年十月二十七日"``, ``"2018/10/27"`` -> ``"2018-10-27"``.

    With ``prefix`` the date only has to open ``text`` ("2025-05-20 09:30" -> "2025-05-20") and "" is returned
    when no date opens it; without, the whole text must be the date, and other text comes back stripped.
    """
    text = text or ""
    match = (_CN_DATE_RE.match if prefix else _CN_DATE_RE.fullmatch)(text.rstrip()) if "年" in text else None
    match = match or (_DIGIT_DATE_RE.match if prefix else _DIGIT_DATE_RE.fullmatch)(text.rstrip())
    if not match:
        return "" if prefix else text.strip()
    pieces = [g for i, g in enumerate(match.groups()) if not (len(match.groups()) == 4 and i == 1)]
    try:
        year, month, day = (cn_to_int(p) for p in pieces)
    except ValueError:
        return "" if prefix else text.strip()
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return "" if prefix else text.strip()
    return f"{year:04d}-{month:02d}-{day:02d}"


def date_line(line: str) -> bool:
    """True for a line that is a date alone ("2024年4月10日", "二〇二四年四月十日", spaces and full-width digits aside):
    a signature's, an order page's."""
    return bool(_DATE_LINE_RE.match("".join(unicodedata.normalize("NFKC", line).split())))
