"""A document's attachments asked for ("通知的附件有哪些", "有几个附件", "What are the attachments of the notice?"):
each attachment's label and title, cited by its own unit (pure)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answer.citing import citation
from assistant.answer.frames import frame
from assistant.records import Chunk, Citation
from assistant.text.chinese import book_title, fold_traditional

# The attachments as a whole, not one of them by number ("附件2讲了什么") nor what one holds.
_ASKS_RE = re.compile(r"附件(?:都|一共|总共)?(?:有|是)?(?:哪些|哪几个|哪几份|几个|几份|什么)"
                      r"|(?:几|多少|哪些|哪几)(?:个|份)?附件"
                      r"|(?i:\b(?:which|what)\b.*\b(?:attachments|annexes|appendices)\b|\bhow many "
                      r"(?:attachments|annexes|appendices)\b)")


def asks_attachments(question: str) -> bool:
    """Whether ``question`` asks which attachments a document has (not about one attachment by number)."""
    folded = fold_traditional(question)
    return bool(_ASKS_RE.search(folded)) and not re.search(r"附件\s*[\d一二三四五六七八九十]", folded)


def attachment_list(question: str, doc_ids: Sequence[str], titles: dict[str, str], chunks: Sequence[Chunk],
                    lang: str = "zh-Hans") -> tuple[str, list[Citation]] | None:
    """The attachments of the documents ``doc_ids`` (those the question names, else every loaded one), listed
    as "附件1：<title>" under a line naming each document that has any, one citation per attachment (its head
    unit); None when the question asks no such thing or none of those documents has attachments.

    Args:
        question: The question (any script).
        doc_ids: The documents to list, in index order.
        titles: doc_id -> title.
        chunks: Every chunk of the index (an attachment's head unit has level "attachment").
        lang: The frame's language.
    """
    if not asks_attachments(question):
        return None
    heads: dict[str, list[Chunk]] = {}
    for chunk in chunks:
        if chunk.doc_id in doc_ids and chunk.level == "attachment" and chunk.piece == 0:
            heads.setdefault(chunk.doc_id, []).append(chunk)
    lines, cited = [], []
    for doc_id, units in heads.items():
        lines.append(frame("attachments", lang, name=book_title(titles.get(doc_id, doc_id)), count=str(len(units))))
        for number, unit in enumerate(units, 1):
            lines.append(f"{number}. {unit.unit_path}：{unit.part_title}" if unit.part_title != unit.unit_path
                         else f"{number}. {unit.unit_path}")
            cited.append(citation(unit, unit.part_title or unit.unit_path, 1.0))
    return ("\n".join(lines), cited) if cited else None
