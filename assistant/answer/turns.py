"""Earlier turns of a conversation (records and their validation): the questions, the answers and the
units they cited, as a caller sends them back with a follow-up (see :mod:`assistant.answer.followup`)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from assistant.errors import InvalidQuestionError
from assistant.text.numerals import CN_NUMERAL_CHARS

MAX_TURNS = 20
MAX_HISTORY_CHARS = 40_000


@dataclass(frozen=True)
class CitedUnit:
    """A unit an earlier answer cited: its document and place (``path``, else ``label``)."""

    doc_id: str
    path: str = ""
    label: str = ""
    title: str = ""
    part: str = ""
    doc_title: str = ""

    @property
    def ref(self) -> str:
        """How a question names the unit: its path, e.g. "（十七）" or "第三章 第十一条"."""
        return self.path or self.label

    def to_dict(self) -> dict[str, str]:
        """``{"doc_id", "path", "label"}`` (the parts a caller can send back)."""
        return {"doc_id": self.doc_id, "path": self.ref, "label": self.label or self.ref}


@dataclass(frozen=True)
class Turn:
    """One earlier exchange: the question, the answer text and the units it cited (best first)."""

    question: str
    answer: str = ""
    citations: tuple[CitedUnit, ...] = ()
    resolved_question: str = ""

    @property
    def searched(self) -> str:
        """The question that was actually searched in this turn."""
        return self.resolved_question or self.question


class InvalidHistoryError(InvalidQuestionError):
    """The previous turns given with a question are malformed or too long."""


def _unit(data: object) -> CitedUnit:
    if isinstance(data, CitedUnit):
        return data
    if not isinstance(data, Mapping) or not isinstance(data.get("doc_id"), str):
        raise InvalidHistoryError("历史引用须含 doc_id / each history citation needs a doc_id")
    values = {k: data.get(k) for k in ("path", "label", "title", "part", "doc_title")}
    if any(v is not None and not isinstance(v, str) for v in values.values()):
        raise InvalidHistoryError("历史引用字段须为文本 / history citation fields must be strings")
    return CitedUnit(data["doc_id"], **{k: v or "" for k, v in values.items()})


def _turn(data: object) -> Turn:
    if isinstance(data, Turn):
        return data
    if not isinstance(data, Mapping) or not isinstance(data.get("question"), str):
        raise InvalidHistoryError("每轮历史须含 question / each history turn needs a question")
    answer, resolved = data.get("answer") or "", data.get("resolved_question") or ""
    cited = data.get("citations") or ()
    if not isinstance(answer, str) or not isinstance(resolved, str) or not isinstance(cited, list | tuple):
        raise InvalidHistoryError("历史格式有误 / malformed history turn")
    if not any(c.isalnum() for c in data["question"]):
        raise InvalidHistoryError("历史中的问题不能为空 / a history turn's question is empty")
    if any(unicodedata.category(c) in ("Cc", "Cs") and c not in "\t\n\r" for c in data["question"] + answer + resolved):
        raise InvalidHistoryError("历史含控制字符或无效字符 / a history turn contains control or surrogate characters")
    return Turn(data["question"], answer, tuple(_unit(c) for c in cited), resolved)


def turns_from(history: Sequence[object] | None) -> tuple[Turn, ...]:
    """Previous turns from dicts (``{"question", "answer"?, "citations"?: [{"doc_id", "path"…}]}``) or
    :class:`Turn` records, oldest first.

    Raises:
        InvalidHistoryError: If a turn is malformed, there are more than ``MAX_TURNS`` turns or they
            hold more than ``MAX_HISTORY_CHARS`` characters in all.
    """
    if not history:
        return ()
    if not isinstance(history, Sequence) or isinstance(history, str | bytes):
        raise InvalidHistoryError("history 须为列表 / history must be a list")
    if len(history) > MAX_TURNS:
        raise InvalidHistoryError(f"历史最多{MAX_TURNS}轮 / at most {MAX_TURNS} history turns")
    turns = tuple(_turn(t) for t in history)
    size = sum(len(t.question) + len(t.answer) + sum(len(u.ref) + len(u.doc_id) for u in t.citations)
               for t in turns)
    if size > MAX_HISTORY_CHARS:
        raise InvalidHistoryError(f"历史过长（最多{MAX_HISTORY_CHARS}字）/ history longer than "
                                  f"{MAX_HISTORY_CHARS} characters")
    return turns


_LABEL_RE = re.compile(rf"（[{CN_NUMERAL_CHARS}]+）|第[{CN_NUMERAL_CHARS}]+条")


def labels_in(text: str) -> list[str]:
    """The unit labels an answer's text names, in order of first mention: "（十七）", "第三十条"."""
    return list(dict.fromkeys(_LABEL_RE.findall(text)))


def cite_named_units(turn: Turn, lookup: Callable[[str], CitedUnit | None]) -> Turn:
    """``turn`` with citations taken from the labels its answer names, when it came without any
    (e.g. from a chat client that keeps only the text); ``lookup`` finds the unit of a label."""
    if turn.citations or not turn.answer:
        return turn
    found = tuple(u for u in (lookup(label) for label in labels_in(turn.answer)[:5]) if u is not None)
    return replace(turn, citations=found)


def unit_lookup(chunks: Sequence, titles: Mapping[str, str]) -> Callable[[str], CitedUnit | None]:
    """label -> the first unit of ``chunks`` (the index's, in order) with that label, for turns that kept only
    their text; ``titles``: doc_id -> title."""
    units: dict[str, CitedUnit] = {}
    for c in chunks:
        if c.number is not None and c.label not in units:
            units[c.label] = CitedUnit(c.doc_id, c.path_label or c.label, c.label, c.title, c.part,
                                       titles.get(c.doc_id, ""))
    return units.get
