"""Connections (a psycopg 3 pool, pgvector types registered) and the numbered SQL migrations.

Migrations are plain files ``migrations/NNNN_name.sql`` applied in order, each in its own
transaction, under an advisory lock so that replicas starting together do not race; the applied
versions are kept in ``schema_migrations``. Plain SQL rather than Alembic: the schema is a dozen
tables with no ORM models to diff against, and a DBA of a PostgreSQL-compatible database can read
and adapt the files as they are.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources

from assistant.errors import PolicyQAError

INSTALL_HINT = "pip install 'policyqa[pg]'"
# An arbitrary constant: the key of the advisory lock held while migrating.
MIGRATION_LOCK = 0x706F6C6963797161
_FILE_RE = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


# Seconds a request waits for a pooled connection (feedback, conversations) before the store reports
# itself unusable (503): answers come from memory meanwhile and must not each wait the pool's 10 s.
CONNECT_TIMEOUT_S = 3.0


class DatabaseError(PolicyQAError):
    """The database cannot be reached or used (message says why)."""


def _psycopg():
    try:
        import psycopg
        import psycopg_pool
        from pgvector.psycopg import register_vector
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise DatabaseError(f"PostgreSQL support is not installed ({exc.name}); {INSTALL_HINT}") from exc
    return psycopg, psycopg_pool, register_vector


def _configure(conn) -> None:
    _, _, register_vector = _psycopg()
    register_vector(conn)


def open_pool(url: str, min_size: int = 1, max_size: int = 8, timeout: float = 10.0):
    """A ``psycopg_pool.ConnectionPool`` on ``url`` whose connections know the ``vector`` type.

    The schema is migrated first (the extension must exist before the type can be registered).

    Raises:
        DatabaseError: If ``url`` is not a ``postgresql://`` (or ``postgres://``) URL, or the server cannot
            be reached within ``timeout`` seconds.
    """
    if not re.match(r"postgres(?:ql)?://", url):
        raise DatabaseError(f"POLICYQA_DATABASE_URL 须为 postgresql://… / the database URL must start with "
                            f"postgresql:// (or postgres://): {_redact(url)}")
    psycopg, psycopg_pool, _ = _psycopg()
    try:
        with psycopg.connect(url, connect_timeout=int(timeout)) as conn:
            migrate(conn)
        pool = psycopg_pool.ConnectionPool(url, min_size=min_size, max_size=max_size, timeout=timeout,
                                           configure=_configure, open=False, name="policyqa")
        pool.open(wait=True, timeout=timeout)
    except (psycopg.Error, psycopg_pool.PoolTimeout) as exc:
        raise DatabaseError(f"无法连接数据库 / cannot use the database: {_redact(url)}: {exc}") from exc
    return pool


def _redact(url: str) -> str:
    """The URL without its password."""
    return re.sub(r"://([^:@/]+):[^@/]*@", r"://\1:***@", url)


def migration_files() -> list[tuple[int, str, str]]:
    """``(version, name, sql)`` of every migration file, in version order."""
    folder = resources.files("assistant.store.postgres") / "migrations"
    found = []
    for entry in folder.iterdir():
        match = _FILE_RE.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    return sorted(found)


def migrate(conn) -> list[int]:
    """Apply the migrations not yet applied; returns their versions (empty when up to date)."""
    applied: list[int] = []
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
        conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, "
                     "name text NOT NULL, applied timestamptz NOT NULL DEFAULT now())")
        done = {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}
        for version, name, sql in migration_files():
            if version in done:
                continue
            conn.execute(sql)
            conn.execute("INSERT INTO schema_migrations (version, name) VALUES (%s, %s)", (version, name))
            applied.append(version)
    return applied


@contextmanager
def advisory_lock(pool, name: str) -> Iterator[None]:
    """A session advisory lock named ``name``, held on one pooled connection for the ``with`` block."""
    with pool.connection() as conn:
        conn.execute("SELECT pg_advisory_lock(hashtext(%s))", (name,))
        try:
            yield
        finally:
            conn.execute("SELECT pg_advisory_unlock(hashtext(%s))", (name,))
