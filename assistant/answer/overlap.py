"""A small bonus for the question's terms an answer sentence holds (pure); a table's cell counts its row's."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TypeVar

from assistant.ingest.outline import table_row

S = TypeVar("S")


_GRADE_RE = re.compile(r"(?<![A-Za-z])[A-Za-z](?=[类级档型等星])|(?<![\d.])\d{1,2}[类级档型等星]")


def row_terms(found) -> tuple[str, ...]:
    """The search terms of ``found`` (``Retrieval.tokens``) with the grades the question names by a Latin letter
    ("A类", "B级": "a", "b") or a number with its unit ("1级", "3档"): too short for the search, they name a table's
    row."""
    letters = dict.fromkeys(m.lower() for m in _GRADE_RE.findall(found.question))
    return (*found.tokens, *(t for t in letters if t not in found.tokens))  # the terms as they are, repeats too


def with_overlap(sentences: list[S], tokens: tuple[str, ...]) -> list[S]:
    """``sentences`` (``candidates.Sentence``) with a small bonus (0.05 at most) for the share of query
    terms each holds. A cell of a table is given its row's share, a term weighing less the more rows of
    the table hold it: the header words, in every row, tell no row apart, the words of the row asked
    about do; a row the question names in full (:func:`names_a_row`) gets as much again."""
    if not tokens:
        return sentences

    def row_of(s) -> str:
        text, at = s.unit or s.chunk.text, s.start if s.unit else 0
        end = text.find("\n", at)
        line = text[text.rfind("\n", 0, at) + 1: end if end >= 0 else len(text)]
        return line.lower() if table_row(line) else ""  # tokens are lower-cased: "D类" holds the token "d"

    rows = {id(s): row_of(s) for s in sentences}
    tables: dict[tuple[str, str], set[str]] = {}
    for s in sentences:
        if rows[id(s)]:
            tables.setdefault(s.chunk.key, set()).add(rows[id(s)])
    weights = {key: {t: 1.0 / max(1, sum(t in r for r in table)) for t in tokens} for key, table in tables.items()}
    named = {row for table in tables.values() for row in names_a_row(table, tokens)}

    def bonus(s) -> float:
        row = rows[id(s)]
        if not row:
            return sum(t in s.text.lower() for t in tokens) / len(tokens)
        weight = weights[s.chunk.key]
        return sum(weight[t] for t in tokens if t in row) / sum(weight.values()) + (row in named)

    return [replace(s, score=s.score + 0.05 * bonus(s)) for s in sentences]


def asked_rows(text: str, start: int, tokens: tuple[str, ...]) -> list[int]:
    """The line numbers of ``text`` (a unit's text) of the rows asked of the table whose row is at offset ``start``:
    those holding most of the question's terms (two characters or more, or a Latin letter: "C类") that some row lacks,
    and those holding a term no other row holds, when fewer than all rows are so. "买空调补贴多少" asks the 空调 row,
    "公共直流充电桩补贴多少" the 公共直流 row over 公共交流 and 专用直流, "A类和D类各多少" and "高层住宅和别墅各交多少"
    both; "补贴标准是多少" (its words in every row, or in none) none: []."""
    lines = text.lower().split("\n")
    rows = table_span(lines, text.count("\n", 0, start))
    if not rows:
        return []
    named = [t for t in tokens if (len(t) >= 2 or (t.isascii() and t.isalpha()))
             and not all(t in lines[r] for r in rows)]
    score = {r: sum(t in lines[r] for t in named) for r in rows}
    best = max(score.values())
    own = {r for r in rows for t in named if t in lines[r] and sum(t in lines[x] for x in rows) == 1}
    asked = [r for r in rows if (best and score[r] == best) or r in own]  # "高层住宅和别墅": each names its row
    return asked if asked and len(asked) < len(rows) else []


def table_span(lines: list[str], at: int) -> range:
    """The line numbers of the table (its rows, :func:`ingest.outline.table_row`) holding line ``at`` of
    ``lines``; empty when that line is no row."""
    if not table_row(lines[at]):
        return range(0)
    first, last = at, at
    while first > 0 and table_row(lines[first - 1]):
        first -= 1
    while last + 1 < len(lines) and table_row(lines[last + 1]):
        last += 1
    return range(first, last + 1)


_ALTERNATIVES_RE = re.compile(r"[、/／]|或者|或")


def names_a_row(table: set[str], tokens: tuple[str, ...]) -> set[str]:
    """The rows of ``table`` ("类别：特困供养、最低生活保障家庭老年人；上限：6000") with a cell value, or one of the
    alternatives it lists, whose every character the question's ``tokens`` cover, when some other row has none:
    "低保家庭老年人" (低保 read as 最低生活保障) names the row of 最低生活保障家庭老年人, not that of
    最低生活保障边缘家庭老年人, though both hold all of its words."""
    def named(row: str) -> bool:
        for cell in re.split(r"[；;]", row):
            value = cell.split("：", 1)[-1].split(":", 1)[-1].strip()
            for alternative in _ALTERNATIVES_RE.split(value):
                covered = set()
                for token in tokens:
                    at = alternative.find(token)
                    while at >= 0:
                        covered.update(range(at, at + len(token)))
                        at = alternative.find(token, at + 1)
                if len(alternative) >= 2 and len(covered) == len(alternative):
                    return True
        return False

    hits = {row for row in table if named(row)}
    return hits if hits and len(hits) < len(table) else set()
