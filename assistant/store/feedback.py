"""Feedback store: answers and their thumbs up/down in one SQLite file under ``Settings.data_dir``.

Stored conversations (:mod:`assistant.store.conversations`) share the file, its retention and cap.
Data at rest: the database file and its ``-wal``/``-shm`` companions are readable by their owner only
(0600). Unrated answers are kept for ``retention_days`` and at most ``max_rows`` answers are kept
(the oldest unrated go first); rated answers are kept regardless. Pruning runs when the store opens,
every ``PRUNE_EVERY`` stored answers, and on ``policyqa feedback prune``.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from assistant.errors import DocumentNotFoundError, PolicyQAError
from assistant.records import Answer
from assistant.store.conversations import Conversations

SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    id TEXT PRIMARY KEY,
    question TEXT NOT NULL,
    answer_json TEXT NOT NULL,
    created TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS feedback (
    answer_id TEXT PRIMARY KEY REFERENCES answers(id),
    rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
    comment TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS answers_created ON answers(created);
"""
DEFAULT_RETENTION_DAYS = 30.0
DEFAULT_MAX_ROWS = 100_000
PRUNE_EVERY = 1000
_UNRATED = "NOT EXISTS (SELECT 1 FROM feedback f WHERE f.answer_id = answers.id)"


class AnswerNotFoundError(DocumentNotFoundError):
    """Feedback names an answer id the store does not know."""


class FeedbackStoreError(PolicyQAError):
    """The feedback database cannot be opened or written."""


def _conversation_error(exc: Exception) -> FeedbackStoreError:
    return FeedbackStoreError(f"对话保存失败 / cannot use stored conversations: {exc}")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class PruneReport:
    """What a prune removed: unrated answers past the retention, and the oldest unrated over the cap;
    then how many answers and ratings remain."""

    expired: int
    over_cap: int
    answers: int
    ratings: int


class FeedbackStore:
    """Keeps every answer given (with a uuid4 id) and the latest rating of each.

    One connection per store, shared by threads under a lock; SQLite in WAL mode keeps the data
    across restarts and lets another process read while this one writes.
    """

    FILE_NAME = "feedback.sqlite3"

    def __init__(self, data_dir: Path, retention_days: float = DEFAULT_RETENTION_DAYS,
                 max_rows: int = DEFAULT_MAX_ROWS, prune_on_open: bool = True) -> None:
        """Open (or create) the store; ``retention_days`` for unrated answers, ``max_rows`` answers at most.

        Raises:
            FeedbackStoreError: If the database cannot be opened, created or pruned.
        """
        self.path = Path(data_dir) / self.FILE_NAME
        self.retention_days, self.max_rows = retention_days, max_rows
        self._lock = threading.Lock()
        self._since_prune = 0
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            # Owner-only from the start: SQLite gives the -wal and -shm files the database file's mode.
            # (Not os.umask, which is process-wide and would race with other threads creating files.)
            os.close(os.open(self.path, os.O_CREAT | os.O_RDWR, 0o600))
            self._restrict()
            self._db = sqlite3.connect(self.path, check_same_thread=False, timeout=10)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.executescript(SCHEMA)
            self.conversations = Conversations(self._db, self._lock, _conversation_error)
            self._restrict()
        except (OSError, sqlite3.Error) as exc:
            raise FeedbackStoreError(f"无法打开反馈数据库 / cannot open feedback store {self.path}: {exc}") from exc
        if prune_on_open:
            self.prune()

    @classmethod
    def from_settings(cls, settings) -> FeedbackStore:
        """The store of ``settings.data_dir`` with its retention and size cap."""
        return cls(settings.data_dir, settings.feedback_retention_days, settings.feedback_max_rows)

    def _restrict(self) -> None:
        """Make existing database files (made by an older version or another umask) 0600."""
        for path in (self.path, Path(f"{self.path}-wal"), Path(f"{self.path}-shm")):
            if path.exists():
                path.chmod(0o600)

    def prune(self, vacuum: bool = False) -> PruneReport:
        """Delete unrated answers older than the retention, then the oldest unrated over the cap.

        Args:
            vacuum: Also give the freed pages back to the file system (slower; for the CLI).

        Raises:
            FeedbackStoreError: If the database cannot be written.
        """
        cutoff = (datetime.now(UTC) - timedelta(days=self.retention_days)).isoformat(timespec="seconds")
        try:
            with self._lock, self._db:
                expired = self._db.execute(f"DELETE FROM answers WHERE created < ? AND {_UNRATED}",
                                           (cutoff,)).rowcount
                total = self._db.execute("SELECT COUNT(*) FROM answers").fetchone()[0]
                over_cap = self._db.execute(
                    f"DELETE FROM answers WHERE id IN (SELECT id FROM answers WHERE {_UNRATED} "
                    "ORDER BY created, rowid LIMIT ?)", (max(total - self.max_rows, 0),)).rowcount
            self.conversations.prune(cutoff, self.max_rows)  # same retention and cap
            if vacuum:
                with self._lock:
                    self._db.execute("VACUUM")
                    self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error as exc:
            raise FeedbackStoreError(f"反馈库清理失败 / cannot prune feedback: {exc}") from exc
        self._since_prune = 0
        return PruneReport(expired, over_cap, **self.counts())

    def _write(self, sql: str, params: tuple) -> None:
        try:
            with self._lock, self._db:
                self._db.execute(sql, params)
        except sqlite3.Error as exc:
            raise FeedbackStoreError(f"反馈保存失败 / cannot write feedback: {exc}") from exc

    def record_answer(self, answer: Answer) -> str:
        """Store an answer and return its new id (a uuid4 string)."""
        answer_id = str(uuid.uuid4())
        payload = json.dumps(answer.to_dict(), ensure_ascii=False)
        self._write("INSERT INTO answers (id, question, answer_json, created) VALUES (?, ?, ?, ?)",
                    (answer_id, answer.question, payload, _now()))
        self._since_prune += 1
        if self._since_prune >= PRUNE_EVERY:
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
        with self._lock:
            known = self._db.execute("SELECT 1 FROM answers WHERE id = ?", (answer_id,)).fetchone()
        if not known:
            raise AnswerNotFoundError(f"未找到该回答 / unknown answer id: {answer_id}")
        self._write("INSERT INTO feedback (answer_id, rating, comment, created) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT(answer_id) DO UPDATE SET rating = excluded.rating, "
                    "comment = excluded.comment, created = excluded.created",
                    (answer_id, rating, comment or "", _now()))

    def export(self) -> Iterator[dict]:
        """Rated answers as gold-set candidates, oldest rating first (see :func:`gold_candidate`)."""
        with self._lock:
            rows = self._db.execute(
                "SELECT a.id, a.question, a.answer_json, f.rating, f.comment, f.created "
                "FROM feedback f JOIN answers a ON a.id = f.answer_id ORDER BY f.created, a.id").fetchall()
        for answer_id, question, answer_json, rating, comment, created in rows:
            yield gold_candidate(answer_id, question, json.loads(answer_json), rating, comment, created)

    def counts(self) -> dict[str, int]:
        """Number of stored answers and ratings."""
        with self._lock:
            answers = self._db.execute("SELECT COUNT(*) FROM answers").fetchone()[0]
            ratings = self._db.execute("SELECT COUNT(*) FROM feedback").fetchone()[0]
        return {"answers": answers, "ratings": ratings}

    def close(self) -> None:
        """Close the database connection."""
        with self._lock:
            self._db.close()


def gold_candidate(answer_id: str, question: str, answer: dict, rating: str, comment: str,
                   created: str) -> dict:
    """One line of the export, in the gold-set schema of ``eval/gold.jsonl`` plus review fields.

    An up-vote accepts the answer: ``tasks`` are the numbers of the citations it quotes (see
    :func:`quoted_citations`; the other related sections are not accepted) and ``type`` is ``oos`` for an
    accepted refusal, else ``feedback``. A down-vote says the answer is wrong but not what is right:
    ``tasks`` is empty and ``type`` is ``review``, for a maintainer to fill in. ``facts`` is always
    empty (the facts a correct answer must contain are for the maintainer to choose). ``question`` is
    the standalone question a follow-up was understood as (``asked``: what the user typed).
    """
    tasks: list[int] = []
    if rating == "up":
        for citation in quoted_citations(answer):
            number = citation.get("number")
            if number is not None and number not in tasks:
                tasks.append(number)
        kind = "oos" if answer.get("refused") else "feedback"
    else:
        kind = "review"
    # A follow-up ("那第十八项呢？") is no gold question alone: the question it was understood as is.
    standalone = answer.get("resolved_question") or question
    return {"id": answer_id, "question": standalone, "asked": question, "tasks": tasks, "facts": [],
            "type": kind, "rating": rating, "comment": comment, "answer": answer, "rated": created}


def quoted_citations(answer: dict) -> list[dict]:
    """The citations an answer (``Answer.to_dict()``) quotes: all of a generative answer, else those
    whose label its text names (the first one when it names none), as the chat shows them."""
    cited = list(answer.get("citations", []))
    if answer.get("mode") == "generative":
        return cited
    text = answer.get("answer", "")
    return [c for c in cited if c.get("label") and c["label"] in text] or cited[:1]
