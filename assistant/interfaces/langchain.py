"""The hybrid retriever as a LangChain ``BaseRetriever``, for use in LangChain pipelines."""

from __future__ import annotations

import asyncio
from typing import Any

from langchain_core.callbacks import AsyncCallbackManagerForRetrieverRun, CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict, Field

from assistant.errors import InvalidQuestionError
from assistant.records import hit_text

MAX_TOP_K = 20


class PolicyRetriever(BaseRetriever):
    """Returns one LangChain ``Document`` per retrieved section (router first, then hybrid search).

    The number of documents is ``top_k`` (1–20), set on the retriever or per call:
    ``retriever.invoke(query, top_k=1)`` (also ``ainvoke``). ``doc_ids`` restricts the search.

    Example:
        >>> retriever = PolicyRetriever(assistant=Assistant(), top_k=3)
        >>> docs = retriever.invoke("全市数据中心标准机架总数的目标是多少？")
        >>> docs[0].metadata["label"]
        '（十七）'

    Raises:
        InvalidQuestionError: For an empty or over-long query, or a ``top_k`` outside 1–20.
        DocumentNotFoundError: For an unknown doc_id.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)
    assistant: Any
    top_k: int = Field(5, ge=1, le=MAX_TOP_K)
    doc_ids: list[str] | None = None

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun,
                                top_k: int | None = None) -> list[Document]:
        count = self.top_k if top_k is None else top_k
        if not isinstance(count, int) or isinstance(count, bool) or not 1 <= count <= MAX_TOP_K:
            raise InvalidQuestionError(f"top_k 须在 1 到 {MAX_TOP_K} 之间 / top_k must be 1-{MAX_TOP_K}: {count!r}")
        pipeline = self.assistant.pipeline  # one index snapshot for the hits and their chunks
        chunks = pipeline.index.chunks
        documents = []
        for hit in pipeline.retrieve(query, count, self.doc_ids).hits[:count]:
            text = hit_text(hit, chunks)
            c = hit.chunk
            documents.append(Document(page_content=text, metadata={
                "doc_id": c.doc_id, "doc_title": c.doc_title, "label": c.label, "number": c.number,
                "title": c.title, "part": c.part, "path": c.path_label or c.label, "score": hit.score,
                "routed": hit.routed,
            }))
        return documents

    async def _aget_relevant_documents(self, query: str, *, run_manager: AsyncCallbackManagerForRetrieverRun,
                                       top_k: int | None = None) -> list[Document]:
        """Run the (CPU-bound) search in a worker thread so the event loop stays free."""
        return await asyncio.to_thread(self._get_relevant_documents, query, run_manager=run_manager.get_sync(),
                                       top_k=top_k)
