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
    # Retrieval context (the unit's lead-in, e.g. "第十三条 …方可处理个人信息：") for pieces that do not
    # contain it; embedded and indexed for BM25 with the chunk, never part of a quote.
    context: str = ""

    @property
    def unit_path(self) -> str:
        """The unit's path within its document ("第十三条", "二、1.", "（十七）"); alias of ``path_label``."""
        return self.path_label or self.label

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
class Node:
    """One unit of a document tree (see ``assistant.ingest.tree``).

    Attributes:
        level: Role of the unit: ``book``, ``chapter``, ``section``, ``article``, ``item``, ``point``,
            ``subpoint``, ``part``, ``task`` or ``preamble``.
        label: Normalised label, e.g. ``"第十三条"``, ``"（一）"``, ``"1."``.
        path: Shortest unambiguous address within the document ("第十三条", "二、1.", "（十七）").
        full_path: Labels of the unit and all its ancestors, outermost first.
        number: Integer value of the label (None for the preamble).
        title: Heading title ("总则", "指导思想"); empty for articles.
        text: The unit's own text (not its children's), lines joined by "\n".
        spans: ``(start, end)`` offsets of the own text's contiguous pieces in the document body.
        children: Sub-units in document order.
    """

    level: str
    label: str
    path: str
    full_path: tuple[str, ...]
    number: int | None
    title: str
    text: str
    spans: tuple[tuple[int, int], ...] = ()
    children: tuple[Node, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict (children nested)."""
        return {"level": self.level, "label": self.label, "path": self.path,
                "full_path": list(self.full_path), "number": self.number, "title": self.title,
                "text": self.text, "spans": [list(s) for s in self.spans],
                "children": [c.to_dict() for c in self.children]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Node:
        """Build a node from :meth:`to_dict` output."""
        return cls(data["level"], data["label"], data["path"], tuple(data.get("full_path", ())),
                   data.get("number"), data.get("title", ""), data.get("text", ""),
                   tuple(tuple(s) for s in data.get("spans", ())),
                   tuple(cls.from_dict(c) for c in data.get("children", ())))


# Levels of a part's own text (a paragraph under its heading, before its first section or after its last).
PART_LEVELS = ("part", "chapter")
METADATA_FIELDS = ("title", "issuer", "doc_number", "date_written", "date_published", "date_effective",
                   "history", "index_no", "subject", "publicity")


@dataclass(frozen=True)
class DocumentMetadata:
    """What a document says about itself, kept out of its units' text.

    Dates are ISO ``YYYY-MM-DD`` when they can be read, else as printed; ``history`` holds the
    adoption/amendment/promulgation lines as printed; ``publicity`` e.g. "此件公开发布".
    """

    title: str = ""
    issuer: str = ""
    doc_number: str = ""
    date_written: str = ""
    date_published: str = ""
    date_effective: str = ""
    history: tuple[str, ...] = ()
    index_no: str = ""
    subject: str = ""
    publicity: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict (``history`` as a list)."""
        return {**asdict(self), "history": list(self.history)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocumentMetadata:
        """Build from a dict; unknown keys are ignored."""
        known = {k: v for k, v in data.items() if k in METADATA_FIELDS}
        return cls(**{**known, "history": tuple(known.get("history", ()))})


@dataclass(frozen=True)
class Hit:
    """A retrieved section with its fused score and the chunks behind it."""

    chunk: Chunk
    score: float
    dense: float = 0.0
    lexical: float = 0.0
    routed: bool = False
    chunk_ids: tuple[int, ...] = ()


def section_layout(pieces: Sequence[Chunk]) -> tuple[str, list[int]]:
    """A section's whole text from its pieces (chunks in order, not overlapping) and each piece's
    offset in it; pieces split at a line break (a gap between their document offsets) are joined by
    one, so that the 款 of a long article stay apart."""
    text, bases = "", []
    for i, piece in enumerate(pieces):
        if i and piece.start > pieces[i - 1].end:
            text += "\n"
        bases.append(len(text))
        text += piece.text
    return text, bases


def section_text(chunks: Iterable[Chunk]) -> str:
    """The whole text of a section from its pieces, in order (see :func:`section_layout`)."""
    return section_layout(list(chunks))[0]


def hit_text(hit: Hit, chunks: Sequence[Chunk]) -> str:
    """The whole text of a retrieved section; ``chunks`` are the index's chunks (rows of ``hit.chunk_ids``)."""
    return section_text(chunks[r] for r in hit.chunk_ids) or hit.chunk.text


def headed_text(hit: Hit, chunks: Sequence[Chunk]) -> str:
    """:func:`hit_text` under its heading for a point (its task's or part's heading line, ``Chunk.context``:
    "二、申请材料" above "1.居民身份证原件；"), the heading first; a point says what kind of thing it
    lists only there. Other sections: their text alone."""
    text = hit_text(hit, chunks)
    return f"{hit.chunk.context}\n{text}" if hit.chunk.level == "point" and hit.chunk.context else text


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
    # The 款/项 of an article the quote lies in ("第二款", "第（三）项"); empty when not an article.
    clause: str = ""
    # The citation in its standard form: the document's title in 《》, the unit's full place and its 款/项
    # ("《中华人民共和国行政处罚法》第三十二条第（二）项", "《…若干意见》四、（二）7.", "《…工作计划》（十七）").
    reference: str = ""

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


def make_answer(question: str, text: str, refused: bool, citations: list[Citation],
                related: list[Citation], route: str, timings: dict[str, float]) -> Answer:
    """Bundle the parts of an answer into the frozen record."""
    return Answer(question=question, answer=text, refused=refused, citations=tuple(citations),
                  related=tuple(related), route=route, timings_ms=timings)
