"""Reading policy documents from disk: decoding, titles and stable ids."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import CorpusError

SUPPORTED_SUFFIXES = (".txt", ".md")
_ENCODINGS = ("utf-8-sig", "gb18030")
_ID_UNSAFE_RE = re.compile(r"[^0-9A-Za-z\u4e00-\u9fff_-]+")
_HEADING_RE = re.compile(r"^(?:第|[一二三四五六七八九十]+、|[（(]|\d+[.．、])")


@dataclass(frozen=True)
class Document:
    """A decoded document with its provenance."""

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


def decode(data: bytes) -> str:
    """Decode bytes as UTF-8 (with or without BOM), else GB18030.

    Raises:
        UnicodeDecodeError: If neither encoding fits.
    """
    for encoding in _ENCODINGS[:-1]:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode(_ENCODINGS[-1])


def doc_id_for(path: Path) -> str:
    """Return a stable id from a file name: its stem with unsafe characters replaced."""
    return _ID_UNSAFE_RE.sub("-", path.stem).strip("-") or "doc"


def guess_title(text: str, path: Path) -> str:
    """Return a title: the sidecar ``<stem>.meta.json`` "title", else a title-like first line.

    A first line counts as a title when it is short, has no "。" and is not a numbered heading.
    Otherwise the file stem is used.
    """
    meta = path.with_suffix(".meta.json")
    if meta.is_file():
        title = json.loads(meta.read_text(encoding="utf-8")).get("title", "")
        if title:
            return str(title)
    first = next((line.strip(" #\t\u3000") for line in text.splitlines() if line.strip()), "")
    if first and len(first) <= 60 and "。" not in first and not _HEADING_RE.match(first):
        return first
    return path.stem


def read_document(path: Path) -> Document:
    """Read one file into a :class:`Document`.

    Raises:
        UnicodeDecodeError: If the file is neither UTF-8 nor GB18030.
    """
    data = path.read_bytes()
    text = decode(data).replace("\r\n", "\n").replace("\r", "\n")
    return Document(
        doc_id=doc_id_for(path),
        title=guess_title(text, path),
        path=str(path),
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
    )


def find_files(paths: list[Path]) -> list[Path]:
    """Expand files and folders into the supported files they hold, sorted, without duplicates."""
    files: set[Path] = set()
    for path in paths:
        if path.is_dir():
            files.update(p for p in path.rglob("*") if p.suffix.lower() in SUPPORTED_SUFFIXES
                         and p.is_file() and not p.name.startswith("."))
        elif path.is_file():
            files.add(path)
    return sorted(files)


def load_documents(paths: list[Path]) -> tuple[list[Document], list[Skipped]]:
    """Read every supported file under ``paths``.

    Returns:
        The documents read and the files skipped with their reasons.

    Raises:
        CorpusError: If a path does not exist.
    """
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise CorpusError(f"路径不存在 / path not found: {', '.join(missing)}")
    documents, skipped, seen = [], [], set()
    for path in find_files(paths):
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            skipped.append(Skipped(str(path), f"不支持的文件类型 / unsupported type {path.suffix}"))
            continue
        try:
            doc = read_document(path)
        except UnicodeDecodeError:
            skipped.append(Skipped(str(path), "无法解码（非 UTF-8/GB18030）/ cannot decode"))
            continue
        if doc.doc_id in seen:
            skipped.append(Skipped(str(path), f"doc_id 重复 / duplicate doc_id {doc.doc_id}"))
            continue
        seen.add(doc.doc_id)
        documents.append(doc)
    return documents, skipped
