"""Stored conversations in PostgreSQL (``conversations`` and ``turns`` of migration 0002), shared by replicas.

The interface, errors and retention of :class:`assistant.store.conversations.Conversations`: a
conversation started on one replica is continued on another. Times are ``timestamptz`` and come back
as ISO 8601 strings in UTC (as SQLite's). Appending a turn locks the conversation's row, so two replicas
adding to one conversation at once get consecutive positions.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any

from assistant.records import Answer
from assistant.store.conversations import HISTORY_TURNS, ConversationNotFoundError, clean_title, history_turns
from assistant.store.postgres.db import CONNECT_TIMEOUT_S

_SUMMARY = ("SELECT c.id, c.title, c.created, c.updated, (SELECT count(*) FROM turns t WHERE t.conversation_id = c.id) "
            "FROM conversations c")
_KEYS = ("id", "title", "created", "updated", "turns")


def iso(value: datetime, timespec: str = "microseconds") -> str:
    """A ``timestamptz`` as the ISO string the SQLite stores write (UTC, ``+00:00``)."""
    return value.astimezone(UTC).isoformat(timespec=timespec)


def _row(row: tuple) -> dict[str, Any]:
    out = dict(zip(_KEYS, row, strict=True))
    out["created"], out["updated"] = iso(out["created"]), iso(out["updated"])
    return out


class PostgresConversations:
    """The conversations of one database (the ``Conversations`` interface); ``wrap`` turns a psycopg error
    into the store's ``FeedbackStoreError``."""

    def __init__(self, pool, wrap) -> None:
        self.pool, self._wrap = pool, wrap

    def _run(self, sql: str, params: tuple = (), many: bool = True) -> list[tuple]:
        import psycopg

        try:
            with self.pool.connection(timeout=CONNECT_TIMEOUT_S) as conn:
                cursor = conn.execute(sql, params)
                return cursor.fetchall() if many else [(cursor.rowcount,)]
        except psycopg.Error as exc:
            raise self._wrap(exc) from exc

    def create(self, title: str) -> dict[str, Any]:
        """A new empty conversation: ``{"id", "title", "created", "updated", "turns": 0}``."""
        conversation_id, now, title = str(uuid.uuid4()), datetime.now(UTC), clean_title(title)
        self._run("INSERT INTO conversations (id, title, created, updated) VALUES (%s, %s, %s, %s)",
                  (conversation_id, title, now, now), many=False)
        return {"id": conversation_id, "title": title, "created": iso(now), "updated": iso(now), "turns": 0}

    def summaries(self, query: str = "", limit: int = 200) -> list[dict[str, Any]]:
        """Conversations whose title contains ``query`` (all when empty), latest continued first."""
        rows = self._run(f"{_SUMMARY} WHERE strpos(lower(c.title), lower(%s)) > 0 "
                         "ORDER BY c.updated DESC, c.seq DESC LIMIT %s", (query or "", limit))
        return [_row(r) for r in rows]

    def summary(self, conversation_id: str) -> dict[str, Any]:
        """One conversation without its turns.

        Raises:
            ConversationNotFoundError: If there is none with this id.
        """
        rows = self._run(f"{_SUMMARY} WHERE c.id = %s", (conversation_id,))
        if not rows:
            raise ConversationNotFoundError(f"未找到该对话 / unknown conversation: {conversation_id}")
        return _row(rows[0])

    def get(self, conversation_id: str) -> dict[str, Any]:
        """A conversation with its turns ``[{"question", "answer_id", "answer": Answer.to_dict(), "created"}]``."""
        found = self.summary(conversation_id)
        rows = self._run("SELECT question, answer_id, answer_json, created FROM turns WHERE conversation_id = %s "
                         "ORDER BY position", (conversation_id,))
        found["turns"] = [{"question": q, "answer_id": a, "answer": json.loads(j), "created": iso(c)}
                          for q, a, j, c in rows]
        return found

    def history(self, conversation_id: str, turns: int = HISTORY_TURNS) -> list[dict[str, Any]]:
        """The latest ``turns`` turns, oldest first, in the shape ``Assistant.ask(history=…)`` takes."""
        self.summary(conversation_id)
        rows = self._run("SELECT answer_json FROM turns WHERE conversation_id = %s ORDER BY position DESC LIMIT %s",
                         (conversation_id, turns))
        return history_turns(payload for (payload,) in reversed(rows))

    def add_turn(self, conversation_id: str, answer: Answer, answer_id: str | None) -> None:
        """Append an answered question to a conversation (and mark it continued now).

        Raises:
            ConversationNotFoundError: If there is none with this id.
        """
        import psycopg

        now, payload = datetime.now(UTC), json.dumps(answer.to_dict(), ensure_ascii=False)
        try:
            with self.pool.connection(timeout=CONNECT_TIMEOUT_S) as conn, conn.transaction():
                if conn.execute("SELECT 1 FROM conversations WHERE id = %s FOR UPDATE",
                                (conversation_id,)).fetchone() is None:
                    raise ConversationNotFoundError(f"未找到该对话 / unknown conversation: {conversation_id}")
                conn.execute("INSERT INTO turns (conversation_id, position, answer_id, question, answer_json, created) "
                             "SELECT %s, coalesce(max(position), -1) + 1, %s, %s, %s, %s FROM turns "
                             "WHERE conversation_id = %s",
                             (conversation_id, answer_id, answer.question, payload, now, conversation_id))
                conn.execute("UPDATE conversations SET updated = %s WHERE id = %s", (now, conversation_id))
        except psycopg.Error as exc:
            raise self._wrap(exc) from exc

    def rename(self, conversation_id: str, title: str) -> dict[str, Any]:
        """Give a conversation a new title; returns its summary."""
        title = clean_title(title)
        self.summary(conversation_id)
        self._run("UPDATE conversations SET title = %s WHERE id = %s", (title, conversation_id), many=False)
        return self.summary(conversation_id)

    def delete(self, conversation_id: str | None = None) -> int:
        """Delete one conversation (or all when None) with its turns; returns how many were deleted.

        Raises:
            ConversationNotFoundError: If ``conversation_id`` is given and unknown.
        """
        if conversation_id is None:
            return self._run("DELETE FROM conversations", many=False)[0][0]
        self.summary(conversation_id)
        return self._run("DELETE FROM conversations WHERE id = %s", (conversation_id,), many=False)[0][0]

    def prune(self, cutoff: str, max_rows: int) -> int:
        """Delete conversations last continued before ``cutoff`` (ISO time), then the least recently
        continued over ``max_rows``; returns how many were deleted (their turns go with them)."""
        deleted = self._run("DELETE FROM conversations WHERE updated < %s::timestamptz OR id IN (SELECT id FROM "
                            "conversations ORDER BY updated DESC, seq DESC OFFSET %s)", (cutoff, max_rows), many=False)
        return deleted[0][0]

    def counts(self) -> dict[str, int]:
        """Number of stored conversations and turns."""
        conversations = self._run("SELECT count(*) FROM conversations")[0][0]
        return {"conversations": conversations, "turns": self._run("SELECT count(*) FROM turns")[0][0]}
