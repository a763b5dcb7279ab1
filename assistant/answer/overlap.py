"""A small bonus for the question's terms an answer sentence holds (pure); a table's cell counts its row's."""

from __future__ import annotations

from dataclasses import replace
from typing import TypeVar

from assistant.ingest.outline import table_row

S = TypeVar("S")


def with_overlap(sentences: list[S], tokens: tuple[str, ...]) -> list[S]:
    """``sentences`` (``extractive.Sentence``) with a small bonus (0.05 at most) for the share of query
    terms each holds. A cell of a table is given its row's share, a term weighing less the more rows of
    the table hold it: the header words, in every row, tell no row apart, the words of the row asked
    about do."""
    if not tokens:
        return sentences

    def row_of(s) -> str:
        text, at = s.unit or s.chunk.text, s.start if s.unit else 0
        end = text.find("\n", at)
        line = text[text.rfind("\n", 0, at) + 1: end if end >= 0 else len(text)]
        return line if table_row(line) else ""

    rows = {id(s): row_of(s) for s in sentences}
    tables: dict[tuple[str, str], set[str]] = {}
    for s in sentences:
        if rows[id(s)]:
            tables.setdefault(s.chunk.key, set()).add(rows[id(s)])
    weights = {key: {t: 1.0 / max(1, sum(t in r for r in table)) for t in tokens} for key, table in tables.items()}

    def bonus(s) -> float:
        row = rows[id(s)]
        if not row:
            return sum(t in s.text for t in tokens) / len(tokens)
        weight = weights[s.chunk.key]
        return sum(weight[t] for t in tokens if t in row) / sum(weight.values())

    return [replace(s, score=s.score + 0.05 * bonus(s)) for s in sentences]
