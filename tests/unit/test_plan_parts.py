"""Which documents an incremental ingest embeds again (``plan_parts``, pure)."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np

from assistant.ingest.documents import Document
from assistant.ingest.metadata import DocumentMetadata
from assistant.ingest.parts import DocPart, document_meta, plan_parts


def _doc(doc_id: str, sha: str = "a", title: str = "某市数据管理办法") -> Document:
    return Document(doc_id, title, f"corpus/{doc_id}.md", "第一条 为规范公共数据管理，制定本办法。", sha)


def _part(doc: Document) -> DocPart:
    empty = np.zeros((0, 2), dtype=np.float32)
    meta = {**document_meta(doc), "chunks": 0}  # as the manifest holds it: read back from JSON, with its count
    return DocPart(json.loads(json.dumps(meta)), [], empty, np.zeros((0, 3), dtype=np.int32), empty)


def test_only_new_or_changed_documents_are_embedded() -> None:
    same, edited, retitled, new = _doc("same"), _doc("edited"), _doc("retitled"), _doc("new")
    reusable = {d.doc_id: _part(d) for d in (same, edited, retitled)}
    now = [same, _doc("edited", sha="b"), _doc("retitled", title="某市数据管理办法（修订）"), new]
    to_embed, _ = plan_parts(now, {}, reusable)
    assert [d.doc_id for d in to_embed] == ["edited", "retitled", "new"]


def test_without_reusable_parts_everything_is_embedded() -> None:
    docs = [_doc("a"), _doc("b")]
    assert plan_parts(docs, {}, {})[0] == docs


def test_kept_documents_come_first_then_the_read_ones_in_order_without_repeats() -> None:
    kept = _doc("kept")
    docs = [_doc("b"), _doc("kept"), _doc("a")]
    to_embed, order = plan_parts(docs, {"kept": _part(kept)}, {"kept": _part(kept)})
    assert order == ["kept", "b", "a"]
    assert [d.doc_id for d in to_embed] == ["b", "a"]


def test_a_file_read_differently_now_is_embedded_again() -> None:
    # the same bytes, but this version reads another body or other metadata (an issuer from the title)
    same, body, meta, moved = _doc("same"), _doc("body"), _doc("meta"), _doc("moved")
    reusable = {d.doc_id: _part(d) for d in (same, body, meta, moved)}
    now = [same, replace(body, body_sha256="other"), replace(meta, metadata=DocumentMetadata(issuer="某市人民政府")),
           replace(moved, path="elsewhere/moved.md")]
    to_embed, _ = plan_parts(now, {}, reusable)
    assert [d.doc_id for d in to_embed] == ["body", "meta"]  # a moved file keeps its vectors
