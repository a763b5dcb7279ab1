"""HTTP routes that change the document library: upload (``POST /documents``) and removal."""

from __future__ import annotations

from typing import Annotated

from fastapi import FastAPI, File, UploadFile
from pydantic import BaseModel, Field

from assistant.ingest.formats import SUPPORTED_SUFFIXES
from assistant.service import Assistant

# Module level: annotations are resolved from module globals (``from __future__ import annotations``).
UPLOAD_HELP = f"政策文件（{', '.join(SUPPORTED_SUFFIXES)}）"


class DocumentChange(BaseModel):
    """Result of an upload or a removal."""

    doc_id: str
    title: str = ""
    sections: int = Field(0, description="该文档的编号条目数")
    embedded: list[str] = Field(default_factory=list, description="本次重新嵌入的文档")
    documents: int = Field(..., description="索引中的文档总数")
    chunks: int = Field(..., description="索引中的片段总数")


def add_document_routes(app: FastAPI, assistant: Assistant, keyed: list, errors: dict) -> None:
    """Register ``POST /documents`` and ``DELETE /documents/{doc_id}`` (both need the API key)."""
    responses = {**errors, 409: errors[422], 413: errors[422], 415: errors[422]}

    @app.post("/documents", status_code=201, response_model=DocumentChange, responses=responses,
              dependencies=keyed, tags=["文档"])
    def upload(file: Annotated[UploadFile, File(description=UPLOAD_HELP)]) -> dict:
        """Add or replace a document: it is saved into the corpus folder and indexed at once."""
        limit = assistant.settings.max_upload_bytes
        data = file.file.read(limit + 1)
        doc_id, report = assistant.add_document(file.filename or "", data, limit)
        doc = next(d for d in assistant.documents() if d["doc_id"] == doc_id)
        return {"doc_id": doc_id, "title": doc["title"], "sections": doc["sections"],
                "embedded": list(report.embedded), "documents": report.documents, "chunks": report.chunks}

    @app.delete("/documents/{doc_id}", response_model=DocumentChange, responses=responses,
                dependencies=keyed, tags=["文档"])
    def delete(doc_id: str) -> dict:
        """Remove a document from the index (a file in the corpus folder is moved aside, not deleted)."""
        report = assistant.remove_document(doc_id)
        return {"doc_id": doc_id, "documents": report.documents, "chunks": report.chunks}

