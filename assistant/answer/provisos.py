"""Provisos (但书) kept with the rules they qualify (pure): "…免收门票。但是，…按照标准购票；"."""

from __future__ import annotations

import re

from assistant.text.patterns import PROVISO_RE


def with_proviso(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` (``(start, end)`` offsets of ``text``, in order) with a proviso never apart from its rule:
    the sentence (or line) before the first span is added when that span opens with "但是，", and the last
    span is widened to the end of the sentence after it on its line when that sentence does ("…的机动车。
    但是，…超过部分按照标准收费；"). A next paragraph opening with "但是" is taken by ``quotes._block``."""
    if spans and (after := PROVISO_RE.match(text, spans[-1][1])):  # on the same line
        line_end = text.find("\n", after.end()) % (len(text) + 1)  # -1 (none) -> len(text)
        stops = [k + 1 for k in (text.find(m, after.end(), line_end) for m in "。；;！？!?") if k >= 0]
        spans = [*spans[:-1], (spans[-1][0], min(stops, default=line_end))]
    if not spans or not PROVISO_RE.match(text, spans[0][0]):
        return spans
    head = text[: spans[0][0]]
    stop = len(head.rstrip())
    if stop == 0:
        return spans
    if "\n" in head[stop:]:  # the exception opens a line: the line before it
        return [(head.rfind("\n", 0, stop) + 1, stop), *spans]
    cut = max(head.rfind(m, 0, stop - 1) for m in "\n。；;！？!?") + 1
    return [(cut, spans[0][1]), *spans[1:]]


_NAMED_ITEM_RE = re.compile(r"第[（(]([一二三四五六七八九十]+)[）)]项")
_GLUE = set("的了和或者与及其在对为是等")


def _pairs(text: str) -> set[str]:
    pairs = (text[k:k + 2] for k in range(len(text) - 1))
    return {p for p in pairs if all("\u4e00" <= c <= "\u9fff" and c not in _GLUE for c in p)}


def names_item(paragraph: str, item: str) -> bool:
    """Whether ``paragraph`` names the ``item`` line ("（二）…") by its number: "违反前款第（二）项规定的，…"."""
    return any(item.lstrip()[1:].startswith((f"{n}）", f"{n})")) for n in _NAMED_ITEM_RE.findall(paragraph))


def of_another_item(exception: str, item: str, items: list[str], lead: str) -> bool:
    """Whether an ``exception`` after a list ("但是，…") qualifies another of its ``items`` than the ``item`` quoted
    (the list's lines, under ``lead``): it names another by number ("前款第（二）项"), or shares twice as many words
    (pairs of characters, not the lead-in's) with a sibling as with ``item`` ("但是，入住人才公寓的人员退出…" is about
    "（二）…入住人才公寓的", not "（三）在机关事业单位在编在岗的")."""
    if _NAMED_ITEM_RE.search(exception):
        return not names_item(exception, item)
    words = _pairs(exception) - _pairs(lead)  # not the list's own subject
    other = max((len(words & _pairs(line)) for line in items if line != item), default=0)
    return other >= 2 and 2 * len(words & _pairs(item)) < other
