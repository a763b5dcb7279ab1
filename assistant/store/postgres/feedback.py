"""Answers, ratings and stored conversations in PostgreSQL, shared by every replica.

The interface, errors, retention and cap of :class:`assistant.store.feedback.FeedbackStore` (see its
docstring): an answer given by one replica can be rated through another, and every replica exports
the same ratings. Pruning runs when the store opens, every ``PRUNE_EVERY`` answers a replica stores,
and on ``policyqa feedback prune``; ``vacuum`` is left to PostgreSQL's autovacuum. Data at rest is
the database's to protect (roles, ``pg_hba.conf``, disk encryption; see README "Deploying").
"""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

from assistant.records import Answer
from assistant.store.feedback import (
    DEFAULT_MAX_ROWS,
    DEFAULT_RETENTION_DAYS,
    PRUNE_EVERY,
    AnswerNotFoundError,
    FeedbackStoreError,
    PruneReport,
    gold_candidate,
)
from assistant.store.postgres.conversations import PostgresConversations, iso
from assistant.store.postgres.db import CONNECT_TIMEOUT_S

_UNRATED = "NOT EXISTS (SELECT 1 FROM feedback f WHERE f.answer_id = answers.id)"


def _wrap(exc: Exception) -> FeedbackStoreError:
    return FeedbackStoreError(f"反馈库不可用 / cannot use the feedback tables: {exc}")


class PostgresFeedbackStore:
    """Every answer given (uuid4 ids) and the latest rating of each, in the ``answers`` and ``feedback`` tables.

    Attributes:
        path: The redacted database URL (where the CLI says the store is).
        conversations: The stored conversations (:class:`PostgresConversations`).
    """

    def __init__(self, pool, label: str, retention_days: float = DEFAULT_RETENTION_DAYS,
                 max_rows: int = DEFAULT_MAX_ROWS, prune_on_open: bool = True) -> None:
        """Use the tables of ``pool``'s database (migrated when the pool was opened).

        Raises:
            FeedbackStoreError: If pruning on open fails.
        """
        self.pool, self.path = pool, label
        self.retention_days, self.max_rows = retention_days, max_rows
        self.conversations = PostgresConversations(pool, _wrap)
        self._since_prune, self._lock = 0, threading.Lock()
        if prune_on_open:
            self.prune()

    @classmethod
    def from_settings(cls, settings, store) -> PostgresFeedbackStore:
        """The store of a ``PostgresStore`` with the retention and size cap of ``settings``."""
        return cls(store.pool, store.label, settings.feedback_retention_days, settings.feedback_max_rows)

    def _run(self, sql: str, params: tuple = ()) -> list[tuple] | int:
        import psycopg

        try:
            with self.pool.connection(timeout=CONNECT_TIMEOUT_S) as conn:
                cursor = conn.execute(sql, params)
                return cursor.fetchall() if cursor.description else cursor.rowcount
        except psycopg.Error as exc:
            raise _wrap(exc) from exc

    def prune(self, vacuum: bool = False) -> PruneReport:
        """Delete unrated answers older than the retention, then the oldest unrated over the cap, and
        conversations by the same rules (``vacuum`` is ignored: autovacuum reclaims the space).

        Raises:
            FeedbackStoreError: If the database cannot be written.
        """
        cutoff = (datetime.now(UTC) - timedelta(days=self.retention_days)).isoformat(timespec="seconds")
        expired = self._run(f"DELETE FROM answers WHERE created < %s::timestamptz AND {_UNRATED}", (cutoff,))
        total = self._run("SELECT count(*) FROM answers")[0][0]
        over_cap = self._run(f"DELETE FROM answers WHERE id IN (SELECT id FROM answers WHERE {_UNRATED} "
                             "ORDER BY created, seq LIMIT %s)", (max(total - self.max_rows, 0),))
        self.conversations.prune(cutoff, self.max_rows)
        self._since_prune = 0
        return PruneReport(expired, over_cap, **self.counts())

    def record_answer(self, answer: Answer) -> str:
        """Store an answer and return its new id (a uuid4 string)."""
        answer_id = str(uuid.uuid4())
        self._run("INSERT INTO answers (id, question, answer_json) VALUES (%s, %s, %s)",
                  (answer_id, answer.question, json.dumps(answer.to_dict(), ensure_ascii=False)))
        with self._lock:
            self._since_prune += 1
            due = self._since_prune >= PRUNE_EVERY
        if due:
            self.prune()
        return answer_id

    def add_feedback(self, answer_id: str, rating: str, comment: str = "") -> None:
        """Rate an answer; a later rating of the same answer replaces the earlier one.

        Raises:
            AnswerNotFoundError: If no answer has this id.
            ValueError: If rating is not "up" or "down".
        """
        if rating not in ("up", "down"):
            raise ValueError("rating must be 'up' or 'down'")
        stored = self._run("INSERT INTO feedback (answer_id, rating, comment) SELECT id, %s, %s FROM answers "
                           "WHERE id = %s ON CONFLICT (answer_id) DO UPDATE SET rating = excluded.rating, "
                           "comment = excluded.comment, created = now()", (rating, comment or "", answer_id))
        if not stored:
            raise AnswerNotFoundError(f"未找到该回答 / unknown answer id: {answer_id}")

    def export(self) -> Iterator[dict]:
        """Rated answers as gold-set candidates, oldest rating first (see ``gold_candidate``)."""
        rows = self._run("SELECT a.id, a.question, a.answer_json, f.rating, f.comment, f.created "
                         "FROM feedback f JOIN answers a ON a.id = f.answer_id ORDER BY f.created, a.id")
        for answer_id, question, answer_json, rating, comment, created in rows:
            yield gold_candidate(answer_id, question, json.loads(answer_json), rating, comment,
                                 iso(created, "seconds"))

    def counts(self) -> dict[str, int]:
        """Number of stored answers and ratings."""
        return {"answers": self._run("SELECT count(*) FROM answers")[0][0],
                "ratings": self._run("SELECT count(*) FROM feedback")[0][0]}

    def close(self) -> None:
        """Nothing to close: the connection pool belongs to the ``PostgresStore``."""
