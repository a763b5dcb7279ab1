"""Pydantic models of the OpenAI-compatible routes (see :mod:`assistant.interfaces.http.openai_compat`).

The request models validate; the response models document the shapes in the OpenAPI schema.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool

from assistant.interfaces.http.openai_format import OpenAIError
from assistant.interfaces.http.schemas import CitationOut, ErrorResponse, reject_surrogates

MAX_MESSAGES = 50
EXAMPLE = [{"role": "user", "content": "全市数据中心标准机架总数的目标是多少？"}]


class ContentPart(BaseModel):
    """One part of a message's content; only ``{"type": "text", "text": …}`` is read."""

    model_config = ConfigDict(extra="allow")
    type: str
    text: str | None = None


class ChatMessage(BaseModel):
    """One chat message (fields other than role and content are accepted and ignored)."""

    model_config = ConfigDict(extra="allow")
    role: Literal["system", "developer", "user", "assistant", "tool", "function"]
    content: str | list[ContentPart] | None = None

    def text(self) -> str:
        """The message's text.

        Raises:
            OpenAIError: 400 for non-text parts (images, audio) or invalid characters.
        """
        if self.content is None or isinstance(self.content, str):
            text = self.content or ""
        elif any(p.type != "text" for p in self.content):
            raise OpenAIError(400, "只支持文本消息 / only text content is supported", param="messages",
                              code="unsupported_content")
        else:
            text = "".join(p.text or "" for p in self.content)
        try:
            return reject_surrogates(text)
        except ValueError as exc:
            raise OpenAIError(400, str(exc), param="messages") from exc


class ChatRequest(BaseModel):
    """Body of ``POST /v1/chat/completions``; OpenAI's other options (temperature, …) are ignored."""

    model_config = ConfigDict(extra="allow")
    model: str = Field(..., description="policyqa（摘录）或 policyqa-generative（配置了大模型时）",
                       examples=["policyqa"])
    messages: list[ChatMessage] = Field(..., min_length=1, max_length=MAX_MESSAGES,
                                        description=f"对话消息，最后一条为用户提问（最多 {MAX_MESSAGES} 条）",
                                        examples=[EXAMPLE])
    stream: StrictBool = Field(False, description="为 true 时以 chat.completion.chunk 事件流式返回，以 [DONE] 结束")


class ModelCard(BaseModel):
    """One model of ``GET /v1/models``."""

    id: str
    object: Literal["model"]
    created: int
    owned_by: str


class ModelList(BaseModel):
    """Body of ``GET /v1/models``."""

    object: Literal["list"]
    data: list[ModelCard]


class ReplyMessage(BaseModel):
    """The assistant's message: the answer with numbered notes, and the structured citations."""

    role: Literal["assistant"]
    content: str = Field(..., description="回答正文，出处以 [1] [2] 编号附在文末")
    citations: list[CitationOut] = Field(..., description="与 POST /ask 相同的引用")
    refused: bool
    answer_id: str | None = Field(None, description="回答编号，用于 POST /feedback")


class Choice(BaseModel):
    """The one choice of a completion."""

    index: int
    message: ReplyMessage
    finish_reason: Literal["stop"]


class ChatCompletion(BaseModel):
    """Body of a non-streamed ``POST /v1/chat/completions``."""

    id: str
    object: Literal["chat.completion"]
    created: int
    model: str
    choices: list[Choice]


class OpenAIErrorDetail(BaseModel):
    """OpenAI's error fields."""

    message: str
    type: str
    param: str | None
    code: str | None


class OpenAIErrorResponse(BaseModel):
    """Error body of the /v1 routes."""

    error: OpenAIErrorDetail


ERRORS: dict[int | str, dict[str, Any]] = {status: {"model": OpenAIErrorResponse}
                                           for status in (400, 401, 404, 422, 503)}
# A body over the cap is refused by the app-wide limit before the route runs, in the app's own shape.
ERRORS[413] = {"model": ErrorResponse}
# The chat route reads a JSON body: another type is a 415 (``gate``).
CHAT_RESPONSES: dict[int | str, dict[str, Any]] = {**ERRORS, 415: ERRORS[422], 200: {
    "model": ChatCompletion,
    # One event (OpenAPI < 3.2): its JSON data, a chat.completion.chunk or the closing "[DONE]".
    "content": {"text/event-stream": {"schema": {
        "type": "object", "required": ["data"],
        "properties": {"event": {"type": "string"}, "data": {"type": "string"}}}}},
    "description": "JSON，或 stream 为 true 时为 chat.completion.chunk 事件流，以 data: [DONE] 结束",
}}
