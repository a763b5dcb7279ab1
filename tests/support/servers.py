"""Helpers for tests that start a real ``policyqa serve`` on a free 127.0.0.1 port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running_server(assistant, data_dir: Path, *, api_key: str | None = None, ui: bool = False,
                   timeout: float = 180, env: dict[str, str] | None = None) -> Iterator[str]:
    """Run ``python -m assistant serve`` over the test index and yield its base URL.

    Args:
        assistant: The session assistant (its index and corpus folders are used).
        data_dir: Folder for the feedback store.
        api_key: Value of POLICYQA_API_KEY (None: no key).
        ui: Also mount the Gradio chat UI.
        timeout: Seconds to wait for /health.
        env: Extra environment variables of the server (e.g. POLICYQA_LLM_BASE_URL).
    """
    port = free_port()
    extra, env = env or {}, {**os.environ, "POLICYQA_INDEX_DIR": str(assistant.settings.index_dir),
           "POLICYQA_CORPUS_DIR": str(assistant.settings.corpus_dir), "POLICYQA_DATA_DIR": str(data_dir),
           "HF_HUB_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False"}
    env.pop("POLICYQA_API_KEY", None)
    if api_key is not None:
        env["POLICYQA_API_KEY"] = api_key
    env |= extra
    args = [sys.executable, "-m", "assistant", "serve", "--port", str(port), *([] if ui else ["--no-ui"])]
    log = data_dir / f"server-{port}.log"
    data_dir.mkdir(parents=True, exist_ok=True)
    with log.open("w") as out:
        proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(proc, base, timeout, log)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def _wait_healthy(proc: subprocess.Popen, base: str, timeout: float, log: Path) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"server not healthy after {timeout} s:\n{log.read_text()}")
