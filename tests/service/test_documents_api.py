"""Uploading and removing documents over HTTP, on a real server with its own corpus and index."""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest
from support.docfixtures import PDF_LINES, REGULATION, write_pdf
from support.servers import running_server

PLAN_ID = "qingdao-bigdata-2025-work-plan"


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
        assert sent.status_code == 201, sent.text
        body = sent.json()
        assert body["doc_id"] == "city-brain" and body["title"] == "青岛市城市云脑运行管理办法（示例）"
        assert body["embedded"] == ["city-brain"] and body["documents"] == 2 and body["sections"] == 3
        assert (own_library.settings.corpus_dir / "city-brain.pdf").is_file()
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


@pytest.mark.parametrize(("name", "content", "status", "needle"), [
    ("virus.exe", b"MZ\x90\x00", 415, "不支持的文件类型"),
    ("broken.pdf", b"%PDF-1.4 not really", 422, "PDF"),
    ("garbled.txt", b"\x80\x80\xff\xfe", 422, "无法解码"),
    ("empty.md", b"   \n", 422, "没有文字"),
])
def test_bad_uploads_are_clear_4xx_and_change_nothing(own_library, name: str, content: bytes, status: int,
                                                       needle: str) -> None:
    with running_server(own_library, own_library.data) as base:
        before = httpx.get(f"{base}/documents").json()
        sent = httpx.post(f"{base}/documents", files={"file": (name, content)}, timeout=60)
        assert sent.status_code == status and needle in sent.json()["error"]["message"]
        assert httpx.get(f"{base}/documents").json() == before
        assert not (own_library.settings.corpus_dir / name).exists()


def test_upload_limits_and_key(own_library, monkeypatch) -> None:
    monkeypatch.setenv("POLICYQA_MAX_UPLOAD_MB", "0.01")
    with running_server(own_library, own_library.data, api_key="s3cret") as base:
        files = {"file": ("rules.txt", REGULATION.encode())}
        assert httpx.post(f"{base}/documents", files=files).status_code == 401
        assert httpx.delete(f"{base}/documents/{PLAN_ID}").status_code == 401
        big = {"file": ("big.txt", ("第一条 示例。\n" * 2000).encode())}
        too_big = httpx.post(f"{base}/documents", files=big, headers={"X-API-Key": "s3cret"})
        assert too_big.status_code == 413 and "error" in too_big.json()
        ok = httpx.post(f"{base}/documents", files=files, headers={"Authorization": "Bearer s3cret"}, timeout=120)
        assert ok.status_code == 201 and ok.json()["doc_id"] == "rules"
        assert httpx.post(f"{base}/documents", headers={"X-API-Key": "s3cret"}).status_code == 422
