"""Prompt-injection guards (pure): invisible characters, delimiter look-alikes, instruction-like text.

Text from documents and questions is put between ``<<<…>>>`` delimiters in the prompt. Before that,
:func:`defuse` removes invisible format characters (Unicode category Cf: zero-width spaces and
joiners U+200B–U+200D, U+2060, U+FEFF, the bidi marks and controls U+200E/F, U+202A–U+202E,
U+2066–U+2069, soft hyphens, and the other default-ignorable code points such as the combining grapheme
joiner U+034F and the Hangul filler U+3164) and replaces every run of angle-bracket look-alikes that reads as
``<<`` or ``>>`` or longer by one single bracket, so no data can open or close a block. A character
counts as an angle bracket when its NFKC fold is ``<``/``>`` (full-width ＜, small ﹤) or it looks like
one (‹ › 〈 〉 ⟨ ⟩ ❮ ❯ ❬ ❭ ❰ ❱ ˂ ˃ ᐸ ᐳ ⧼ ⧽ …, see ``LEFT_SINGLE``); « » ≪ ≫ ⟪ ⟫ count as two. Spaces
between them do not break a run. Book-title
marks 《》, used in every law citation, are not angle brackets and are kept. Everything else of the
text is left as it is (it is folded only to detect the look-alikes).

:func:`instruction_like` says whether a source sentence talks to the model rather than about policy:
it contains a delimiter look-alike, or an instruction to drop the rules or a forced answer.
"""

from __future__ import annotations

import re
import unicodedata

from assistant.text.chinese import without_format_characters

# The look-alikes of < and > among Unicode's confusables (modifier letters ˂ ˃, Canadian syllabics ᐸ ᐳ,
# Runic ᚲ, ornaments ❰ ❱ ❮ ❯ ❬ ❭, angle brackets 〈 〉 ⟨ ⟩ 〈 〉 ⧼ ⧽, single guillemets ‹ ›, ...).
LEFT_SINGLE, RIGHT_SINGLE = "<‹〈〈⟨❮❬❰˂ᐸᐊᚲ⧼⋖◁\U0001D236", ">›〉〉⟩❯❭❱˃ᐳᐅ⧽⋗▷\U0001D237\U00016F3F"
LEFT_DOUBLE, RIGHT_DOUBLE = "«≪⟪⋘⫷", "»≫⟫⋙⫸"
SAFE_LEFT, SAFE_RIGHT = "‹", "›"

_RUNS = {
    SAFE_LEFT: re.compile(rf"[{LEFT_SINGLE}{LEFT_DOUBLE}](?:\s*[{LEFT_SINGLE}{LEFT_DOUBLE}])*"),
    SAFE_RIGHT: re.compile(rf"[{RIGHT_SINGLE}{RIGHT_DOUBLE}](?:\s*[{RIGHT_SINGLE}{RIGHT_DOUBLE}])*"),
}
_DOUBLES = frozenset(LEFT_DOUBLE + RIGHT_DOUBLE)

# Text addressed to a model: an order to drop its instructions, a forced answer, role or prompt talk.
# Generic phrasings, written for this project (policy texts say 忽视 for "neglect", not these).
_INSTRUCTION_RE = re.compile(
    r"(?:忽略|无视|忘记|忘掉|不要理会|不必理会|不要遵守|不再遵守)[^。！？!?\n]{0,10}(?:指令|指示|提示|规则|设定)"
    r"|(?:^|[\s，,。；;])(?:请|你)?(?:直接|只)?回答[:：]|系统提示|提示词|system\s*prompt|你现在是|假装你是"
    r"|\b(?:ignore|disregard|forget)\s+(?:all\s+)?(?:the\s+|your\s+)?(?:previous|prior|above|earlier)\b"
    r"|\b(?:assistant|system)\s*:",
    re.IGNORECASE,
)


def strip_invisible(text: str) -> str:
    """``text`` without invisible characters: format characters (Unicode category Cf: zero-width and
    bidi controls) and the other default-ignorable code points (see ``text.chinese.without_format_characters``)."""
    return without_format_characters(text)


def _fold(text: str) -> str:
    """NFKC fold character by character, keeping positions (a fold longer than one char is not used)."""
    out = []
    for c in text:
        folded = unicodedata.normalize("NFKC", c) if ord(c) > 127 else c
        out.append(folded if len(folded) == 1 else c)
    return "".join(out)


def _delimiter_spans(folded: str) -> list[tuple[int, int, str]]:
    """(start, end, replacement) of the look-alike runs that read as two brackets or more."""
    spans = []
    for safe, pattern in _RUNS.items():
        for m in pattern.finditer(folded):
            marks = [c for c in m.group(0) if not c.isspace()]
            if len(marks) >= 2 or any(c in _DOUBLES for c in marks):
                spans.append((m.start(), m.end(), safe))
    return sorted(spans)


def defuse(text: str) -> str:
    """``text`` with invisible format characters removed and delimiter look-alikes made single.

    Example: ``"a＜＜\u200b＜资料结束＞＞＞"`` → ``"a‹资料结束›"``; ``"《中华人民共和国民法典》"`` unchanged.
    """
    text = strip_invisible(text)
    spans = _delimiter_spans(_fold(text))
    if not spans:
        return text
    out, at = [], 0
    for start, end, safe in spans:
        out += [text[at:start], safe]
        at = end
    out.append(text[at:])
    return "".join(out)


def instruction_like(text: str) -> bool:
    """True if ``text`` looks like it addresses a model: a delimiter look-alike (see :func:`defuse`),
    an order to ignore rules or instructions, a forced "回答：", or role and prompt talk."""
    folded = _fold(strip_invisible(text))
    return bool(_delimiter_spans(folded)) or bool(_INSTRUCTION_RE.search(folded))
