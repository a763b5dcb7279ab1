"""A replica whose database stops: questions are answered from memory, /health says "degraded", and
writes, job queries and feedback are 503 with a message (never a 500), on a server of this test's own."""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from support.docfixtures import REGULATION

from assistant.interfaces.http.app import create_app
from assistant.service import Assistant
from assistant.settings import Settings


@pytest.fixture
def own_server() -> Iterator[tuple[Path, str]]:
    from assistant.store.postgres import server

    root = Path(tempfile.mkdtemp(prefix="policyqa-pg-outage-"))
    root.chmod(0o755)
    try:
        running = server.start(root / "data", fast=True)
    except Exception as exc:
        shutil.rmtree(root, ignore_errors=True)
        pytest.skip(f"PostgreSQL test server did not start: {exc}")
    yield root / "data", running.url
    server.stop(root / "data")
    shutil.rmtree(root, ignore_errors=True)


def test_a_stopped_database_degrades_the_replica_without_500(own_server, tmp_path: Path, e5) -> None:
    from assistant.store.postgres import server

    data, url = own_server
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "regulation.txt").write_text(REGULATION, encoding="utf-8")
    helper = Assistant(Settings(corpus_dir=corpus, index_dir=tmp_path / "unused", data_dir=tmp_path / "data",
                                database_url=url), embedder=e5)
    helper.ensure_index()
    client = TestClient(create_app(helper), raise_server_exceptions=False)
    asked = client.post("/ask", json={"question": "第一条讲了什么"})
    assert asked.status_code == 200 and client.get("/health").json()["status"] == "ok"

    server.stop(data)
    statuses = {"ask": client.post("/ask", json={"question": "第一条讲了什么"}).status_code}
    started = time.monotonic()
    second = client.post("/ask", json={"question": "第二条讲了什么"})  # within the back-off: from memory
    assert second.status_code == 200 and time.monotonic() - started < 8
    assert client.get("/health").json()["status"] == "degraded"
    started = time.monotonic()
    for name, response in {"jobs": client.get("/jobs"),
                           "feedback": client.post("/feedback", json={"id": asked.json().get("id") or "x",
                                                                      "rating": "up"})}.items():
        statuses[name] = response.status_code
        assert response.status_code in (503, 404), (name, response.text)
        assert "error" in response.json()
    assert statuses["ask"] == 200 and statuses["jobs"] == 503
    assert time.monotonic() - started < 15  # no request waits the pool's 10 s on top of another
