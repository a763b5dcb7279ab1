"""Quote units (pure): the whole provision that holds an answer sentence, not the sentence alone.

A unit's text has one paragraph (款) or item (项) a line. The quote of a best sentence is:

- the whole line that holds it (a 款 or a 项): conditions and exceptions joined by "；", "，但是" travel with it;
- for an item, its lead-in line ("有下列情形之一的，……：") too; for a lead-in, all its items;
- a following line that states an exception or a heavier case ("但是……"/"前款……" at its start, "情节严重的……",
  "除……外", "有下列情形之一的……"; not a rule with a "但是" inside), and the line before one opening with 但是/前款;
- a table row line ("表头：值；表头：值") always whole;
- a Q&A's question line ("问：…") with its answer (``sub_items.answer_run``), an answer line whole;
- in a very long line (over ``LONG_LINE`` characters) and in a plan's tasks the sentence up to "。"; a very long
  sentence is cut at "；", keeping the neighbouring clause with a figure when an amount or a count is asked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from assistant.answer.provisos import names_item, of_another_item, with_proviso
from assistant.answer.sub_items import answer_line, answer_run, label_run, sub_item_block
from assistant.ingest.outline import clause_of, item_lines, table_row, title_only
from assistant.records import Chunk
from assistant.text.numerals import DIGIT_LABEL_END
from assistant.text.patterns import QUALIFIER
from assistant.text.sentences import attach_notes

S = TypeVar("S")
LONG_LINE = 200
# Largest number of items quoted after a lead-in line.
MAX_ITEMS = 12
# An item's label opening a line: （三）, (2), 1. (not a decimal "1.5"), ①.
ITEM_RE = re.compile(r"^[ \t\u3000]*(?:[（(](?:[一二三四五六七八九十百〇零]+|\d{1,2})[）)]"
                      rf"|\d{{1,3}}[.．、]{DIGIT_LABEL_END}|[①-⑳])")
# A paragraph that sanctions a breach of its own ("违反本条例第十九条规定的，…"): no exception of the one before.
BREACH_RE = re.compile(r"^[ \t\u3000]*(?:第[^条條\n]{1,8}[条條][ \t\u3000]*)?违反")
# A paragraph stating an exception or a heavier case of the one before: a qualifier's opening words
# (``patterns.QUALIFIER``: "但是…", "前款…") or, anywhere in it, "情节严重的", "除…外", "有下列情形之一的".
_EXCEPTION_RE = re.compile(rf"{QUALIFIER}|情节(?:特别|较为|较)?(?:严重|恶劣|轻微)的"
                           r"|除[^。；\n]{1,40}外|有下列情形之一的")
REFERS_BACK_RE = re.compile(r"^[ \t\u3000]*(?:但是|但|(?:依照|违反|有)?前[两三]?款)")
_FULL_STOP_RE = re.compile(r"[^。！？!?]*(?:[。！？!?]+|$)")
_CLAUSE_RE = re.compile(r"[^；;。！？!?]*(?:[；;。！？!?]+|$)")
_FIGURE_RE = re.compile(r"\d|[一二三四五六七八九十两百千万]+(?:[元日天月年倍人名个次项家级%％]|分之|小时|工作日)|分之")


@dataclass(frozen=True)
class Line:
    """One non-blank line of a unit: offsets, and whether it is an item (项)."""

    start: int
    end: int
    item: bool


def unit_lines(text: str) -> list[Line]:
    """The non-blank lines of ``text`` with their offsets (surrounding spaces excluded), each marked
    an item or not (see ``ingest.outline.item_lines``: lines with an item label, a table's rows and
    unlabelled items under a lead-in ending in a colon). The first line is no item even when it opens
    with a number: it holds the unit's own label ("3. 经营者应当做到以下几点：" is the lead-in of the
    （1）（2） below it)."""
    spans, pos = [], 0
    for raw in text.split("\n"):
        s, e = pos, pos + len(raw)
        while s < e and text[s] in " \t\u3000\r":
            s += 1
        while e > s and text[e - 1] in " \t\u3000\r":
            e -= 1
        if e > s:
            spans.append((s, e))
        pos += len(raw) + 1
    flags = item_lines([text[s:e] for s, e in spans], lambda line: bool(ITEM_RE.match(line)))
    return [Line(s, e, item) for (s, e), item in zip(spans, flags, strict=True)]


_LEADING_LABEL_RE = re.compile(
    r"^[ \t\u3000]*(?:#{1,6}[ \t]*)?(?:第[^条條章节節。]{1,6}[条條章节節](?:之[一二三四五六七八九十]+)?"
    rf"|[一二三四五六七八九十]+、|[（(][^）)]{{1,4}}[）)]|\d{{1,2}}[.．、]{DIGIT_LABEL_END}|[①-⑳])[ \t\u3000]*"
)


def strip_label(text: str) -> str:
    """Drop a numbering label that opens a sentence ("1. 每季度更新目录。" -> "每季度更新目录。")."""
    stripped = _LEADING_LABEL_RE.sub("", text, count=1)
    return stripped if stripped.strip() else text


def sentence_quote(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` holding ``text[start:end]`` (character offsets), from after the 。 or line break
    before it through the next 。 (or the text's end), without its label ("第九条　", "（二）")."""
    begin = max(text.rfind("。", 0, start), text.rfind("\n", 0, start)) + 1
    stop = text.find("。", end)
    return strip_label(text[begin: len(text) if stop < 0 else stop + 1].strip()).strip()


def _lead_of(lines: list[Line], i: int) -> int | None:
    """The lead-in line of item ``i``: the nearest line before it that is not an item."""
    for j in range(i - 1, -1, -1):
        if not lines[j].item:
            return j
    return None


def _leads(text: str, line: Line) -> bool:
    """A lead-in to the items below it ("答：申请人应当同时符合以下条件：")."""
    return text[line.start:line.end].rstrip().endswith(("：", ":"))


def _items_after(lines: list[Line], i: int) -> list[int]:
    """The item lines right after line ``i``."""
    out = []
    for j in range(i + 1, len(lines)):
        if not lines[j].item:
            break
        out.append(j)
    return out


def _block(text: str, lines: list[Line], i: int, listing: bool = False) -> list[int]:
    """The line indices quoted for line ``i``: the line, its lead-in or its items (all the items of its
    lead-in when ``listing``: the question asks which ones), and the lines its rule refers to or is
    qualified by."""
    line = text[lines[i].start:lines[i].end]
    chosen = {i}
    if lines[i].item:
        lead = _lead_of(lines, i)
        if lead is not None:
            chosen.add(lead)
        chosen.update(sub_item_block([text[ln.start:ln.end] for ln in lines], [ln.item for ln in lines], i, MAX_ITEMS))
        if lead is not None and (listing or (lead == 0 and title_only(text[lines[0].start:lines[0].end])
                                             and not table_row(line))):  # a table's row says its own
            chosen.update(_items_after(lines, lead)[:MAX_ITEMS])  # "第三条　补贴标准" over its items
    elif line.rstrip().endswith(("：", ":")) or (i + 1 < len(lines) and lines[i + 1].item):
        chosen.update(_items_after(lines, i)[:MAX_ITEMS])  # a lead-in, with its colon or not ("可享受以下补贴")
    if not lines[i].item and i > 0 and REFERS_BACK_RE.match(line) and not lines[i - 1].item:
        chosen.add(i - 1)
    last = max(chosen)
    nxt = next((j for j in range(last + 1, len(lines)) if not lines[j].item), None)
    if nxt is not None:  # the next paragraph after the block (items in between belong to it)
        following = text[lines[nxt].start:lines[nxt].end]
        own_rule = BREACH_RE.match(following) and not REFERS_BACK_RE.search(following[:12])  # "违反第十九条…"
        if ((_EXCEPTION_RE.search(following) and not own_rule and not _of_a_sibling(text, lines, chosen, following))
                or _names_the_item(text, lines, chosen, following)):  # "违反前款第（二）项规定的，…" for （二）
            chosen.add(nxt)
            if following.rstrip().endswith(("：", ":")):
                chosen.update(_items_after(lines, nxt)[:MAX_ITEMS])
    return sorted(chosen)


def _names_the_item(text: str, lines: list[Line], chosen: set[int], following: str) -> bool:
    items = [k for k in chosen if lines[k].item]
    return len(items) == 1 and names_item(following, text[lines[items[0]].start:lines[items[0]].end])


def _of_a_sibling(text: str, lines: list[Line], chosen: set[int], following: str) -> bool:
    """Whether the exception ``following`` a quote of one item of a list is about a sibling item instead
    (:func:`provisos.of_another_item`)."""
    items = [k for k in chosen if lines[k].item]
    lead = _lead_of(lines, items[0]) if len(items) == 1 else None
    if lead is None:
        return False
    said = [text[lines[k].start:lines[k].end] for k in _items_after(lines, lead)]
    return of_another_item(following, text[lines[items[0]].start:lines[items[0]].end], said,
                           text[lines[lead].start:lines[lead].end])


def _pieces(text: str, start: int, end: int, pattern: re.Pattern) -> list[tuple[int, int]]:
    """Spans of ``pattern``'s matches in ``text[start:end]``, a bracketed note with the piece before it
    ("…同步交付使用。（牵头单位：…）" is one sentence: the note says who leads it; see ``attach_notes``)."""
    return attach_notes(text, [m.span() for m in pattern.finditer(text, start, end) if m.end() > m.start()])


def _containing(spans: list[tuple[int, int]], pos: int) -> int:
    return next((k for k, (s, e) in enumerate(spans) if s <= pos < e), len(spans) - 1)


def _long_line_span(text: str, line: Line, start: int, figure: bool) -> tuple[int, int]:
    """The sentence (to "。") of a long line holding ``start``, with the sentence next to it that states a figure
    when one is asked and it states none; cut at "；" only when the sentence is itself long, then widened to the
    neighbouring clause with a figure when one is asked for."""
    sentences = _pieces(text, line.start, line.end, _FULL_STOP_RE)
    k = _containing(sentences, start)
    s, e = sentences[k]
    near = [j for j in (k + 1, k - 1) if 0 <= j < len(sentences) and _FIGURE_RE.search(text[slice(*sentences[j])])]
    if figure and near and not _FIGURE_RE.search(text[s:e]):  # "…的过渡期是几年": the next sentence says "5年"
        s, e = (s, sentences[near[0]][1]) if near[0] > k else (sentences[near[0]][0], e)
    if e - s <= LONG_LINE:
        return s, e
    s, e = sentences[k]
    clauses = _pieces(text, s, e, _CLAUSE_RE)
    k = _containing(clauses, start)
    cs, ce = clauses[k]
    if figure and not _FIGURE_RE.search(text[cs:ce]):
        for j in (k + 1, k - 1):
            if 0 <= j < len(clauses) and _FIGURE_RE.search(text[clauses[j][0]:clauses[j][1]]):
                cs, ce = min(cs, clauses[j][0]), max(ce, clauses[j][1])
                break
    return cs, ce


def quote_spans(text: str, start: int, end: int, figure: bool = False,
                whole_lines: bool = True, whole_unit: int = 0, listing: bool = False) -> list[tuple[int, int]]:
    """The spans of ``text`` (a unit's text) to quote for the best sentence ``text[start:end]``
    (:func:`_spans`), with a proviso and its rule together (:func:`provisos.with_proviso`): when the rule is an item
    ("（四）…已出卖…的。" over "但是，因继承取得…"), with the item's lead-in too."""
    spans = with_proviso(text, _spans(text, start, end, figure, whole_lines, whole_unit, listing))
    lines = unit_lines(text)
    k = next((k for k, ln in enumerate(lines) if spans and ln.start == spans[0][0] and ln.item), None)
    lead = _lead_of(lines, k) if k is not None else None
    return spans if lead is None else [(lines[lead].start, lines[lead].end), *spans]


def _spans(text: str, start: int, end: int, figure: bool, whole_lines: bool, whole_unit: int,
           listing: bool) -> list[tuple[int, int]]:
    """The spans of ``text`` (a unit's text) to quote for the best sentence ``text[start:end]``.

    Args:
        text: The unit's whole text, one paragraph or item a line.
        start, end: Offsets of the best sentence.
        figure: The question asks for an amount, a time limit or a count.
        listing: The question asks which ones ("有哪些"): an item is quoted with all its lead-in's items.
        whole_lines: Quote whole lines (an article's 款 and 项); False for the tasks of a plan,
            whose paragraphs list separate measures: there the sentence up to "。" is quoted (a
            table row still whole).

    Returns:
        ``(start, end)`` spans in text order (whole lines, or one sentence of a long line).
    """
    lines = unit_lines(text)
    if not lines:
        return [(start, end)]
    i = next((k for k, ln in enumerate(lines) if ln.start <= start < ln.end), None)
    if i is None:
        return [(start, end)]
    line = lines[i]
    if answer := answer_run([text[ln.start:ln.end] for ln in lines], i, 4):  # "问：…？" with its "答：…"
        listed_after = _leads(text, lines[answer[-1]]) and _items_after(lines, answer[-1])[:MAX_ITEMS]
        return [(lines[k].start, lines[k].end) for k in (i, *answer, *(listed_after or ()))]
    if answer_line(text[line.start:line.end]) and line.end - line.start <= LONG_LINE and not _leads(text, line):
        return [(line.start, line.end)]  # "答：可以补办。…5个工作日内补发。": the whole answer (a lead-in: its items)
    run = label_run([text[ln.start:ln.end] for ln in lines], i, MAX_ITEMS) if listing and not line.item else []
    if len(run) > 1:  # "哪些材料" of a list with no lead-in (an attachment's "一、…" lines under its title): all of it
        return [(lines[k].start, lines[k].end) for k in run]
    if whole_lines and 0 < lines[-1].end - lines[0].start <= whole_unit:
        return [(ln.start, ln.end) for ln in lines]
    row = table_row(text[line.start:line.end])
    if not row and (not whole_lines or line.end - line.start > LONG_LINE):
        return [_long_line_span(text, line, start, figure)]
    return [(lines[k].start, lines[k].end) for k in _block(text, lines, i, listing)
            if lines[k].end - lines[k].start <= LONG_LINE or k == i]


_KUAN_RE = re.compile(r"第[一二三四五六七八九十]+款")


def kuan_spans(text: str, kuan: str) -> list[tuple[int, int]]:
    """The lines of an article's ``text`` that make up its paragraph ``kuan`` ("第二款", as a look-up
    sets it: see ``clauses.keep_clause``), items with it (a one-paragraph article's only paragraph is its
    第一款); [] when ``kuan`` names no 款 or the article has none such."""
    if not _KUAN_RE.fullmatch(kuan):
        return []
    return [(ln.start, ln.end) for ln in unit_lines(text) if (clause_of(text, ln.start, ln.end)[0] or "第一款") == kuan]


def listed(text: str) -> bool:
    """True when a unit's text is a lead-in with items below it (a point "3. …以下几点：" over
    （1）（2）): its lines are quoted whole, as an article's."""
    return any(line.item for line in unit_lines(text))


def repeated_point(chunk: Chunk, quotes: Sequence[str]) -> bool:
    """True for a point ("1. …", a unit of its own) whose text another quote holds already: its
    lead-in's, quoted with its points (a part overview lists it once)."""
    return chunk.level == "point" and any(chunk.text.strip() in q for q in quotes)


# Line ends after which the next quoted line follows directly; other lines (table rows, headings)
# keep their line break, as in the document.
_CLOSED = ("。", "；", "：", "！", "？", "，", ";", ":", "!", "?", ".", "、")


def joined_lines(lines: list[str]) -> str:
    """Quoted lines as one text: a line after a closed one follows directly, others (after a heading or
    a table row) and a table's rows on a line of their own."""
    lines = [p for p in lines if p]
    return "".join(p if not i or (lines[i - 1].endswith(_CLOSED) and not table_row(p)) else f"\n{p}"
                   for i, p in enumerate(lines))


def ends_on_row(text: str, end: int) -> bool:
    """True when the quote of ``text`` ending at ``end`` ends with a table row (a lead-in and one row)."""
    line_start = text.rfind("\n", 0, max(0, end - 1)) + 1
    return table_row(text[line_start:end])

