"""The hybrid retriever as a LangChain ``BaseRetriever``, for use in LangChain pipelines."""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from assistant.records import hit_text


class PolicyRetriever(BaseRetriever):
    """Returns one LangChain ``Document`` per retrieved section (router first, then hybrid search).

    Example:
        >>> retriever = PolicyRetriever(assistant=Assistant(), top_k=3)
        >>> docs = retriever.invoke("全市数据中心标准机架总数的目标是多少？")
        >>> docs[0].metadata["label"]
        '（十七）'
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)
    assistant: Any
    top_k: int = 5
    doc_ids: list[str] | None = None

    def _get_relevant_documents(self, query: str, *,
                                run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        pipeline = self.assistant.pipeline  # one index snapshot for the hits and their chunks
        chunks = pipeline.index.chunks
        documents = []
        for hit in pipeline.retrieve(query, self.top_k, self.doc_ids).hits:
            text = hit_text(hit, chunks)
            c = hit.chunk
            documents.append(Document(page_content=text, metadata={
                "doc_id": c.doc_id, "doc_title": c.doc_title, "label": c.label, "number": c.number,
                "title": c.title, "part": c.part, "score": hit.score, "routed": hit.routed,
            }))
        return documents
