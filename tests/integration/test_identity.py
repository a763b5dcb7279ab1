"""Document identity through real ingests: distinct ids, duplicates reported, title-only files skipped."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import DuplicateDocumentError
from assistant.service import Assistant
from assistant.settings import Settings

FIRST = "河湾市第一批河道清理通知\n一、清理范围\n（一）主城区河道。每月清理一次。\n"
SECOND = "河湾市第二批河道清理通知\n一、清理范围\n（一）郊区河道。每季度清理一次。\n"


@pytest.fixture()
def library(tmp_path: Path, e5) -> Assistant:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "通知（一）.txt").write_text(FIRST, encoding="utf-8")
    (corpus / "通知(一).txt").write_text(SECOND, encoding="utf-8")
    (corpus / "通知（一）副本.md").write_text("# " + FIRST.replace("\n", "\n\n"), encoding="utf-8")
    (corpus / "宣传周.txt").write_text("河湾市节水宣传周活动安排\n", encoding="utf-8")
    settings = Settings(corpus_dir=corpus, index_dir=tmp_path / "index", data_dir=tmp_path / "data")
    return Assistant(settings, embedder=e5)


def test_names_never_collide_copies_are_reported_and_nothing_is_rewritten(library: Assistant) -> None:
    report = library.ingest(progress=False)
    ids = {Path(d["path"]).name: d["doc_id"] for d in library.documents()}
    assert set(ids) == {"通知（一）.txt", "通知(一).txt"} and len(set(ids.values())) == 2
    assert report.duplicates == ((str(library.settings.corpus_dir / "通知（一）副本.md"), ids["通知（一）.txt"]),)
    assert any(s.path.endswith("宣传周.txt") for s in report.skipped)
    manifest = library.settings.index_dir / "manifest.json"
    before = manifest.stat().st_mtime_ns
    for _ in range(2):
        again = library.ingest(progress=False)
        assert not again.changed and len(again.skipped) == 2
    assert manifest.stat().st_mtime_ns == before


def test_uploading_the_same_content_under_another_name_is_refused(library: Assistant) -> None:
    library.ingest(progress=False)
    with pytest.raises(DuplicateDocumentError) as err:
        library.add_document("another-name.txt", SECOND.encode("utf-8"))
    assert err.value.original in {d["doc_id"] for d in library.documents()}
    assert not (library.settings.corpus_dir / "another-name.txt").exists()
