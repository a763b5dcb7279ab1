"""Parts and chapters named in a question (pure): by number ("第三部分", "第二章", "part 3", "Chapter IV"), as the last
one, or by words of their title ("数字社会建设那块", "关于长三角的那一章", "附则讲了什么")."""

from __future__ import annotations

import re
from collections.abc import Iterable
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Protocol

from assistant.text.chinese import fold_width, has_cjk
from assistant.text.glossary import load_glossary, matched_entries
from assistant.text.numerals import CN_NUMERAL_CHARS, cn_to_int, int_to_roman


class PartRef(Protocol):
    """What is read of a part's first section (``router.SectionRef`` is one)."""

    part_title: str
    part_level: str

N = rf"([{CN_NUMERAL_CHARS}]+|\d{{1,3}})"
# "Part 3", "part three", "Chapter IV" (Roman numerals as English translations of laws number chapters).
_EN_ORDINALS = {w: i for i, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"])} | {
    int_to_roman(i).lower(): i for i in range(1, 40)}
_EN_NUMBER = r"(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|[ivxl]{1,6})(?![a-z0-9])"
_EN_PART_RE = re.compile(rf"(?i)(?<![a-z])(part|chapter)\s+{_EN_NUMBER}")
PART_RE = re.compile(rf"第\s*{N}\s*(?:部分|板块|大项|大部分|方面"  # a Q&A reading's "第三个问题" asked about
                     r"|(?:个问题|问)(?=\s*(?:是什么|讲了?什么|说了?什么|是?(?:怎么|如何)(?:回答|答|说|解答)的?"
                     r"|的?(?:内容|答案|回答)|[?？。]?$)))")
# A part's own label closing the question ("数字经济措施三、", "实施意见二、讲了什么"), not a path ("二、（三）").
_PART_LABEL_RE = re.compile(rf"(?<![第\d{CN_NUMERAL_CHARS}、])([{CN_NUMERAL_CHARS}]{{1,3}})、"
                            r"(?=\s*(?:讲了?什么|说了?什么|是什么|的?内容|有哪些|[?？。]?$))")
CHAPTER_RE = re.compile(rf"第\s*{N}\s*章")
_LIST_CUE_RE = re.compile(
    r"部分|板块|大块|任务|几项|哪些工作|重点工作|主要内容|[讲说](?:了|的)?些?(?:什么|啥)|[这那哪一]章|的章节"
)
_SHORT_CUE = r"(?:的?(?:[这那一]*(?:章|部分)|章节))?(?:讲|说|写|有哪些|有什么|包括|主要|规定了)"  # "总则的章节讲了什么"
_LEVEL_WORD_RE = re.compile(r"部分|板块|章")  # "关于长三角的那一章": then 3 characters of a title name it
# Weaker list cues: a part is named by them only with its whole title ("基本原则有哪几条").
_LIST_HINT_RE = re.compile(r"哪几条|有哪些|包括哪些|哪些方面|哪些措施")
_TITLE_CLAUSE_RE = re.compile(r"[,，;；].*$")


def part_core(part_title: str) -> str:
    """The core of a part title: its first clause ("数字政府建设，在…" -> "数字政府建设")."""
    return _TITLE_CLAUSE_RE.sub("", part_title).strip()


def part_names(part_title: str) -> list[str]:
    """Names a person may use for a part: its first clause, and the clause after it."""
    names = [part_core(part_title)]
    halves = re.split(r"[,，]", part_title, maxsplit=1)
    if len(halves) == 2:
        names.append(halves[1].strip())
    return [n for n in names if len(n) >= 4]


def titles_named(titles: Iterable[str], question: str) -> dict[str, str]:
    """The ``titles`` a (folded) question names, each with the words that name it: the whole title ("基本原则
    有哪几条"), or one clause of it of four or more characters ("打造研发设计中心" of "推动创新创业，打造研发设计
    中心") when the question asks what the unit holds ("有哪些措施", "讲了什么") and no fact ("由哪个部门牵头",
    "有多少资金"), as a reader names a heading above points by its gist."""
    by_clause = bool(_HOLDS_RE.search(question)) and not FACT_RE.search(question)  # asked once, not per title
    out = {}
    for title in titles:
        folded = fold_width(title)
        if folded in question:
            out[title] = folded
        elif by_clause and (clause := _clause_in(folded, question)):
            out[title] = clause
    return out


def _clause_in(title: str, question: str) -> str:
    """The first clause of ``title`` (four or more characters) that ``question`` holds, or ""."""
    return next((c for c in re.split(r"[,，]", title) if len(c) >= 4 and c in question), "")


# What a unit holds is asked ("有哪些措施", "讲了什么"); a fact is asked (an amount, a body, a yes or no).
_HOLDS_RE = re.compile(r"[讲说写](?:了|的)?些?(?:什么|啥)|(?:有|包括|包含)哪些|哪些(?:措施|方面|内容|任务|工作|举措)"
                       r"|有什么(?:措施|举措|任务|内容|要求)|主要内容|什么内容")
_UNITS = r"(?!项|个?(?:部分|方面|任务|措施))"  # "有几项任务" counts the units: what it holds
# A question asking a figure (an amount, a count, a time limit), not what a unit holds ("有几项任务").
FIGURE_ASK_RE = re.compile(rf"多少{_UNITS}|(?<!哪)几{_UNITS}|多[长久大高远重宽]")
# A question asking a fact ("多少", "几", "谁", "何时", "能不能", "…吗"), not what a unit holds.
FACT_RE = re.compile(rf"多少{_UNITS}|多[长久大高远重宽]|(?<!哪)几{_UNITS}|谁|哪个|哪家|何时|什么时候|能不能|可不可以"
                      r"|是否|(?:吗|(?<![什怎])么)[?？]?$")


def without_list_cues(text: str) -> str:
    """``text`` with its listing cues blanked ("讲了哪些措施" -> "讲了 "): they ask, they name no topic."""
    return _LIST_CUE_RE.sub(" ", _ASKED_LIST_RE.sub(" ", text))


# "有哪些措施", "包括哪几个方面": a listing question's ask with the kind of thing listed.
_ASKED_LIST_RE = re.compile(r"(?:都?有|包括|包含)?哪(?:些|几)[条项个类种]?(?:措施|方面|内容|任务|工作|举措|规定|要求)?")


def bigram_share(name: str, text: str) -> float:
    """Share of the character bigrams of ``name`` that occur in ``text``."""
    grams = {name[i : i + 2] for i in range(len(name) - 1)}
    return sum(g in text for g in grams) / len(grams) if grams else 0.0


def numbered_parts(question: str) -> list[tuple[int, str, str]]:
    """``(number, words, level)`` of each chapter ("第三章", "Chapter III") and part ("第二部分", "part 2") a
    question names by number, level "chapter" or "part"; Chinese wording first."""
    said = [(n, t, level) for regex, level in ((CHAPTER_RE, "chapter"), (PART_RE, "part"), (_PART_LABEL_RE, "part"))
            for n, t in numbers_in(regex, question)]
    english = [(_en_number(m.group(2)), m.group(0), m.group(1).lower()) for m in _EN_PART_RE.finditer(question)]
    return said + [e for e in english if e[0]]


def _en_number(word: str) -> int:
    """An English number word, digits or Roman numeral as an int ("3", "three", "III" -> 3); 0 when unknown."""
    return int(word) if word.isdigit() else _EN_ORDINALS.get(word.lower(), 0)


def numbers_in(regex: re.Pattern[str], text: str) -> list[tuple[int, str]]:
    """(number, matched text) of each match of ``regex`` whose group 1 is a number."""
    found = []
    for match in regex.finditer(text):
        try:
            found.append((cn_to_int(match.group(1)), match.group(0)))
        except ValueError:
            continue
    return found


def _last_parts(parts: dict[tuple[str, int], PartRef], level: str) -> set[tuple[str, int]]:
    """The last part of each document at ``level`` ("part": a notice's 部分, "chapter": a law's 章), or at
    the other level when no document has that one (a law's last 章 is its "最后一部分")."""
    levels = [lv for lv in (level, "chapter", "part") if any(r.part_level == lv for r in parts.values())]
    last: dict[str, int] = {}
    for (doc, number), ref in parts.items():
        if levels and ref.part_level == levels[0]:
            last[doc] = max(last.get(doc, 0), number)
    return set(last.items())


def _asked_of(name: str, question: str) -> bool:
    """Whether a weak list cue ("有哪些") asks of the part title ``name`` itself ("基本原则有哪几条"), not
    of a longer word holding it ("电梯使用管理单位有哪些义务" under a chapter "使用管理")."""
    after = r"(?:的|这一?章|这部分|部分|方面)?(?:都?有|主要)?(?:" + _LIST_HINT_RE.pattern + ")"
    return bool(re.search(re.escape(name) + after, question))


def _longest_shared(question: str, parts: dict[tuple[str, int], PartRef], shortest: int = 4
                    ) -> tuple[set[tuple[str, int]], str] | None:
    """The one part whose title's first clause shares the longest run (``shortest`` characters or
    more) with the question, strictly longer than any other part's ("数字社会建设那块" names the part
    "…数字社会建设…"); None on a tie or a shorter run."""
    runs = []
    for key, ref in parts.items():
        core = part_core(ref.part_title)
        match = SequenceMatcher(None, question, core, autojunk=False).find_longest_match(
            0, len(question), 0, len(core))
        runs.append((match.size, key, core[match.b:match.b + match.size]))
    runs.sort(key=lambda r: -r[0])
    if not runs or runs[0][0] < shortest or (len(runs) > 1 and runs[1][0] == runs[0][0]):
        return None
    return {runs[0][1]}, runs[0][2]


def part_refs(question: str, parts: dict[tuple[str, int], PartRef], by_name: bool = True
               ) -> tuple[set[tuple[str, int]], str]:
    """The parts (or chapters) a question names, as ``(doc_id, part number)``, and the wording;
    by a part's title only when ``by_name`` (not when the question names an article or item)."""

    def pick(numbers: list[int], level: str | None) -> set[tuple[str, int]]:
        exact = {k for k, r in parts.items() if k[1] in numbers and r.part_level == level}
        if exact or any(r.part_level == level for r in parts.values()):
            return exact  # "第九章" of a law with eight is missing, not some notice's part 九、; nor "第五部分"
            # of a notice with three some law's 第五章
        return {k for k, r in parts.items() if k[1] in numbers and r.part_level in ("part", "chapter")}  # "意见第二章":
        # a notice's parts are its chapters; a rule of bare articles has no 第三章 (not its 第三条)

    numbered = numbered_parts(question)
    for level in ("chapter", "part"):
        said = [(n, text) for n, text, of in numbered if of == level]
        if said and (chosen := pick([n for n, _ in said], level)):
            return chosen, said[0][1]
    if (said := re.search(r"最后(?:一|一个)?(部分|板块|章)", question)) and parts:
        return _last_parts(parts, "chapter" if said.group(1) == "章" else "part"), said.group(0)
    if not has_cjk(question):  # "Article 10 of the property management regulation": no chapter 物业服务
        return _english_titled(question, parts) if by_name else (set(), "")
    strong = bool(_LIST_CUE_RE.search(question))
    if not by_name or not (strong or _LIST_HINT_RE.search(question)):
        return set(), ""
    for key, ref in parts.items():
        for name in part_names(ref.part_title):
            if name in question and (strong or _asked_of(name, question)):
                return {key}, name
    cores = {k: part_core(r.part_title) for k, r in parts.items()}
    short = {k: core for k, core in cores.items() if 2 <= len(core) < 4}
    named = [k for k, core in short.items() if re.search(re.escape(core) + _SHORT_CUE, question)]
    if named:  # "附则讲了什么": a short title right before the ask
        return set(named), short[named[0]]
    if not strong or FACT_RE.search(question):  # "推行执法公示这几项制度，各地谁负责": a fact, no title
        return set(), ""
    shared = _longest_shared(question, parts, 3 if _LEVEL_WORD_RE.search(question) else 4)
    if shared:
        return shared
    scored = [(bigram_share(part_core(ref.part_title), question), key) for key, ref in parts.items()
              if len(part_core(ref.part_title)) >= 6]
    share, key = max(scored, default=(0.0, ("", 0)))
    if share >= 0.5:
        return {key}, part_core(parts[key].part_title)
    return set(), ""


# An English question asking what a part holds: "What are the safeguard measures in the guideline?"
_EN_HOLDS_RE = re.compile(r"(?i)\b(?:what\s+(?:are|were)|which\s+are|list|summari[sz]e|outline"
                          r"|what\s+does\s+.{0,80}?\b(?:say|cover|contain|set\s+out|include))\b")


def _english_titled(question: str, parts: dict[tuple[str, int], PartRef]) -> tuple[set[tuple[str, int]], str]:
    """The one part whose whole title is the glossary's Chinese for a phrase of an English question that
    asks what it holds ("the safeguard measures" -> 保障措施), and that phrase's Chinese; else nothing."""
    if not _EN_HOLDS_RE.search(question):
        return set(), ""
    terms = {t for entry in matched_entries(question, load_glossary()) for t in entry}
    keys = {k for k, r in parts.items() if part_core(r.part_title) in terms}
    return (keys, part_core(parts[next(iter(keys))].part_title)) if len(keys) == 1 else (set(), "")


@lru_cache(maxsize=4096)
def part_level(part: str) -> tuple[str, int | None]:
    """Level and number of a chunk's top-level ancestor: "六" -> ("part", 6), "第二章" -> ("chapter", 2)."""
    if not part:
        return "", None
    level = {"章": "chapter", "节": "section", "条": "article"}.get(part[-1], "part")
    try:
        return level, cn_to_int(part.strip("、第章节条"))
    except ValueError:
        return level, None


_SECTION_NUMBER_RE = re.compile(rf"第\s*{N}\s*[节節]")
_EN_SECTION_RE = re.compile(rf"(?i)(?<![a-z])section\s+{_EN_NUMBER}")


def bare_section(question: str, refs: Iterable) -> tuple[list, str]:
    """The units (``router.SectionRef``: ``parents``, ``key``) in the 节 a question names without its chapter
    ("养犬条例第二节", "Section 2"), and its words: of each document where one chapter only has that 节 (a 节
    numbered again in two chapters names neither). ``([], words)`` when documents have 节 but not this one
    (missing), ``([], "")`` when the question names no 节, no document has any or only such twice-numbered ones."""
    found = numbers_in(_SECTION_NUMBER_RE, question) or [
        (_en_number(m.group(1)), m.group(0)) for m in _EN_SECTION_RE.finditer(question)]
    if not found:
        return [], ""
    number, words = found[0]
    label = lambda p: numbers_in(_SECTION_NUMBER_RE, p) if _SECTION_NUMBER_RE.fullmatch(p) else []  # noqa: E731
    refs = [r for r in refs if any(label(p) for p in r.parents)]
    inside = [r for r in refs if any(n == number for p in r.parents for n, _ in label(p))]
    chapters: dict[str, set] = {}
    for r in inside:
        chapters.setdefault(r.key[0], set()).add(r.parents[0])
    kept = [r for r in inside if len(chapters[r.key[0]]) == 1]
    return kept, words if refs and (kept or not inside) else ""
