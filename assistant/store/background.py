"""Background sentences: generic topics the documents do not cover, embedded into the index for refusal."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

BACKGROUND_PATH = Path(__file__).with_name("background.txt")


def parse_background(text: str) -> tuple[str, ...]:
    """Parse the background file: one sentence a line, ``#`` starts a comment line."""
    return tuple(line.strip() for line in text.splitlines()
                 if line.strip() and not line.lstrip().startswith("#"))


@lru_cache(maxsize=4)
def load_background(path: Path = BACKGROUND_PATH) -> tuple[str, ...]:
    """Load and cache the background sentences (topics the documents do not cover)."""
    return parse_background(path.read_text(encoding="utf-8"))


def background_digest(sentences: tuple[str, ...]) -> str:
    """A sha256 of the background sentences; a change in them forces a rebuild of the index."""
    return hashlib.sha256("\n".join(sentences).encode("utf-8")).hexdigest()
