"""Pydantic request and response models of the HTTP API (see :mod:`assistant.interfaces.http.app`)."""

from __future__ import annotations

import unicodedata
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator


def reject_surrogates(value: object) -> object:
    """Refuse lone UTF-16 surrogates (they cannot be stored or sent back as UTF-8)."""
    texts = value if isinstance(value, list) else [value]
    for text in texts:
        if isinstance(text, str) and any(unicodedata.category(c) == "Cs" for c in text):
            raise ValueError("含无效字符 / contains invalid (surrogate) characters")
    return value


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

    _check = field_validator("question", "doc_ids")(reject_surrogates)


class CitationOut(BaseModel):
    """One cited section with its verbatim quote (fields the core adds later pass through)."""

    model_config = ConfigDict(extra="allow")

    doc_id: str
    doc_title: str
    label: str
    number: int | None
    title: str
    part: str
    quote: str
    score: float
    path: str = Field("", description="条目路径，如“（十七）”“第三章 第十一条”“二、1.”")


class SentenceOut(BaseModel):
    """One sentence of a generative answer and the verdict on its citations."""

    text: str
    labels: list[str]
    verified: bool
    reason: str | None = Field(None, description="未核实的原因：no_label | too_short | unknown_label | "
                                                 "not_supported | number_not_found | injection")
    flag: str | None = Field(None, description="injection：依据来自疑似注入指令的资料句子")


class AskResponse(BaseModel):
    """The JSON contract shared with ``policyqa ask --json``, plus the answer's id for feedback."""

    model_config = ConfigDict(extra="allow")

    id: str | None = Field(None, description="回答编号，用于 POST /feedback")
    question: str
    answer: str
    refused: bool
    mode: str
    route: str
    citations: list[CitationOut]
    related: list[CitationOut]
    timings_ms: dict[str, float]
    sentences: list[SentenceOut] = Field([], description="生成式回答的逐句核实结果（摘录式回答为空）")
    fallback: str | None = Field(None, description="要求生成式回答但给出摘录式回答的原因："
                                 "llm_not_configured | llm_unavailable | unverified")


class SearchHit(BaseModel):
    """One ranked section of ``GET /search``."""

    rank: int
    score: float
    doc_id: str
    doc_title: str
    label: str
    number: int | None
    title: str
    part: str
    part_title: str
    text: str


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


class OutlineSection(BaseModel):
    """A numbered section in an outline."""

    label: str
    number: int | None
    title: str


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


class SectionOut(BaseModel):
    """The full text of one numbered section (task)."""

    doc_id: str
    doc_title: str
    label: str
    number: int | None
    title: str
    part: str
    part_title: str
    text: str


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
