"""Pydantic models of the stored-conversation routes (:mod:`.routes.conversations`)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from assistant.interfaces.http.schemas import reject_surrogates


class ConversationSummary(BaseModel):
    """A stored conversation without its turns."""

    id: str
    title: str
    created: str
    updated: str
    turns: int = Field(..., description="轮数")


class ConversationList(BaseModel):
    """Stored conversations, latest continued first."""

    conversations: list[ConversationSummary]


class ConversationTurn(BaseModel):
    """One stored turn: the question and the whole answer (the ``POST /ask`` contract)."""

    question: str
    answer_id: str | None
    answer: dict[str, Any]
    created: str


class Conversation(BaseModel):
    """A stored conversation with its turns, oldest first."""

    id: str
    title: str
    created: str
    updated: str
    turns: list[ConversationTurn]


class ConversationRename(BaseModel):
    """Body of ``PATCH /conversations/{id}``."""

    model_config = ConfigDict(extra="forbid")
    title: str = Field(..., min_length=1, max_length=100)

    _check = field_validator("title")(reject_surrogates)


class Deleted(BaseModel):
    """How many conversations were deleted."""

    deleted: int
