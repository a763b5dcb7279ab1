"""``/documents``: the indexed documents, their outlines and sections; upload and removal (keyed)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, UploadFile

from assistant.errors import DocumentNotFoundError
from assistant.ingest.formats import SUPPORTED_SUFFIXES
from assistant.ingest.outline import section_record
from assistant.interfaces.http.deps import KEYED, AssistantDep
from assistant.interfaces.http.errors import ERRORS
from assistant.interfaces.http.schemas import DocumentChange, DocumentOut, DocumentOutline, SectionOut

# Module level: annotations are resolved from module globals (``from __future__ import annotations``).
UPLOAD_HELP = f"政策文件（{', '.join(SUPPORTED_SUFFIXES)}）"
# Changes of the library may also be refused as in conflict, too large or of an unsupported type.
CHANGE_ERRORS = {**ERRORS, 409: ERRORS[422], 413: ERRORS[422], 415: ERRORS[422]}

router = APIRouter(tags=["文档"])


@router.get("/documents", response_model=list[DocumentOut], responses=ERRORS)
def documents(assistant: AssistantDep) -> list[dict]:
    """The indexed documents with their section and chunk counts."""
    return assistant.documents()


@router.get("/documents/{doc_id}", response_model=DocumentOutline, responses=ERRORS)
def document(doc_id: str, assistant: AssistantDep) -> dict:
    """A document's structure: parts and their numbered sections."""
    found = [d for d in assistant.outline() if d["doc_id"] == doc_id]
    if not found:
        raise DocumentNotFoundError(f"未知文档 / unknown doc_id: {doc_id}")
    return found[0]


@router.get("/documents/{doc_id}/tasks/{number}", response_model=SectionOut, responses=ERRORS)
def task(doc_id: str, number: int, assistant: AssistantDep) -> dict:
    """The full text of a numbered task, e.g. 17 for （十七）."""
    return section_record(assistant.section(doc_id, number))


@router.post("/documents", status_code=201, response_model=DocumentChange, responses=CHANGE_ERRORS,
             dependencies=KEYED)
def upload(file: Annotated[UploadFile, File(description=UPLOAD_HELP)], assistant: AssistantDep) -> dict:
    """Add or replace a document: it is saved into the corpus folder and indexed at once."""
    limit = assistant.settings.max_upload_bytes
    data = file.file.read(limit + 1)
    doc_id, report = assistant.add_document(file.filename or "", data, limit)
    doc = next(d for d in assistant.documents() if d["doc_id"] == doc_id)
    return {"doc_id": doc_id, "title": doc["title"], "sections": doc["sections"],
            "embedded": list(report.embedded), "documents": report.documents, "chunks": report.chunks}


@router.delete("/documents/{doc_id}", response_model=DocumentChange, responses=CHANGE_ERRORS, dependencies=KEYED)
def delete(doc_id: str, assistant: AssistantDep) -> dict:
    """Remove a document from the index (a file in the corpus folder is moved aside, not deleted)."""
    report = assistant.remove_document(doc_id)
    return {"doc_id": doc_id, "documents": report.documents, "chunks": report.chunks}
