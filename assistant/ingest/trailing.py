"""Paragraphs after a list's last member (pure): the member's own body, or the enclosing unit's closing words.

Works on the nodes of :func:`assistant.ingest.structure.parse_tree` (``children``, ``lines`` as (start, end)
spans of the text, ``kind``, ``role``, ``legal_list``).
"""

from __future__ import annotations

import re
from collections.abc import Collection

# A member's first line this short is its heading ("（四）强化人才支撑。") when its siblings head points of their own.
_HEADING_CHARS = 20


def lift_trailing(node, text: str, legal_kinds: Collection[str]) -> None:
    """Paragraphs after the last member of a list of one-paragraph members (their points aside) go to
    the enclosing unit: a notice's closing "各区、各部门要高度重视…" is not its last task's (nor its last
    point's). A last member that is a bare heading keeps its body ("四、联系方式" over two lines), and so does
    one headed by a short sentence when the members before it head points ("（四）强化人才支撑。" over its body).
    ``legal_kinds``: the kinds of legal units (articles own all their paragraphs)."""
    for child in node.children:
        lift_trailing(child, text, legal_kinds)
    kids = [k for k in node.children if k.role != "attachment"]
    if node.legal_list or len(kids) < 2 or kids[-1].legal_list or any(k.kind in legal_kinds for k in kids):
        return  # articles own all their paragraphs; legal items are handled while parsing
    last = kids[-1]  # members with points below a one-line heading count as one-paragraph members too
    trailing = [ln for ln in last.lines[1:] if ln[0] >= (last.children[-1].end if last.children else 0)]
    first = text[slice(*last.lines[0])]
    headings = not last.children and (not re.search(r"[。；;！!？?]", first)  # a bare heading, or a heading sentence
                                      or (_heading_sentence(first) and any(k.children for k in kids[:-1])))
    if trailing and not headings and len(last.lines) - len(trailing) == 1 and all(len(k.lines) == 1 for k in kids[:-1]):
        node.lines.extend(trailing)
        last.lines = last.lines[: len(last.lines) - len(trailing)]


def _heading_sentence(line: str) -> bool:
    """A label and one short sentence alone ("（四）强化人才支撑。"; not "（四）保障用地。重点项目应保尽保。")."""
    line = line.strip()
    return len(line) <= _HEADING_CHARS and len(re.findall(r"[。；;！!？?]", line)) == 1 and line[-1] in "。；;！!？?"
