"""Structural router (pure): questions that name a task or a part get those sections directly.

Recognised references (after width folding, so "（二十）" arrives as "(二十)"):
- a task: 第十二项任务 / 第12项 / 第7项工作 / 第十七条 / 任务二十三 / (二十);
- a part: 第三部分 / 第3部分 / 第三板块, or a part's title such as "数字政府建设综合改革攻坚" together with
  a listing cue such as "哪些任务" or "这部分" (so that a fact question using the same words is not
  taken for a request to list the whole part);
- a task's exact title, e.g. "夯实政务基础设施";
- in regulations: 第十一条 (an article) and 第三章 (all articles of a chapter).

With several documents, a number is looked for at the level its wording names (条 → articles, 项 or
任务 → tasks) and, when the question names a document (《…办法》, "办法第九条"), only in that document
(see :func:`named_documents`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from assistant.retrieve.lookup import RefTable, in_order, table_for
from assistant.text.numerals import CN_NUMERAL_CHARS, cn_to_int

_N = rf"([{CN_NUMERAL_CHARS}]+|\d{{1,3}})"
_TASK_RES = (
    re.compile(rf"第\s*{_N}\s*(?:项|条|个(?=\s*(?:重点)?(?:任务|工作|举措|措施)))"),
    re.compile(rf"(?:任务|工作|事项)\s*(?:第\s*)?{_N}(?![\d{CN_NUMERAL_CHARS}]*\s*(?:[万亿个项%年次架P.]|以上))"),
    re.compile(rf"\(\s*([{CN_NUMERAL_CHARS}]+)\s*\)"),
    re.compile(rf"(?<![\d.第])\b{_N}\s*(?:项|条)(?=\s*(?:讲|说|写|是|的|内容|主要|$))"),
    re.compile(r"(?i)\b(?:task|item|article|point|no\.)\s*#?\s*(\d{1,3})\b"),
)
_EN_ORDINALS = {w: i for i, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"])}
_EN_PART_RE = re.compile(r"(?i)\bpart\s+(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\b")
_PART_RE = re.compile(rf"第\s*{_N}\s*(?:部分|板块|大项|大部分|方面)")
_CHAPTER_RE = re.compile(rf"第\s*{_N}\s*章")
_DOC_QUOTE_RE = re.compile(r"《([^》]{2,60})》")
_DOC_TYPES = ("管理办法", "实施细则", "工作要点", "行动方案", "实施方案", "工作计划", "办法", "条例", "规定", "细则",
              "方案", "通知", "意见", "计划", "要点", "指南", "规划")
_TITLE_PREFIX_RE = re.compile(r"^(?:[\u4e00-\u9fff]{2,3}[省市区县])?(?:人民政府|大数据发展管理局|大数据局)?(?:关于)?")
_TITLE_SUFFIX_RE = re.compile(r"[（(](?:试行|暂行|征求意见稿|示例)[)）]$")
_LIST_CUE_RE = re.compile(
    r"部分|板块|大块|任务|几项|哪些工作|重点工作|主要内容|讲了什么|讲了啥|讲啥|讲的什么|说了什么|说了啥"
)
_TITLE_FILLER_RE = re.compile(r"^聚力|[,，].*$")


@dataclass(frozen=True)
class SectionRef:
    """The router's view of one section: enough to match references against it."""

    key: tuple[str, str]
    number: int | None
    level: str
    part: str
    part_number: int | None
    part_title: str
    title: str
    part_level: str = "part"


@dataclass(frozen=True)
class Route:
    """A routing decision: which sections, and whether the reference was a whole part."""

    keys: tuple[tuple[str, str], ...]
    kind: str  # "task" or "part"
    reference: str


def part_core(part_title: str) -> str:
    """Return the core of a part title: "聚力数字政府建设综合改革攻坚，在…" -> "数字政府建设综合改革攻坚"."""
    return _TITLE_FILLER_RE.sub("", part_title).strip()


def part_names(part_title: str) -> list[str]:
    """Names a person may use for a part: its core, the core without "改革攻坚", and its slogan half."""
    core = part_core(part_title)
    names = [core, core.removesuffix("改革攻坚").removesuffix("综合")]
    halves = re.split(r"[,，]", part_title, maxsplit=1)
    if len(halves) == 2:
        names.append(halves[1].strip().removeprefix("在"))
    return [n for n in names if len(n) >= 4]


def bigram_share(name: str, text: str) -> float:
    """Share of the character bigrams of ``name`` that occur in ``text``."""
    grams = {name[i : i + 2] for i in range(len(name) - 1)}
    return sum(g in text for g in grams) / len(grams) if grams else 0.0


def _numbers(regex: re.Pattern[str], text: str) -> list[tuple[int, str]]:
    found = []
    for match in regex.finditer(text):
        try:
            found.append((cn_to_int(match.group(1)), match.group(0)))
        except ValueError:
            continue
    return found


def _en_number(word: str) -> int:
    return int(word) if word.isdigit() else _EN_ORDINALS[word.lower()]


def _part_refs(question: str, parts: dict[tuple[str, int], SectionRef]) -> tuple[set[tuple[str, int]], str]:
    """The parts (or chapters) a question names, as ``(doc_id, part number)``, and the wording."""

    def pick(numbers: list[int], level: str | None) -> set[tuple[str, int]]:
        exact = {k for k, r in parts.items() if k[1] in numbers and r.part_level == level}
        return exact or ({k for k in parts if k[1] in numbers} if level != "chapter" else set())

    for regex, level in ((_CHAPTER_RE, "chapter"), (_PART_RE, "part")):
        found = _numbers(regex, question)
        if found and (chosen := pick([n for n, _ in found], level)):
            return chosen, found[0][1]
    english = [(_en_number(m.group(1)), m.group(0)) for m in _EN_PART_RE.finditer(question)]
    if english and (chosen := pick([n for n, _ in english], "part")):
        return chosen, english[0][1]
    if re.search(r"最后(?:一|一个)?(?:部分|板块|章)", question) and parts:
        last: dict[str, int] = {}
        for doc, number in parts:
            last[doc] = max(last.get(doc, 0), number)
        return set(last.items()), "最后一部分"
    if not _LIST_CUE_RE.search(question):
        return set(), ""
    for key, ref in parts.items():
        for name in part_names(ref.part_title):
            if name in question:
                return {key}, name
    scored = [(bigram_share(part_core(ref.part_title), question), key) for key, ref in parts.items()
              if len(part_core(ref.part_title)) >= 6]
    share, key = max(scored, default=(0.0, ("", 0)))
    if share >= 0.5:
        return {key}, part_core(parts[key].part_title)
    return set(), ""


def document_aliases(title: str, all_titles: list[str]) -> list[str]:
    """Names a person may use for a document: its title, and the title without the issuing city
    or body and "（试行）"."""
    core = _TITLE_SUFFIX_RE.sub("", _TITLE_PREFIX_RE.sub("", title)).strip()
    return [a for a in dict.fromkeys([title, core]) if len(a) >= 4]


def _kind_of(title: str) -> str:
    title = _TITLE_SUFFIX_RE.sub("", title).strip()
    return next((k for k in _DOC_TYPES if title.endswith(k)), "")


def document_kind(title: str, all_titles: list[str]) -> str:
    """The document's type word ("办法", "通知" …) when no other document has the same one, else ""."""
    kind = _kind_of(title)
    return kind if kind and sum(_kind_of(t) == kind for t in all_titles) == 1 else ""


_NAMES_CACHE: dict[int, tuple[list, list]] = {}


def _document_names(documents: list[tuple[str, str]]) -> list[tuple[str, str, list[str], str]]:
    """``(doc_id, title, aliases, kind)`` of each document, computed once per documents list."""
    cached = _NAMES_CACHE.get(id(documents))
    if cached is not None and cached[0] is documents:
        return cached[1]
    titles = [t for _, t in documents]
    kinds = [_kind_of(t) for t in titles]
    counts = Counter(kinds)
    names = [(doc_id, title, document_aliases(title, titles), kind if kind and counts[kind] == 1 else "")
             for (doc_id, title), kind in zip(documents, kinds, strict=True)]
    if len(_NAMES_CACHE) >= 4:
        _NAMES_CACHE.pop(next(iter(_NAMES_CACHE)))
    _NAMES_CACHE[id(documents)] = (documents, names)
    return names


def named_documents(question: str, documents: list[tuple[str, str]]) -> list[str]:
    """The documents a question names, by 《title》 (closest match) or by an alias.

    Args:
        question: The normalised question.
        documents: ``(doc_id, title)`` of the indexed documents.

    Returns:
        Matching doc_ids in index order; empty when the question names none.
    """
    quoted = _DOC_QUOTE_RE.findall(question)
    found = []
    for doc_id, title, aliases, kind in _document_names(documents):
        if quoted:
            hit = any(q in title or title in q or bigram_share(q, title) >= 0.6 for q in quoted)
        else:
            # a bare type word names a document only right before a reference: "办法第九条"
            hit = any(a in question for a in aliases) or bool(
                kind and re.search(rf"{kind}(?:的|里|中)?\s*第", question))
        if hit:
            found.append(doc_id)
    return found


def _number_refs(question: str) -> list[tuple[int, str, str]]:
    """``(number, text, unit)`` of the task or article numbers a question names; unit "条" or "项"."""
    found: list[tuple[int, str, str]] = []
    for regex in _TASK_RES:
        for number, text in _numbers(regex, question):
            unit = "条" if ("条" in text or text.lower().startswith("article")) else "项"
            if all(n != number for n, _, _ in found):
                found.append((number, text, unit))
    return found


def _resolve_numbers(numbers: list[tuple[int, str, str]], table: RefTable) -> list[SectionRef]:
    leaf = table.leaf
    out = []
    for number, _, unit in numbers:
        same = [r for _, r in table.by_number.get(number, [])]
        at_leaf = [r for r in same if r.level == leaf.get(r.key[0])]
        articles = [r for r in same if r.level == "article"]
        tasks = [r for r in at_leaf if r.level != "article"]
        out += (articles or at_leaf) if unit == "条" else (tasks or at_leaf)
    return out


def route(question: str, refs: list[SectionRef]) -> Route | None:
    """Find the sections a question names explicitly.

    Args:
        question: The normalised question (NFKC, Simplified Chinese).
        refs: One entry per section of the searchable documents, in document order.

    Returns:
        The matching sections in document order, or None if the question names none.
    """
    table = table_for(refs)
    compact = question.replace(" ", "")
    labelled = in_order(group for label, group in table.by_label.items()
                        if label in question or label.replace(" ", "") in compact)
    longest = max((len(r.key[1]) for r in labelled), default=0)
    labelled_route = Route(tuple(r.key for r in labelled if len(r.key[1]) == longest), "task",
                           labelled[0].key[1]) if labelled else None
    if labelled_route and " " in labelled_route.reference:  # "第三章 第十一条": the article, not the chapter
        return labelled_route
    parts, reference = _part_refs(question, table.parts)
    if parts:
        keys = tuple(r.key for r in in_order(table.leaf_by_part.get(p, []) for p in parts))
        if keys:
            return Route(keys, "part", reference)
    if labelled_route:  # a full path label such as "二、1." or "第三章 第十一条"
        return labelled_route
    numbers = _number_refs(question)
    keys = tuple(dict.fromkeys(r.key for r in _resolve_numbers(numbers, table)))
    if keys:
        return Route(keys, "task", numbers[0][1])
    titled = in_order(group for title, group in table.by_title.items() if title in question)
    if titled:
        return Route(tuple(r.key for r in titled), "task", titled[0].title)
    return None
