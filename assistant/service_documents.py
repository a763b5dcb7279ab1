"""The Assistant's read-only views of the indexed documents (list, outline, trees, units): thin
delegations to :mod:`assistant.retrieve.catalog` and :mod:`assistant.ingest.outline`, over the
snapshot the :class:`assistant.service.Assistant` serves."""

from __future__ import annotations

from assistant.ingest import outline as outlines
from assistant.ingest.outline import document_outline
from assistant.records import Chunk
from assistant.retrieve import catalog
from assistant.retrieve.hybrid import HybridRetriever
from assistant.store.folder import IndexData


class DocumentReads:
    """Mixed into the Assistant, which provides ``index`` and ``retriever`` (the current snapshot)."""

    index: IndexData
    retriever: HybridRetriever

    def documents(self) -> list[dict]:
        """The indexed documents: doc_id, title, path and section counts."""
        return catalog.documents(self.index)

    def section(self, doc_id: str, number: int) -> list[Chunk]:
        """All chunks of a numbered leaf section of a document, in order (DocumentNotFoundError if none)."""
        return catalog.section(self.retriever, doc_id, number)

    def outline(self) -> list[dict]:
        """Each document's parts and their numbered sections, in document order (for browsing)."""
        index = self.index  # one snapshot for both
        return document_outline(index.manifest["documents"], index.chunks)

    def _manifest_entry(self, doc_id: str) -> dict:
        catalog.doc_filter(self.index, [doc_id])
        return next(d for d in self.index.manifest["documents"] if d["doc_id"] == doc_id)

    def document_tree(self, doc_id: str) -> dict:
        """A document's metadata and whole tree (see :func:`assistant.ingest.outline.document_tree`).

        Raises:
            DocumentNotFoundError: For an unknown doc_id.
        """
        return outlines.document_tree(self._manifest_entry(doc_id), self.index.trees.get(doc_id, []))

    def unit(self, doc_id: str, path: str) -> dict:
        """One unit by path, with its children and whole text.

        Raises:
            DocumentNotFoundError: For an unknown doc_id or path.
        """
        return outlines.unit_record(self._manifest_entry(doc_id), self.index.trees.get(doc_id, []), path)

    def units_by_number(self, doc_id: str, number: int, level: str | None = None) -> list[dict]:
        """The units of a document a number may name (one: unambiguous; several: candidates)."""
        self._manifest_entry(doc_id)
        return outlines.units_by_number(self.index.trees.get(doc_id, []), number, level)
