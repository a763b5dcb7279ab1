"""Regular-expression pieces for the names official documents carry: document numbers and issuing bodies.

One definition for every reader (Word letterheads, metadata lines, HTML information lines, a question's
document number), so what counts as a document number or a body's name is the same everywhere.
"""

from __future__ import annotations

import re

# Brackets around a document number's year: 〔〕 as printed, [] ［］ () （） 【】 as typed or crawled.
_OPEN, _CLOSE = "〔\\[［(（【", "〕\\]］)）】"

# How an issuing body's name ends: 财政局, 办公厅, 人民政府, 国务院, 财政部, 审计署, 办公室, 市政府办, 政务服务中心,
# and of the names ending in 会 only 委员会, 人民代表大会, 协会, 学会, 商会, 联合会 (not 发布会, 座谈会).
ORGAN_END = "(?:中心|人民代表大会|(?<=[员协学商合工字])会|[局厅委府院部办署室])"


def doc_number_pattern(grouped: bool = False) -> str:
    """A pattern for a document number: the issuer's code (1-12 Han characters), the year in brackets, the
    serial (1-4 digits, "第" before it or not) and "号", spaces allowed between the pieces: "国办发〔2018〕118号",
    "临应急〔2025〕第18号", "江人常 [2024] 9 号". With ``grouped`` the code, the year and the serial are groups 1-3.
    Full-width digits are the caller's to fold first (``unicodedata.normalize("NFKC", …)``)."""
    code, year, serial = ("([\u4e00-\u9fff]{1,12})", r"(\d{4})", r"(\d{1,4})") if grouped else \
        ("[\u4e00-\u9fff]{1,12}", r"\d{4}", r"\d{1,4}")
    return rf"{code}\s*[{_OPEN}]\s*{year}\s*[{_CLOSE}]\s*第?\s*{serial}\s*号"


DOC_NUMBER = doc_number_pattern()
DOC_NUMBER_RE = re.compile(DOC_NUMBER)

# A body's name: 2-30 Han characters ending as one does ("青川市工业和信息化局", "国务院办公厅").
ORGAN_NAME = rf"[\u4e00-\u9fff]{{2,30}}?{ORGAN_END}"
ORGAN_NAME_RE = re.compile(ORGAN_NAME)
