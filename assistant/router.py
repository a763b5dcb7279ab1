"""Structural router (pure): questions that name a task or a part get those sections directly.

Recognised references (after width folding, so "（二十）" arrives as "(二十)"):
- a task: 第十二项任务 / 第12项 / 第7项工作 / 第十七条 / 任务二十三 / (二十);
- a part: 第三部分 / 第3部分 / 第三板块, or a part's title such as "数字政府建设综合改革攻坚" together with
  a listing cue such as "哪些任务" or "这部分" (so that a fact question using the same words is not
  taken for a request to list the whole part);
- a task's exact title, e.g. "夯实政务基础设施".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .numerals import CN_NUMERAL_CHARS, cn_to_int

_N = rf"([{CN_NUMERAL_CHARS}]+|\d{{1,3}})"
_TASK_RES = (
    re.compile(rf"第\s*{_N}\s*(?:项|条|个(?=\s*(?:重点)?(?:任务|工作|举措|措施)))"),
    re.compile(rf"(?:任务|工作|事项)\s*(?:第\s*)?{_N}(?![\d{CN_NUMERAL_CHARS}]*\s*(?:[万亿个项%年次架P.]|以上))"),
    re.compile(rf"\(\s*([{CN_NUMERAL_CHARS}]+)\s*\)"),
    re.compile(rf"(?<![\d.第])\b{_N}\s*(?:项|条)(?=\s*(?:讲|说|写|是|的|内容|主要|$))"),
    re.compile(r"(?i)\b(?:task|item|article|point|no\.)\s*#?\s*(\d{1,3})\b"),
)
_EN_ORDINALS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten".split())}
_EN_PART_RE = re.compile(r"(?i)\bpart\s+(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\b")
_PART_RE = re.compile(rf"第\s*{_N}\s*(?:部分|板块|大项|大部分|方面)")
_LIST_CUE_RE = re.compile(r"部分|板块|哪些任务|哪几项|几项|哪些工作|哪些重点|包括哪些|包含哪些|主要任务|重点任务|"
                          r"有哪些|都有啥|都有什么|包括什么|包含什么|讲了什么|讲了啥|讲的什么|是什么内容")
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


@dataclass(frozen=True)
class Route:
    """A routing decision: which sections, and whether the reference was a whole part."""

    keys: tuple[tuple[str, str], ...]
    kind: str  # "task" or "part"
    reference: str


def part_core(part_title: str) -> str:
    """Return the distinctive core of a part title ("聚力数字政府建设综合改革攻坚，在…" -> "数字政府建设综合改革攻坚")."""
    return _TITLE_FILLER_RE.sub("", part_title).strip()


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


def _leaf_level(refs: list[SectionRef]) -> str:
    numbered = [r.level for r in refs if r.number is not None]
    return max(set(numbered), key=numbered.count) if numbered else ""


def _part_refs(question: str, refs: list[SectionRef]) -> tuple[list[int], str]:
    parts = {r.part_number: r for r in refs if r.part_number is not None}
    wanted = [(n, ref) for n, ref in _numbers(_PART_RE, question) if n in parts]
    wanted += [(_en_number(m.group(1)), m.group(0)) for m in _EN_PART_RE.finditer(question)
               if _en_number(m.group(1)) in parts]
    if wanted:
        return [n for n, _ in wanted], wanted[0][1]
    if not _LIST_CUE_RE.search(question):
        return [], ""
    for number, ref in sorted(parts.items()):
        core = part_core(ref.part_title)
        short = core.removesuffix("改革攻坚").removesuffix("综合")
        for name in (core, short):
            if len(name) >= 4 and name in question:
                return [number], name
    return [], ""


def route(question: str, refs: list[SectionRef]) -> Route | None:
    """Find the sections a question names explicitly.

    Args:
        question: The normalised question (NFKC, Simplified Chinese).
        refs: One entry per section of the searchable documents, in document order.

    Returns:
        The matching sections in document order, or None if the question names none.
    """
    leaf = _leaf_level(refs)
    part_numbers, reference = _part_refs(question, refs)
    if part_numbers:
        keys = tuple(r.key for r in refs if r.part_number in part_numbers and r.number is not None
                     and r.level == leaf)
        if keys:
            return Route(keys, "part", reference)
    numbers: list[int] = []
    for regex in _TASK_RES:
        for number, text in _numbers(regex, question):
            if number not in numbers:
                numbers.append(number)
                reference = reference or text
    keys = tuple(r.key for n in numbers for r in refs if r.level == leaf and r.number == n)
    if keys:
        return Route(keys, "task", reference)
    titled = [r for r in refs if len(r.title) >= 4 and r.title in question and r.level == leaf]
    if titled:
        return Route(tuple(r.key for r in titled), "task", titled[0].title)
    return None
