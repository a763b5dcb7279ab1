"""Lookup tables over a list of section references, so routing a question does not scan every section.

The router asks the same few questions of the reference list for every question (which level is
each document's task level, which sections carry this label, number or title, which sections lie in
a part). With a city's library (100,000 sections) scanning the list costs ~0.3 s per question; the
tables answer each in time proportional to the distinct labels and titles (a few hundred) instead.
Entries keep their position in the list, so results come out in document order as before.
"""

from __future__ import annotations

import bisect
import re
import threading
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from assistant.text.chinese import fold_width
from assistant.text.numerals import CN_NUMERAL_CHARS, cn_to_int, int_to_cn

Entry = tuple[int, object]  # (position in the reference list, SectionRef)
# A bracketed label, "(三)" after width folding.
BRACKET_RE = re.compile(r"\([一二三四五六七八九十百零〇]+\)")
# A task's heading line above its points: "（二）基本原则。", "三、保障措施：" -> its title (of up to three clauses).
_HEADING_RE = re.compile(r"^\s*(?:[(（][一二三四五六七八九十百零〇]+[)）]|[一二三四五六七八九十百零〇]+、)\s*"
                         r"([^。：:；;，,\n]{2,20}(?:[，,][^。：:；;，,\n]{2,20}){0,2})[。：:]?\s*$")


def heading_title(context: str) -> str:
    """The title of the unit whose heading line is ``context`` (a point's lead-in), or "" when the
    lead-in is no bare heading (an article's opening sentence, a task's running text)."""
    match = _HEADING_RE.match(context or "")
    return match.group(1).strip() if match else ""


# Numbered levels from the outermost in (the structure parser's marker ranks): a tie between two levels
# as common as each other goes to the deeper one, whatever the order a set would give (PYTHONHASHSEED).
_DEPTH = ("book", "chapter", "section", "article", "part", "task", "point", "subpoint", "circled")


def leaf_levels(refs: Iterable) -> dict[str, str]:
    """The most common numbered level of each document (its "task" level); of two as common, the deeper."""
    levels: dict[str, list[str]] = {}
    for r in refs:
        if r.number is not None:
            levels.setdefault(r.key[0], []).append(r.level)
    depth = {level: n for n, level in enumerate(_DEPTH)}
    return {doc: max(dict.fromkeys(v), key=lambda lv: (v.count(lv), depth.get(lv, -1))) for doc, v in levels.items()}


@dataclass
class RefTable:
    """Indexes of one reference list (see the module docstring)."""

    leaf: dict[str, str]
    parts: dict[tuple[str, int], object] = field(default_factory=dict)
    by_label: dict[str, list[Entry]] = field(default_factory=dict)
    by_number: dict[int, list[Entry]] = field(default_factory=dict)
    by_title: dict[str, list[Entry]] = field(default_factory=dict)
    leaf_by_part: dict[tuple[str, int], list[Entry]] = field(default_factory=dict)
    # Every numbered unit of a part, for parts with no unit at the document's leaf level
    # (a part of （一） tasks in a document whose most common level is 1. points).
    units_by_part: dict[tuple[str, int], list[Entry]] = field(default_factory=dict)
    # The units under a bracketed label that has no unit of its own: "(三)" -> "(三)1.", "(三)2."
    # (a task split into numbered points, each point a unit).
    by_parent: dict[str, list[Entry]] = field(default_factory=dict)

    def _add_terminal_units(self) -> None:
        """A part's leaf units listed with its units above the leaf level that have none below them,
        and with those below it that stand for a unit of the leaf level that has no text of its own."""
        for key, units in self.units_by_part.items():
            leaf = self.leaf.get(key[0], "")
            extra = _terminal(units, leaf) + _standing_in(units, leaf)
            if extra:
                self.leaf_by_part[key] = sorted(self.leaf_by_part.get(key, []) + extra, key=lambda e: e[0])

    @classmethod
    def build(cls, refs: list) -> RefTable:
        """Index the references (one pass)."""
        table = cls(leaf_levels(refs))
        for pos, r in enumerate(refs):
            doc = r.key[0]
            if r.part_number is not None:
                table.parts.setdefault((doc, r.part_number), r)
            if r.level == "attachment":  # "附件2": by its label only
                table.by_label.setdefault(r.key[1], []).append((pos, r))
            elif r.parents and r.parents[0].startswith("附件") and r.key[1].startswith(f"{r.parents[0]} "):
                table.by_label.setdefault(r.parents[0], []).append((pos, r))  # "附件2 第五条": a unit of 附件2
            if r.number is None:
                continue
            table.by_number.setdefault(r.number, []).append((pos, r))
            if len(r.key[1]) >= 3:
                table.by_label.setdefault(r.key[1], []).append((pos, r))
            if r.level == table.leaf.get(doc):
                table.leaf_by_part.setdefault((doc, r.part_number), []).append((pos, r))
            table.units_by_part.setdefault((doc, r.part_number), []).append((pos, r))
            path = fold_width(r.key[1])
            labels = {m.group(0) for m in BRACKET_RE.finditer(path) if m.end() < len(path)}
            labels |= {fold_width(p) for p in getattr(r, "parents", ()) if BRACKET_RE.fullmatch(fold_width(p))}
            for label in labels:
                table.by_parent.setdefault(label, []).append((pos, r))
        table._add_terminal_units()
        keys = sorted(r.key for r in refs)
        for pos, r in enumerate(refs):
            own = r.level == "task" and len(r.title) >= 4  # a task split into points: its own text (the note
            if r.level != table.leaf.get(r.key[0]) and not _childless(r, keys) and not own:  # "（牵头单位：…）")
                continue
            for title in {t for t in (r.title, getattr(r, "parent_title", "")) if len(t) >= 4}:
                table.by_title.setdefault(title, []).append((pos, r))  # a task's title names its points
        return table


_NOT_LISTED = ("part", "chapter", "section", "preamble")


def _childless(ref, keys: list[tuple[str, str]]) -> bool:
    """True for a unit off its document's leaf level with no unit below it (a whole （一） task among 1.
    points, or the points of the one task split into them among whole tasks): its title, and the title of the
    heading above it, name it as a leaf's do. ``keys``: every unit's key, sorted (sub-units follow a unit)."""
    if ref.level in _NOT_LISTED or ref.level == "attachment":
        return False
    at = bisect.bisect_right(keys, ref.key)
    return not (at < len(keys) and keys[at][0] == ref.key[0] and keys[at][1].startswith(ref.key[1]))


def _terminal(entries: list[Entry], leaf: str) -> list[Entry]:
    """The units of a part above its leaf level with no unit below them: the （七） task without
    points in a part whose other tasks are split into 1. 2. points."""
    leaves = [r for _, r in entries if r.level == leaf]
    depth = min((len(getattr(r, "parents", ())) for r in leaves), default=0)
    return [(pos, r) for pos, r in entries
            if r.level != leaf and r.level not in _NOT_LISTED and len(getattr(r, "parents", ())) < depth
            and not any(o is not r and (o.key[1].startswith(r.key[1]) or r.key[1] in getattr(o, "parents", ()))
                        for _, o in entries)]


def _standing_in(entries: list[Entry], leaf: str) -> list[Entry]:
    """The units of a part below its leaf level whose leaf-level unit has no text of its own: the points
    1. 2. of the （四） task, itself split into them, in a part whose other tasks are whole."""
    leaves = [r for _, r in entries if r.level == leaf]
    labels = {r.key[1] for r in leaves}
    depth = max((len(getattr(r, "parents", ())) for r in leaves), default=0)
    return [(pos, r) for pos, r in entries
            if leaves and r.level != leaf and r.level not in _NOT_LISTED and len(getattr(r, "parents", ())) > depth
            and not any(p in labels for p in getattr(r, "parents", ()))
            and not any(r.key[1].startswith(label) for label in labels)]


def in_order(groups: Iterable[list[Entry]]) -> list:
    """The references of several entry lists, merged back into document order."""
    return [r for _, r in sorted((e for group in groups for e in group), key=lambda e: e[0])]


_CACHE: dict[int, tuple[list, RefTable]] = {}
_LOCK = threading.Lock()


def table_for(refs: list) -> RefTable:
    """The table of a reference list, built once per list object (a few lists are kept)."""
    with _LOCK:
        cached = _CACHE.get(id(refs))
        if cached is not None and cached[0] is refs:
            return cached[1]
    table = RefTable.build(refs)
    if len(refs) >= 1000:  # small (e.g. per-question filtered) lists are cheap to rebuild
        with _LOCK:
            while len(_CACHE) >= 4:
                _CACHE.pop(next(iter(_CACHE)))
            _CACHE[id(refs)] = (refs, table)
    return table


# A part's numeral written straight before a task's bracketed one ("方案四（一）", "行动计划二(四)"), not an
# article's or a longer number's ("第十四(一)").
_BARE_PART_RE = re.compile(rf"(?<![第{CN_NUMERAL_CHARS}\d])([{CN_NUMERAL_CHARS}]{{1,3}})"
                           rf"(?=\s*[(（][{CN_NUMERAL_CHARS}]+[)）])")


# A point's number written without its stop between a task's bracket and a sub-item's ("（三）1（2）").
_BARE_POINT_RE = re.compile(r"(?<=[)）])\s*(\d{1,2})(?=\s*[(（]\d{1,2}[)）])")


def with_part_marks(question: str) -> str:
    """The question with the 、 a reader leaves out between a part's numeral and a task's ("方案四（一）" ->
    "方案四、（一）") and the stop after a point's number before a sub-item ("（三）1（2）" -> "（三）1.（2）"), so the
    references read as the paths they name; an attachment's unit as its path ("附件2的第五条" -> "附件2 第五条")."""
    question = _CN_ATTACHMENT_RE.sub(lambda m: f"附件{cn_to_int(m.group(1))}", question)  # 附件二 -> 附件2
    question = _EN_ATTACHMENT_RE.sub(r"附件\1", question)  # "Annex 2" -> 附件2
    question = _BARE_POINT_RE.sub(r"\1.", question)
    return _ATTACHED_RE.sub(r"\1 ", _BARE_PART_RE.sub(r"\1、", question))


def attached_article(matched: list[str], numbers: list[tuple[int, str, str]], compact: str = "",
                     known: Collection[str] = ()) -> str | None:
    """The path of the article an attachment's label and a number name ("附件2 第九条" for "附件2的第九条",
    "附件2 第三条" for "Article 3 of Attachment 2"), when the question matched the attachment's label (``matched``)
    but no unit of it, or names before the article (``compact``: the question without spaces) an attachment no
    unit label (``known``) has ("附件3第一条"): the caller routes to that article, or says it is missing. None
    for other questions."""
    unknown = re.search(r"附件(\d{1,2})(?=第)|(?i:article\d{1,3}of)附件(\d{1,2})", compact)
    named = f"附件{unknown.group(1) or unknown.group(2)}" if unknown else ""
    missing = bool(named) and not any(label.split(" ")[0] == named for label in known)
    if missing:
        matched = [named]  # not another document's 第一条 (nor its 第三项: "附件9第三项" of no 附件9 is missing)
    labels = [label for label in matched if re.fullmatch(r"附件\d{1,2}", label)]
    if not labels or not numbers or (numbers[0][2] != "条" and not missing) or any(" " in x for x in matched):
        return None
    return f"{labels[0]} 第{int_to_cn(numbers[0][0])}{numbers[0][2]}"


def attached_elsewhere(matched: list[str], numbers: list[tuple[int, str, str]], table: RefTable) -> bool:
    """True when a bare article label the question matched ("第三条") is also the number of an attachment's
    article ("附件2 第三条", whose path is not that label): the article is looked up by its number, in each."""
    bare = [label for label in matched if re.fullmatch(rf"第[{CN_NUMERAL_CHARS}]+条", label)]
    attached = [r for number, _, unit in numbers if unit == "条" for _, r in table.by_number.get(number, [])
                if r.key[1].startswith("附件")]
    return bool(bare) and len(bare) == len(matched) and bool(attached)


# Not a numeral's word ("附件一览表", "附件一并报送", "附件十分重要"): no attachment's number.
_CN_ATTACHMENT_RE = re.compile(r"附\s*件\s*([一二三四五六七八九十]{1,3})(?![览并起般样致些份张共直定切同律旦分])")
_EN_ATTACHMENT_RE = re.compile(r"(?i)\b(?:attachment|annex|appendix|enclosure)\s*(\d{1,2})\b")
_ATTACHED_RE = re.compile(r"(附件\s*[0-9０-９]{1,2})\s*(?:中|里|的|中的|里的)?\s*(?=第)")


# "第七问", "第7个问题", "问7" (as a reading labels it; not "请问3…", nor "问一下"): a question of a Q&A named by its
# number.
_QUESTION_REF_RE = re.compile(rf"第\s*([{CN_NUMERAL_CHARS}]+|\d{{1,3}})\s*(?:个问题|问)"
                              r"|(?<![请询访])[问問]\s*(\d{1,3})(?!\d)")


def asked_questions(question: str, table: RefTable) -> tuple[list, str]:
    """The units "第七问", "第7个问题" or "问7" names in a guide whose questions are numbered units of its parts
    ("7. 大学生创业可以领多少一次性创业补贴？" under "三、自主创业扶持") or a reading's "问：…？" lines (labelled
    "问7" at ingest), in document order, and the words naming
    them; ``([], "")`` when the question names no question by number or no unit of that number is titled as
    a question (a reading whose parts are its questions is a part look-up, see ``part_refs.PART_RE``)."""
    match = _QUESTION_REF_RE.search(question)
    if not match:
        return [], ""
    number = cn_to_int(match.group(1) or match.group(2))
    units = in_order([e for e in entries if e[1].number == number]
                     for title, entries in table.by_title.items() if title.rstrip().endswith(("？", "?")))
    units = units or in_order([[e for e in table.by_number.get(number, []) if e[1].key[1] == f"问{number}"]])
    return units, match.group(0) if units else ""
