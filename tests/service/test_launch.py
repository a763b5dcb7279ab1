"""The server launcher of tests and benchmarks: it waits for /health, stops the child, reports a failed start."""

from __future__ import annotations

import os
from pathlib import Path

import httpx
import pytest
from support.servers import ROOT

from assistant.interfaces.http.launch import launched


def _env(index: Path, corpus: Path, data: Path) -> dict[str, str]:
    env = {**os.environ, "POLICYQA_INDEX_DIR": str(index), "POLICYQA_CORPUS_DIR": str(corpus),
           "POLICYQA_DATA_DIR": str(data), "HF_HUB_OFFLINE": "1"}
    env.pop("POLICYQA_API_KEY", None)
    return env


def test_the_server_is_healthy_inside_and_stopped_after(assistant, tmp_path: Path) -> None:
    env = _env(assistant.settings.index_dir, assistant.settings.corpus_dir, tmp_path)
    with launched(env, cwd=ROOT) as server:
        assert server.base.startswith("http://127.0.0.1:") and server.seconds > 0
        assert httpx.get(f"{server.base}/health").json()["status"] == "ok"
        assert server.process.poll() is None
    assert server.process.poll() is not None
    with pytest.raises(httpx.TransportError):
        httpx.get(f"{server.base}/health", timeout=2)


def test_a_server_that_cannot_start_is_reported_with_its_output(tmp_path: Path) -> None:
    empty = tmp_path / "corpus"
    empty.mkdir()
    log = tmp_path / "logs" / "server.log"
    env = _env(tmp_path / "index", empty, tmp_path / "data")
    with pytest.raises(RuntimeError, match=r"server exited with [1-9]") as failure, launched(env, log=log, cwd=ROOT):
        pytest.fail("a server over an empty corpus must not become healthy")
    assert log.is_file() and "错误" in str(failure.value)
