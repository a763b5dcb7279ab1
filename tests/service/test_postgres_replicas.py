"""Two `policyqa serve` replicas on one PostgreSQL: uploads and deletions reach both, under load, no 5xx."""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import signal
import threading
import time
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest
from support.docfixtures import NOTICE_MD, REGULATION
from support.pg import fresh_database
from support.servers import running_server
from test_postgres_jobs import long_regulation
from test_postgres_store import PLAN

from assistant.service import Assistant
from assistant.settings import Settings

psycopg = pytest.importorskip("psycopg", reason="the pg extra is not installed: pip install -e '.[pg]'")

QUESTIONS = ["公共数据安全风险评估多久开展一次？", "群众反馈的问题数据多长时间内核实更正？", "第七条",
             "公共数据开放应当遵循什么原则？", "今天天气怎么样？", "社区码什么时候覆盖全部街道？"]


@pytest.fixture
def db():
    yield from fresh_database()


def _library(tmp_path: Path, db: str, e5) -> SimpleNamespace:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "data-security.txt").write_text(REGULATION, encoding="utf-8")
    (corpus / "data-quality.md").write_text(NOTICE_MD, encoding="utf-8")
    settings = Settings(corpus_dir=corpus, index_dir=tmp_path / "no-index", database_url=db)
    Assistant(settings, embedder=e5).ingest(progress=False)
    return SimpleNamespace(settings=settings)


def _cites(base: str, question: str, doc_id: str) -> bool:
    answer = httpx.post(f"{base}/ask", json={"question": question}, timeout=30).json()
    return any(c["doc_id"] == doc_id for c in answer["citations"])


def _uploaded(base: str, files: dict, timeout: float = 120) -> dict:
    """Upload through ``base`` (202 and a job) and wait for the job; returns its result."""
    accepted = httpx.post(f"{base}/documents", files=files, timeout=60)
    assert accepted.status_code == 202, accepted.text
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = httpx.get(f"{base}/jobs/{accepted.json()['job_id']}", timeout=30).json()
        assert job["state"] != "failed", job
        if job["state"] == "done":
            return job["result"]
        time.sleep(0.2)
    raise AssertionError(f"upload job not done within {timeout} s")


def _within(seconds: float, check) -> float:
    """Seconds until ``check()`` holds; fails after ``seconds``."""
    started = time.monotonic()
    while not check():
        assert time.monotonic() - started < seconds, f"not within {seconds} s"
        time.sleep(0.2)
    return time.monotonic() - started


def _load(bases: list[str], total: int, clients: int, statuses: Counter, stop: threading.Event) -> list:
    """At least ``total`` asks spread over ``bases`` by ``clients`` threads, going on until ``stop`` is set
    (so the load covers every write however long it takes); returns the threads (started)."""
    counter = itertools.count()
    lock = threading.Lock()

    def client(number: int) -> None:
        with httpx.Client(timeout=60) as http:
            while True:
                with lock:
                    i = next(counter)
                if i >= total and stop.is_set():
                    return
                base = bases[(i + number) % len(bases)]
                try:
                    code = http.post(f"{base}/ask", json={"question": QUESTIONS[i % len(QUESTIONS)]}).status_code
                except httpx.TransportError as exc:
                    code = f"transport:{type(exc).__name__}"
                with lock:
                    statuses[code] += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    return threads


@pytest.mark.slow
def test_two_replicas_share_uploads_and_deletions_under_load(tmp_path: Path, db: str, e5) -> None:
    library = _library(tmp_path, db, e5)
    env = {"POLICYQA_DATABASE_URL": db, "POLICYQA_ASK_RATE_PER_MINUTE": "0"}  # one test client asks fast
    with running_server(library, tmp_path / "a", env=env) as a, running_server(library, tmp_path / "b", env=env) as b:
        statuses: Counter = Counter()
        stop = threading.Event()
        started = time.monotonic()
        threads = _load([a, b], 2000, 8, statuses, stop)
        try:
            question = "社区码什么时候覆盖全部街道？"
            assert not _cites(b, question, "smart-community")
            asked_before = sum(statuses.values())
            files = {"file": ("smart-community.txt", PLAN.encode("utf-8"), "text/plain")}
            assert _uploaded(a, files)["doc_id"] == "smart-community"
            seen_after = _within(5, lambda: _cites(b, question, "smart-community"))
            assert httpx.delete(f"{b}/documents/smart-community", timeout=60).status_code == 200
            gone_after = max(_within(5, lambda base=base: "smart-community" not in
                                     {d["doc_id"] for d in httpx.get(f"{base}/documents").json()})
                             for base in (a, b))
            assert not _cites(a, question, "smart-community")
            asked_during = sum(statuses.values()) - asked_before
            assert all(t.is_alive() for t in threads) and asked_during > 0  # the writes happened under load
        finally:
            stop.set()
            for t in threads:
                t.join(timeout=600)
        elapsed = time.monotonic() - started
    total = sum(statuses.values())
    print(f"\nupload seen by the other replica after {seen_after:.1f} s, deletion after {gone_after:.1f} s; "
          f"{total} asks in {elapsed:.1f} s ({asked_during} during the upload and deletion): {dict(statuses)}")
    assert total >= 2000
    assert statuses[200] == total, statuses


@pytest.mark.slow
def test_a_replica_killed_during_an_upload_leaves_the_job_to_the_other(tmp_path: Path, db: str, e5) -> None:
    library = _library(tmp_path, db, e5)
    env = {"POLICYQA_DATABASE_URL": db, "POLICYQA_ASK_RATE_PER_MINUTE": "0"}  # one test client asks fast
    text = long_regulation(100)  # ~300 texts: one batch of 256 is cached before the kill
    with running_server(library, tmp_path / "b", env=env) as b, psycopg.connect(db, autocommit=True) as conn:
        with running_server(library, tmp_path / "a", env=env) as a:
            pid = _pid_of(tmp_path / "a")
            files = {"file": ("digital-government.txt", text.encode("utf-8"), "text/plain")}
            upload = threading.Thread(target=_post_quietly, args=(f"{a}/documents", files))
            upload.start()
            _within(120, lambda: conn.execute("SELECT coalesce(max(embedded), 0) FROM ingest_jobs").fetchone()[0] > 0)
            os.kill(pid, signal.SIGKILL)
            upload.join(timeout=30)
            before = conn.execute("SELECT embedded FROM ingest_jobs").fetchone()[0]
            docs = {r[0] for r in conn.execute("SELECT doc_id FROM documents")}
            assert "digital-government" not in docs  # nothing half-written
        # B's watch takes the job over once A's heartbeat is stale (15 s), and stores the document.
        _within(120, lambda: conn.execute("SELECT count(*) FROM ingest_jobs WHERE state = 'done'").fetchone()[0] == 1)
        attempts, claimed_by, embedded = conn.execute(
            "SELECT attempts, claimed_by, embedded FROM ingest_jobs").fetchone()
        chunks, sentences = (conn.execute(f"SELECT count(*) FROM {t} WHERE doc_id = 'digital-government'"
                                          ).fetchone()[0] for t in ("chunks", "sentences"))
        assert attempts == 2 and claimed_by.split(":")[1] != str(pid)
        # A batch is at most 256 texts (equal texts of the document are embedded once, so the first batch
        # may hold all of its distinct texts); each text is embedded at most once over both workers.
        assert 0 < before <= 256 and embedded <= chunks + sentences
        _within(5, lambda: _cites(b, "第50条由哪个部门组织实施？", "digital-government"))
    print(f"\ntexts embedded before the kill: {before}; by both workers: {embedded}; "
          f"texts of the document: {chunks + sentences}")


def _post_quietly(url: str, files: dict) -> None:
    with contextlib.suppress(httpx.TransportError):  # the replica is killed
        httpx.post(url, files=files, timeout=300)


def _pid_of(data_dir: Path) -> int:
    """The pid of the replica started with ``data_dir`` (its feedback store lives there)."""
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                environ = (entry / "environ").read_bytes()
            except OSError:
                continue
            if f"POLICYQA_DATA_DIR={data_dir}".encode() in environ and b"serve" in (entry / "cmdline").read_bytes():
                return int(entry.name)
    raise AssertionError(f"no replica with data dir {data_dir}")


@pytest.mark.slow
def test_replicas_share_upload_jobs_conversations_and_feedback(tmp_path: Path, db: str, e5) -> None:
    library = _library(tmp_path, db, e5)
    env = {"POLICYQA_DATABASE_URL": db}
    with running_server(library, tmp_path / "a", env=env) as a, running_server(library, tmp_path / "b", env=env) as b:
        files = {"file": ("smart-community.txt", PLAN.encode("utf-8"), "text/plain")}
        accepted = httpx.post(f"{a}/documents", files=files, timeout=60)
        assert accepted.status_code == 202, accepted.text
        job_id = accepted.json()["job_id"]
        seen = httpx.get(f"{b}/jobs/{job_id}", timeout=30)  # committed before the 202: B knows it at once
        assert seen.status_code == 200 and seen.json()["label"] == "smart-community.txt", seen.text
        assert seen.json()["state"] in ("queued", "running", "done")
        again = httpx.post(f"{b}/documents", files=files, timeout=60)
        assert again.status_code == 409 or seen.json()["state"] == "done", again.text  # same bytes, queued on A
        _within(120, lambda: httpx.get(f"{b}/jobs/{job_id}", timeout=30).json()["state"] == "done")
        result = httpx.get(f"{b}/jobs/{job_id}", timeout=30).json()["result"]
        assert result["doc_id"] == "smart-community" and result["sections"] > 0 and result["documents"] == 3
        assert job_id in [j["id"] for j in httpx.get(f"{a}/jobs", timeout=30).json()]
        assert httpx.get(f"{a}/jobs/999999999", timeout=30).status_code == 404
        assert httpx.get(f"{a}/jobs/not-a-number", timeout=30).status_code == 404

        first = httpx.post(f"{a}/ask", json={"question": "社区码什么时候覆盖全部街道？"}, timeout=60).json()
        conversation = first["conversation_id"]
        follow = httpx.post(f"{b}/ask", json={"question": "由哪个部门牵头？", "conversation_id": conversation},
                            timeout=60)
        assert follow.status_code == 200 and follow.json()["conversation_id"] == conversation, follow.text
        stored = httpx.get(f"{a}/conversations/{conversation}", timeout=30).json()
        assert [t["question"] for t in stored["turns"]] == ["社区码什么时候覆盖全部街道？", "由哪个部门牵头？"]
        rated = httpx.post(f"{b}/feedback", json={"id": first["id"], "rating": "up"}, timeout=30)
        assert rated.status_code == 200, rated.text
        exported = [json.loads(line) for line in httpx.get(f"{a}/feedback/export", timeout=30).text.splitlines()]
        assert [r["id"] for r in exported] == [first["id"]] and exported[0]["question"] == first["question"]
        unknown = httpx.post(f"{a}/ask", json={"question": "下一步？", "conversation_id": "no-such-id"}, timeout=30)
        assert unknown.status_code == 404
