"""Feedback data at rest, on real SQLite: owner-only files, retention, size cap, ``policyqa feedback prune``."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from support.servers import ROOT

from assistant.records import Answer
from assistant.store.feedback import FeedbackStore


def _answer(question: str) -> Answer:
    return Answer(question=question, answer="县财政每年安排养护资金不少于300万元。", refused=False, citations=())


def _age(store: FeedbackStore, answer_id: str, days: float) -> None:
    """Backdate an answer by ``days`` (as if it had been stored then)."""
    created = (datetime.now(UTC) - timedelta(days=days)).isoformat(timespec="seconds")
    with sqlite3.connect(store.path) as db:
        db.execute("UPDATE answers SET created = ? WHERE id = ?", (created, answer_id))


def _ids(path: Path) -> set[str]:
    with sqlite3.connect(path) as db:
        return {row[0] for row in db.execute("SELECT id FROM answers")}


@contextmanager
def _umask(mask: int) -> Iterator[None]:
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_database_and_its_journal_are_owner_only(tmp_path: Path) -> None:
    with _umask(0o022):
        store = FeedbackStore(tmp_path)
        store.add_feedback(store.record_answer(_answer("养护资金多少？")), "up")
        files = [store.path, Path(f"{store.path}-wal"), Path(f"{store.path}-shm")]
        assert all(p.exists() for p in files)
        assert [_mode(p) for p in files] == [0o600] * 3
        (tmp_path / "new.txt").write_text("x")
        assert _mode(tmp_path / "new.txt") == 0o644  # the process umask is restored
        store.close()


def test_files_left_readable_by_an_older_version_are_restricted(tmp_path: Path) -> None:
    path = tmp_path / FeedbackStore.FILE_NAME
    older = sqlite3.connect(path)  # stays open, so its -wal and -shm files stay too
    older.execute("PRAGMA journal_mode=WAL")
    older.execute("CREATE TABLE t (x)")
    older.commit()
    files = [path, Path(f"{path}-wal"), Path(f"{path}-shm")]
    for file in files:
        file.chmod(0o644)
    store = FeedbackStore(tmp_path)
    assert [_mode(p) for p in files] == [0o600] * 3
    store.close()
    older.close()


def test_unrated_answers_expire_and_rated_ones_are_kept(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path, retention_days=30)
    old, old_rated, recent = (store.record_answer(_answer(q)) for q in ("旧问题", "旧的已评价问题", "新问题"))
    store.add_feedback(old_rated, "down", "引用有误")
    _age(store, old, 31)
    _age(store, old_rated, 400)
    _age(store, recent, 29)
    report = store.prune()
    assert (report.expired, report.over_cap, report.answers, report.ratings) == (1, 0, 2, 1)
    assert _ids(store.path) == {old_rated, recent}
    assert [row["id"] for row in store.export()] == [old_rated]
    store.close()


def test_the_size_cap_removes_the_oldest_unrated_first(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path, max_rows=3)
    ids = [store.record_answer(_answer(f"问题{i}")) for i in range(5)]
    for age, answer_id in zip((5, 4, 3, 2, 1), ids, strict=True):
        _age(store, answer_id, age)
    store.add_feedback(ids[0], "up")  # the oldest, but rated
    report = store.prune()
    assert (report.expired, report.over_cap, report.answers) == (0, 2, 3)
    assert _ids(store.path) == {ids[0], ids[3], ids[4]}
    store.close()


def test_opening_the_store_prunes(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path)
    stale = store.record_answer(_answer("过期问题"))
    _age(store, stale, 60)
    store.close()
    reopened = FeedbackStore(tmp_path, retention_days=30)
    assert reopened.counts() == {"answers": 0, "ratings": 0}
    reopened.close()


@pytest.mark.parametrize("retention", ["7", "0"])
def test_the_cli_prunes_and_says_what_it_removed(tmp_path: Path, retention: str) -> None:
    store = FeedbackStore(tmp_path)
    ids = [store.record_answer(_answer(q)) for q in ("十天前", "昨天", "已评价")]
    _age(store, ids[0], 10)
    _age(store, ids[1], 1)
    _age(store, ids[2], 10)
    store.add_feedback(ids[2], "up")
    store.close()
    env = {**os.environ, "POLICYQA_DATA_DIR": str(tmp_path), "POLICYQA_FEEDBACK_RETENTION_DAYS": retention,
           "POLICYQA_INDEX_DIR": str(tmp_path / "no-index")}
    done = subprocess.run([sys.executable, "-m", "assistant", "feedback", "prune"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    removed = 1 if retention == "7" else 2
    assert f"删除 {removed} 条超过 {retention} 天" in done.stdout and f"现有 {3 - removed} 条回答" in done.stdout
    kept = _ids(tmp_path / FeedbackStore.FILE_NAME)
    assert ids[2] in kept and len(kept) == 3 - removed
