"""The job queue (one worker, submission order, bounded history) and the checks of an upload's name."""

from __future__ import annotations

import hashlib
import threading
import time
from types import SimpleNamespace

import pytest

from assistant.errors import DocumentTooLargeError, DuplicateDocumentError, InvalidDocumentNameError, LastDocumentError
from assistant.ingest.formats import UnsupportedTypeError
from assistant.interfaces.http.uploads import check_name, check_new
from assistant.jobs import JobNotFoundError, JobQueue, JobQueueFullError


def wait_finished(queue: JobQueue, job_id: str, timeout: float = 10) -> dict:
    deadline = time.monotonic() + timeout
    while (job := queue.get(job_id)).state in ("queued", "running"):
        assert time.monotonic() < deadline, job
        time.sleep(0.01)
    return job.to_dict()


def test_jobs_run_one_at_a_time_in_order_with_progress_and_results() -> None:
    queue, running, seen, lock = JobQueue(), [], [], threading.Lock()

    def work(n: int):
        def run(progress) -> dict:
            with lock:
                running.append(n)
                assert len(running) == 1, running  # never two at once
            progress(0.5, "一半")
            time.sleep(0.02)
            with lock:
                running.remove(n)
                seen.append(n)
            return {"n": n}
        return run

    ids = [queue.submit("upload", f"f{n}.txt", work(n)).id for n in range(5)]
    results = [wait_finished(queue, i) for i in ids]
    assert seen == list(range(5))
    assert [(r["state"], r["progress"], r["result"]) for r in results] == [("done", 1.0, {"n": n}) for n in range(5)]
    assert all(r["started"] >= r["created"] and r["finished"] >= r["started"] for r in results)
    assert [j.id for j in queue.recent()] == ids[::-1]


def test_a_failing_job_reports_our_error_or_a_generic_one_and_the_worker_goes_on() -> None:
    queue = JobQueue()

    def ours(_):
        raise LastDocumentError("不能移除最后一个文档")

    def bug(_):
        raise KeyError("secret detail")

    failed = wait_finished(queue, queue.submit("upload", "a.txt", ours).id)
    crashed = wait_finished(queue, queue.submit("upload", "b.txt", bug).id)
    fine = wait_finished(queue, queue.submit("upload", "c.txt", lambda _: {"ok": True}).id)
    assert failed["state"] == "failed" and failed["error"] == {"code": "LastDocumentError",
                                                               "message": "不能移除最后一个文档"}
    assert crashed["error"]["code"] == "internal_error" and "secret" not in crashed["error"]["message"]
    assert fine["state"] == "done"


def test_waiting_jobs_are_bounded_and_finished_ones_forgotten_oldest_first() -> None:
    gate = threading.Event()
    queue = JobQueue(history=2, max_pending=2)
    first = queue.submit("upload", "0", lambda _: gate.wait(5) and {}).id
    while queue.get(first).state != "running":
        time.sleep(0.01)
    queue.submit("upload", "1", lambda _: {})
    last = queue.submit("upload", "2", lambda _: {}).id
    with pytest.raises(JobQueueFullError):
        queue.submit("upload", "3", lambda _: {})
    gate.set()
    wait_finished(queue, last)
    newest = queue.submit("upload", "4", lambda _: {}).id
    wait_finished(queue, newest)
    with pytest.raises(JobNotFoundError):
        queue.get(first)
    assert [j.label for j in queue.recent()] == ["4", "2"]


@pytest.mark.parametrize("name", ["a\x00.txt", "a\x07b.md", "line\nbreak.md", "bidi\u202e.txt", "../x.txt",
                                  "dir/x.txt", "c:\\x.txt", "", "  ", "..", "长" * 67 + ".txt"])
def test_unsafe_names_are_refused_as_invalid(name: str) -> None:
    with pytest.raises(InvalidDocumentNameError):
        check_name(name)


@pytest.mark.parametrize("name", ["virus.exe", ".hidden.txt", "noext"])
def test_unsupported_types_are_refused(name: str) -> None:
    with pytest.raises(UnsupportedTypeError):
        check_name(name)


def test_a_name_of_200_bytes_is_kept_trimmed() -> None:
    name = "长" * 65 + ".txt"  # 195 + 4 bytes
    assert check_name(f"  {name} ") == name


def test_the_bytes_of_an_indexed_or_queued_document_are_a_duplicate() -> None:
    indexed = "第一条 已经索引的示例办法。".encode()
    library = SimpleNamespace(settings=SimpleNamespace(max_upload_bytes=1000), index=SimpleNamespace(
        manifest={"documents": [{"doc_id": "old", "sha256": hashlib.sha256(indexed).hexdigest()}]}))
    queue, gate = JobQueue(), threading.Event()
    with pytest.raises(DuplicateDocumentError, match="old"):
        check_new(library, queue, indexed)
    waiting = "第一条 正在排队的示例办法。".encode()
    queue.submit("upload", "busy.txt", lambda _: gate.wait(5) and {})
    queue.submit("upload", "w.txt", lambda _: {}, meta={"sha256": check_new(library, queue, waiting)})
    with pytest.raises(DuplicateDocumentError):
        check_new(library, queue, waiting)
    with pytest.raises(DocumentTooLargeError):
        check_new(library, queue, b"x" * 1001)
    gate.set()
    assert len(check_new(library, queue, "第一条 新的示例办法。".encode())) == 64
