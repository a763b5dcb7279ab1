"""Sibling subjects (pure): a question about one item of an enumeration the corpus makes ("有害垃圾")
answered by a section that speaks only of another item ("厨余垃圾") is not answered; of parallel texts (points
under one lead-in, retrieved sections stating the figure asked) the one holding more of the question's words
answers."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from itertools import pairwise

from assistant.answer.figures import figure_text
from assistant.answer.sanction import led_by
from assistant.answer.scope import ANSWER_TYPES, CITED_ARTICLE_RE, FIGURE_TYPES
from assistant.records import hit_text
from assistant.retrieve.hybrid import Retrieval
from assistant.store.folder import IndexData

_CLAUSE_MARKS = "，。；：:,;\n"
_LIST_SPLIT_RE = re.compile(r"、|和|或者|以及|及")
# What closes or opens an enumeration around its last or first item ("…和其他垃圾四类", "分为可回收物、…"):
# there an item of two words is an item too.
_LIST_END_RE = re.compile(r"(?:[一二三四五六七八九十两]+个?(?:类|种|项|个|方面)|等[^，。；]{0,6})?")
_LIST_START_RE = re.compile(r"(?:分为|包括|包含|划分为|分成)$")


def sibling_subject(question: str, terms: Sequence[str], corpus_text: str, text: str,
                    expand: Callable[[str], Sequence[str]] = lambda w: ()) -> str:
    """A subject of the question that ``text`` does not treat, while it treats a sibling of it: the
    corpus lists both in one enumeration ("可回收物、有害垃圾、厨余垃圾和其他垃圾"), the question
    asks about one ("有害垃圾投放时间") and ``text`` speaks only of the other ("厨余垃圾应当在每日十八时…
    投放"). Returns that subject, or "".

    Args:
        question: The normalised question.
        terms: Its topic terms in order (see :func:`topic_terms`); a subject is one of them (three
            characters or more) or two adjacent ones that stand together in the question.
        corpus_text: All the documents' text.
        text: The text that would answer (the top section).
        expand: A subject written formally (the glossary's terms put in for its words: "低保对象" ->
            最低生活保障对象): a subject ``text`` names so is treated.
    """
    words = [_extend(t, question, corpus_text) for t in terms if len(t) >= 3]
    subjects = words + [_extend(a + b, question, corpus_text) for a, b in pairwise(terms) if a + b in question]
    for subject in subjects:
        if subject in text or subject not in corpus_text or any(f in text for f in expand(subject)):
            continue
        siblings = set()
        for clause in _clauses_with(subject, corpus_text):
            items = _enumeration(clause, subject, subject in words)
            siblings.update(i for i in items if i != subject and 2 <= len(i) <= 2 * len(subject))
        if any(item in text for item in siblings):
            return subject
    return ""


def _extend(word: str, question: str, corpus_text: str, most: int = 2) -> str:
    """``word`` with up to ``most`` more characters of the question after it, as long as the corpus
    has the longer string: a single character jieba leaves out ("可回收" + "物")."""
    start = question.find(word)
    if start < 0:
        return word
    for extra in range(most, 0, -1):
        longer = question[start:start + len(word) + extra]
        if len(longer) == len(word) + extra and "\u4e00" <= longer[-1] <= "\u9fff" and longer in corpus_text:
            return longer
    return word


def _clauses_with(subject: str, text: str) -> list[str]:
    """The clauses of ``text`` (between ，。；：, and line breaks) that hold ``subject``, found from its
    occurrences rather than by splitting the whole text (a library's text is megabytes long)."""
    clauses, start = {}, text.find(subject)
    while start >= 0:
        left, right = start, start + len(subject)
        while left > 0 and text[left - 1] not in _CLAUSE_MARKS:
            left -= 1
        while right < len(text) and text[right] not in _CLAUSE_MARKS:
            right += 1
        clauses[left] = text[left:right]
        start = text.find(subject, start + 1)
    return list(clauses.values())


def _enumeration(clause: str, subject: str, ends: bool) -> list[str]:
    """The items of an enumeration of three or more in ``clause`` that has ``subject`` as an item,
    else []. The first and last pieces carry the words around the list ("分为A", "D四类"): they are
    cut to the subject's length, and with ``ends`` (a subject that is one word) the subject may be
    one of them that way; a subject of two words must be a middle item, or the first right after
    分为/包括, or the last right before a count or 等 ("…和其他垃圾四类")."""
    pieces = _LIST_SPLIT_RE.split(clause)
    if len(pieces) < 3:
        return []
    n = len(subject)
    items = [pieces[0][-n:], *pieces[1:-1], pieces[-1][:n]]
    closes = pieces[-1].startswith(subject) and _LIST_END_RE.fullmatch(pieces[-1][len(subject):])
    opens = pieces[0].endswith(subject) and _LIST_START_RE.search(pieces[0][: -len(subject)])
    inside = subject in pieces[1:-1] or bool(closes or opens) or (
        ends and (pieces[0].endswith(subject) or pieces[-1].startswith(subject)))
    return items if inside else []


def fuller_point(texts: Sequence[str], terms: Sequence[str]) -> int | None:
    """The index (from 1) of a parallel point whose text holds every one of the question's ``terms`` the first
    point's ``texts[0]`` holds, and more: "一类区域白天首小时收费多少" is answered by "1. 一类区域：白天首小时5元…",
    not by its sibling "2. 二类区域：白天首小时3元…" that a dense ranking put first; None when no point does."""
    held = [{t for t in terms if t in text} for text in texts]
    return next((i for i in range(1, len(texts)) if held[i] > held[0]), None)


def whole_term_in(text: str, terms: Sequence[str]) -> bool:
    """True when ``text`` holds one of ``terms`` that is not only a piece of a longer term it lacks:
    "行政执法机关" holds 机关 but not the 公安机关 asked, so it says nothing of 公安机关's time limits."""
    return any(t in text and not any(t in longer and longer not in text for longer in terms if longer != t)
               for t in terms)


def figure_line_terms(text: str, terms: Sequence[str], kinds: Sequence[str]) -> int:
    """Most of ``terms`` one line of ``text`` holds that states a figure (a number with its unit) of the asked
    ``kinds`` (time, amount, count); 0 when none is asked or stated. The caller passes the question's own words
    that not every compared text holds (its subject all of them share says nothing of which one answers)."""
    asked = [ANSWER_TYPES[k][1] for k in kinds if k in FIGURE_TYPES]
    return max((len({t for t in terms if t in ln}) for ln in figure_text(text).split("\n")  # "问：…？答：…" one line
                if _NUMBER_RE.search(ln) and any(a.search(ln) for a in asked)), default=0)


# A number a figure needs ("六元", "48小时", "15日"): "公示收费标准" names a fee but states none.
_NUMBER_RE = re.compile(r"[\d〇零一二三四五六七八九十百千万两]\s*"
                        r"(?:元|万|亿|%|％|倍|个|工作日|日|天|小时|周|月|年|人|家|次|件|项|户|平方米|米)")


def figure_line_first(found: Retrieval, texts: list[str], holding: list[int], terms: Sequence[str],
                       kinds: Sequence[str]) -> Retrieval:
    """``found`` led by the section among ``holding`` (those stating the kind asked) whose figure line holds a word
    the question says, when the top one's figure lines hold none of the words not all ``texts`` share ("故障…多长时间
    内修好": "设施发生故障的…48小时内修复", not "竣工后…30日内组织验收"); quoted first too. Not when the top one
    cites an article by number ("违反本规定第六条第（一）项规定的，处…罚款"): a sanction names its breach there.
    """
    if CITED_ARTICLE_RE.search(texts[0]) or not _NUMBER_RE.search(texts[0]):
        return found  # nor when the top one states no number ("持续推进"): another task's date is not its
    words = [t for t in terms if not all(t in x for x in texts)]  # not the subject all of them share
    lines = [figure_line_terms(texts[i], words, kinds) for i in holding]
    best = max(range(len(holding)), key=lambda k: (lines[k], -k))
    said = figure_line_terms(texts[holding[best]], [t for t in words if t in found.question], kinds)
    return led_by(found, found.hits[holding[best]]) if said and not lines[0] else found


def fuller_point_first(found: Retrieval, index: IndexData, terms: Sequence[str]) -> Retrieval:
    """``found`` led by a sibling of its top point holding more of the question's words (:func:`fuller_point`)."""
    top = found.hits[0].chunk if found.hits and not found.route else None
    if top is None or top.level != "point":
        return found
    peers = [h for h in found.hits[1:3] if (h.chunk.level, h.chunk.doc_id, h.chunk.context, h.chunk.path)
             == (top.level, top.doc_id, top.context, top.path)]
    i = fuller_point([hit_text(h, index.chunks) for h in (found.hits[0], *peers)], terms)
    return led_by(found, peers[i - 1]) if i else found
