"""Pydantic request and response models of the HTTP API (the only pydantic models of the API).

Responses that carry a record of :mod:`assistant.records` are derived from it by :func:`record_model`
(field names, types and defaults come from the dataclass), so the records stay the one definition.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, field_validator

from assistant.interfaces.http.schema_tools import record_model, reject_surrogates
from assistant.records import Answer, Chunk, Citation

# The keys of a whole section (``assistant.ingest.outline.section_record``) and of an outline entry.
SECTION_FIELDS = ("doc_id", "doc_title", "label", "number", "title", "part", "part_title", "text")
OUTLINE_FIELDS = ("label", "number", "title")
# The keys of ``Answer.to_dict()``, in the order the JSON contract writes them.
ANSWER_FIELDS = ("question", "answer", "refused", "mode", "route", "citations", "related", "timings_ms",
                 "sentences", "fallback", "resolved_question", "context")
# Bounds of the ``history`` of a stateless follow-up (the core checks them too, see answer/followup.py).
MAX_HISTORY_TURNS, MAX_HISTORY_CHARS = 20, 40_000


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
    # Strict: true, "3" or 3.0 are not a count, "yes" is no boolean (422, not silently read).
    top_k: StrictInt | None = Field(None, ge=1, le=20, description="引用条数上限 (1–20)")
    doc_ids: list[str] | None = Field(None, max_length=50, description="只在这些文档中检索")
    mode: Literal["extractive", "generative"] = Field(
        "extractive", description="extractive：摘录原文（默认）；generative：由配置的大模型生成，引用逐条核实")
    stream: StrictBool = Field(False, description="为 true 时以 Server-Sent Events 流式返回")
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
    metadata: dict[str, str | list[str]] = Field(
        default_factory=dict, description="发文机关、文号、日期等 / issuer, doc_number, dates, history")


class TreeNode(BaseModel):
    """One unit of a document's tree: its own text (not its children's) and its sub-units."""

    level: str = Field(..., description="chapter, section, article, item, point, part, task, subpoint …")
    label: str
    path: str = Field(..., description="文档内唯一地址 / unique address in the document, e.g. 第十三条, 二、1.")
    full_path: list[str] = Field(default_factory=list)
    number: int | None = None
    title: str = ""
    text: str = ""
    children: list[TreeNode] = Field(default_factory=list)


class UnitOut(TreeNode):
    """``GET /documents/{doc_id}/sections/{path}``: a unit, its children and its whole text."""

    doc_id: str
    doc_title: str
    whole_text: str = Field(..., description="本单元及其下级的全文 / the unit's text with its children's")


OutlineSection = record_model(Chunk, "OutlineSection", "A numbered section in an outline.", fields=OUTLINE_FIELDS)


class OutlinePart(BaseModel):
    """A part (一、二、…) and its sections; the preamble has an empty numeral."""

    part: str
    title: str
    sections: list[OutlineSection]


class DocumentOutline(BaseModel):
    """A document with its metadata and structure: the whole tree (``children``) and, for browsing,
    its parts with their numbered sections (``parts``)."""

    doc_id: str
    title: str
    metadata: dict[str, str | list[str]] = Field(default_factory=dict)
    children: list[TreeNode] = Field(default_factory=list)
    parts: list[OutlinePart]


class _Addressed(BaseModel):
    unit_path: str = Field("", description="文档内唯一地址 / the unit's path, e.g. 第十三条, 二、1., （十七）")


SectionOut = record_model(Chunk, "SectionOut", "The full text of one numbered section (task).", fields=SECTION_FIELDS,
                          base=_Addressed)


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


class IndexCounts(BaseModel):
    """How much the loaded index holds, and its generation (raised by every write of the index)."""

    documents: int
    chunks: int
    sentences: int
    generation: int


class HealthResponse(BaseModel):
    """``GET /health``: open to anyone, so it tells nothing but the status and the counts."""

    status: Literal["ok", "degraded"]
    index: IndexCounts


class JobAccepted(BaseModel):
    """``POST /documents``: the upload is checked and queued; poll ``status_url``."""

    job_id: str
    state: Literal["queued", "running", "done", "failed"]
    status_url: str = Field(..., description="GET 此地址查看进度 / poll this for the job's state")


class JobOut(BaseModel):
    """A background job: state, progress 0–1, and the result (``done``) or the error (``failed``)."""

    id: str
    kind: str = Field(..., description="upload, or reindex (the chat UI's documents page)")
    label: str = Field(..., description="文件名或文档标题 / the file or the document the job works on")
    state: Literal["queued", "running", "done", "failed"]
    progress: float = Field(..., ge=0, le=1)
    stage: str = Field(..., description="当前阶段（中文）")
    created: float = Field(..., description="Unix 秒")
    started: float | None = None
    finished: float | None = None
    result: DocumentChange | None = None
    error: ErrorDetail | None = None
