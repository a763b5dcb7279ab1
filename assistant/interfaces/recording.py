"""Storing a served answer for feedback, shared by the HTTP API and the chat UI."""

from __future__ import annotations

import logging

from assistant.records import Answer
from assistant.service import Assistant
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
