"""``policyqa serve`` refuses a non-loopback host without an API key unless ``--insecure`` is given."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import httpx
import pytest
from support.servers import ROOT, free_port


def _env(assistant, tmp_path, key: str | None) -> dict[str, str]:
    env = {**os.environ, "POLICYQA_INDEX_DIR": str(assistant.settings.index_dir),
           "POLICYQA_CORPUS_DIR": str(assistant.settings.corpus_dir), "POLICYQA_DATA_DIR": str(tmp_path),
           "HF_HUB_OFFLINE": "1"}
    env.pop("POLICYQA_API_KEY", None)
    env.pop("POLICYQA_HOST", None)
    return env | ({"POLICYQA_API_KEY": key} if key else {})


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.0.2.10"])
def test_a_public_host_without_a_key_is_refused(assistant, tmp_path, host: str) -> None:
    done = subprocess.run([sys.executable, "-m", "assistant", "serve", "--no-ui", "--host", host,
                           "--port", str(free_port())], cwd=ROOT, env=_env(assistant, tmp_path, None),
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "拒绝启动" in done.stderr and "--insecure" in done.stderr and "POLICYQA_API_KEY" in done.stderr


@pytest.mark.parametrize(("flags", "key"), [(["--insecure"], None), ([], "s3cret")])
def test_insecure_or_a_key_lets_it_start(assistant, tmp_path, flags: list[str], key: str | None) -> None:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "assistant", "serve", "--no-ui", "--host", "0.0.0.0",
                             "--port", str(port), *flags], cwd=ROOT, env=_env(assistant, tmp_path, key),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline, status = time.time() + 120, None
        while time.time() < deadline and proc.poll() is None and status is None:
            try:
                status = httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code
            except httpx.TransportError:
                time.sleep(0.3)
        assert status == 200, f"server exited with {proc.returncode}"
    finally:
        proc.terminate()
        proc.wait(timeout=20)
