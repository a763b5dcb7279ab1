"""Definition questions (pure): "什么是政府采购", "电子档案是什么意思", "What does X mean?".

Laws and regulations define their terms in a fixed form: "本法所称政府采购，是指……", "行政处罚是指……",
or an item of a list of definitions ("下列用语的含义：（一）电子签名，是指……"). A question asking what a
term means is answered by the unit that defines it, ahead of units that only use the term (they are
often closer to the question in wording: the article on who may set a 行政处罚 beats the one saying
what a 行政处罚 is). The forms are those of Chinese legislative drafting, not of one document.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Hashable, Iterable

# A defined term before 是指 / 系指 / 指的是 / "，指" (not 指导, 指定 …), at the start of a sentence,
# clause or item, or after 所称.
_DEFINES_RE = re.compile(
    r"(?:所[称稱]|(?:^|(?<=[。；：\n]))[\s\u3000]*(?:第[^条條\s]{1,6}[条條][\s\u3000]*|[（(][一二三四五六七八九十]{1,3}[）)])?)"
    r"[“\"]?(?P<term>[^，。；：、“”\"\n（(]{2,20}?)[”\"]?[，,]?(?:是指|[系係]指|指的是|(?<=[，,])指(?![导挥定出引南标令派明示]))")
# What a question asks the meaning of: after 什么是 / 怎么界定 …, or before 是什么意思 / 的含义 ….
_BEFORE_CUE_RE = re.compile(r"什么是|什么叫做?|啥是|啥叫|何为|何谓|(?:怎么|如何|怎样)(?:界定|定义|理解)")
_ASK_BEFORE_RE = re.compile(rf"(?:{_BEFORE_CUE_RE.pattern})(?P<term>[^，,。？?；;！!]+)")
_ASK_AFTER_RE = re.compile(
    r"(?P<term>[^，,。？?；;！!]+?)(?:各自?|分别)?(?:是|指)?(?:什么意思|啥意思|的意思|的含义|含义是什么|的定义"
    r"|的概念|这个概念|这一概念|是指什么|指的是什么|指的是啥|指什么|指啥|是(?:怎么|如何)(?:定义|界定)的"
    r"|(?:怎么|如何)(?:定义|界定)(?![\u4e00-\u9fff])|是什么概念)")  # not "怎么界定X": X follows
_ENGLISH_ASK_RE = re.compile(
    r"\bwhat (?:does|do) (?:the (?:term|phrase|word) )?(?P<a>.+?) mean\b|\bwhat is meant by (?P<b>.+?)(?:\?|$)"
    r"|\bdefin(?:e|es|ition of|ed as) (?P<c>.+?)(?:\?|$)|\bhow (?:is|are) (?P<d>.+?) defined\b", re.IGNORECASE)
# Words around the term that are not part of it: "这个概念", a qualifier ending in 的 / 里的 / 中的.
_TAIL_RE = re.compile(r"(?:这个|这一|这种)(?:概念|词|说法|术语)?$|(?:这个|这一)$")
_ITEM_SPLIT_RE = re.compile(r"和|与|及|以及|、|跟|或者|或")


def defined_terms(text: str) -> list[str]:
    """The terms a unit's text defines ("本法所称采购，是指……" -> ["采购"]), in order, without 本法所称."""
    found = []
    for match in _DEFINES_RE.finditer(text):
        term = match.group("term").replace("所稱", "所称").split("所称")[-1].strip(" \u3000“”\"")
        if term and term not in found and not term.startswith("本"):
            found.append(term)
    return found


def asked_terms(question: str, translate: Callable[[str], Iterable[str]] = lambda _: ()) -> list[str]:
    """The phrases whose meaning ``question`` asks for, [] when it asks something else.

    Args:
        question: The normalised question (simplified Chinese).
        translate: Chinese terms for an English phrase (a glossary look-up); English questions only.

    Returns:
        Candidate phrases, each a term or a term with words around it ("政务服务里的电子签名"); a
        defined term must stand inside one (see :func:`matching_terms`).
    """
    english = _ENGLISH_ASK_RE.search(question)
    if english:
        phrase = next(g for g in english.groups() if g)
        return list(dict.fromkeys(translate(phrase.strip(" '\"‘’“”"))))
    phrases = [m.group("term") for regex in (_ASK_BEFORE_RE, _ASK_AFTER_RE) for m in regex.finditer(question)]
    items = []
    for phrase in phrases:
        phrase = _BEFORE_CUE_RE.split(phrase)[-1].split("的")[-1].split("所称")[-1]  # "…里的电子签名", "…法所称X"
        core = _TAIL_RE.sub("", phrase.strip())
        items.extend(i.strip() for i in _ITEM_SPLIT_RE.split(core) if len(i.strip()) >= 2)
    return list(dict.fromkeys(items))


def matching_terms(asked: Iterable[str], defined: Iterable[str]) -> list[str]:
    """The defined term each asked phrase is, or holds when four characters or more ("关键信息基础设施"
    in "关键信息基础设施的", not "服务" in "公共服务": a short term inside a longer one is its genus)."""
    defined = set(defined)
    found = []
    for phrase in asked:  # the exact term, else the longest inside, else the one nearest the ask
        inside = [d for d in defined if d == phrase or (len(d) >= 4 and d in phrase)]
        best = max(inside, key=lambda d: (d == phrase, len(d), phrase.rfind(d), d), default=None)
        if best and best not in found:
            found.append(best)
    return found


def definition_index(units: Iterable[tuple[Hashable, str]], fold: Callable[[str], str] = str) -> dict[str, list]:
    """Defined term (folded by ``fold``, e.g. to simplified Chinese) -> keys of the units defining it,
    in the order given; ``units`` are ``(key, text)`` pairs (a unit's pieces may repeat its key)."""
    found: dict[str, list] = {}
    for key, text in units:
        for term in defined_terms(text):
            keys = found.setdefault(fold(term), [])
            if key not in keys:
                keys.append(key)
    return found


# How far the sentence defining a term asked is put above the best other sentence (cosine).
DEFINITION_MARGIN = 0.05


def favour_definitions(scores: dict[int, float], sentences: Iterable[tuple[int, str]], terms: Collection[str],
                       fold: Callable[[str], str] = str) -> dict[int, float]:
    """Sentence scores with each sentence that defines one of ``terms`` (of those given as
    ``(sentence index, text)``; its terms folded by ``fold``) ``DEFINITION_MARGIN`` above the best
    score, so it is quoted first."""
    top = max(scores.values(), default=0.0) + DEFINITION_MARGIN
    raised = dict(scores)
    for index, text in sentences:
        if any(fold(term) in terms for term in defined_terms(text)):
            raised[index] = top
    return raised
