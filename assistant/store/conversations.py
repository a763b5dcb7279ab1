"""Stored conversations: titled lists of turns (question and answer) in the feedback store's SQLite file.

The tables live in the same database as the answers (see :mod:`assistant.store.feedback`, which opens
it 0600 and calls :meth:`Conversations.prune` with the answers' retention): a conversation not
continued for ``retention_days`` is deleted with its turns, and at most ``max_rows`` conversations are
kept (the least recently continued go first).
"""

from __future__ import annotations

import json
import sqlite3
import threading
import unicodedata
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from assistant.errors import DocumentNotFoundError, PolicyQAError
from assistant.records import Answer
from assistant.text.chinese import without_format_characters

SCHEMA = """
CREATE TABLE IF NOT EXISTS conversations (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS turns (
    conversation_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    answer_id TEXT,
    question TEXT NOT NULL,
    answer_json TEXT NOT NULL,
    created TEXT NOT NULL,
    PRIMARY KEY (conversation_id, position)
);
CREATE INDEX IF NOT EXISTS conversations_updated ON conversations(updated);
"""
MAX_TITLE_CHARS = 100
# Turns handed to the core as the history of a new question (turns.MAX_TURNS).
HISTORY_TURNS = 20
_CITATION_KEYS = ("doc_id", "path", "label", "title", "part", "doc_title")


class ConversationNotFoundError(DocumentNotFoundError):
    """No stored conversation has this id."""


class InvalidTitleError(PolicyQAError, ValueError):
    """A conversation title is empty, too long or has control characters."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def clean_title(title: str) -> str:
    """``title`` trimmed, on one line, without invisible format characters (see
    :func:`assistant.text.chinese.without_format_characters`).

    Raises:
        InvalidTitleError: If it is empty (also when only such characters are left), longer than
            ``MAX_TITLE_CHARS`` or has control characters.
    """
    text = " ".join(without_format_characters(str(title)).split())
    if not text:
        raise InvalidTitleError("标题不能为空 / title is empty")
    if len(text) > MAX_TITLE_CHARS:
        raise InvalidTitleError(f"标题过长（最多{MAX_TITLE_CHARS}字）/ title longer than {MAX_TITLE_CHARS}")
    if any(unicodedata.category(c) in ("Cc", "Cs") for c in text):
        raise InvalidTitleError("标题含控制字符 / title contains control characters")
    return text


def title_of(question: str) -> str:
    """A new conversation's title: its first question, cut to 30 characters."""
    text = " ".join(without_format_characters(question).split())
    return text if len(text) <= 30 else text[:29] + "…"


class Conversations:
    """The conversations of one database connection, sharing the feedback store's lock.

    Every method raises ``FeedbackStoreError`` (from the store) when the database cannot be used.
    """

    def __init__(self, db: sqlite3.Connection, lock: threading.Lock, wrap) -> None:
        self._db, self._lock, self._wrap = db, lock, wrap
        with self._lock, self._db:
            self._db.executescript(SCHEMA)

    def _run(self, sql: str, params: tuple = (), many: bool = True) -> list[tuple]:
        try:
            with self._lock, self._db:
                cursor = self._db.execute(sql, params)
                return cursor.fetchall() if many else [(cursor.rowcount,)]
        except sqlite3.Error as exc:
            raise self._wrap(exc) from exc

    def create(self, title: str) -> dict[str, Any]:
        """A new empty conversation: ``{"id", "title", "created", "updated", "turns": 0}``."""
        conversation_id, now, title = str(uuid.uuid4()), _now(), clean_title(title)
        self._run("INSERT INTO conversations (id, title, created, updated) VALUES (?, ?, ?, ?)",
                  (conversation_id, title, now, now), many=False)
        return {"id": conversation_id, "title": title, "created": now, "updated": now, "turns": 0}

    def summaries(self, query: str = "", limit: int = 200) -> list[dict[str, Any]]:
        """Conversations whose title contains ``query`` (all when empty), latest continued first."""
        rows = self._run(
            "SELECT c.id, c.title, c.created, c.updated, (SELECT COUNT(*) FROM turns t WHERE "
            "t.conversation_id = c.id) FROM conversations c WHERE instr(lower(c.title), lower(?)) > 0 "
            "ORDER BY c.updated DESC, c.rowid DESC LIMIT ?", (query or "", limit))
        return [dict(zip(("id", "title", "created", "updated", "turns"), row, strict=True)) for row in rows]

    def summary(self, conversation_id: str) -> dict[str, Any]:
        """One conversation without its turns.

        Raises:
            ConversationNotFoundError: If there is none with this id.
        """
        rows = self._run("SELECT id, title, created, updated, (SELECT COUNT(*) FROM turns WHERE "
                         "conversation_id = ?) FROM conversations WHERE id = ?", (conversation_id, conversation_id))
        if not rows:
            raise ConversationNotFoundError(f"未找到该对话 / unknown conversation: {conversation_id}")
        return dict(zip(("id", "title", "created", "updated", "turns"), rows[0], strict=True))

    def get(self, conversation_id: str) -> dict[str, Any]:
        """A conversation with its turns ``[{"question", "answer_id", "answer": Answer.to_dict(), "created"}]``."""
        found = self.summary(conversation_id)
        rows = self._run("SELECT question, answer_id, answer_json, created FROM turns WHERE conversation_id = ? "
                         "ORDER BY position", (conversation_id,))
        found["turns"] = [{"question": q, "answer_id": a, "answer": json.loads(j), "created": c}
                          for q, a, j, c in rows]
        return found

    def history(self, conversation_id: str, turns: int = HISTORY_TURNS) -> list[dict[str, Any]]:
        """The latest ``turns`` turns, oldest first, in the shape ``Assistant.ask(history=…)`` takes."""
        self.summary(conversation_id)
        rows = self._run("SELECT answer_json FROM turns WHERE conversation_id = ? ORDER BY position DESC LIMIT ?",
                         (conversation_id, turns))
        return history_turns(payload for (payload,) in reversed(rows))

    def add_turn(self, conversation_id: str, answer: Answer, answer_id: str | None) -> None:
        """Append an answered question to a conversation (and mark it continued now).

        Raises:
            ConversationNotFoundError: If there is none with this id.
        """
        self.summary(conversation_id)
        now, payload = _now(), json.dumps(answer.to_dict(), ensure_ascii=False)
        try:
            with self._lock, self._db:
                position = self._db.execute("SELECT COALESCE(MAX(position), -1) + 1 FROM turns WHERE "
                                            "conversation_id = ?", (conversation_id,)).fetchone()[0]
                self._db.execute("INSERT INTO turns (conversation_id, position, answer_id, question, answer_json, "
                                 "created) VALUES (?, ?, ?, ?, ?, ?)",
                                 (conversation_id, position, answer_id, answer.question, payload, now))
                self._db.execute("UPDATE conversations SET updated = ? WHERE id = ?", (now, conversation_id))
        except sqlite3.Error as exc:
            raise self._wrap(exc) from exc

    def rename(self, conversation_id: str, title: str) -> dict[str, Any]:
        """Give a conversation a new title; returns its summary."""
        title = clean_title(title)
        self.summary(conversation_id)
        self._run("UPDATE conversations SET title = ? WHERE id = ?", (title, conversation_id), many=False)
        return self.summary(conversation_id)

    def delete(self, conversation_id: str | None = None) -> int:
        """Delete one conversation (or all when None) with its turns; returns how many were deleted.

        Raises:
            ConversationNotFoundError: If ``conversation_id`` is given and unknown.
        """
        if conversation_id is not None:
            self.summary(conversation_id)
        where, params = ("WHERE id = ?", (conversation_id,)) if conversation_id else ("", ())
        turn_where = "WHERE conversation_id = ?" if conversation_id else ""
        try:
            with self._lock, self._db:
                self._db.execute(f"DELETE FROM turns {turn_where}", params)
                return self._db.execute(f"DELETE FROM conversations {where}", params).rowcount
        except sqlite3.Error as exc:
            raise self._wrap(exc) from exc

    def prune(self, cutoff: str, max_rows: int) -> int:
        """Delete conversations last continued before ``cutoff`` (ISO time), then the least recently
        continued over ``max_rows``; returns how many were deleted. The caller holds no lock."""
        with self._lock, self._db:
            stale = [r[0] for r in self._db.execute(
                "SELECT id FROM conversations WHERE updated < ? UNION SELECT id FROM (SELECT id FROM "
                "conversations ORDER BY updated DESC, rowid DESC LIMIT -1 OFFSET ?)", (cutoff, max_rows))]
            for conversation_id in stale:
                self._db.execute("DELETE FROM turns WHERE conversation_id = ?", (conversation_id,))
                self._db.execute("DELETE FROM conversations WHERE id = ?", (conversation_id,))
        return len(stale)

    def counts(self) -> dict[str, int]:
        """Number of stored conversations and turns."""
        conversations = self._run("SELECT COUNT(*) FROM conversations")[0][0]
        return {"conversations": conversations, "turns": self._run("SELECT COUNT(*) FROM turns")[0][0]}


def history_turns(payloads: Iterable[str]) -> list[dict[str, Any]]:
    """Stored answers (``Answer.to_dict()`` as JSON, oldest first) as the turns ``Assistant.ask(history=…)``
    takes: ``{"question", "answer", "resolved_question", "citations": [{"doc_id", "path", …}]}``."""
    out = []
    for payload in payloads:
        answer = json.loads(payload)
        cited = [{k: c.get(k) or "" for k in _CITATION_KEYS} for c in answer.get("citations", [])]
        out.append({"question": answer["question"], "answer": answer.get("answer", ""),
                    "resolved_question": answer.get("resolved_question") or "", "citations": cited})
    return out
