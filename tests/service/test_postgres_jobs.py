"""Ingest jobs on a real PostgreSQL: row-locked claims, take-over after a worker dies, nothing embedded twice."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import numpy as np
import pytest
from support.pg import fresh_database

from assistant.ingest import database, db_jobs
from assistant.settings import Settings
from assistant.store.embedders import Embedder
from assistant.store.postgres import jobs

TOPICS = ["数据共享", "网络安全", "政务服务", "数字乡村", "智慧交通", "城市治理", "公共信用", "电子证照"]


def long_regulation(articles: int = 120) -> str:
    """A regulation long enough that its texts take more than one embedding batch (256 texts)."""
    lines = ["青岛市数字政府建设管理办法（示例）"]
    for n in range(1, articles + 1):
        topic = TOPICS[n % len(TOPICS)]
        lines.append(f"第{n}条 各部门应当加强{topic}工作的统筹，第{n}项措施由市大数据局会同有关部门组织实施。"
                     f"相关单位应当在{n % 12 + 1}个月内报送{topic}进展情况。")
    return "\n".join(lines) + "\n"


class Killed(BaseException):
    """Stands for SIGKILL: not an Exception, so the worker does not get to mark its job failed."""


class Counting(Embedder):
    """Wraps the real e5 and counts the passages it embeds; can 'die' after some batches."""

    def __init__(self, inner: Embedder, die_after_batches: int | None = None) -> None:
        self.inner, self.name, self.dim = inner, inner.name, inner.dim
        self.texts: list[str] = []
        self.die_after = die_after_batches

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if self.die_after is not None and len(self.texts) >= self.die_after * 256:
            raise Killed
        self.texts += texts
        return self.inner.embed_passages(texts)

    def _embed_query_uncached(self, text: str) -> np.ndarray:
        return self.inner.embed_query_vector(text)


@pytest.fixture
def db():
    yield from fresh_database()


def test_claims_skip_locked_rows(db: str, tmp_path: Path) -> None:
    store = database.store_for(Settings(database_url=db, data_dir=tmp_path))
    ids = [jobs.enqueue(store.pool, f"doc{i}.txt", b"x") for i in range(2)]
    claimed: list = []
    barrier = threading.Barrier(3)

    def take(name: str) -> None:
        barrier.wait()
        claimed.append(jobs.claim(store.pool, name))

    threads = [threading.Thread(target=take, args=(f"w{i}",)) for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    got = sorted(j.id for j in claimed if j is not None)
    assert got == ids  # each job to one worker, the third worker gets none
    assert jobs.claim(store.pool, "late") is None  # running jobs with a fresh heartbeat stay taken


def test_a_dead_workers_job_is_taken_over_and_nothing_is_embedded_twice(db: str, tmp_path: Path, e5) -> None:
    settings = Settings(database_url=db, data_dir=tmp_path, corpus_dir=tmp_path / "corpus")
    store = database.store_for(settings)
    text = long_regulation()
    job_id = jobs.enqueue(store.pool, "digital-government.txt", text.encode("utf-8"))
    dying = Counting(e5, die_after_batches=1)
    job = jobs.claim(store.pool, "worker-a", job_id=job_id)
    with pytest.raises(Killed):
        db_jobs.run_job(store, dying, settings, job, "worker-a")
    assert len(dying.texts) == 256
    assert not store.exists()  # nothing half-written is visible
    assert jobs.status(store.pool, job_id)["state"] == "running"
    assert jobs.claim(store.pool, "worker-b", stale_after=30) is None  # heartbeat still fresh
    time.sleep(1.5)
    second = Counting(e5)
    assert db_jobs.run_pending(settings, second, stale_after=1.0) == ["digital-government"]
    state = jobs.status(store.pool, job_id)
    assert state["state"] == "done" and state["attempts"] == 2 and state["claimed_by"] != "worker-a"
    assert state["embedded"] == len(dying.texts) + len(second.texts)
    assert not set(dying.texts) & set(second.texts)  # the vectors of the first batch were re-read
    index = store.load()
    n_texts = len(index.chunks) + len(index.sentences)
    # each of the document's texts (chunk passages and sentences; equal wordings may recur) at most once
    assert len(dying.texts) + len(second.texts) <= n_texts
    assert [d["doc_id"] for d in index.manifest["documents"]] == ["digital-government"]


def test_a_job_that_cannot_be_read_fails_with_its_reason(db: str, tmp_path: Path, e5) -> None:
    settings = Settings(database_url=db, data_dir=tmp_path)
    store = database.store_for(settings)
    job_id = jobs.enqueue(store.pool, "broken.pdf", b"not a pdf at all")
    assert db_jobs.run_pending(settings, Counting(e5)) == []
    state = jobs.status(store.pool, job_id)
    assert state["state"] == "failed" and state["error"]


def test_an_upload_whose_name_gives_a_stored_documents_id_gets_its_own_id(db: str, tmp_path: Path, e5) -> None:
    settings = Settings(database_url=db, data_dir=tmp_path)
    store = database.store_for(settings)
    first = "清河市停车管理办法\n第一条 为了规范停车秩序，制定本办法。\n第二条 停车场应当公示收费标准。\n"
    second = "清河市养犬管理规定\n第一条 为了规范养犬行为，制定本规定。\n第二条 养犬人应当为犬只办理登记。\n"
    jobs.enqueue(store.pool, "通知.md", first.encode())
    jobs.enqueue(store.pool, "通知.txt", second.encode())  # same stem, other file, other content
    done = db_jobs.run_pending(settings, e5)
    assert len(done) == 2 and len(set(done)) == 2 and "通知" in done
    stored = {d["doc_id"]: d["title"] for d in store.documents()}
    assert set(stored) == set(done)
    assert sorted(stored.values()) == ["清河市停车管理办法", "清河市养犬管理规定"]
