"""The storage seam: where the index lives, chosen by ``Settings.database_url``.

Retrieval, routing, answering and refusal work on an in-memory :class:`~assistant.store.folder.IndexData`
and never learn where it came from. A store's job is to load that snapshot and to tell, through
its ``generation``, when a newer one exists:

- :class:`FolderStore` (the default): the index folder written by ``policyqa ingest`` (FAISS,
  bm25s, JSON Lines). One writer at a time; readers notice a new index by its manifest.
- ``PostgresStore`` (``POLICYQA_DATABASE_URL=postgresql://…``, see :mod:`assistant.store.postgres`):
  documents, chunks, sentences and vectors in tables, shared by any number of replicas; each
  replica builds its snapshot from the tables and rebuilds it when the generation changes.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Protocol, runtime_checkable

from assistant.store.folder import IndexData, load_index, read_generation, read_manifest


@runtime_checkable
class Store(Protocol):
    """Where an index is kept.

    Attributes:
        shared: True when other processes may change the index (replicas must poll ``generation``).
    """

    shared: bool

    def exists(self) -> bool:
        """True if an index with at least one document exists."""
        ...

    def generation(self) -> int:
        """A number that changes whenever the index changes (never goes back)."""
        ...

    def load(self) -> IndexData:
        """The current index, ready for search.

        Raises:
            IndexNotFoundError: If there is none yet.
        """
        ...

    def stamp(self) -> object:
        """Cheap to read, changes with every write (a live index compares it); None: no index."""
        ...

    def head(self) -> dict | None:
        """The manifest fields a live index compares with its snapshot's (``generation``…), or None."""
        ...


class FolderStore:
    """The index folder of one process (today's behaviour)."""

    shared = False

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = Path(index_dir)

    def exists(self) -> bool:
        return read_manifest(self.index_dir) is not None

    def generation(self) -> int:
        """The manifest's ``generation`` (0 without an index)."""
        return read_generation(self.index_dir) or 0

    def load(self) -> IndexData:
        return load_index(self.index_dir)

    def stamp(self) -> object:
        """Inodes, mtime and size of the folder and its manifest (an index swap changes them)."""
        try:
            folder, manifest = os.stat(self.index_dir), os.stat(self.index_dir / "manifest.json")
        except OSError:
            return None
        return folder.st_ino, manifest.st_ino, manifest.st_mtime_ns, manifest.st_size

    def head(self) -> dict | None:
        return read_manifest(self.index_dir)


_SHARED: dict[str, Store] = {}


def open_store(index_dir: Path, database_url: str | None = None) -> Store:
    """The store for these settings: PostgreSQL when ``database_url`` is set, else the folder.

    PostgreSQL stores are opened once per URL and process (they hold a connection pool).

    Raises:
        DatabaseError: If the database cannot be reached or pgvector support is not installed.
    """
    if not database_url:
        return FolderStore(index_dir)
    if database_url not in _SHARED:
        from assistant.store.postgres.backend import PostgresStore

        _SHARED[database_url] = PostgresStore(database_url)
    return _SHARED[database_url]
