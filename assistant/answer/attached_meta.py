"""Questions about an attachment itself rather than its contents (pure): its title ("附件2的标题是什么",
"附件2叫什么") and, for an attachment that is a rule of its own, the day it takes effect ("附件2什么时候施行":
its own "本细则自2026年4月1日起施行", not the notice's "本通知自印发之日起施行").

:mod:`assistant.pipeline` asks this before the document's metadata when a question is routed to an
attachment (its hits are the attachment's unit or units under it: "附件2", "附件2 第四条").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeVar

from assistant.answer.citing import citation
from assistant.answer.direct import asks_field, cn_date
from assistant.answer.quotes import sentence_quote
from assistant.ingest.metadata import effective_clause
from assistant.ingest.structure import PREAMBLE_LABEL
from assistant.ingest.tree import CLOSING_LABEL
from assistant.records import Chunk, Citation
from assistant.retrieve.hybrid import Retrieval
from assistant.text.chinese import book_title
from assistant.text.dates import iso_date

S = TypeVar("S")
# What names an attachment ("标题", "名称", "叫什么", "title"); an article is no attachment.
_TITLE_ASK_RE = re.compile(r"标题|名称|题目|名字|叫什么|叫做什么|(?i:\b(?:title|called|name)\b)")
_ARTICLE_RE = re.compile(r"第[一二三四五六七八九十百零〇\d]+条|(?i:\barticle\b)")


def attachment_of(paths: Sequence[str]) -> str:
    """The attachment label ("附件2") every path in ``paths`` lies in ("附件2", "附件2 第四条"), else ""."""
    heads = {p.split(" ")[0] for p in paths}
    head = next(iter(heads)) if len(heads) == 1 else ""
    return head if head.startswith("附件") else ""


def attachment_meta(question: str, label: str, doc_id: str, chunks: Sequence[Chunk], lang: str = "zh-Hans"
                    ) -> tuple[str, list[Citation]] | None:
    """The title or the effective date of the attachment ``label`` of ``doc_id``, with a citation of the unit
    that states it; None when the question asks neither or the attachment does not state it (an attachment
    with no "自…起施行" of its own is in force with its notice: the notice's metadata answers)."""
    units = [c for c in chunks if c.doc_id == doc_id and (c.unit_path == label or c.unit_path.startswith(label + " "))]
    head = next((c for c in units if c.unit_path == label), None)
    if head is None:
        return None
    name = f"{label}{book_title(head.title)}" if head.title else label
    if asks_field(question, "date_effective"):  # the cues of a document's own day in force
        found = next(((c, m) for c in units if (m := effective_clause(c.text))), None)
        if found is None:
            return None
        unit, match = found
        value = cn_date(iso_date(match.group(1))) if match.group(1)[0].isdigit() else match.group(1)
        quote = sentence_quote(unit.text, match.start(), match.end())
        text = (f"{name} in force from: {value}." if lang == "en" else f"{name}的施行日期：{value}。")
        return f"{text}（{book_title(unit.doc_title)}{unit.unit_path}：{quote}）", [citation(unit, quote, 1.0)]
    if _TITLE_ASK_RE.search(question) and head.title and not _ARTICLE_RE.search(question):  # not "附件2第三条的名称"
        text = f"The title of {label}: {head.title}." if lang == "en" else f"{label}的标题：{head.title}。"
        return f"{text}（{book_title(head.doc_title)}{label}）", [citation(head, head.title, 1.0)]
    return None




def without_mentions(found: Retrieval, sentences: list[S]) -> list[S]:
    """``sentences`` (``candidates.Sentence``) without those of a notice's preamble or closing that name the title of
    an attachment among the hits ("现将《…申请材料目录》印发给你们" when "附件1 …申请材料目录" is found): the
    attachment holds what the mention only names. Unchanged for a route, or when nothing else would be left."""
    titles = [h.chunk.part_title for h in found.hits if h.chunk.level == "attachment" and len(h.chunk.part_title) >= 4]
    if found.route is not None or not titles:
        return sentences
    kept = [s for s in sentences if s.chunk.label not in (PREAMBLE_LABEL, CLOSING_LABEL)
            or not any(t in s.text for t in titles)]
    return kept or sentences
