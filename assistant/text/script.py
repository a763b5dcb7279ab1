"""Traditional characters in a question written in simplified ones, word by word as the corpus writes them.

OpenCC offers two conversions. ``t2s`` maps character by character (資料 -> 资料, 查詢 -> 查询), which
keeps mainland usage written in traditional characters; ``tw2sp`` also maps Taiwan phrases to mainland
ones (資料中心 -> 数据中心, 網路 -> 网络), which a question typed in Taiwan needs but which rewrites the
mainland usage (資料 -> 数据, 查詢 -> 查找). Neither is right for every question, so each word where they
differ is taken in the form the indexed documents use more often: ``tw2sp``'s unless the corpus writes
the character-by-character form more often, or has neither while it has every word the character-by-character
question has there (補貼上限: tw2sp reads 貼上 as the phrase "paste", 粘贴; the corpus has 补贴 and 上限); other
ties keep ``tw2sp``'s, the behaviour without a corpus.
"""

from __future__ import annotations

from collections.abc import Callable

from assistant.text.engines import jieba_engine, opencc_converter


def simplified_question(text: str, count: Callable[[str], int] | None = None) -> str:
    """``text`` in simplified characters.

    Args:
        text: A question, possibly in traditional characters (simplified text is returned as it is).
        count: How often the corpus writes a word (e.g. ``corpus_text.count``); None: OpenCC ``tw2sp``
            for the whole question.

    Returns:
        The question with each word where ``t2s`` and ``tw2sp`` differ in the form ``count`` finds more
        often (``tw2sp``'s on a tie). When the two differ in length the words cannot be aligned, and the
        whole question is taken in the form whose differing words the corpus has more often.
    """
    plain = opencc_converter("t2s").convert(text)
    if plain == text:
        return text
    phrased = opencc_converter("tw2sp").convert(text)
    if count is None or phrased == plain:
        return phrased
    if len(phrased) != len(plain):
        return plain if _found(plain, phrased, count) > _found(phrased, plain, count) else phrased
    out, start, spans = [], 0, _spans(plain)
    for word in _words(phrased):
        end = start + len(word)
        own = plain[start:end]
        found = count(own) > count(word) or (count(own) == count(word) == 0 and all(  # a tie of two unknowns: the
            count(plain[a:b]) for a, b in spans if a < end and b > start))  # words around it (補貼上限 -> 补贴 上限)
        out.append(own if own != word and found else word)
        start = end
    return "".join(out)


def _spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each jieba word of ``text``."""
    out, at = [], 0
    for word in _words(text):
        out.append((at, at + len(word)))
        at += len(word)
    return out


def _found(text: str, other: str, count: Callable[[str], int]) -> int:
    """How often the corpus has the words of ``text`` that ``other`` lacks."""
    theirs = set(_words(other))
    return sum(count(w) for w in _words(text) if w not in theirs)


def _words(text: str) -> list[str]:
    return list(jieba_engine().cut(text))
