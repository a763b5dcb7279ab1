"""Uploading and removing documents over HTTP, on a real server with its own corpus and index.

The rule: ``POST /documents`` checks what it can check at once (name, type, size, duplicate; a clear 4xx,
never a 500) and answers 202 with a job id; the file is read and indexed by the background job, which
``GET /jobs/{id}`` reports as done (with the document) or failed (with the reason), changing nothing then.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest
from support.docfixtures import PDF_LINES, REGULATION, write_pdf
from support.docwriters import write_many_pages, write_zip_bomb
from support.servers import running_server

PLAN_ID = "qingdao-bigdata-2025-work-plan"


def finished_job(base: str, sent: httpx.Response, headers: dict | None = None, timeout: float = 180) -> dict:
    """Poll the job a 202 answer names until it is done or failed."""
    assert sent.status_code == 202, sent.text
    url = f"{base}{sent.json()['status_url']}"
    assert sent.headers["location"] == sent.json()["status_url"]
    deadline = time.monotonic() + timeout
    while (job := httpx.get(url, headers=headers).json())["state"] in ("queued", "running"):
        assert time.monotonic() < deadline, job
        time.sleep(0.1)
    return job


def multipart(filename: bytes, content: bytes) -> tuple[bytes, dict]:
    """A multipart body with this exact file name (httpx would percent-escape control characters)."""
    body = (b'--pqbound\r\nContent-Disposition: form-data; name="file"; filename="' + filename + b'"\r\n'
            b"Content-Type: text/plain\r\n\r\n" + content + b"\r\n--pqbound--\r\n")
    return body, {"Content-Type": "multipart/form-data; boundary=pqbound"}


@pytest.fixture(scope="module")
def own_library(tmp_path_factory, assistant) -> SimpleNamespace:
    """A copy of the session index and corpus that these tests may change."""
    root = tmp_path_factory.mktemp("upload")
    shutil.copytree(assistant.settings.corpus_dir, root / "corpus")
    shutil.copytree(assistant.settings.index_dir, root / "index")
    return SimpleNamespace(settings=SimpleNamespace(corpus_dir=root / "corpus", index_dir=root / "index"),
                           data=root / "data")


def test_upload_ask_and_delete(own_library, tmp_path: Path) -> None:
    pdf = tmp_path / "city-brain.pdf"
    write_pdf(pdf, PDF_LINES, title="青岛市城市云脑运行管理办法（示例）")
    with running_server(own_library, own_library.data) as base:
        sent = httpx.post(f"{base}/documents", timeout=120,
                          files={"file": ("city-brain.pdf", pdf.read_bytes(), "application/pdf")})
        job = finished_job(base, sent)
        assert (job["state"], job["progress"], job["label"], job["error"]) == ("done", 1.0, "city-brain.pdf", None)
        body = job["result"]
        assert body["doc_id"] == "city-brain" and body["title"] == "青岛市城市云脑运行管理办法（示例）"
        assert body["embedded"] == ["city-brain"] and body["documents"] == 2 and body["sections"] == 3
        assert (own_library.settings.corpus_dir / "city-brain.pdf").is_file()
        again = httpx.post(f"{base}/documents", files={"file": ("copy.pdf", pdf.read_bytes())})
        assert again.status_code == 409 and "city-brain" in again.json()["error"]["message"]
        assert [j["id"] for j in httpx.get(f"{base}/jobs").json()] == [job["id"]]
        answer = httpx.post(f"{base}/ask", json={"question": "城市云脑事件处置响应时间要求"}, timeout=60).json()
        assert (answer["citations"][0]["doc_id"], answer["citations"][0]["path"]) == ("city-brain", "第三条")
        plan = httpx.post(f"{base}/ask", json={"question": "智能算力占比目标"}, timeout=60).json()
        assert plan["citations"][0]["doc_id"] == PLAN_ID and plan["citations"][0]["number"] == 17
        listed = {d["doc_id"] for d in httpx.get(f"{base}/documents").json()}
        assert listed == {PLAN_ID, "city-brain"}
        gone = httpx.delete(f"{base}/documents/city-brain", timeout=120)
        assert gone.status_code == 200 and gone.json()["documents"] == 1
        assert httpx.delete(f"{base}/documents/city-brain").status_code == 404
        assert not (own_library.settings.corpus_dir / "city-brain.pdf").exists()
        again = httpx.post(f"{base}/ask", json={"question": "城市云脑事件处置响应时间要求"}, timeout=60).json()
        assert all(c["doc_id"] != "city-brain" for c in again["citations"] + again["related"])


UNREADABLE = [("broken.pdf", b"%PDF-1.4 not really", "PDF"), ("garbled.txt", b"\xff\xfe\x00\xd8\x80", "无法解码"),
              ("empty.md", b"   \n", "没有文字")]
BAD_NAMES = [b"a\x00b.txt", b"bell\x07.md", b"../../etc/x.txt", b"dir\\x.txt", ("长" * 80 + ".txt").encode()]


def test_bad_uploads_are_clear_4xx_or_failed_jobs_and_change_nothing(own_library) -> None:
    with running_server(own_library, own_library.data) as base:
        before = httpx.get(f"{base}/documents").json()
        sent = httpx.post(f"{base}/documents", files={"file": ("virus.exe", b"MZ\x90\x00")}, timeout=60)
        assert sent.status_code == 415 and "不支持的文件类型" in sent.json()["error"]["message"]
        for name in BAD_NAMES:
            body, headers = multipart(name, REGULATION.encode())
            sent = httpx.post(f"{base}/documents", content=body, headers=headers, timeout=60)
            assert sent.status_code in (400, 422), (name, sent.text)
            assert sent.json()["error"]["message"], name
        for name, content, needle in UNREADABLE:  # read before queuing: a 422 with the reason, no job
            sent = httpx.post(f"{base}/documents", files={"file": (name, content)}, timeout=60)
            assert sent.status_code == 422, (name, sent.text)
            error = sent.json()["error"]
            assert error["code"] == "UnreadableDocumentError" and needle in error["message"]
            assert not (own_library.settings.corpus_dir / name).exists()
        assert httpx.get(f"{base}/documents").json() == before
        assert httpx.get(f"{base}/jobs/{'0' * 32}").status_code == 404


def test_a_zip_bomb_and_a_huge_pdf_are_refused_at_once(own_library, tmp_path: Path) -> None:
    write_zip_bomb(tmp_path / "bomb.docx")
    write_many_pages(tmp_path / "huge.pdf", 5000)
    with running_server(own_library, own_library.data) as base:
        for name in ("bomb.docx", "huge.pdf"):
            started = time.monotonic()
            sent = httpx.post(f"{base}/documents", files={"file": (name, (tmp_path / name).read_bytes())}, timeout=60)
            assert sent.status_code == 422 and time.monotonic() - started < 10, (name, sent.text)
            assert sent.json()["error"]["code"] == "DocumentTooComplexError"


def test_upload_limits_and_key(own_library, monkeypatch) -> None:
    monkeypatch.setenv("POLICYQA_MAX_UPLOAD_MB", "0.01")
    with running_server(own_library, own_library.data, api_key="s3cret") as base:
        files = {"file": ("rules.txt", REGULATION.encode())}
        assert httpx.post(f"{base}/documents", files=files).status_code == 401
        assert httpx.delete(f"{base}/documents/{PLAN_ID}").status_code == 401
        big = {"file": ("big.txt", ("第一条 示例。\n" * 2000).encode())}
        too_big = httpx.post(f"{base}/documents", files=big, headers={"X-API-Key": "s3cret"})
        assert too_big.status_code == 413 and "error" in too_big.json()
        key = {"Authorization": "Bearer s3cret"}  # with no admin key set, the API key is also the maintainers'
        job = finished_job(base, httpx.post(f"{base}/documents", files=files, headers=key, timeout=120), key)
        assert job["state"] == "done" and job["result"]["doc_id"] == "rules"
        assert httpx.get(f"{base}{'/jobs/' + job['id']}").status_code == 401
        assert httpx.post(f"{base}/documents", headers={"X-API-Key": "s3cret"}).status_code == 422
