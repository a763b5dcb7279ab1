"""Kinds of document a question names without a name ("条例第三条", "细则第二章"), against the loaded titles."""

from __future__ import annotations

import re

from assistant.text.chinese import fold_traditional, fold_width
from assistant.text.numerals import CN_NUMERAL_CHARS

# Document-type words, longest first, that end the title of a law, regulation or policy document.
DOC_TYPES = ("法典", "实施细则", "实施办法", "管理办法", "暂行办法", "实施方案", "工作方案", "行动方案", "指导意见",
             "若干意见", "若干规定", "若干措施", "政策措施", "工作要点", "工作计划", "法", "条例", "规定", "办法",
             "细则", "方案", "意见", "通知", "决定", "规则", "规划", "计划", "要点", "指南", "纲要", "标准", "措施",
             "规范", "规程", "准则", "守则", "章程", "导则", "解读")
# A word that opens a name pointing at a document already in talk ("这个条例", "该办法", "本细则", "上述规定").
DEICTIC = ("这", "该", "此", "本", "那", "上述", "相关", "有关", "哪")
# How the words before a kind end when they point at a document: a deictic word or its measure word ("这个", "那部").
_DEICTIC_ENDS = (*DEICTIC, "个", "部")
# A kind of document and a unit looked up in it: "条例第三条", "细则第二章", "办法第五条第二款".
_KIND_LOOKUP_RE = re.compile("(" + "|".join(sorted((t for t in DOC_TYPES if t != "法"), key=len, reverse=True))
                             + rf")(?=第\s*[\d{CN_NUMERAL_CHARS}]+\s*[条项章节款点]|第\s*[\d{CN_NUMERAL_CHARS}]+部分)")


def unloaded_kinds(question: str, titles: list[str]) -> list[str]:
    """Kinds of document a question looks up a unit of ("条例第三条", "实施细则第五条", "按细则第二章") when no
    loaded title is of that kind: there is no such 第三条 to quote. A deictic one ("这个条例第三条") and a kind
    some loaded title holds ("计划第二十四项" of a 工作计划, "通知第二部分" of a 通知 issuing a 办法) are left to
    the router."""
    text = re.sub(r"\s+", "", fold_width(question))
    out = []
    for match in _KIND_LOOKUP_RE.finditer(text):
        kind = match.group(1)
        if not text[: match.start()].endswith(_DEICTIC_ENDS) and not any(kind in fold_traditional(t) for t in titles):
            out.append(kind)
    return out
