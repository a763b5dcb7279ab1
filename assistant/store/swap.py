"""Putting a new index folder in place atomically, and recovering from a swap that was interrupted.

A new index is written to a temporary folder beside the index, then renamed into place: the old one
is renamed aside first and deleted after, so a crash leaves either the old or the new index complete.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def fresh_folder(tmp: Path) -> Path:
    """An empty folder at ``tmp`` (a leftover one is removed first)."""
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    return tmp


def swap_into_place(tmp: Path, path: Path) -> None:
    """Rename ``tmp`` to ``path``, the old ``path`` aside first and removed after (writer lock held)."""
    old = path.parent / f".{path.name}.old-{os.getpid()}"
    if path.exists():
        os.rename(path, old)
    os.rename(tmp, path)
    shutil.rmtree(old, ignore_errors=True)


def recover_swap(path: Path) -> None:
    """Put back an old index left aside by a swap that was interrupted between its renames.

    Writers only: call it while holding the writer lock (``ingest.parts.ingest_lock``); a reader that
    ran it could move an old index over the one a writer is putting in place.
    """
    if path.exists():
        return
    olds = sorted(path.parent.glob(f".{path.name}.old-*"), key=lambda p: p.stat().st_mtime)
    if olds and (olds[-1] / "manifest.json").is_file():
        os.rename(olds[-1], path)
