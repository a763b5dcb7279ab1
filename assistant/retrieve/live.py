"""A live index: readers take one immutable snapshot per request; a newer index on disk replaces it.

Any writer (this process's API, the ``policyqa`` CLI, another server) writes a whole new index folder
and renames it into place, raising the manifest's ``generation`` (see :mod:`assistant.store.folder`).
:class:`LiveIndex` notices that cheaply — on every request and, while idle, every ``check_every``
seconds in a watcher thread, it stats the index folder and its manifest (a shared database: its
generation, at most every ``check_every`` seconds), and reads the manifest only when those changed —
and loads the new snapshot in a background thread. A request that finds a load under way waits up to
``fresh_wait`` seconds for it (so a document removed by the CLI a moment ago is not cited), then
answers from the old snapshot. The new snapshot replaces the old
one in a single assignment, so a request sees one index from start to end; the old one is freed
when its last request is done. Readers never repair or change the index folder.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import IndexFormatError, IndexNotFoundError
from assistant.retrieve.hybrid import HybridRetriever
from assistant.store.folder import IndexData, read_manifest

log = logging.getLogger("policyqa.live")

Stamp = tuple[int, int, int, int] | None  # folder inode, manifest inode, mtime (ns), size
LOAD_ATTEMPTS = 5


@dataclass(frozen=True)
class Snapshot:
    """One loaded index and its retriever; never changed once made."""

    generation: int
    retriever: HybridRetriever

    @property
    def index(self) -> IndexData:
        """The loaded index."""
        return self.retriever.index


def stamp(path: Path) -> Stamp:
    """What changes whenever an index is swapped in at ``path`` (two stat calls; None: no manifest)."""
    try:
        folder, manifest = os.stat(path), os.stat(path / "manifest.json")
    except OSError:
        return None
    return folder.st_ino, manifest.st_ino, manifest.st_mtime_ns, manifest.st_size


class LiveIndex:
    """The current snapshot of the index at ``path``, kept up to date with the disk.

    Args:
        path: The index folder.
        load: Loads the index at ``path`` and returns its retriever (IndexNotFoundError,
            IndexFormatError when there is none or it is damaged).
        check_every: Seconds between two looks at the disk.
        clock: Monotonic seconds (tests pass a controlled clock).
        store: Where to look instead of the folder at ``path`` (a shared PostgreSQL store): its
            ``stamp()`` changes with every write, ``head()`` gives ``{"generation": …}`` or None.
    """

    def __init__(self, path: Path, load: Callable[[], HybridRetriever], check_every: float = 1.0,
                 clock: Callable[[], float] = time.monotonic, store=None, fresh_wait: float = 3.0) -> None:
        self.path, self._make, self.check_every, self._clock = path, load, check_every, clock
        self.fresh_wait = fresh_wait
        # A folder is looked at on every request (two stat calls); a database at most every check_every.
        self._look_each_request = store is None
        self._look: Callable[[], object] = store.stamp if store is not None else lambda: stamp(path)
        self._head: Callable[[], dict | None] = store.head if store is not None else lambda: read_manifest(path)
        self._current: Snapshot | None = None
        self._stamp: Stamp = None
        self._checked_at = float("-inf")
        self._load_lock = threading.Lock()  # one load at a time; swaps happen in load order
        self._check_lock = threading.Lock()
        self._loader: threading.Thread | None = None

    def current(self) -> Snapshot:
        """The snapshot to serve one request from; loads the index first if none is loaded (blocking).

        Raises:
            IndexNotFoundError, IndexFormatError: Only while no snapshot has been loaded yet.
        """
        snapshot = self._current
        if snapshot is None:
            return self._first()
        self._check(snapshot, request=True)
        loader = self._loader
        if loader is not None and loader.is_alive():  # a newer index is being loaded: wait a little for it
            loader.join(self.fresh_wait)
        return self._current or snapshot

    def loaded(self) -> Snapshot | None:
        """The current snapshot without looking at the disk (None before the first load)."""
        return self._current

    def refresh(self) -> None:
        """Load the index now (in the calling thread) and serve it, if one was loaded before.

        Called by a writer of this process once its new index is in place, so that its next read
        sees it; readers keep the old snapshot until the new one is ready.
        """
        if self._current is not None:
            self._load_and_swap()

    def _first(self) -> Snapshot:
        with self._load_lock:
            if self._current is None:
                self._swap(*self._load())
                _start_watcher(self)
            return self._current

    def _check(self, snapshot: Snapshot, request: bool = False) -> None:
        now = self._clock()
        recent = now - self._checked_at < self.check_every and not (request and self._look_each_request)
        if recent or not self._check_lock.acquire(blocking=False):
            return
        try:
            self._checked_at = now
            seen = self._look()
            if seen is None or seen == self._stamp:
                return
            manifest = self._head()
            if manifest is None:
                return  # between the two renames of a swap: look again next time
            if _identity(manifest) == _identity(snapshot.index.manifest):
                self._stamp = seen
                return
            if self._loader is None or not self._loader.is_alive():
                self._loader = threading.Thread(target=self._load_in_background, name="policyqa-index-loader",
                                                daemon=True)
                self._loader.start()
        finally:
            self._check_lock.release()

    def _load_in_background(self) -> None:
        try:
            self._load_and_swap()
        except (IndexNotFoundError, IndexFormatError) as exc:
            log.warning("new index not loaded yet, still serving the old one: %s", exc)

    def _load_and_swap(self) -> None:
        with self._load_lock:
            self._swap(*self._load())

    def _swap(self, snapshot: Snapshot, seen: Stamp) -> None:
        old = self._current
        self._current, self._stamp, self._checked_at = snapshot, seen, self._clock()  # a load is a look
        if old is not None and old.generation != snapshot.generation:
            log.info("index generation %d now served (was %d): %d documents", snapshot.generation,
                     old.generation, len(snapshot.index.manifest.get("documents", [])))

    def _load(self) -> tuple[Snapshot, Stamp]:
        """Load the index; again when it was swapped while being read (its files could be of two)."""
        for attempt in range(1, LOAD_ATTEMPTS + 1):
            before = self._look()
            try:
                retriever = self._make()
            except (IndexNotFoundError, IndexFormatError):
                if attempt == LOAD_ATTEMPTS or self._look() == before:
                    raise  # really missing or damaged, not caught in the middle of a swap
            else:
                if self._look() == before:
                    return Snapshot(_identity(retriever.index.manifest)[0], retriever), before
            time.sleep(0.05 * attempt)
        raise IndexFormatError(f"索引反复变化，未能读取 / the index at {self.path} kept changing while read")


def _identity(manifest: dict) -> tuple[int, object]:
    """The generation, and the time of writing: an index rebuilt from nothing starts again at 1."""
    generation = manifest.get("generation", 0)
    return generation if isinstance(generation, int) else 0, manifest.get("created")


def _start_watcher(live: LiveIndex) -> None:
    """Look at the disk every ``check_every`` seconds even without requests, so that a new index is
    usually loaded before the next request comes; the thread ends with the LiveIndex."""
    ref = weakref.ref(live)
    interval = max(live.check_every, 0.1)

    def watch() -> None:
        while True:
            time.sleep(interval)
            target = ref()
            if target is None:
                return
            snapshot = target.loaded()
            if snapshot is not None:
                target._check(snapshot)
            del target

    threading.Thread(target=watch, name="policyqa-index-watcher", daemon=True).start()
