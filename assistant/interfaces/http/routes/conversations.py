"""Stored conversations: list (search by title), read, rename and delete; all need the reader key.

A conversation is started by ``POST /ask`` without ``conversation_id`` (see :mod:`.ask`) and continued
by sending its id back.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from assistant.interfaces.http.conversation_models import (
    Conversation,
    ConversationList,
    ConversationRename,
    ConversationSummary,
    Deleted,
)
from assistant.interfaces.http.deps import ADMIN, READER, AssistantDep
from assistant.interfaces.http.errors import ADMIN_ERRORS, ERRORS, JSON_ERRORS
from assistant.interfaces.http.gate import GatedRoute

# Readers list, read, rename and delete conversations (the chat UI's own actions); deleting every stored
# conversation at once is a maintainer's task.
router = APIRouter(tags=["对话"], route_class=GatedRoute)


@router.get("/conversations", response_model=ConversationList, responses=ERRORS, dependencies=READER)
def list_conversations(assistant: AssistantDep,
                       q: Annotated[str, Query(max_length=100, description="标题包含的文字")] = "",
                       limit: Annotated[int, Query(ge=1, le=500)] = 200) -> dict:
    """Stored conversations, latest continued first; ``q`` keeps those whose title contains it."""
    return {"conversations": assistant.feedback.conversations.summaries(q, limit)}


@router.delete("/conversations", response_model=Deleted, responses=ADMIN_ERRORS, dependencies=ADMIN)
def delete_all(assistant: AssistantDep) -> dict:
    """Delete every stored conversation (the answers stay for feedback, under their retention)."""
    return {"deleted": assistant.feedback.conversations.delete()}


@router.get("/conversations/{conversation_id}", response_model=Conversation, responses=ERRORS, dependencies=READER)
def get_conversation(conversation_id: str, assistant: AssistantDep) -> dict:
    """One conversation with its turns (each answer in the ``POST /ask`` contract); 404 if unknown."""
    return assistant.feedback.conversations.get(conversation_id)


@router.patch("/conversations/{conversation_id}", response_model=ConversationSummary, responses=JSON_ERRORS,
              dependencies=READER)
def rename_conversation(conversation_id: str, body: ConversationRename, assistant: AssistantDep) -> dict:
    """Rename a conversation; 404 if unknown."""
    return assistant.feedback.conversations.rename(conversation_id, body.title)


@router.delete("/conversations/{conversation_id}", response_model=Deleted, responses=ERRORS, dependencies=READER)
def delete_conversation(conversation_id: str, assistant: AssistantDep) -> dict:
    """Delete one conversation and its turns; 404 if unknown."""
    return {"deleted": assistant.feedback.conversations.delete(conversation_id)}
