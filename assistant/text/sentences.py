"""Sentence splitting (pure): at 。！？；and line breaks, a bracketed note kept with its sentence."""

from __future__ import annotations

import re
from collections.abc import Sequence

SENTENCE_END = "。！？；!?;\n"
_SENTENCE_RE = re.compile(rf"[^{SENTENCE_END}]*(?:[{SENTENCE_END}]+|$)")
# A bracketed note standing as a sentence of its own ("（牵头单位：省民政厅；2025年底前完成）"), and one
# that opens a sentence with a label and a colon ("（牵头单位：市民政局）各区应当…": not an item's "（一）").
BRACKET_NOTE_RE = re.compile(r"[（(](?:[^（()）]|[（(][^（()）]*[）)])*[）)][。；;]?")  # one bracket inside
_LABELLED_NOTE_RE = re.compile(r"[（(][^（()）：:\n]{1,12}[：:](?:[^（()）\n]|[（(][^（()）\n]*[）)])*[）)][。；;]?")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Split text into sentences at 。！？；and line breaks; a "；" inside a bracketed note does not end
    one ("（牵头单位：省民政厅；2025年底前完成）"). The note stays a sentence of its own here (embedded
    and scored alone, its 牵头/负责 do not draw every question about who is responsible to its task's
    words); a quote joins it to its sentence with :func:`attach_notes`.

    Args:
        text: Any text.

    Returns:
        ``(start, end)`` offsets of each non-blank sentence; the end punctuation is included and
        surrounding whitespace excluded, so ``text[start:end]`` is a verbatim sentence.
    """
    spans: list[tuple[int, int]] = []
    for match in _SENTENCE_RE.finditer(text):
        start, end = _after_space(text, *match.span()), match.end()
        while end > start and text[end - 1].isspace():
            end -= 1
        if end <= start:
            continue
        if spans and "\n" not in text[spans[-1][1]:start] and _open_bracket(text[slice(*spans[-1])]):
            spans[-1] = (spans[-1][0], end)  # a "；" inside a note
        else:
            spans.append((start, end))
        note = _LABELLED_NOTE_RE.match(text, *spans[-1])
        if note and len(spans) > 1 and note.end() < spans[-1][1]:  # "（牵头单位：…）每年新增…。": two sentences
            spans[-1:] = [(spans[-1][0], note.end()), (_after_space(text, note.end(), spans[-1][1]), spans[-1][1])]
    return spans


def attach_notes(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` (sentences of ``text`` in order) with each bracketed note joined to the sentence before it
    on the same line: a span that is a note, or the labelled note opening a span ("（牵头单位：…）" before
    the next sentence, which then stands alone)."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        note = None
        if out and "\n" not in text[out[-1][1]:start]:
            note = BRACKET_NOTE_RE.fullmatch(text, start, end) or _LABELLED_NOTE_RE.match(text, start, end)
        if note is None:
            out.append((start, end))
            continue
        out[-1] = (out[-1][0], note.end())
        rest = _after_space(text, note.end(), end)
        if rest < end:
            out.append((rest, end))
    return out


def _after_space(text: str, start: int, end: int) -> int:
    """The first offset from ``start`` (before ``end``) that is no white space; ``end`` if none is."""
    while start < end and text[start].isspace():
        start += 1
    return start


def _open_bracket(sentence: str) -> bool:
    """Whether ``sentence`` leaves a full-width bracket open ("（牵头单位：省民政厅；" ends at the "；")."""
    return sentence.count("（") > sentence.count("）")
