"""Finding and reading policy documents: stable ids, titles and checksums."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import CorpusError
from assistant.ingest.formats import SUPPORTED_SUFFIXES, UnreadableDocumentError, extract

_ID_UNSAFE_RE = re.compile(r"[^0-9A-Za-z\u4e00-\u9fff_-]+")
_HEADING_RE = re.compile(r"^(?:第|[一二三四五六七八九十]+、|[（(]|\d+[.．、]|[①-⑳])")


@dataclass(frozen=True)
class Document:
    """A document's text with its provenance."""

    doc_id: str
    title: str
    path: str
    text: str
    sha256: str


@dataclass(frozen=True)
class Skipped:
    """A file that could not be read, with a one-line reason in Chinese and English."""

    path: str
    reason: str


def doc_id_for(path: Path) -> str:
    """Return a stable id from a file name: its stem with unsafe characters replaced."""
    return _ID_UNSAFE_RE.sub("-", path.stem).strip("-") or "doc"


def guess_title(text: str, path: Path, metadata_title: str = "") -> str:
    """Return a document's title.

    In order: the "title" of a sidecar ``<stem>.meta.json``; the title in the file's metadata
    (HTML <h1>/<title>, .docx or PDF properties); the first line when it looks like a title (short,
    no "。", not a numbered heading); else the file stem.
    """
    meta = path.with_suffix(".meta.json")
    if meta.is_file():
        try:
            title = json.loads(meta.read_text(encoding="utf-8")).get("title", "")
        except (ValueError, AttributeError):
            title = ""
        if title:
            return str(title)
    if metadata_title:
        return metadata_title
    first = next((line.strip(" #\t\u3000*") for line in text.splitlines() if line.strip()), "")
    if first and len(first) <= 60 and "。" not in first and not _HEADING_RE.match(first):
        return first
    return path.stem


def read_document(path: Path, doc_id: str | None = None) -> Document:
    """Read one file into a :class:`Document`.

    Raises:
        UnreadableDocumentError: If the file cannot be decoded or parsed.
    """
    data = path.read_bytes()
    extracted = extract(data, path.suffix.lower())
    return Document(
        doc_id=doc_id or doc_id_for(path),
        title=guess_title(extracted.text, path, extracted.title),
        path=str(path),
        text=extracted.text,
        sha256=hashlib.sha256(data).hexdigest(),
    )


def find_files(paths: list[Path]) -> list[Path]:
    """Expand files and folders into the files to read, sorted, without duplicates.

    Folders contribute their supported files (recursively, hidden ones excluded); files named
    directly are always returned, so that an unsupported one is reported rather than ignored.
    """
    files: set[Path] = set()
    for path in paths:
        if path.is_dir():
            files.update(p for p in path.rglob("*") if p.suffix.lower() in SUPPORTED_SUFFIXES
                         and p.is_file() and not any(part.startswith(".") for part in p.parts[-1:]))
        elif path.is_file():
            files.add(path)
    return sorted(files)


def load_documents(paths: list[Path]) -> tuple[list[Document], list[Skipped]]:
    """Read every document under ``paths``; files that cannot be read are skipped with a reason.

    Returns:
        The documents read and the files skipped.

    Raises:
        CorpusError: If a path does not exist.
    """
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise CorpusError(f"路径不存在 / path not found: {', '.join(missing)}")
    documents, skipped, seen = [], [], set()
    for path in find_files(paths):
        try:
            doc = read_document(path)
        except UnreadableDocumentError as exc:
            skipped.append(Skipped(str(path), str(exc)))
            continue
        except OSError as exc:
            skipped.append(Skipped(str(path), f"无法读取 / cannot read: {exc.strerror or exc}"))
            continue
        if doc.doc_id in seen:
            skipped.append(Skipped(str(path), f"doc_id 重复 / duplicate doc_id {doc.doc_id}"))
            continue
        seen.add(doc.doc_id)
        documents.append(doc)
    return documents, skipped
