"""``/documents``: the indexed documents, their outlines and sections (readers); upload as a background job
and removal (maintainers)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Response, UploadFile

from assistant.errors import DocumentNotFoundError
from assistant.ingest.formats import SUPPORTED_SUFFIXES
from assistant.ingest.outline import section_record
from assistant.interfaces.http.deps import ADMIN, READER, AssistantDep, JobsDep
from assistant.interfaces.http.errors import ADMIN_ERRORS, ERRORS
from assistant.interfaces.http.gate import GatedRoute
from assistant.interfaces.http.schemas import (
    DocumentChange,
    DocumentOut,
    DocumentOutline,
    JobAccepted,
    SectionOut,
    UnitOut,
)
from assistant.interfaces.http.uploads import queue_upload

# Module level: annotations are resolved from module globals (``from __future__ import annotations``).
UPLOAD_HELP = f"政策文件（{', '.join(SUPPORTED_SUFFIXES)}）"
# Changes of the library may also be refused as in conflict, too large or of an unsupported type
# (415: the file's type, or for the upload a body that is not multipart/form-data: ``gate``).
CHANGE_ERRORS = {**ADMIN_ERRORS, 409: ERRORS[422], 413: ERRORS[422], 415: ERRORS[422]}
# The 202 answer links to the job (OpenAPI links: clients and the stateful fuzzer follow them).
UPLOAD_ERRORS = {**CHANGE_ERRORS, 429: ERRORS[422],
                 202: {"links": {"GetJob": {"operationId": "get_job",
                                            "parameters": {"job_id": "$response.body#/job_id"}}}}}

router = APIRouter(tags=["文档"], route_class=GatedRoute)


@router.get("/documents", response_model=list[DocumentOut], responses=ERRORS, dependencies=READER)
def documents(assistant: AssistantDep) -> list[dict]:
    """The indexed documents with their section and chunk counts."""
    return assistant.documents()


@router.get("/documents/{doc_id}", response_model=DocumentOutline, responses=ERRORS, dependencies=READER)
def document(doc_id: str, assistant: AssistantDep) -> dict:
    """A document's metadata and whole tree (each node: level, label, path, number, title, its own
    text, children), and its parts with their numbered sections."""
    tree = assistant.document_tree(doc_id)
    found = [d for d in assistant.outline() if d["doc_id"] == doc_id]
    if not found:
        raise DocumentNotFoundError(f"未知文档 / unknown doc_id: {doc_id}")
    return {**found[0], "metadata": tree["metadata"], "children": tree["children"]}


@router.get("/documents/{doc_id}/sections/{path:path}", response_model=UnitOut, responses=ERRORS,
            dependencies=READER)
def unit(doc_id: str, path: str, assistant: AssistantDep) -> dict:
    """One unit by its path ("第十三条", "二、1.", "（十七）"; width, 條/条 and spaces do not matter):
    its own text, its children and its whole text."""
    return assistant.unit(doc_id, path)


@router.get("/documents/{doc_id}/tasks/{number}", response_model=SectionOut,
            responses={**ERRORS, 409: ERRORS[422]}, dependencies=READER)
def task(doc_id: str, number: int, assistant: AssistantDep) -> dict:
    """The full text of a numbered unit, e.g. 17 for （十七） or 第十七条; 409 with the candidate paths
    when the number is not unique in the document (numbering that restarts: use ``/sections/{path}``)."""
    return section_record(assistant.section(doc_id, number))


@router.post("/documents", status_code=202, response_model=JobAccepted, responses=UPLOAD_ERRORS,
             dependencies=ADMIN)
def upload(file: Annotated[UploadFile, File(description=UPLOAD_HELP)], assistant: AssistantDep, jobs: JobsDep,
           response: Response) -> dict:
    """Check an upload (name, type, size, duplicate) and queue it; ``GET /jobs/{job_id}`` follows the job.

    The job saves the file into the corpus folder and indexes it (add or replace), one job at a time;
    a file that cannot be read makes the job ``failed`` with the reason.
    """
    data = file.file.read(assistant.settings.max_upload_bytes + 1)
    job = queue_upload(assistant, jobs, file.filename or "", data)
    response.headers["Location"] = f"/jobs/{job.id}"
    return {"job_id": job.id, "state": job.state, "status_url": f"/jobs/{job.id}"}


@router.delete("/documents/{doc_id}", response_model=DocumentChange, responses=CHANGE_ERRORS, dependencies=ADMIN)
def delete(doc_id: str, assistant: AssistantDep) -> dict:
    """Remove a document from the index (a file in the corpus folder is moved aside, not deleted); the answer
    names the document removed (its title and section count before removal) and the index's counts after."""
    gone = next((d for d in assistant.documents() if d["doc_id"] == doc_id), {})
    report = assistant.remove_document(doc_id)
    return {"doc_id": doc_id, "title": gone.get("title", ""), "sections": gone.get("sections", 0),
            "documents": report.documents, "chunks": report.chunks}
