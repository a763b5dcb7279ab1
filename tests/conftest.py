"""Shared fixtures: the shipped plan, a real index built once per session with the bundled e5."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.service import Assistant
from assistant.settings import Settings
from assistant.store.embedders import E5Embedder

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "corpus" / "qingdao-bigdata-2025-work-plan.txt"


@pytest.fixture(scope="session")
def plan_text() -> str:
    return PLAN.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def e5() -> E5Embedder:
    return E5Embedder()


@pytest.fixture(scope="session")
def plan_corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for path in (ROOT / "corpus").iterdir():
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture(scope="session")
def assistant(tmp_path_factory, plan_corpus, e5) -> Assistant:
    """An assistant over the shipped plan, with its index in a temporary folder."""
    index_dir = tmp_path_factory.mktemp("index") / "index"
    settings = Settings(corpus_dir=plan_corpus, index_dir=index_dir)
    helper = Assistant(settings, embedder=e5)
    helper.ingest(progress=False)
    return helper
