"""Finding and reading policy documents: stable ids, titles, metadata and checksums.

Identity rules:
- a doc_id is the file stem with unsafe characters replaced by "-"; when that replacement loses
  information (e.g. "通知（一）" and "通知(一)" both become "通知-一"), a short hash of the exact stem
  is appended, so two names never share an id and the id of a name never depends on other files;
  files with the same stem and different suffixes ("a.md", "a.txt") get "-md", "-txt" after the
  first (sorted) one;
- the same content under a second name (equal ``body_sha256``: the body after metadata removal, NFKC,
  whitespace removed, so a .docx or .pdf copy of a .md text counts) is reported, not indexed twice;
- a file with no body once its title and metadata lines are removed is skipped with a reason, every
  time, without rewriting the index.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from assistant.errors import CorpusError
from assistant.ingest.formats import SUPPORTED_SUFFIXES, UnreadableDocumentError, extract
from assistant.ingest.metadata import split_metadata, split_title, title_like
from assistant.records import DocumentMetadata

_ID_UNSAFE_RE = re.compile(r"[^0-9A-Za-z\u4e00-\u9fff_-]+")


@dataclass(frozen=True)
class Document:
    """A document's text with its provenance."""

    doc_id: str
    title: str
    path: str
    text: str  # the body: metadata lines removed
    sha256: str  # of the file's bytes
    metadata: DocumentMetadata = field(default_factory=DocumentMetadata)
    body_sha256: str = ""


@dataclass(frozen=True)
class Skipped:
    """A file that could not be read, with a one-line reason in Chinese and English."""

    path: str
    reason: str


def doc_id_for(path: Path) -> str:
    """Return a stable id from a file name: its stem with unsafe characters replaced by "-", plus
    the first 8 hex digits of the stem's sha1 when the replacement lost information."""
    base = _ID_UNSAFE_RE.sub("-", path.stem).strip("-") or "doc"
    if base == path.stem:
        return base
    return f"{base}-{hashlib.sha1(path.stem.encode('utf-8')).hexdigest()[:8]}"


def distinct_id(doc_id: str, path: Path, taken: dict[str, str]) -> str:
    """``doc_id``, or ``doc_id-<suffix>`` (then a hash of the path) when another path holds it.

    Args:
        doc_id: The id from :func:`doc_id_for`.
        path: The file.
        taken: ``doc_id -> path`` of the documents already given ids.
    """
    if taken.get(doc_id, str(path)) == str(path):
        return doc_id
    candidate = f"{doc_id}-{path.suffix.lstrip('.').lower() or 'file'}"
    if taken.get(candidate, str(path)) == str(path):
        return candidate
    return f"{doc_id}-{hashlib.sha1(str(path).encode('utf-8')).hexdigest()[:8]}"


# Markdown written by hand: "#" heading marks and <!-- … --> comments are not document text (the Markdown
# reader drops them while parsing; ``strip_markdown`` serves raw Markdown text).
_MD_COMMENT_RE = re.compile(r"<!--.*?-->", re.DOTALL)
_MD_HEADING_RE = re.compile(r"^[ \t]*#{1,6}[ \t\u3000]+", re.MULTILINE)


def strip_markdown(text: str) -> str:
    """Remove HTML comments and heading marks from Markdown text (other text unchanged)."""
    return _MD_HEADING_RE.sub("", _MD_COMMENT_RE.sub("", text))


# "第 二 条", "第 十 二 章": a heading label whose characters a PDF or a typist spaced apart, at a line's start.
_SPACES = "[ \t\u3000]"
_SPACED_LABEL_RE = re.compile(rf"(?m)^({_SPACES}*)第{_SPACES}*((?:[一二三四五六七八九十百千零〇两\d]{_SPACES}*){{1,8}})"
                              r"(?=[条條章节節编編])")


def join_spaced_labels(text: str) -> str:
    """The text with the spaces inside line-opening labels removed ("第 二 条　…" -> "第二条　…"), so
    that they are read as headings; nothing else changes."""
    return _SPACED_LABEL_RE.sub(lambda m: m.group(1) + "第" + re.sub(_SPACES, "", m.group(2)), text)


# "第一条" (or "第二章") alone on its line, its text on the next: a layout of some typed and converted
# files. Not when the next line opens with a label of its own ("第一章" over "第一条 …", "（一）").
_BARE_LABEL_RE = re.compile(
    rf"(?m)^({_SPACES}*第[一二三四五六七八九十百千零〇两\d]{{1,8}}[条條章节節编編](?:之[一二三四五六七八九十]+)?)"
    rf"{_SPACES}*\n(?:{_SPACES}*\n)*{_SPACES}*(?!第[^\n]{{1,8}}?[条條章节節编編]|[一二三四五六七八九十]+、|[（(]|\s)")


def join_bare_labels(text: str) -> str:
    """The text with a heading label that stands alone on its line joined to the line after it
    ("第一条\n为了…" -> "第一条 为了…"), so that the article's first paragraph is its first 款 and
    a chapter's title its title; nothing else changes."""
    return _BARE_LABEL_RE.sub(r"\1 ", text)


def body_digest(body: str) -> str:
    """sha256 of a body with NFKC applied and all whitespace removed (for duplicate detection)."""
    return hashlib.sha256(re.sub(r"\s+", "", unicodedata.normalize("NFKC", body)).encode("utf-8")).hexdigest()


def guess_title(text: str, path: Path, metadata_title: str = "") -> str:
    """Return a document's title.

    In order: the "title" of a sidecar ``<stem>.meta.json``; the title in the file's metadata
    (HTML <h1>/<title>, .docx or PDF properties); the first line when it looks like a title (short,
    no "。", not a numbered heading), joined with the next when it names only the issuing bodies and the
    next is "关于…的通知" (the title printed over two lines); else the file stem.
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
    first, second = ([line.strip(" #\t\u3000*") for line in text.splitlines() if line.strip()] + ["", ""])[:2]
    if title_like(first):
        return first + second if split_title(first, second) else first  # "…局　…局" over "关于…的通知"
    return path.stem


def read_document(path: Path, doc_id: str | None = None) -> Document:
    """Read one file into a :class:`Document`.

    Raises:
        UnreadableDocumentError: If the file cannot be decoded or parsed.
    """
    data = path.read_bytes()
    return document_from_bytes(data, path, doc_id)


def document_from_bytes(data: bytes, path: Path, doc_id: str | None = None) -> Document:
    """Extract a file's text, take its metadata out and return the :class:`Document`.

    Raises:
        UnreadableDocumentError: If the bytes cannot be decoded or parsed.
    """
    extracted = extract(data, path.suffix.lower())
    # the Markdown reader drops heading marks itself, but for "## " before a heading without a number
    text = _MD_COMMENT_RE.sub("", extracted.text) if path.suffix.lower() == ".md" else extracted.text
    known = dict(getattr(extracted, "metadata", None) or {})
    if extracted.title:
        known.setdefault("title", extracted.title)
    fallback = dict(getattr(extracted, "fallback", None) or {})
    body, meta = split_metadata(join_bare_labels(join_spaced_labels(text)), known, fallback)
    return Document(
        doc_id=doc_id or doc_id_for(path),
        title=guess_title(text, path, meta.title),
        path=str(path),
        text=body,
        sha256=hashlib.sha256(data).hexdigest(),
        metadata=meta,
        body_sha256=body_digest(body),
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


def duplicate_reason(original: str) -> str:
    """The skip reason of a file whose content an indexed document already has."""
    return f"内容与已有文档 {original} 相同，未重复索引 / same content as doc_id {original}; not indexed"


EMPTY_BODY_REASON = "只有标题或元数据，没有正文 / no body text besides the title and metadata"
# A line that only heads what follows: "第二章 规划管理", "第一节 通则", "一、总体要求", "（一）完善设施" (no sentence).
_HEADING_ONLY_RE = re.compile(r"^[ \t\u3000]*(?:第[一二三四五六七八九十百千零〇两\d]{1,8}[编編章节節]"
                              r"|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])[^。；;！？!?\n]{0,40}$")


def has_body(text: str) -> bool:
    """True when ``text`` (a document's body, metadata taken out) holds more than headings: a file of
    chapter titles only ("第一章 总则\n第二章 规划管理") has nothing to quote."""
    return any(line.strip() and not _HEADING_ONLY_RE.match(line) for line in text.splitlines())


def load_documents(paths: list[Path], taken: dict[str, str] | None = None,
                   known_bodies: dict[str, str] | None = None,
                   prefer: set[str] | frozenset[str] = frozenset()) -> tuple[list[Document], list[Skipped]]:
    """Read every document under ``paths``; files that cannot be read are skipped with a reason.

    Args:
        paths: Files and folders.
        taken: ``doc_id -> path`` of indexed documents that stay (their ids are not reused).
        known_bodies: ``body_sha256 -> doc_id`` of indexed documents that stay (duplicates of them
            are skipped).
        prefer: Paths read first (the files already indexed), so that a new copy of an indexed
            file is the duplicate and the indexed one keeps its id; the rest in sorted order.

    Returns:
        The documents read and the files skipped (unreadable, empty-bodied, or duplicates, whose
        reason names the original's doc_id).

    Raises:
        CorpusError: If a path does not exist.
    """
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise CorpusError(f"路径不存在 / path not found: {', '.join(missing)}")
    documents, skipped = [], []
    ids, bodies = dict(taken or {}), dict(known_bodies or {})
    for path in sorted(find_files(paths), key=lambda p: (str(p) not in prefer, p)):
        try:
            doc = read_document(path)
        except UnreadableDocumentError as exc:
            skipped.append(Skipped(str(path), str(exc)))
            continue
        except OSError as exc:
            skipped.append(Skipped(str(path), f"无法读取 / cannot read: {exc.strerror or exc}"))
            continue
        if not has_body(doc.text):
            skipped.append(Skipped(str(path), EMPTY_BODY_REASON))
            continue
        if doc.body_sha256 in bodies:
            skipped.append(Skipped(str(path), duplicate_reason(bodies[doc.body_sha256])))
            continue
        doc_id = distinct_id(doc.doc_id, path, ids)
        doc = Document(**{**doc.__dict__, "doc_id": doc_id})
        ids[doc_id], bodies[doc.body_sha256] = str(path), doc_id
        documents.append(doc)
    return documents, skipped
