"""What the index holds, for browsing: its documents, one section's chunks, and doc_id checks."""

from __future__ import annotations

from assistant.errors import AmbiguousSectionError, DocumentNotFoundError
from assistant.ingest.outline import units_by_number
from assistant.records import Chunk
from assistant.retrieve.hybrid import HybridRetriever
from assistant.store.folder import IndexData
from assistant.text.chinese import fold_traditional


def doc_filter(index: IndexData, doc_ids: list[str] | None) -> set[str] | None:
    """The set of ``doc_ids`` to restrict a search to (None: no restriction).

    Raises:
        DocumentNotFoundError: Naming every doc_id the index does not hold.
    """
    if not doc_ids:
        return None
    known = {d["doc_id"] for d in index.manifest["documents"]}
    unknown = [d for d in doc_ids if d not in known]
    if unknown:
        raise DocumentNotFoundError(f"未知文档 / unknown doc_id: {', '.join(unknown)}")
    return set(doc_ids)


def documents(index: IndexData) -> list[dict]:
    """The indexed documents: their manifest entries (doc_id, title, path…) plus ``sections``, a count."""
    counts: dict[str, set] = {}
    for chunk in index.chunks:
        counts.setdefault(chunk.doc_id, set()).add(chunk.key)
    return [{**d, "sections": len(counts.get(d["doc_id"], ()))} for d in index.manifest["documents"]]


def section(retriever: HybridRetriever, doc_id: str, number: int) -> list[Chunk]:
    """All chunks of the unit a bare number names in a document, in order.

    The number is looked up in the document's tree (articles first, else numbered leaves); where
    the numbering restarts ("1." under 一、 and under 二、) it is ambiguous.

    Raises:
        DocumentNotFoundError: If the document or the section does not exist.
        AmbiguousSectionError: If several units carry the number (``candidates`` lists their paths).
    """
    index = retriever.index
    doc_filter(index, [doc_id])
    tree = index.trees.get(doc_id, [])
    candidates = units_by_number(tree, number) if tree else []
    if len(candidates) > 1:
        paths = "、".join(c["path"] for c in candidates)
        raise AmbiguousSectionError(f"第{number}项不唯一，请指明：{paths} / number {number} is ambiguous",
                                    candidates)
    if candidates:
        path = candidates[0]["path"]
        chunks = [c for c in index.chunks if c.doc_id == doc_id and c.unit_path == path]
        # a task split into points has no text of its own: its points stand for it
        chunks = chunks or [c for c in index.chunks if c.doc_id == doc_id and (c.unit_path or "").startswith(path)]
    else:
        leaf = {r.level for r in retriever.refs if r.key[0] == doc_id and r.number == number}
        chunks = [c for c in index.chunks if c.doc_id == doc_id and c.number == number and c.level in leaf]
    if not chunks:
        raise DocumentNotFoundError(f"未找到第{number}项 / no section {number} in {doc_id}")
    return chunks


def document_text(index: IndexData, doc_id: str) -> str:
    """The text of one document's chunks joined, folded to simplified (cached on ``index``, which is
    never changed in place: a new index is loaded whole)."""
    cache = getattr(index, "_document_texts", None)
    if cache is None:
        cache = {}
        index._document_texts = cache
    if doc_id not in cache:
        cache[doc_id] = fold_traditional("\n".join(c.text for c in index.chunks if c.doc_id == doc_id))
    return cache[doc_id]


def mentions(text: str, words: str) -> bool:
    """Whether one line of ``text`` (folded to simplified) holds every character of ``words``, in any order:
    "收费" is mentioned by "按照规定的标准收取费用", "停车收费" not by a text no line of which says 停."""
    chars = set(fold_traditional(words))
    return any(chars <= set(line) for line in text.split("\n")) if chars else True
