"""Decoding text files (.txt, .md, .html) whose encoding nobody declared.

Order: a byte-order mark (UTF-8, UTF-16 LE/BE); strict UTF-8 unless the bytes hold NULs (text in
another encoding is almost never valid UTF-8, while crawled pages often keep a stale
``<meta charset>``); the charset an HTML page declares; then each of GB18030 (covering GBK and
GB2312), Big5 and UTF-16 LE/BE without BOM, keeping the decoding whose characters are most plausible
for a Chinese document (common GB2312 or Big5-level-1 hanzi, punctuation, ASCII), which also works for
a title a few characters long; ``charset-normalizer`` decides when none is plausible. Text that decodes
but is mostly control characters (a binary file with a text suffix) is refused.
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
_CANDIDATES = ("gb18030", "big5", "utf-16-le", "utf-16-be")
_PLAUSIBLE = 0.8
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

    best = from_bytes(data, cp_isolation=list(_CANDIDATES)).best()
    return str(best) if best is not None else None


def _common(char: str) -> bool:
    """A character that real Chinese documents are made of: ASCII, Latin-1 signs, general punctuation
    and symbols, CJK punctuation and full-width forms, and hanzi that are common in GB2312 (simplified)
    or in Big5 level 1 (traditional)."""
    code = ord(char)
    if 0x20 <= code < 0x7F or 0xA0 <= code <= 0xFF or 0x2000 <= code <= 0x2BFF:
        return True
    if 0x3000 <= code <= 0x303F or 0xFF00 <= code <= 0xFFEF:
        return True
    if not 0x4E00 <= code <= 0x9FFF:
        return False
    for encoding, first, last in (("gb2312", 0xB0, 0xF7), ("big5", 0xA4, 0xC6)):
        try:
            if first <= char.encode(encoding)[0] <= last:
                return True
        except UnicodeEncodeError:
            continue
    return False


def plausibility(text: str) -> float:
    """The share of non-space characters that are common in Chinese documents (0..1)."""
    chars = [char for char in text if not char.isspace()]
    return sum(1 for char in chars if _common(char)) / len(chars) if chars else 0.0


def _best_candidate(data: bytes) -> str | None:
    """Decode with each candidate and keep the most plausible text; charset-normalizer decides when none
    is plausible enough (it needs more text than a title to be reliable, so it comes second)."""
    scored = []
    for encoding in _CANDIDATES:
        text = _strict(data, encoding)
        if text is not None:
            scored.append((plausibility(text), -len(scored), text))
    if scored and max(scored)[0] >= _PLAUSIBLE:
        return max(scored)[2]
    detected = _detect(data)
    return detected if detected is not None and plausibility(detected) >= 0.5 else None


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
    if text is None and b"\0" not in data:  # NUL bytes: UTF-16, or not text at all
        text = _strict(data, "utf-8")
    if text is None and declared:
        text = _strict(data, declared)
    if text is None and data:
        text = _best_candidate(data)
    if text is None:
        raise UnreadableDocumentError(_UNDECODABLE)
    text = text.lstrip("\ufeff")
    if len(_CONTROL_RE.findall(text)) > max(2, len(text) // 100):
        raise UnreadableDocumentError("无法解码：内容像二进制文件 / cannot decode: looks like a binary file")
    return text
