"""Regular-expression pieces for what official documents write the same way everywhere: the names they carry
(document numbers, issuing bodies) and the opening words of a proviso (但书).

One definition for every reader (Word letterheads, metadata lines, HTML information lines, a question's
document number; the parser's lists and the answer's quotes), so what counts as a document number, a body's name
or a proviso is the same everywhere.
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

# How a document names itself in its closing words ("本方案自印发之日起施行", "本办法有效期至…", "本公告…"):
# the kinds of document that close so.
SELF_NAMED = "本(?:方案|办法|通知|意见|规定|细则|计划|措施|决定|规划|指南|要点|规则|公告)"

# A title that opens with the name of the document it is about, then says what it is: "《…若干措施》政策解读",
# "《…条例》释义" (a reading: its 施行 clauses and figures are the other document's). Groups: the name, the rest.
ABOUT_ANOTHER_RE = re.compile(r"《([^《》]{2,60})》([^《》]{2,})")

# Blanks that may stand before a sentence's or a line's first word.
_BLANKS = r"[ \t\u3000]*"
# A proviso (但书) opening a sentence, inside a line or not ("…免收门票。但是，…", "但，…"): it qualifies the sentence
# before it. Matched at a sentence's offset (``PROVISO_RE.match(text, pos)``), so no "^"; it takes "但是" and "但"
# before a comma only, where a paragraph's opening (QUALIFIER) takes any "但".
PROVISO_RE = re.compile(rf"{_BLANKS}(?:但是|但[，,])")
# The opening words of a paragraph (a line) that qualifies or refers back to the one before it: a proviso
# ("但是，…", any "但…") or "前款…", "前两款…", "前三款…". Anchored at the start of the text searched.
QUALIFIER = rf"^{_BLANKS}(?:但是|但|前[两三]?款)"
QUALIFIER_RE = re.compile(QUALIFIER)
