"""Decoding text files (.txt, .md, .html) whose encoding nobody declared.

Order: a byte-order mark (UTF-8, UTF-16 LE/BE); strict UTF-8 (text in another encoding is almost
never valid UTF-8, while crawled pages often keep a stale ``<meta charset>``); the charset an HTML page
declares; then ``charset-normalizer`` restricted to the encodings Chinese documents really use (GB18030, which
covers GBK and GB2312, Big5, and UTF-16 LE/BE without a BOM). Text that decodes but is mostly
control characters (a binary file with a text suffix) is refused too.
"""

from __future__ import annotations

import codecs
import re

from assistant.ingest.formats.base import UnreadableDocumentError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CANDIDATES = ["utf_8", "gb18030", "big5", "utf_16_le", "utf_16_be"]
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030", "big5-hkscs": "big5hkscs"}
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.IGNORECASE)
_UNDECODABLE = "无法解码（试过 UTF-8、UTF-16、GB18030、Big5）/ cannot detect the text encoding"


def declared_html_charset(data: bytes) -> str | None:
    """Return the charset a page declares in a ``<meta>`` tag within its first 4 KiB, if any."""
    match = _META_CHARSET_RE.search(data[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(_ALIASES.get(encoding, encoding))
    except (UnicodeDecodeError, LookupError):
        return None


def _detect(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_CANDIDATES).best()
    return str(best) if best is not None else None


def decode(data: bytes, declared: str | None = None) -> str:
    """Decode a text file's bytes.

    Args:
        data: The raw bytes.
        declared: A charset the file itself declares (an HTML ``<meta charset>``), tried after a BOM
            and UTF-8.

    Returns:
        The text without a BOM.

    Raises:
        UnreadableDocumentError: If no candidate encoding fits or the result looks binary.
    """
    text = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _strict(data[len(bom):], encoding)
            break
    if text is None:
        text = _strict(data, "utf-8")  # before a declared charset: pages re-encoded by crawlers keep old tags
    if text is None and declared:
        text = _strict(data, declared)
    if text is None and data:
        text = _detect(data)
    if text is None:
        raise UnreadableDocumentError(_UNDECODABLE)
    text = text.lstrip("\ufeff")
    if len(_CONTROL_RE.findall(text)) > max(2, len(text) // 100):
        raise UnreadableDocumentError("无法解码：内容像二进制文件 / cannot decode: looks like a binary file")
    return text
