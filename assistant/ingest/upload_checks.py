"""The checks of an uploaded file that need no index: a safe name of a supported type, within the size limit.

Used by the PostgreSQL writer (:mod:`assistant.ingest.database`); ``library.add_file`` makes the same
checks inline (it could call :func:`check_upload`).
"""

from __future__ import annotations

from pathlib import Path

from assistant.errors import DocumentTooLargeError
from assistant.ingest.formats import SUPPORTED_SUFFIXES, UnsupportedTypeError


def check_upload(filename: str, data: bytes, max_bytes: int) -> str:
    """The safe file name (no folders) of an upload of ``data`` (``max_bytes``: the size limit in bytes).

    Raises:
        UnsupportedTypeError: For an empty or hidden name, or a type that cannot be read.
        DocumentTooLargeError: For ``data`` over ``max_bytes``.
    """
    name = Path(filename.replace("\\", "/")).name.strip()
    suffix = Path(name).suffix.lower()
    if not name or name.startswith(".") or suffix not in SUPPORTED_SUFFIXES:
        allowed = ", ".join(SUPPORTED_SUFFIXES)
        raise UnsupportedTypeError(
            f"不支持的文件类型 / unsupported file type {suffix or name!r}; 支持 / allowed: {allowed}")
    if len(data) > max_bytes:
        limit = f"{max_bytes / 1024 / 1024:g} MB"
        raise DocumentTooLargeError(f"文件过大（上限 {limit}）/ file larger than {limit}")
    return name
