"""The document library: ingest (sync or add), upload and removal, re-embedding only what changed.

Semantics:
- ``ingest()`` with no paths syncs the corpus folder: new files are added, changed ones re-embedded,
  files gone from the folder are dropped from the index; documents ingested from elsewhere stay.
- ``ingest(paths)`` adds or updates the documents at those paths and keeps every other document.
- ``remove(doc_id)`` drops a document; if its file lies in the corpus folder it is moved to
  ``<data_dir>/removed/`` (so a later sync does not bring it back, and nothing is lost).
- ``add_file(name, bytes)`` checks an uploaded file, saves it into the corpus folder and ingests it.

Identity (see :mod:`assistant.ingest.documents`): ids never collide (a name that maps to an id an
indexed document at another path holds gets a distinct id); a file whose body equals an indexed
document's is reported in ``IngestReport.duplicates`` (and ``skipped``) and not indexed; an upload
of such a file raises :class:`DuplicateDocumentError` and is not saved. A file with no body besides
its title and metadata is skipped with a reason on every ingest and never written to the index, so
re-ingesting an unchanged corpus writes nothing.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from assistant.errors import (
    CorpusError,
    DocumentNotFoundError,
    DuplicateDocumentError,
    IndexFormatError,
    LastDocumentError,
)
from assistant.ingest.documents import (
    EMPTY_BODY_REASON,
    Document,
    Skipped,
    distinct_id,
    doc_id_for,
    document_from_bytes,
    duplicate_reason,
    find_files,
    has_body,
    load_documents,
)
from assistant.ingest.formats import UnreadableDocumentError
from assistant.ingest.parts import (
    DocPart,
    embed_document,
    existing_parts,
    ingest_lock,
    plan_parts,
    prepare_document,
    remove_stale_temporaries,
)
from assistant.ingest.upload_checks import check_upload
from assistant.settings import Settings
from assistant.store.background import background_digest, load_background
from assistant.store.embedders import Embedder
from assistant.store.folder import chunking_params, embed_background, load_index, read_manifest, reusable, write_index
from assistant.store.swap import recover_swap
from assistant.store.vector_cache import VectorCache

# Called with a new, complete index folder before it is renamed into place.
Finish = Callable[[Path], None]


@dataclass(frozen=True)
class IngestReport:
    """What an ingest did."""

    changed: bool
    documents: int
    chunks: int
    skipped: tuple[Skipped, ...]
    seconds: float
    embedded: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    duplicates: tuple[tuple[str, str], ...] = ()  # (path, doc_id of the document with that content)


def _inside(path: str, folder: Path) -> bool:
    try:
        Path(path).resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def _current(path: Path, embedder: Embedder, chunking: dict):
    """The current index and its parts, or (None, {}) when it cannot be reused."""
    if not reusable(read_manifest(path), embedder, chunking):
        return None, {}
    try:
        index = load_index(path)
    except IndexFormatError:
        return None, {}
    return index, existing_parts(index)


def vector_cache(index_dir: Path, embedder: Embedder) -> VectorCache:
    """The resumable cache of an ingest's vectors, ``.<index>.vectors/`` beside the index.

    Written while embedding and deleted once the new index is in place, so an ingest that is
    interrupted (Ctrl-C, kill, crash) resumes without embedding the same texts again.
    """
    return VectorCache(index_dir.parent / f".{index_dir.name}.vectors", embedder.name, embedder.dim)


def _embed_all(documents: list[Document], embedder: Embedder, chunking: dict,
               progress: bool, cache: VectorCache | None = None) -> dict[str, DocPart]:
    from tqdm import tqdm

    prepared = [prepare_document(doc, chunking) for doc in documents]
    total = sum(len(p.texts) for p in prepared)
    with tqdm(total=total, desc="嵌入", unit="段", disable=not progress) as bar:
        return {p.doc.doc_id: embed_document(p, embedder, bar, cache) for p in prepared}


def _background(index, embedder: Embedder):
    sentences = load_background()
    if index is not None and index.manifest.get("background") == background_digest(sentences):
        return index.background_vectors
    return embed_background(embedder, sentences)


def build(settings: Settings, embedder: Embedder, documents: list[Document], keep_filter,
          progress: bool = True, force: bool = False, finish: Finish | None = None
          ) -> tuple[bool, dict, list[str], list[str]]:
    """Write a new index from ``documents`` plus the current documents ``keep_filter`` keeps;
    ``finish`` is called on the complete new folder before it replaces the old one.

    Returns:
        Whether anything changed, the manifest, the doc_ids embedded and the doc_ids removed.
    """
    path = settings.index_dir
    chunking = chunking_params(settings.chunk_max_chars, settings.chunk_overlap)
    recover_swap(path)  # the caller holds the writer lock
    remove_stale_temporaries(path)
    index, parts = _current(path, embedder, chunking)
    new_ids = {d.doc_id for d in documents}
    keep = {k: p for k, p in parts.items() if k not in new_ids and keep_filter(p)}
    to_embed, _ = plan_parts(documents, keep, {} if force else parts)
    order = [k for k in parts if k in keep or k in new_ids] + [d.doc_id for d in documents if d.doc_id not in parts]
    removed = [k for k in parts if k not in order]
    same_background = index is not None and index.manifest.get("background") == background_digest(load_background())
    if index is not None and not to_embed and not removed and order == list(parts) and same_background:
        by_id = {d.doc_id: d for d in documents}
        if all(parts[k].meta["path"] == by_id[k].path for k in by_id):
            return False, index.manifest, [], []
    cache = vector_cache(path, embedder)
    fresh = _embed_all(to_embed, embedder, chunking, progress, cache)
    by_id = {d.doc_id: d for d in documents}
    final = []
    for k in order:
        part = fresh.get(k) or keep.get(k) or parts[k]
        if k in by_id and k not in fresh:
            part = replace(part, meta={**part.meta, "path": by_id[k].path})
        final.append(part)
    if not final:
        raise CorpusError("没有可读取的文档 / no readable document found")
    manifest = write_index(final, embedder, path, chunking, _background(index, embedder), finish=finish)
    cache.clear()
    return True, manifest, [d.doc_id for d in to_embed], removed


def ingest(settings: Settings, embedder: Embedder, paths: list[Path] | None = None,
           progress: bool = True, force: bool = False, finish: Finish | None = None) -> IngestReport:
    """Sync the corpus folder (no paths) or add/update the documents at ``paths``; ``finish`` is
    called on a new index folder before it is put in place (see :func:`build`).

    Raises:
        CorpusError: If a path does not exist or no document at all can be read.
    """
    started = time.perf_counter()
    corpus = settings.corpus_dir
    with ingest_lock(settings.index_dir):
        indexed = (read_manifest(settings.index_dir) or {}).get("documents", [])
        if paths is None:
            # documents added from outside the corpus folder stay while their file exists and no file
            # of the same name is in the corpus folder (a corpus and index copied or moved elsewhere:
            # the corpus's file is that document now, not a duplicate of it)
            names = {f.name for f in find_files([corpus])} if Path(corpus).is_dir() else set()
            stays = [m for m in indexed if not _inside(m["path"], corpus) and Path(m["path"]).exists()
                     and Path(m["path"]).name not in names]
            documents, skipped = load_documents([corpus], *_identities(stays),
                                                prefer={m["path"] for m in indexed})
            staying = {m["path"] for m in stays}
            keep = lambda part: part.meta["path"] in staying  # noqa: E731
        else:
            files = {str(p) for p in paths}
            stays = [m for m in indexed if m["path"] not in files]
            documents, skipped = load_documents(paths, *_identities(stays))
            keep = lambda part: True  # noqa: E731
        if not documents and paths is not None and not _only_known(skipped):
            reasons = "；".join(f"{Path(s.path).name}：{s.reason}" for s in skipped[:5])
            raise CorpusError(f"没有可读取的文档 / no readable document found（{reasons}）" if reasons
                              else "没有可读取的文档 / no readable document found")
        changed, manifest, embedded, removed = build(settings, embedder, documents, keep, progress, force,
                                                     finish)
    duplicates = tuple((s.path, s.reason.split()[1]) for s in skipped if s.reason.startswith("内容与已有文档"))
    return IngestReport(changed, manifest["counts"]["documents"], manifest["counts"]["chunks"],
                        tuple(skipped), time.perf_counter() - started, tuple(embedded), tuple(removed),
                        duplicates)


def _identities(metas: list[dict]) -> tuple[dict[str, str], dict[str, str]]:
    """``doc_id -> path`` and ``body_sha256 -> doc_id`` of indexed documents that stay."""
    return ({m["doc_id"]: m["path"] for m in metas},
            {m["body_sha256"]: m["doc_id"] for m in metas if m.get("body_sha256")})


def _only_known(skipped: list[Skipped]) -> bool:
    """True if every skipped file is a duplicate or empty-bodied (reported, not an error)."""
    return bool(skipped) and all(s.reason.startswith("内容与已有文档") or s.reason == EMPTY_BODY_REASON
                                 for s in skipped)


def recover(settings: Settings) -> bool:
    """Under the writer lock, put back an index left aside by an interrupted swap; True if there is
    an index afterwards. Waits for a running ingest (of any process) to finish first."""
    with ingest_lock(settings.index_dir):
        recover_swap(settings.index_dir)
    return read_manifest(settings.index_dir) is not None


def remove(settings: Settings, embedder: Embedder, doc_id: str, finish: Finish | None = None) -> IngestReport:
    """Drop a document from the index (moving its corpus file aside).

    Raises:
        DocumentNotFoundError: If the index has no such document.
        LastDocumentError: If it is the only document (an index needs one).
    """
    started = time.perf_counter()
    with ingest_lock(settings.index_dir):
        recover_swap(settings.index_dir)
        manifest = read_manifest(settings.index_dir) or {"documents": []}
        meta = next((d for d in manifest["documents"] if d["doc_id"] == doc_id), None)
        if meta is None:
            raise DocumentNotFoundError(f"未知文档 / unknown doc_id: {doc_id}")
        if len(manifest["documents"]) == 1:
            raise LastDocumentError(f"不能移除最后一个文档 / cannot remove the last document ({doc_id})")
        _, new_manifest, _, removed = build(settings, embedder, [], lambda p: p.meta["doc_id"] != doc_id,
                                            progress=False, finish=finish)
        _move_aside(Path(meta["path"]), settings)
    return IngestReport(True, new_manifest["counts"]["documents"], new_manifest["counts"]["chunks"], (),
                        time.perf_counter() - started, (), tuple(removed))


def _move_aside(source: Path, settings: Settings) -> None:
    """Move a removed document's file (and sidecar) out of the corpus folder into data_dir/removed."""
    if not (_inside(str(source), settings.corpus_dir) and source.exists()):
        return
    aside = settings.data_dir / "removed" / f"{time.strftime('%Y%m%d-%H%M%S')}-{source.name}"
    aside.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(source), aside)
    sidecar = source.with_suffix(".meta.json")
    if sidecar.exists():
        shutil.move(str(sidecar), aside.with_suffix(".meta.json"))


def add_file(settings: Settings, embedder: Embedder, filename: str, data: bytes,
             max_bytes: int, finish: Finish | None = None) -> tuple[str, IngestReport]:
    """Check an uploaded file, save it into the corpus folder and ingest it.

    Returns:
        The new document's doc_id and the ingest report.

    Raises:
        DocumentTooLargeError: For a file over ``max_bytes``.
        DuplicateDocumentError: If an indexed document has the same body (nothing is saved).
        UnsupportedTypeError: For an unsafe name or an unsupported type.
        UnreadableDocumentError: For a file that cannot be decoded or parsed, or has no body.
    """
    name = check_upload(filename, data, max_bytes)
    target = settings.corpus_dir / name
    doc = document_from_bytes(data, target)  # refuse what cannot be read before it lands in the corpus
    indexed = [m for m in (read_manifest(settings.index_dir) or {}).get("documents", [])
               if m["path"] != str(target)]
    taken, bodies = _identities(indexed)
    if not has_body(doc.text):
        raise UnreadableDocumentError(EMPTY_BODY_REASON)
    if doc.body_sha256 in bodies:
        raise DuplicateDocumentError(duplicate_reason(bodies[doc.body_sha256]), bodies[doc.body_sha256])
    settings.corpus_dir.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{name}.upload-{os.getpid()}")
    tmp.write_bytes(data)
    os.replace(tmp, target)
    report = ingest(settings, embedder, [target], progress=False, finish=finish)
    return distinct_id(doc_id_for(target), target, taken), report
