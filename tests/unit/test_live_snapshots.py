"""LiveIndex on real folders with a stand-in loader: a request looks at the folder and waits a little
for a quick reload (never long for a slow one), a database is looked at once per interval, and a load
that straddles a swap is done again."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from types import SimpleNamespace

from assistant.retrieve.live import LiveIndex, stamp
from assistant.store.folder import read_manifest


def write_index(path: Path, generation: int, created: str = "2026-11-29T10:00:00+0000") -> None:
    """Write a folder with only a manifest and rename it into place, as a writer does."""
    tmp = path.parent / f".{path.name}.tmp"
    tmp.mkdir()
    manifest = {"generation": generation, "created": created}
    (tmp / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    old = path.parent / f".{path.name}.old"
    if path.exists():
        os.rename(path, old)
    os.rename(tmp, path)
    if old.exists():
        (old / "manifest.json").unlink()
        old.rmdir()


class Loader:
    def __init__(self, path: Path) -> None:
        self.path, self.delay, self.calls = path, 0.0, 0

    def __call__(self):
        self.calls += 1
        manifest = json.loads((self.path / "manifest.json").read_text(encoding="utf-8"))
        time.sleep(self.delay)
        return SimpleNamespace(index=SimpleNamespace(manifest=manifest))


def test_readers_keep_the_old_snapshot_while_a_slow_load_runs(tmp_path: Path) -> None:
    path = tmp_path / "index"
    write_index(path, 1)
    loader = Loader(path)
    live = LiveIndex(path, loader, check_every=0.0, fresh_wait=0.05)
    assert live.current().generation == 1
    loader.delay = 2.0
    write_index(path, 2)
    started = time.monotonic()
    seen = [live.current().generation for _ in range(5)]
    assert time.monotonic() - started < 1.5 and set(seen) == {1}  # each waited 0.05 s, none the 2 s load
    deadline = time.monotonic() + 20  # then the new one, once loaded (a loaded machine may take longer)
    while live.current().generation != 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert live.current().generation == 2 and loader.calls == 2


def test_the_first_request_after_a_write_gets_the_new_index_when_it_loads_quickly(tmp_path: Path) -> None:
    path = tmp_path / "index"
    write_index(path, 1)
    loader = Loader(path)
    live = LiveIndex(path, loader, check_every=60.0)  # the watcher would look only in a minute
    assert live.current().generation == 1
    loader.delay = 0.2
    write_index(path, 2)  # e.g. `policyqa docs remove` in another process
    assert live.current().generation == 2  # looked at on this request, waited for the load


def test_a_database_is_looked_at_once_per_interval(tmp_path: Path) -> None:
    path = tmp_path / "index"
    write_index(path, 1)
    now = [100.0]
    loader, looks = Loader(path), []

    def look():
        looks.append(now[0])
        return stamp(path)

    store = SimpleNamespace(stamp=look, head=lambda: read_manifest(path))
    live = LiveIndex(path, loader, check_every=1.0, clock=lambda: now[0], store=store)
    live.current()
    write_index(path, 2)
    now[0] += 0.5
    assert live.current().generation == 1
    time.sleep(0.2)
    assert loader.calls == 1  # not looked yet
    now[0] += 0.6
    live.current()
    deadline = time.monotonic() + 3
    while live.current().generation != 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert live.loaded().generation == 2 and loader.calls == 2


def test_a_load_that_straddles_a_swap_is_done_again(tmp_path: Path) -> None:
    path = tmp_path / "index"
    write_index(path, 1)
    swapped = []

    def loader():
        manifest = json.loads((path / "manifest.json").read_text(encoding="utf-8"))
        if not swapped:  # a writer swaps a new index in while the first load reads
            swapped.append(True)
            write_index(path, 2)
        return SimpleNamespace(index=SimpleNamespace(manifest=manifest))

    live = LiveIndex(path, loader)
    assert live.current().generation == 2


def test_an_index_rebuilt_from_nothing_is_noticed_though_its_generation_starts_again(tmp_path: Path) -> None:
    path = tmp_path / "index"
    write_index(path, 1)
    live = LiveIndex(path, Loader(path), check_every=0.0)
    first = live.current()
    (path / "manifest.json").unlink()
    path.rmdir()
    write_index(path, 1, created="2026-11-29T11:00:00+0000")
    deadline = time.monotonic() + 3
    while live.current() is first and time.monotonic() < deadline:
        time.sleep(0.02)
    assert live.current().index.manifest["created"] == "2026-11-29T11:00:00+0000"
