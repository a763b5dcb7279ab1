"""The acts a document sanctions (pure): "校外培训机构哪些行为会被处罚", "违反哪些规定会被罚款".

Laws and regulations sanction breaches article by article, mostly in a 法律责任 chapter: "违反本办法第十六条规定，超额
收取费用的，由…处…罚款". A question asking which acts are punished is answered by every such article of the
document asked about, in document order, each by its first paragraph (the breach and its sanction); not by the one
article a search ranks first. A question about one breach ("超额收费会被怎么处罚") is left to the search.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answer.bodies import body_tasks
from assistant.answer.citing import citation
from assistant.answer.duties import PENALTY_RE
from assistant.answer.frames import frame
from assistant.answer.quotes import strip_label
from assistant.records import Chunk, Citation
from assistant.retrieve.hybrid import Retrieval
from assistant.text.chinese import book_title, fold_traditional

# "哪些行为会被处罚", "什么情形要承担法律责任", "违反哪些规定会被罚款"; not "什么情况下可以当场收缴罚款"
_WHICH_RE = re.compile(r"(?:哪些|什么|哪几种|哪几类|哪种)(?:违法行为|违规行为|行为|情形|做法)[^，,。？?]{0,6}?"
                       r"(?:(?:会|要|将|可能)?(?:被|受到|给予|予以|遭到)[^，,。？?]{0,4}?(?:处罚|罚款|处分|罚|追究)"
                       r"|(?:要|需要|应当)?承担[^，,。？?]{0,4}?责任)"
                       r"|违反(?:了)?[^，,。？?]{0,8}?哪些(?:规定|条款|义务)[^，,。？?]{0,6}?(?:罚|处分|追究|责任)")
# An article's first paragraph that sanctions a breach: the breach ("…的，"), then a penalty.
_SANCTION_RE = re.compile(rf"的[，,][^。]*?(?:{PENALTY_RE.pattern})")
# At most this many articles are listed (a long 法律责任 chapter: its first ones, the count said in full).
MAX_LISTED = 20


def asks_sanctioned_acts(question: str) -> bool:
    """True when ``question`` asks which acts a document punishes."""
    return bool(_WHICH_RE.search(fold_traditional(question)))


def sanctioned_acts(question: str, chunks: Sequence[Chunk], doc_id: str, with_title: bool,
                    lang: str = "zh-Hans") -> tuple[str, list[Citation]] | None:
    """The answer to "哪些行为会被处罚" from document ``doc_id``: a header, then each article whose first paragraph
    sanctions a breach (:data:`_SANCTION_RE`), in document order, with that paragraph, each cited. None when the
    question asks no such list or the document sanctions nothing (a plan, a notice)."""
    if not asks_sanctioned_acts(question):
        return None
    units = [(c, line) for c in chunks if c.doc_id == doc_id and c.level == "article" and c.piece == 0
             and _SANCTION_RE.search(line := strip_label(c.text.split("\n", 1)[0]))]
    if not units:
        return None
    doc = book_title(units[0][0].doc_title)
    lines = [frame("sanctioned_acts", lang, name=doc, count=str(len(units)))]
    for chunk, line in units[:MAX_LISTED]:
        lines.append(f"{doc if with_title else ''}{chunk.label}：{line}")
    return "\n".join(lines), [citation(chunk, line, 1.0) for chunk, line in units[:MAX_LISTED]]


def listed_units(found: Retrieval, chunks: Sequence[Chunk], several: bool,
                 lang: str = "zh-Hans") -> tuple[str, list[Citation]] | None:
    """Every unit a listing question asks for: the tasks a body carries out (:func:`bodies.body_tasks`, in the
    documents the question names), or the acts a document sanctions (:func:`sanctioned_acts`, in the one document
    the question names, else the top hit's); None for other questions."""
    doc = found.named[0] if len(found.named) == 1 else found.hits[0].chunk.doc_id if found.hits else ""
    return (body_tasks(found.question, chunks, found.named, several, lang)
            or sanctioned_acts(found.question, chunks, doc, several, lang))
