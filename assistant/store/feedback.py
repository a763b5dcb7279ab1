"""Feedback store: answers and their thumbs up/down in one SQLite file under ``Settings.data_dir``."""

from __future__ import annotations

import json
import sqlite3
import threading
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from assistant.errors import DocumentNotFoundError, PolicyQAError
from assistant.records import Answer

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
"""


class AnswerNotFoundError(DocumentNotFoundError):
    """Feedback names an answer id the store does not know."""


class FeedbackStoreError(PolicyQAError):
    """The feedback database cannot be opened or written."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class FeedbackStore:
    """Keeps every answer given (with a uuid4 id) and the latest rating of each.

    One connection per store, shared by threads under a lock; SQLite in WAL mode keeps the data
    across restarts and lets another process read while this one writes.
    """

    FILE_NAME = "feedback.sqlite3"

    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / self.FILE_NAME
        self._lock = threading.Lock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, check_same_thread=False, timeout=10)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.executescript(SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            raise FeedbackStoreError(f"无法打开反馈数据库 / cannot open feedback store {self.path}: {exc}") from exc

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

    An up-vote accepts the answer: ``tasks`` are the cited task numbers and ``type`` is ``oos`` for an
    accepted refusal, else ``feedback``. A down-vote says the answer is wrong but not what is right:
    ``tasks`` is empty and ``type`` is ``review``, for a maintainer to fill in. ``facts`` is always
    empty (the facts a correct answer must contain are for the maintainer to choose).
    """
    tasks: list[int] = []
    if rating == "up":
        for citation in answer.get("citations", []):
            number = citation.get("number")
            if number is not None and number not in tasks:
                tasks.append(number)
        kind = "oos" if answer.get("refused") else "feedback"
    else:
        kind = "review"
    return {"id": answer_id, "question": question, "tasks": tasks, "facts": [], "type": kind,
            "rating": rating, "comment": comment, "answer": answer, "rated": created}
