"""Document outlines (parts → numbered sections) and whole-section texts, built from index chunks."""

from __future__ import annotations

from assistant.records import Chunk, section_text


def document_outline(documents: list[dict], chunks: list[Chunk]) -> list[dict]:
    """Each document with its parts and their sections, in document order.

    Args:
        documents: The manifest's documents (``doc_id``, ``title`` …).
        chunks: All chunks of the index, in document order.

    Returns:
        ``[{"doc_id", "title", "parts": [{"part", "title", "sections": [{"label", "number", "title"}]}]}]``;
        the preamble (no part) is a part with an empty numeral.
    """
    outline = []
    for doc in documents:
        parts: list[dict] = []
        seen: set[str] = set()
        for chunk in chunks:
            if chunk.doc_id != doc["doc_id"] or chunk.label in seen:
                continue
            seen.add(chunk.label)
            if not parts or parts[-1]["part"] != chunk.part:
                parts.append({"part": chunk.part, "title": chunk.part_title, "sections": []})
            parts[-1]["sections"].append({"label": chunk.label, "number": chunk.number, "title": chunk.title})
        outline.append({"doc_id": doc["doc_id"], "title": doc["title"], "parts": parts})
    return outline


def section_record(chunks: list[Chunk]) -> dict:
    """Join the pieces of one section into a JSON-ready record with its full text."""
    first = chunks[0]
    return {"doc_id": first.doc_id, "doc_title": first.doc_title, "label": first.label,
            "number": first.number, "title": first.title, "part": first.part,
            "part_title": first.part_title, "text": section_text(chunks)}
