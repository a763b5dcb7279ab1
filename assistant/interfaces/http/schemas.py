"""Pydantic request and response models of the HTTP API (the only pydantic models of the API).

Responses that carry a record of :mod:`assistant.records` are derived from it by :func:`record_model`
(field names, types and defaults come from the dataclass), so the records stay the one definition.
"""

from __future__ import annotations

import dataclasses
import typing
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model, field_validator

from assistant.records import Answer, Chunk, Citation

# The keys of a whole section (``assistant.ingest.outline.section_record``) and of an outline entry.
SECTION_FIELDS = ("doc_id", "doc_title", "label", "number", "title", "part", "part_title", "text")
OUTLINE_FIELDS = ("label", "number", "title")
# The keys of ``Answer.to_dict()``, in the order the JSON contract writes them.
ANSWER_FIELDS = ("question", "answer", "refused", "mode", "route", "citations", "related", "timings_ms",
                 "sentences", "fallback", "resolved_question", "context")
# Bounds of the ``history`` of a stateless follow-up (the core checks them too, see answer/followup.py).
MAX_HISTORY_TURNS, MAX_HISTORY_CHARS = 20, 40_000


def record_model(record: type, name: str, doc: str, *, fields: Sequence[str] | None = None,
                 types: Mapping[str, Any] | None = None, notes: Mapping[str, Any] | None = None,
                 base: type[BaseModel] = BaseModel) -> type[BaseModel]:
    """A pydantic model named ``name`` with fields of the frozen dataclass ``record``.

    Args:
        record: A dataclass of :mod:`assistant.records`.
        name: Model (and OpenAPI component) name.
        doc: Description of the model in the OpenAPI spec.
        fields: The record's fields to take, in this order (default: all, in the record's order);
            they follow the fields of ``base``.
        types: Field types replacing the record's (e.g. ``list[CitationOut]`` for ``tuple[Citation, ...]``).
        notes: Description (a string) or a whole ``Field(...)`` of a field for the spec; the default
            stays the record's unless a ``Field`` gives another one.
        base: Model whose fields come first and whose ``model_config`` is used.

    Raises:
        KeyError: If a name in ``fields`` is not a field of ``record``.
    """
    hints = typing.get_type_hints(record)
    by_name = {f.name: f for f in dataclasses.fields(record)}
    types, notes = types or {}, notes or {}
    definitions: dict[str, Any] = {}
    for field_name in fields or list(by_name):
        field, note = by_name[field_name], notes.get(field_name)
        if field.default is not dataclasses.MISSING:
            default = field.default
        elif field.default_factory is not dataclasses.MISSING:
            default = field.default_factory()
        else:
            default = ...
        if isinstance(note, str):
            note = Field(default, description=note)
        definitions[field_name] = (types.get(field_name, hints[field_name]), default if note is None else note)
    return create_model(name, __base__=base, __doc__=doc, __module__=__name__, **definitions)


def reject_surrogates(value: object) -> object:
    """Refuse lone UTF-16 surrogates (they cannot be stored or sent back as UTF-8)."""
    texts = value if isinstance(value, list) else [value]
    for text in texts:
        if isinstance(text, str) and any(unicodedata.category(c) == "Cs" for c in text):
            raise ValueError("含无效字符 / contains invalid (surrogate) characters")
    return value


class HistoryCitation(BaseModel):
    """A unit an earlier answer cited (the ``citations`` of its response; other fields are ignored)."""

    model_config = ConfigDict(extra="ignore")
    doc_id: str = Field(..., max_length=200)
    path: str = Field("", max_length=200, description="条目路径，如“（十七）”“第三章 第三十条”")
    label: str = Field("", max_length=200)
    title: str = Field("", max_length=500)
    part: str = Field("", max_length=200)

    _check = field_validator("doc_id", "path", "label", "title", "part")(reject_surrogates)


class HistoryTurn(BaseModel):
    """One earlier turn of a conversation kept by the caller."""

    model_config = ConfigDict(extra="ignore")
    question: str = Field(..., max_length=2000)
    answer: str | None = Field(None, max_length=20_000)
    resolved_question: str | None = Field(None, max_length=2000, description="该轮实际检索的问题（可选）")
    citations: list[HistoryCitation] = Field(default_factory=list, max_length=20)

    _check = field_validator("question", "answer", "resolved_question")(reject_surrogates)


def _history_size(turns: list[HistoryTurn] | None) -> list[HistoryTurn] | None:
    size = sum(len(t.question) + len(t.answer or "") + len(t.resolved_question or "")
               + sum(len(c.doc_id) + len(c.path) for c in t.citations) for t in turns or ())
    if size > MAX_HISTORY_CHARS:
        raise ValueError(f"history 过长（最多{MAX_HISTORY_CHARS}字）/ history over {MAX_HISTORY_CHARS} characters")
    return turns


class AskRequest(BaseModel):
    """Body of ``POST /ask``."""

    model_config = ConfigDict(extra="forbid")
    question: str = Field(..., description="问题，1–500 字（去掉首尾空白后）",
                          examples=["全市数据中心标准机架总数的目标是多少？"])
    top_k: int | None = Field(None, ge=1, le=20, description="引用条数上限 (1–20)")
    doc_ids: list[str] | None = Field(None, max_length=50, description="只在这些文档中检索")
    mode: Literal["extractive", "generative"] = Field(
        "extractive", description="extractive：摘录原文（默认）；generative：由配置的大模型生成，引用逐条核实")
    stream: bool = Field(False, description="为 true 时以 Server-Sent Events 流式返回")
    history: list[HistoryTurn] | None = Field(
        None, max_length=MAX_HISTORY_TURNS,
        description=f"此前的对话（由调用方保存，最早的在前，最多{MAX_HISTORY_TURNS}轮）：追问据此改写为独立问题")
    conversation_id: str | None = Field(None, max_length=64,
                                        description="继续已保存的对话（与 history 只能给一个）")

    _check = field_validator("question", "doc_ids")(reject_surrogates)
    _size = field_validator("history")(_history_size)


class _PassThrough(BaseModel):
    """Fields the core adds later pass through."""

    model_config = ConfigDict(extra="allow")


CitationOut = record_model(
    Citation, "CitationOut", "One cited section with its verbatim quote (fields the core adds later pass through).",
    base=_PassThrough, notes={"path": "条目路径，如“（十七）”“第三章 第十一条”“二、1.”"})


class SentenceOut(BaseModel):
    """One sentence of a generative answer and the verdict on its citations."""

    text: str
    labels: list[str]
    verified: bool
    reason: str | None = Field(None, description="未核实的原因：no_label | too_short | unknown_label | "
                                                 "not_supported | number_not_found | injection")
    flag: str | None = Field(None, description="injection：依据来自疑似注入指令的资料句子")


class _AnswerId(_PassThrough):
    id: str | None = Field(None, description="回答编号，用于 POST /feedback")
    conversation_id: str | None = Field(None, description="所属的已保存对话（继续对话时传回；未保存时为 null）")


# mode, route, related and timings_ms have defaults in the record but are always in the contract:
# ``Field(...)`` keeps them required in the spec.
AskResponse = record_model(
    Answer, "AskResponse", "The JSON contract shared with ``policyqa ask --json``, plus the answer's id for feedback.",
    base=_AnswerId, fields=ANSWER_FIELDS,
    types={"citations": list[CitationOut], "related": list[CitationOut], "sentences": list[SentenceOut]},
    notes={"mode": Field(...), "route": Field(...), "related": Field(...), "timings_ms": Field(...),
           "sentences": Field([], description="生成式回答的逐句核实结果（摘录式回答为空）"),
           "fallback": "要求生成式回答但给出摘录式回答的原因：llm_not_configured | llm_unavailable | unverified",
           "resolved_question": Field(..., description="实际检索的问题（追问改写后；独立问题即原问题）"),
           "context": Field(None, description="追问所依据的此前一轮与条目：{kind, turn, source, units, doc_ids}；"
                                              "独立问题为 null")})


class _Ranked(BaseModel):
    rank: int
    score: float


SearchHit = record_model(Chunk, "SearchHit", "One ranked section of ``GET /search``.", fields=SECTION_FIELDS,
                         base=_Ranked)


class SearchResponse(BaseModel):
    """Ranked sections for a query, without an answer."""

    query: str
    results: list[SearchHit]


class DocumentOut(BaseModel):
    """An indexed document."""

    doc_id: str
    title: str
    sections: int = Field(..., description="编号条目数（含引言）")
    chunks: int


OutlineSection = record_model(Chunk, "OutlineSection", "A numbered section in an outline.", fields=OUTLINE_FIELDS)


class OutlinePart(BaseModel):
    """A part (一、二、…) and its sections; the preamble has an empty numeral."""

    part: str
    title: str
    sections: list[OutlineSection]


class DocumentOutline(BaseModel):
    """A document with its structure."""

    doc_id: str
    title: str
    parts: list[OutlinePart]


SectionOut = record_model(Chunk, "SectionOut", "The full text of one numbered section (task).", fields=SECTION_FIELDS)


class DocumentChange(BaseModel):
    """Result of an upload or a removal."""

    doc_id: str
    title: str = ""
    sections: int = Field(0, description="该文档的编号条目数")
    embedded: list[str] = Field(default_factory=list, description="本次重新嵌入的文档")
    documents: int = Field(..., description="索引中的文档总数")
    chunks: int = Field(..., description="索引中的片段总数")


class FeedbackRequest(BaseModel):
    """Body of ``POST /feedback``."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(..., min_length=1, max_length=64, description="POST /ask 返回的回答编号")
    rating: Literal["up", "down"]
    comment: str | None = Field(None, max_length=2000, description="意见（可选）")

    _check = field_validator("id", "comment")(reject_surrogates)


class FeedbackResponse(BaseModel):
    """Acknowledgement of stored feedback."""

    id: str
    rating: str
    stored: bool = True


class ErrorDetail(BaseModel):
    """What went wrong, in Chinese and English."""

    code: str
    message: str


class ErrorResponse(BaseModel):
    """Every error response."""

    error: ErrorDetail

