"""Checking a question before any work is done on it."""

from __future__ import annotations

import unicodedata

from assistant.errors import InvalidQuestionError
from assistant.text.chinese import without_format_characters


def validate_question(question: object, max_chars: int) -> str:
    """Check a question and return it trimmed, without invisible format characters (zero-width
    spaces, bidi overrides, BOM: Unicode category Cf), which carry no meaning and could disguise it.

    Raises:
        InvalidQuestionError: Not a string, empty or symbols only once those are gone, too long, control
            characters, or lone UTF-16 surrogates (undecodable bytes in a command-line argument arrive as
            these; they are not text and cannot be written back as UTF-8).
    """
    if not isinstance(question, str):
        raise InvalidQuestionError("问题必须是文本 / question must be a string")
    text = without_format_characters(question).strip()
    if not any(c.isalnum() for c in text):  # empty, or only symbols and emoji ("😀？？")
        raise InvalidQuestionError("问题不能为空，也不能只有符号 / question is empty or has no letters or digits")
    if len(text) > max_chars:
        raise InvalidQuestionError(f"问题过长（最多{max_chars}字）/ question longer than {max_chars} characters")
    if any(unicodedata.category(c) == "Cc" and c not in "\t\n\r" for c in text):
        raise InvalidQuestionError("问题含控制字符 / question contains control characters")
    if any(unicodedata.category(c) == "Cs" for c in text):
        raise InvalidQuestionError("问题含无效字符（不是UTF-8文本）/ question contains invalid (surrogate) characters")
    return text
