"""Helpers for tests that start a real ``policyqa serve`` on a free 127.0.0.1 port."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from assistant.interfaces.http.launch import free_port, launched

ROOT = Path(__file__).resolve().parents[2]

__all__ = ["ROOT", "free_port", "running_server"]


@contextmanager
def running_server(assistant, data_dir: Path, *, api_key: str | None = None, ui: bool = False,
                   timeout: float = 180, env: dict[str, str] | None = None,
                   admin_key: str | None = None) -> Iterator[str]:
    """Run ``python -m assistant serve`` over the test index and yield its base URL.

    Args:
        assistant: The session assistant (its index and corpus folders are used).
        data_dir: Folder for the feedback store and the server's log (``server-*.log``).
        api_key: Value of POLICYQA_API_KEY (None: no key).
        admin_key: Value of POLICYQA_ADMIN_KEY (None: no key).
        ui: Also mount the Gradio chat UI.
        timeout: Seconds to wait for /health.
        env: Extra environment variables of the server (e.g. POLICYQA_LLM_BASE_URL).
    """
    server_env = {**os.environ, "POLICYQA_INDEX_DIR": str(assistant.settings.index_dir),
                  "POLICYQA_CORPUS_DIR": str(assistant.settings.corpus_dir), "POLICYQA_DATA_DIR": str(data_dir),
                  "HF_HUB_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False"}
    for name, value in (("POLICYQA_API_KEY", api_key), ("POLICYQA_ADMIN_KEY", admin_key)):
        server_env.pop(name, None)
        if value is not None:
            server_env[name] = value
    server_env |= env or {}
    data_dir.mkdir(parents=True, exist_ok=True)
    log = Path(tempfile.mkstemp(prefix="server-", suffix=".log", dir=data_dir)[1])
    with launched(server_env, ui=ui, timeout=timeout, log=log, cwd=ROOT) as server:
        yield server.base
