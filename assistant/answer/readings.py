"""A reading of another loaded document defers to it (pure over a retrieval): when a 政策解读 titled
"《…若干措施》政策解读" comes first and the measure it restates ranks right below it (they share its figures),
the measure is quoted first — the provision, then its plain-words explanation."""

from __future__ import annotations

import re

from assistant.answer.sanction import led_by
from assistant.records import hit_text
from assistant.retrieve.hybrid import Retrieval
from assistant.store.folder import IndexData
from assistant.text.chinese import fold_traditional
from assistant.text.patterns import ABOUT_ANOTHER_RE


def reading_defers(found: Retrieval, index: IndexData) -> Retrieval:
    """``found`` led by the best of the next two hits from the document its top hit's document reads (a title
    holding the name in 《》, quoted or not: "…关于印发…若干措施的通知"), when that hit's section states every figure
    the reading's states, or two of them (it restates that rule); unchanged otherwise (a route, no such hit, or
    fewer figures shared: the reading may restate several rules, and its plain words may answer better)."""
    if found.route is not None or len(found.hits) < 2:
        return found
    top = found.hits[0]
    reading = ABOUT_ANOTHER_RE.fullmatch(_bare(top.chunk.doc_title))
    if reading is None:
        return found
    read = next((h for h in found.hits[1:3] if h.chunk.doc_id != top.chunk.doc_id
                 and reading.group(1) in _bare(h.chunk.doc_title)), None)
    if read is None:
        return found
    texts = [fold_traditional(hit_text(h, index.chunks)) for h in (top, read)]
    figures = [set(_FIGURE_RE.findall(t.replace(" ", ""))) for t in texts]
    shared = figures[0] & figures[1]  # "最高不超过1000元" restated from the measure: the same rule
    return led_by(found, read) if shared and (shared == figures[0] or len(shared) >= 2) else found


# A figure a reading restates from the rule it explains ("30万元", "60%", "15个工作日").
_FIGURE_RE = re.compile(r"\d+(?:\.\d+)?(?:万元|亿元|元|%|个工作日|工作日|日|天|个月|年|小时)")


def _bare(title: str) -> str:
    """A title compared without spaces (its issuers may be set apart by any) and in simplified characters."""
    return re.sub(r"\s+", "", fold_traditional(title))
