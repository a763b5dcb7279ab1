"""The hours of a day asked ("几点上班", "办理时间是几点到几点") when the top section found states no clock time
(pure): the unit of the same document that does ("办理时间：工作日上午9:00—12:00…", under "八、咨询电话") comes
first, as a section holding the kind of detail asked does in :mod:`assistant.answer.detail`."""

from __future__ import annotations

from assistant.answer.figures import CLOCK_TIME_RE
from assistant.answer.sanction import led_by
from assistant.answer.scope import CLOCK_ASK_RE
from assistant.records import Hit, hit_text
from assistant.retrieve.hybrid import Retrieval
from assistant.store.folder import IndexData


def hours_first(found: Retrieval, index: IndexData) -> Retrieval:
    """``found`` with a unit of its top document that states a clock time first (its unit score raised above the
    others) when the question asks the hours of a day and the top section states none: the second or third
    section if one does, else the document's first unit that does; unchanged otherwise (a route, another ask,
    or no unit with a clock time)."""
    if found.route is not None or not found.hits or not CLOCK_ASK_RE.search(found.question):
        return found
    if CLOCK_TIME_RE.search(hit_text(found.hits[0], index.chunks)):
        return found
    doc_id = found.hits[0].chunk.doc_id
    rows: dict[tuple[str, str], list[int]] = {}
    for row, chunk in enumerate(index.chunks):
        if chunk.doc_id == doc_id:
            rows.setdefault(chunk.key, []).append(row)
    stating = [k for k, rs in rows.items() if any(CLOCK_TIME_RE.search(index.chunks[r].text) for r in rs)]
    key = next((h.chunk.key for h in found.hits[1:3] if h.chunk.key in stating), stating[0] if stating else None)
    if key is None:
        return found
    return led_by(found, Hit(index.chunks[rows[key][0]], found.hits[0].score, chunk_ids=tuple(rows[key])))
