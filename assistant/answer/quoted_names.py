"""How the quoted part of a unit is named in its citation (pure): an article's 款 and 项 ("第二款第（三）项"), the
sub-item of a point quoted with its lead-in ("（2）")."""

from __future__ import annotations

import re

from assistant.ingest.outline import clause_of

_SUB_LABEL_RE = re.compile(r"[ \t\u3000]*(?:[（(](\d{1,2})[）)]|([①-⑳]))")


def sub_label(text: str, pos: int = 0) -> str:
    """The sub-item label opening the line of ``text`` that holds ``pos``: "（2）" (full-width, either
    bracket width read) or "②"; "" when the line opens with none."""
    match = _SUB_LABEL_RE.match(text, text.rfind("\n", 0, pos) + 1)
    if not match:
        return ""
    return f"（{int(match.group(1))}）" if match.group(1) else match.group(2)


def item_label(text: str, spans: list[tuple[int, int]]) -> str:
    """The label of the one sub-item quoted with its lead-in ("（2）"); "" otherwise."""
    if len(spans) != 2 or not text[spans[0][0]:spans[0][1]].rstrip().endswith(("：", ":")):
        return ""
    return sub_label(text, spans[1][0])


def article_clause(text: str, spans: list[tuple[int, int]]) -> str:
    """"第二款", "第（三）项", "第二款第（三）项", "第一款、第二款" or "第一款第（三）项、第二款" (an item and the
    款 after it, such as its proviso) for quoted spans of an article."""
    first, last = clause_of(text, *spans[0])[0], clause_of(text, *spans[-1])[0]
    own = [s for s in spans if clause_of(text, *s)[0] == first]  # the spans in the first 款 quoted
    lead_and_item = len(own) >= 2 and text[own[0][0]:own[0][1]].rstrip().endswith(("：", ":"))
    target = (own[1][0], own[-1][1]) if lead_and_item else own[0]  # a 项 with its 目 is one 项
    kuan, item = clause_of(text, target[0], target[1])
    named = kuan + (item if lead_and_item or len(own) == 1 else "")
    return f"{named}、{last}" if last and last != kuan else named  # "第一款第（二）项、第二款": an item and a proviso
