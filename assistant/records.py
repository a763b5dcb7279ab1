"""Small frozen records passed between the core's modules."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Section:
    """A numbered heading found by the parser, before any splitting.

    Attributes:
        level: Name of the numbering level, e.g. ``"part"``, ``"task"``, ``"article"``.
        label: The heading label normalised to full width, e.g. ``"（十七）"``.
        number: Integer value of the label, e.g. ``17``.
        start: Offset of the heading's first character in the source text.
        end: Offset just past the section's own text (before the next heading).
        title: Text up to the first "。" after the label (may be empty).
        parents: Labels of the enclosing sections, outermost first.
    """

    level: str
    label: str
    number: int
    start: int
    end: int
    title: str
    parents: tuple[str, ...] = ()


@dataclass(frozen=True)
class Chunk:
    """One retrievable unit: a task (or a piece of a long task) with its provenance."""

    doc_id: str
    doc_title: str
    label: str
    number: int | None
    title: str
    part: str
    part_title: str
    text: str
    start: int
    end: int
    level: str = ""
    path: tuple[str, ...] = ()
    piece: int = 0
    path_label: str = ""

    @property
    def key(self) -> tuple[str, str]:
        """Identity of the section this chunk belongs to (pieces share it)."""
        return (self.doc_id, self.path_label or self.label)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        data = asdict(self)
        data["path"] = list(self.path)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Chunk:
        """Build a chunk from :meth:`to_dict` output."""
        return cls(**{**data, "path": tuple(data.get("path", ()))})


@dataclass(frozen=True)
class Hit:
    """A retrieved section with its fused score and the chunks behind it."""

    chunk: Chunk
    score: float
    dense: float = 0.0
    lexical: float = 0.0
    routed: bool = False
    chunk_ids: tuple[int, ...] = ()


def section_text(chunks: Iterable[Chunk]) -> str:
    """The whole text of a section from its pieces, in order (pieces do not overlap)."""
    return "".join(c.text for c in chunks)


def hit_text(hit: Hit, chunks: Sequence[Chunk]) -> str:
    """The whole text of a retrieved section; ``chunks`` are the index's chunks (rows of ``hit.chunk_ids``)."""
    return section_text(chunks[r] for r in hit.chunk_ids) or hit.chunk.text


@dataclass(frozen=True)
class Citation:
    """A quote from one section that supports (part of) an answer."""

    doc_id: str
    doc_title: str
    label: str
    number: int | None
    title: str
    part: str
    quote: str
    score: float
    path: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return asdict(self)


@dataclass(frozen=True)
class Answer:
    """The assistant's answer to one question."""

    question: str
    answer: str
    refused: bool
    citations: tuple[Citation, ...]
    mode: str = "extractive"
    related: tuple[Citation, ...] = ()
    route: str = "hybrid"
    timings_ms: dict[str, float] = field(default_factory=dict)
    # Generative answers: each sentence with its labels and whether it was verified (see verify.py).
    sentences: tuple[dict[str, Any], ...] = ()
    # Why a generative answer was asked for but the extractive one is given (None otherwise).
    fallback: str | None = None
    # Follow-ups: the question actually searched (empty: the question itself) and which earlier turn
    # and units it drew on (None for a question that stands alone); see answer/followup.py.
    resolved_question: str = ""
    context: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON contract shared by the CLI and the HTTP API."""
        return {
            "question": self.question,
            "answer": self.answer,
            "refused": self.refused,
            "mode": self.mode,
            "route": self.route,
            "citations": [c.to_dict() for c in self.citations],
            "related": [c.to_dict() for c in self.related],
            "timings_ms": dict(self.timings_ms),
            "sentences": [dict(s) for s in self.sentences],
            "fallback": self.fallback,
            "resolved_question": self.resolved_question or self.question,
            "context": self.context,
        }
