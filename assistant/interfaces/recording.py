"""Storing a served answer for feedback, shared by the HTTP API and the chat UI."""

from __future__ import annotations

import logging

from assistant.records import Answer
from assistant.service import Assistant
from assistant.store.conversations import title_of
from assistant.store.feedback import FeedbackStoreError

log = logging.getLogger("policyqa.feedback")


def record_answer(assistant: Assistant, answer: Answer) -> str | None:
    """Store ``answer`` in the assistant's feedback store and return its id (a uuid4 string).

    Returns None (and logs a warning) when the store cannot be opened or written: the answer is still
    served, it just cannot be rated.
    """
    try:
        return assistant.feedback.record_answer(answer)
    except FeedbackStoreError as exc:
        log.warning("answer not stored: %s", exc)
        return None


def remember_turn(assistant: Assistant, conversation_id: str | None, answer: Answer,
                  answer_id: str | None) -> str | None:
    """Append the answer to the stored conversation ``conversation_id`` (a new one, titled by the
    question, when None and ``settings.store_conversations`` is on); returns the conversation's id.

    A store that cannot be written is logged and the answer is still served (the id may then be None).

    Raises:
        ConversationNotFoundError: If ``conversation_id`` is given and unknown.
    """
    if conversation_id is None and not assistant.settings.store_conversations:
        return None
    try:
        store = assistant.feedback.conversations
        if conversation_id is None:
            conversation_id = store.create(title_of(answer.question))["id"]
        store.add_turn(conversation_id, answer, answer_id)
    except FeedbackStoreError as exc:
        log.warning("turn not stored: %s", exc)
    return conversation_id
