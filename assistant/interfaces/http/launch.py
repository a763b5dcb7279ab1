"""Run ``python -m assistant serve`` as a child process on a free 127.0.0.1 port (for tests and benchmarks).

Not used by the service itself: the test suite, ``tests/service/fuzz.py`` and ``benchmarks/`` start real
servers with :func:`launched` so that they all start, wait for and stop a server the same way.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import assistant

# The folder holding the ``assistant`` package imported here: the child imports the same code.
PACKAGE_PARENT = Path(assistant.__file__).resolve().parents[1]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class Launched:
    """A running server: its base URL (``http://127.0.0.1:PORT``), seconds from start to a healthy
    ``/health``, and the child process."""

    base: str
    seconds: float
    process: subprocess.Popen


# No proxy from the environment for a server on the loopback interface.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _healthy(base: str) -> bool:
    try:
        with _OPENER.open(f"{base}/health", timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def _wait_healthy(process: subprocess.Popen, base: str, timeout: float, log: Path | None) -> None:
    """Poll ``/health`` until it answers 200.

    Raises:
        RuntimeError: If the child exits or ``timeout`` seconds pass first (with the log's tail if any).
    """
    deadline = time.monotonic() + timeout
    while not _healthy(base):
        exited = process.poll() is not None
        if exited or time.monotonic() > deadline:
            why = f"exited with {process.returncode}" if exited else f"not healthy after {timeout} s"
            tail = log.read_text(errors="replace")[-4000:] if log and log.is_file() else ""
            raise RuntimeError(f"server {why}:\n{tail}")
        time.sleep(0.05)


def stop(process: subprocess.Popen, grace: float = 20) -> None:
    """Terminate the child; kill it if it is still running after ``grace`` seconds."""
    process.terminate()
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@contextmanager
def launched(env: Mapping[str, str] | None = None, *, ui: bool = False, timeout: float = 180,
             log: Path | None = None, cwd: Path | None = None) -> Iterator[Launched]:
    """Start ``python -m assistant serve`` on a free 127.0.0.1 port, yield it once healthy, then stop it.

    Args:
        env: The child's whole environment (default: this process's); ``POLICYQA_*`` variables choose
            its index, corpus, data folder, API key …
        ui: Also mount the chat UI (``--no-ui`` otherwise).
        timeout: Seconds to wait for ``/health``.
        log: File for the child's stdout and stderr (default: discarded).
        cwd: Working folder of the child (default: the folder holding the imported ``assistant`` package).

    Raises:
        RuntimeError: If the server exits or is not healthy within ``timeout`` seconds.
    """
    port = free_port()
    args = [sys.executable, "-m", "assistant", "serve", "--host", "127.0.0.1", "--port", str(port),
            *([] if ui else ["--no-ui"])]
    started = time.perf_counter()
    if log is not None:
        log.parent.mkdir(parents=True, exist_ok=True)
    with open(log or os.devnull, "w") as out:
        process = subprocess.Popen(args, cwd=cwd or PACKAGE_PARENT, env=dict(env or os.environ), stdout=out,
                                   stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_healthy(process, base, timeout, log)
        yield Launched(base, time.perf_counter() - started, process)
    finally:
        stop(process)
