"""Assistants over tiny corpora the tests write: files in a folder, ingested with a real embedder."""

from __future__ import annotations

from pathlib import Path

from assistant.service import Assistant
from assistant.settings import Settings


def ingested(root: Path, files: dict[str, str], embedder, **settings) -> Assistant:
    """Write ``files`` (name -> text, UTF-8) into ``root/corpus`` and ingest them into ``root/index``.

    Args:
        root: An empty folder (e.g. from ``tmp_path_factory.mktemp``).
        files: File names and texts of the corpus.
        embedder: The embedder to ingest with (the bundled e5 in these tests).
        **settings: Further ``Settings`` fields (e.g. ``refusal_calibration=False``).

    Returns:
        The ingested :class:`Assistant`.
    """
    corpus = root / "corpus"
    corpus.mkdir(parents=True)
    for name, text in files.items():
        (corpus / name).write_text(text, encoding="utf-8")
    assistant = Assistant(Settings(corpus_dir=corpus, index_dir=root / "index", data_dir=root / "data", **settings),
                          embedder=embedder)
    assistant.ingest(progress=False)
    return assistant
