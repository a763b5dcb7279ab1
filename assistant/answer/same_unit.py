"""Quotes of one unit said as one (pure): two sentences an answer picks from the same article or item
("每年安排不少于3000万元的…红包…。" and "单个红包金额一般不超过200元…逾期未使用的，资金自动退回。") are one
quote with one citation tag, and the citation's ``quote`` holds both, not the first alone."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Protocol

from assistant.answer.quotes import joined_lines
from assistant.answer.sub_items import point_lead
from assistant.records import Chunk

# Most characters of the unit's text between two of its quotes that are joined with it: about one
# sentence of a provision, so a joined quote stays short; quotes further apart stay two quotes.
MAX_JOINED_GAP = 120


class _Quote(Protocol):
    hit_rank: int
    chunk: Chunk
    text: str
    start: int
    end: int
    clause: str
    unit: str


def join_same_unit(quotes: Sequence[_Quote]) -> list:
    """``quotes`` (``candidates.Sentence``, in answer order) with each run of quotes of one unit that lie
    in text order at most ``MAX_JOINED_GAP`` characters apart made one quote: the verbatim text from the
    first one's start to the last one's end (the point's lead-in once), its ``clause`` that of all
    (:func:`one_clause`)."""
    out: list = []
    for quote in quotes:
        before = out[-1] if out else None
        joined = _joined(before, quote) if before is not None else None
        if joined is None:
            out.append(quote)
        else:
            out[-1] = joined
    return out


def _joined(first: _Quote, second: _Quote):
    """``first`` and ``second`` as one quote, or None when they are of different units or far apart."""
    if first.chunk.key != second.chunk.key or first.hit_rank != second.hit_rank:
        return None
    unit = first.unit or first.chunk.text
    if not first.end <= second.start <= first.end + MAX_JOINED_GAP or second.start > len(unit):
        return None
    lead = point_lead(second.chunk)
    tail = second.text.removeprefix(lead) if lead and first.text.startswith(lead) else second.text
    text = joined_lines((first.text + unit[first.end:second.start] + tail).split("\n"))
    return replace(first, text=text, end=second.end, clause=one_clause([first, second]))


def one_clause(quotes: Sequence[_Quote]) -> str:
    """The 款/项 of one unit's ``quotes`` when they all lie in one, else "" (the unit)."""
    clauses = {q.clause for q in quotes}
    return clauses.pop() if len(clauses) == 1 else ""
