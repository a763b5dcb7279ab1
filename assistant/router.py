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
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"])}
_EN_PART_RE = re.compile(r"(?i)\bpart\s+(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\b")
_PART_RE = re.compile(rf"第\s*{_N}\s*(?:部分|板块|大项|大部分|方面)")
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
    if re.search(r"最后(?:一|一个)?(?:部分|板块)", question):
        last = max(parts)
        return [last], "最后一部分"
    if not _LIST_CUE_RE.search(question):
        return [], ""
    for number, ref in sorted(parts.items()):
        for name in part_names(ref.part_title):
            if name in question:
                return [number], name
    scored = [(bigram_share(part_core(ref.part_title), question), n) for n, ref in parts.items()]
    share, number = max(scored, default=(0.0, 0))
    if share >= 0.5:
        return [number], part_core(parts[number].part_title)
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
