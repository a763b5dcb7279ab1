"""One router per resource; ``ROUTERS`` is the order ``create_app`` includes them in."""

from __future__ import annotations

from assistant.interfaces.http import openai_compat
from assistant.interfaces.http.routes import ask, conversations, documents, feedback, health, jobs, search

ROUTERS = (ask.router, search.router, documents.router, jobs.router, feedback.router, conversations.router,
           health.router, openai_compat.router)
