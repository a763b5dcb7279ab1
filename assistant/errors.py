"""The core's own exceptions; adapters map them to exit codes or HTTP statuses."""

from __future__ import annotations


class PolicyQAError(Exception):
    """Base class for every error the core raises on purpose."""


class InvalidQuestionError(PolicyQAError, ValueError):
    """The question is empty or only symbols, too long or contains control characters."""


class IndexNotFoundError(PolicyQAError):
    """No index folder exists where the settings point."""


class IndexFormatError(PolicyQAError):
    """The index folder is incomplete, corrupt or of another format version."""


class CorpusError(PolicyQAError):
    """The corpus holds no readable document."""


class DocumentNotFoundError(PolicyQAError, LookupError):
    """A doc_id or a section number does not exist."""


class BackendUnavailableError(PolicyQAError, ImportError):
    """An optional backend is selected but its library is not installed."""


class DocumentTooLargeError(PolicyQAError):
    """An uploaded document is larger than the configured limit."""


class LastDocumentError(PolicyQAError):
    """Removing this document would leave the index empty."""


class InvalidDocumentNameError(PolicyQAError, ValueError):
    """An uploaded file's name is empty, too long, or has control characters or path separators."""


class DuplicateDocumentError(PolicyQAError):
    """An added document has the same bytes or body as an indexed or queued one (``original``: its doc_id)."""

    def __init__(self, message: str, original: str = "") -> None:
        super().__init__(message)
        self.original = original


class AmbiguousSectionError(PolicyQAError, LookupError):
    """A bare number names several units of a document (e.g. "1." under 一、 and under 二、).

    ``candidates`` lists them as ``{"path", "level", "label", "title"}`` dicts, in document order.
    """

    def __init__(self, message: str, candidates: list[dict]) -> None:
        super().__init__(message)
        self.candidates = candidates

