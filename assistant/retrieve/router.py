"""Structural router (pure): questions that name a task or a part get those sections directly.

Recognised references (after width folding, so "（二十）" arrives as "(二十)"): a task (第十二项任务 / 第12项 /
第7项工作 / 第十七条 / 任务二十三 / (二十)), a point (第4点, numbered across the text), a part (第三部分 / 第三板块, or
its title "数字政府建设综合改革攻坚" with a listing cue such as "哪些任务" or "这部分"), a task's title ("夯实政务基础
设施") or a heading's above points ("基本原则"; ``part_refs.titles_named``); in regulations 第十一条 (an inserted
第十一条之一 is its own), 第三章 and 第二节 (their articles; a bare 节 of the one chapter with it: ``bare_section``).

With several documents, a number is looked for at the level its wording names (条 → articles, 项 or 任务 → tasks)
and, when the question names a document (《…办法》, "办法第九条"), only in that document (see :func:`named_documents`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.records import PART_LEVELS, Chunk
from assistant.retrieve.lookup import (
    BRACKET_RE,
    RefTable,
    asked_questions,
    attached_article,
    attached_elsewhere,
    heading_title,
    in_order,
    table_for,
    with_part_marks,
)
from assistant.retrieve.part_refs import bare_section, numbered_parts, numbers_in, part_level, part_refs, titles_named
from assistant.text.chinese import fold_width
from assistant.text.numerals import CN_NUMERAL_CHARS, SIMPLIFIED_UNITS, cn_to_int, int_to_cn

_N = rf"([{CN_NUMERAL_CHARS}]+|\d{{1,3}})"
# An inserted article's suffix: "第二十条之一" (between 第二十条 and 第二十一条), "Article 20-1".
_INSERTED = r"(?:\s*之\s*(?:[一二三四五六七八九十]+|\d))?"
_INSERTED_RE = re.compile(r"之\s*([一二三四五六七八九十]+|\d)\s*$|-\s*(\d)\s*$")
_TASK_RES = (
    re.compile(rf"第\s*{_N}\s*(?:项|条{_INSERTED}|个(?=\s*(?:重点)?(?:任务|工作|举措|措施)))"),
    re.compile(rf"(?:任务|工作|事项)\s*(?:第\s*)?{_N}(?![\d{CN_NUMERAL_CHARS}]*\s*(?:[万亿个项%年次架P.]|以上))"),
    re.compile(rf"\(\s*([{CN_NUMERAL_CHARS}]+)\s*\)"),
    re.compile(rf"(?<![\d.第])\b{_N}\s*(?:项|条)(?=\s*(?:讲|说|写|是|的|内容|主要|$))"),
    re.compile(r"(?i)\b(?:task|item|article|point|measure|no\.)\s*#?\s*(\d{1,3})(?:-\d\b)?\b"),
    re.compile(rf"(?<![)项的])第\s*{_N}\s*点"),  # not a task's "（二）第1点" (``_POINT_RE``)
)
# "这一条", "那条": the question is about one unit, not a part.
_ONE_UNIT_RE = re.compile(r"[这那]一?[条项]")
# "第十三条第二款", "第十三条第（三）项", "第13条第3项": the article is the reference, the rest addresses
# inside it (never a task or part of its own).
_SUBREF_RE = re.compile(rf"(第\s*{_N}\s*条{_INSERTED})(?:\s*第\s*{_N}\s*款)?"
                        rf"(?:\s*第?\s*\(\s*[{CN_NUMERAL_CHARS}]+\s*\)\s*项?|\s*第\s*{_N}\s*项)?")


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
    # Labels of the enclosing units, outermost first ("一、", "（二）"), and the innermost one's title.
    parents: tuple[str, ...] = ()
    parent_title: str = ""


@dataclass(frozen=True)
class Route:
    """A routing decision: which sections, and whether the reference was a whole part."""

    keys: tuple[tuple[str, str], ...]
    kind: str  # "task", "part" or "missing" (a named document lacks the unit; no keys)
    reference: str
    # For a bare "第N条" found in several documents: the titles of the others (the keys hold the most likely one).
    others: tuple[str, ...] = ()
    by_title: bool = False  # named by its title's words ("应急响应分为几级"), not by a number or label


def number_refs(question: str) -> list[tuple[int, str, str]]:
    """``(number, text, unit)`` of the task or article numbers a question names; unit "条" or "项"."""
    question = _SUBREF_RE.sub(r"\1", question)
    found: list[tuple[int, str, str]] = []
    for regex in _TASK_RES:
        for number, text in numbers_in(regex, question):
            unit = "条" if ("条" in text or text.lower().startswith("article")) else "项"
            if all(n != number for n, _, _ in found):
                found.append((number, text, unit))
    return found


# "(二)5.", "(二)第1点", "(四)2是什么", "(二)第一点": a point after its task's label (not "(二)2025年");
# "二、（三）": a task named with its part's numeral ``_PART`` (numbering restarts in each part).
_POINT_RE = re.compile(rf"(\([{CN_NUMERAL_CHARS}]+\))\s*项?\s*(?:的)?(?:(?:第\s*)?(\d{{1,2}})"
                       rf"(?:\s*[.．、点]|(?=\s*(?:是|讲|说|的|内容|$)))|第\s*([{CN_NUMERAL_CHARS}]{{1,3}})\s*点)")
_PART = rf"([{CN_NUMERAL_CHARS}]+)[、.．]"
_PART_TASK_RE = re.compile(rf"{_PART}\s*(\([{CN_NUMERAL_CHARS}]+\))")


def inserted(label: str) -> int:
    """The number of an inserted article ("第二十条之一", "Article 20-1" -> 1); 0 for any other label."""
    m = _INSERTED_RE.search(label.strip())
    return cn_to_int(m.group(1) or m.group(2)) if m else 0


def _label_in(label: str, text: str) -> bool:  # not as an inserted article's start ("第二十条" in "第二十条之三")
    return any(not text[m.end():].lstrip().startswith("之") for m in re.finditer(re.escape(label), text))


def _path_label_in(label: str, compact: str) -> bool:
    """A path label ("（四）2.", "二、1.") in either bracket width; a bare "（十二）" is left to number refs."""
    folded = fold_width(label).replace(" ", "").translate(SIMPLIFIED_UNITS)  # "第四條之一" asked as "第四条之一"
    return _label_in(folded, compact) and not BRACKET_RE.fullmatch(folded)


def _resolve_numbers(numbers: list[tuple[int, str, str]], table: RefTable, question: str = "") -> list[SectionRef]:
    leaf = table.leaf
    out = []
    for number, text, unit in numbers:
        same = [r for _, r in table.by_number.get(number, [])]
        bracket = fold_width(text).replace(" ", "")
        if unit != "条" and BRACKET_RE.fullmatch(bracket):  # "（三）": that unit, else the points under it
            exact = [r for r in same if fold_width(r.key[1]).endswith(bracket)]
            below = [r for _, r in table.by_parent.get(bracket, [])]
            part = re.search(rf"{_PART}\s*{re.escape(bracket)}", question)
            if part:  # "一、（二）": the （二） of part 一 where numbering restarts in each part (none: missing)
                number_of_part = cn_to_int(part.group(1))
                exact, below = ([r for r in rs if r.part_number == number_of_part] for rs in (exact, below))
            if exact or below or part:  # the unit with the points below it (a bare "（一）": every part's)
                out += exact + below
                continue
        at_leaf = [r for r in same if r.level == leaf.get(r.key[0])]
        articles = [r for r in same if r.level == "article" and inserted(r.key[1]) == inserted(text)]
        tasks = [r for r in at_leaf if r.level != "article"]
        split = [r for _, r in table.by_parent.get(f"({int_to_cn(number)})", [])]  # "第五项": （五）'s points
        own = [r for r in same if r.level == "task"]  # "第四项任务": the task, whole or split into points
        pick = (own or split or tasks or at_leaf) if "任务" in question else (tasks or at_leaf or split or own)
        again = _in_two_parts(own + split)  # a （三） in two parts: numbering restarts, no 第三条
        through = [r for r in _numbered_once(at_leaf) or _numbered_once(own) or _one_task(split)
                   if r.key[0] not in again]
        out += (articles or through) if unit == "条" else pick
    return out


_SECTION_RE = re.compile(rf"第\s*{_N}\s*[节節]")


def _in_sections(question: str, units: list[SectionRef], reference: str) -> tuple[list[SectionRef], str]:
    """"第二章第一节": of a chapter's units, those in the 节 named right after it (none: missing), and the
    reference with the 节; ``units`` unchanged when no 节 follows the chapter named."""
    after = re.match(rf"\s*(?:的|中|里)?\s*{_SECTION_RE.pattern}", question[question.find(reference) + len(reference):])
    if not reference.endswith("章") or not after:
        return units, reference
    number = cn_to_int(after.group(1))
    inside = [r for r in units if any(_SECTION_RE.fullmatch(p) and cn_to_int(p[1:-1]) == number for p in r.parents)]
    return inside, reference + after.group(0).strip()


def _numbered_once(refs: list[SectionRef]) -> list[SectionRef]:
    """The units of ``refs`` whose number is their document's only one ("第十七条" of a plan numbering
    its tasks through); not a notice's points "2." that each part numbers again ("意见第二条")."""
    docs = [r.key[0] for r in refs]
    return [r for r in refs if docs.count(r.key[0]) == 1]


def _in_two_parts(refs: list[SectionRef]) -> set[str]:
    """The documents in which ``refs`` (the tasks of one number and their points) lie in two parts or more."""
    parts: dict[str, set] = {}
    for r in refs:
        parts.setdefault(r.key[0], set()).add(r.part_number)
    return {doc for doc, numbers in parts.items() if len(numbers) > 1}


def _one_task(points: list[SectionRef]) -> list[SectionRef]:
    """The points of a task split into points, per document whose tasks of that number lie in one part
    ("第五条" of an opinion numbering its tasks through, （五） split into 1. 2.)."""
    parts: dict[str, set] = {}
    for r in points:
        parts.setdefault(r.key[0], set()).add(r.part_number)
    return [r for r in points if len(parts[r.key[0]]) == 1]


def _point_route(compact: str, table: RefTable, parts: frozenset = frozenset()) -> Route | None:
    """"（二）5.", "（二）第1点", "二、（二）第1点", "第三部分第（一）项第2点": the points of tasks split into
    points a question names (each in the part a part numeral names, or else in ``parts``, the (doc_id,
    part number) pairs the question names: numbering restarts in each part); "missing" when none of them
    exists but their tasks have points; None when the question names no point of such a task."""
    chosen, spans = [], {True: [], False: []}  # spans of points found and of points missing
    for point in _POINT_RE.finditer(compact):
        below = [r for _, r in table.by_parent.get(point.group(1), [])]
        part = re.search(rf"{_PART}$", compact[: point.start()])
        if part:
            below = [r for r in below if r.part_number == cn_to_int(part.group(1))]
        elif parts:
            below = [r for r in below if (r.key[0], r.part_number) in parts]
        number = int(point.group(2)) if point.group(2) else cn_to_int(point.group(3))
        found = [r.key for r in below if r.number == number]
        chosen += found
        if below:
            spans[bool(found)].append(compact[part.start() if part else point.start(): point.end()])
    if chosen:
        return Route(tuple(dict.fromkeys(chosen)), "task", spans[True][0])
    return Route((), "missing", spans[False][0]) if spans[False] else None


def route(question: str, refs: list[SectionRef]) -> Route | None:
    """The sections a ``question`` (normalised: NFKC, Simplified Chinese) names explicitly, in document order,
    among ``refs`` (one per section of the searchable documents, in document order); None if it names none."""
    table = table_for(refs)
    question = _SUBREF_RE.sub(r"\1", with_part_marks(question))
    numbers = number_refs(question)
    named = titles_named(table.by_title, question)  # title -> the words naming it
    titled = in_order(table.by_title[t] for t in named)
    one_unit = bool(numbers or titled or _ONE_UNIT_RE.search(question))
    parts, reference = part_refs(question, table.parts, by_name=not one_unit)
    asked = asked_questions(question, table)  # "第7问" of a guide's numbered questions, not another's 第七部分
    if asked[0] and {(r.key[0], r.part_number) for r in asked[0]} != set(parts):  # (a reading's parts: as parts)
        return Route(tuple(r.key for r in asked[0]), "task", asked[1])
    compact = question.replace(" ", "")
    point = _point_route(compact, table, frozenset(parts))
    if point and point.kind == "missing" and parts and reference not in point.reference:
        point = Route((), "missing", reference + point.reference)  # "第三部分（一）第5点"
    if point:
        return point
    if parts and numbers:  # "第三部分第（五）项": the item within the part; "第四部分第2点": a guide's 四、2.
        inside = [r for r in _resolve_numbers(numbers, table) if (r.key[0], r.part_number) in parts] or [
            r for p in parts for _, r in table.units_by_part.get(p, []) if r.number == numbers[0][0]
            and "点" in numbers[0][1] and not BRACKET_RE.search(fold_width(r.key[1]))]
        if inside:
            return Route(tuple(dict.fromkeys(r.key for r in inside)), "task", numbers[0][1])
        return Route((), "missing", reference + numbers[0][1])  # "第二部分第（四）项" of a part with three
    if parts:
        units = in_order(_part_units(table, p) for p in parts)
        units, reference = _in_sections(question, units, reference)
        return Route(tuple(r.key for r in units), "part", reference) if units else Route((), "missing", reference)
    if (section := bare_section(question, refs))[1]:  # "第二节" of the one chapter with 节, or missing
        return Route(tuple(r.key for r in section[0]), "part" if section[0] else "missing", section[1])
    if labelled := _labelled_route(question, compact, numbers, table):
        return labelled
    keys = tuple(dict.fromkeys(r.key for r in _resolve_numbers(numbers, table, question)))
    if keys:
        return Route(keys, "task", numbers[0][1])
    if numbers and (task := _PART_TASK_RE.search(compact)):  # "二、（三）" where part 二 has no （三）
        return Route((), "missing", task.group(0))
    if titled:
        return Route(tuple(r.key for r in titled), "task", named[max(named, key=len)], by_title=True)  # a task's
    return None


def _labelled_route(question: str, compact: str, numbers: list[tuple[int, str, str]], table: RefTable) -> Route | None:
    """The route of a unit named by its label or path ("二、1.", "第三章 第十一条", "附件2", "附件2第九条")."""
    matched = [label for label in table.by_label if _label_in(label, question) or _path_label_in(label, compact)]
    if attached := attached_article(matched, numbers, compact, table.by_label):
        return Route(tuple(r.key for _, r in table.by_label[attached]), "task", attached) \
            if attached in table.by_label else Route((), "missing", attached.replace(" ", ""))
    if attached_elsewhere(matched, numbers, table):  # "第三条" of a law and of a notice's 附件2: both, by number
        return None
    labelled = in_order(table.by_label[label] for label in matched  # "附件2 第五条", not all of 附件2
                        if not any(o.startswith(f"{label} ") for o in matched))
    longest = max((len(r.key[1]) for r in labelled), default=0)
    return Route(tuple(r.key for r in labelled if len(r.key[1]) == longest), "task", labelled[0].key[1]) \
        if labelled else None


def section_refs(chunks: list[Chunk]) -> list[SectionRef]:
    """One :class:`SectionRef` per unit of ``chunks`` (its first piece), in index order."""
    refs, seen = [], set()
    for chunk in chunks:
        if chunk.key in seen:
            continue
        seen.add(chunk.key)
        level, part_number = part_level(chunk.part)
        refs.append(SectionRef(chunk.key, chunk.number, chunk.level, chunk.part, part_number, chunk.part_title,
                               chunk.title, level, tuple(chunk.path), heading_title(chunk.context)))
    return refs


def missing_route(question: str, text: str = "") -> Route | None:
    """The route of an article, task, chapter, part or attachment a question names by number that no section
    has ("第九章", "第二十四项" or "（二十四）" of a plan with 23 tasks, "附件1" the ``text`` never says)."""
    articles = [t for _, t, u in number_refs(question) if t.lower().startswith(("第", "article", "("))]
    articles = articles or [text for _, text, _ in numbered_parts(question)]
    articles = articles or [a for a in re.findall(rf"附件\s*[0-9{CN_NUMERAL_CHARS}]{{1,3}}", question) if a not in text]
    return Route((), "missing", articles[0]) if articles else None


def _part_units(table: RefTable, part: tuple[str, int]) -> list:
    """The units a part look-up lists: the part's leaf units (else all its units) and the part's own
    text, such as a closing paragraph after its last task ("各区要将…报市民政局汇总。")."""
    leaves = table.leaf_by_part.get(part)
    if not leaves:
        return table.units_by_part.get(part, [])
    own = [e for e in table.units_by_part.get(part, []) if e[1].level in PART_LEVELS]
    return sorted(leaves + [e for e in own if e not in leaves], key=lambda e: e[0])
