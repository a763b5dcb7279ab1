"""Lists' members (pure): paragraphs after the last member (the member's own body, or the enclosing unit's
closing words) and members that are items of an enumeration rather than titled units.

Works on the nodes of :func:`assistant.ingest.structure.parse_tree` (``children``, ``lines`` as (start, end)
spans of the text, ``kind``, ``role``, ``legal_list``).
"""

from __future__ import annotations

import re
from collections.abc import Collection

from assistant.text.patterns import QUALIFIER_RE, SELF_NAMED

# A member's first line this short is its heading ("（四）强化人才支撑。") when its siblings head points of their own.
_HEADING_CHARS = 20
# A document's closing words: when it takes effect or expires, its list of attachments, "特此通知".
_CLOSING_RE = re.compile(rf"^[ \t\u3000]*(?:{SELF_NAMED}"
                         r"[^。\n]{0,40}?(?:起(?:施行|实施|执行|生效)|有效期)|附件[：:]|附件\s*[\d一二三四五六七八九十]+\s*[：:．.、]"
                         r"|特此(?:通知|公告|函告|批复))")
# How an enumeration's members end but the last ("（一）执行任务的军车…；", "1.已入住养老机构的，").
_ITEM_ENDS = ("；", ";", "，", ",")


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
    if trailing and QUALIFIER_RE.match(text[slice(*trailing[0])]):  # a proviso or "前款…" (patterns.QUALIFIER)
        return  # "但是…" after the last item ("4.死亡…的。") qualifies the list it ends, never the enclosing unit
    first = text[slice(*last.lines[0])]
    closing = next((i for i, ln in enumerate(trailing) if _CLOSING_RE.match(text[slice(*ln)])), None)
    # "本方案自印发之日起施行…", "附件：1.…" after a member's body or points close the document (under a bare
    # heading alone, "六、执行时间", they are that member's body)
    if closing is not None and (closing or last.children or re.search(r"[。；;！!？?]", first)):
        node.lines.extend(trailing[closing:])
        last.lines = last.lines[: len(last.lines) - len(trailing) + closing]
        return
    headings = not last.children and (not re.search(r"[。；;！!？?]", first)  # a bare heading, or a heading sentence
                                      or (_heading_sentence(first) and any(k.children for k in kids[:-1])))
    if trailing and not headings and len(last.lines) - len(trailing) == 1 and all(len(k.lines) == 1 for k in kids[:-1]):
        node.lines.extend(trailing)
        last.lines = last.lines[: len(last.lines) - len(trailing)]


def _heading_sentence(line: str) -> bool:
    """A label and one short sentence alone ("（四）强化人才支撑。"; not "（四）保障用地。重点项目应保尽保。")."""
    line = line.strip()
    return len(line) <= _HEADING_CHARS and len(re.findall(r"[。；;！!？?]", line)) == 1 and line[-1] in "。；;！!？?"


def enumerated(members: list, text: str) -> bool:
    """True when ``members`` (sibling nodes, in order) are items of one enumeration: at least two, and each
    but the last ends its own text in "；" or "，" ("（一）执行任务的军车…；（二）…；（三）…。"). Such a member's
    first words are no title, and the lead-in above them ("下列车辆免收停车费：") is what each item completes."""
    if len(members) < 2:
        return False
    return all(m.lines and text[slice(*m.lines[-1])].rstrip().endswith(_ITEM_ENDS) for m in members[:-1])


def untitle_items(node, text: str, legal_kinds: Collection[str]) -> None:
    """Clear the titles of members that are items of an enumeration (:func:`enumerated`), below ``node``;
    legal units keep theirs (an article's 项 has none anyway)."""
    for child in node.children:
        untitle_items(child, text, legal_kinds)
    kids = [k for k in node.children if k.role != "attachment" and k.kind not in legal_kinds and not k.legal_list]
    if enumerated(kids, text):
        for kid in kids:
            kid.title = ""
