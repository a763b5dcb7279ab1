"""目 of an article's 项 (pure): "（五）采取措施防止犬只吠叫，具体包括：" (or "五、…") over "1. …" and "2. …" is one
项 whose 目 are quoted with it ("第十二条第（五）项"), and a 目 is quoted with its 项 and the 项's other 目."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.records import Chunk
from assistant.text.numerals import DIGIT_LABEL_END, cn_to_int

_SUB_ITEM_RE = re.compile(rf"^[ \t\u3000]*\d{{1,2}}[.．、]{DIGIT_LABEL_END}")
_CN_ITEM_RE = re.compile(r"^[ \t\u3000]*(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、)")


def sub_item_block(texts: list[str], items: list[bool], i: int, limit: int) -> list[int]:
    """The line indices of the 项 that line ``i`` is or lies in, with its 目, when that 项 ends in "：" and has
    "1." lines right after it; ``[]`` otherwise.

    Args:
        texts: An article's lines; ``items``: whether each is an item line (see ``quotes.unit_lines``).
        i: The line quoted.
        limit: Most 目 taken (bounded work).
    """
    def sub(j: int) -> bool:
        return items[j] and bool(_SUB_ITEM_RE.match(texts[j]))

    parent = i
    while parent > 0 and sub(parent):
        parent -= 1
    head = texts[parent]
    if not (items[parent] and _CN_ITEM_RE.match(head) and head.rstrip().endswith(("：", ":"))):
        return []
    below = []
    for j in range(parent + 1, len(texts)):
        if not sub(j) or len(below) >= limit:
            break
        below.append(j)
    return [parent, *below] if below else []


# A list line's own label and its style: "一、", "1." / "1、", "（一）" / "(1)".
_LABEL_RE = re.compile(rf"^[ \t\u3000]*(?:(?P<cn>[一二三四五六七八九十]+)、|(?P<d>\d{{1,2}})[.．、]{DIGIT_LABEL_END}"
                       r"|[（(](?P<b>[一二三四五六七八九十]+|\d{1,2})[）)])")


def label_run(texts: list[str], i: int, limit: int) -> list[int]:
    """The line indices of the run of labelled lines that line ``i`` belongs to: lines of the same label style
    numbered one after another ("一、…" to "五、…" of an attachment's list under its title), at most ``limit``
    of them around line ``i``; ``[]`` when line ``i`` has no label."""
    def label(j: int) -> tuple[str, int] | None:
        m = _LABEL_RE.match(texts[j])
        if m is None:
            return None
        style = next(k for k in ("cn", "d", "b") if m.group(k))
        value = m.group(style)
        return style + ("d" if value.isdigit() else ""), int(value) if value.isdigit() else cn_to_int(value)

    own = label(i)
    if own is None:
        return []
    run = [i]
    for step in (-1, 1):
        j, (style, number) = i + step, own
        while 0 <= j < len(texts) and label(j) == (style, number + step):
            run.append(j)
            j, number = j + step, number + step
    run.sort()
    start = max(0, min(run.index(i) - limit // 2, len(run) - limit))  # at most ``limit`` lines, around line ``i``
    return run[start: start + limit]


_LEAD_LABEL_RE = re.compile(r"^[ \t\u3000]*(?:[（(][一二三四五六七八九十百]+[）)]|[一二三四五六七八九十百]+、"
                            r"|\d{1,2}[.．、])")


def point_lead(chunk: Chunk) -> str:
    """The lead-in sentence above a point, when its task's (or part's) text (``Chunk.context``) ends in one
    ("（一）免费停放。下列车辆免收停放服务费：" -> "下列车辆免收停放服务费："): the point is one item of it and says
    nothing alone ("新能源汽车…不超过1小时的。"), as an article's 项 is quoted with its lead-in; so does a task
    that is an item of its part's lead-in ("下列车辆免收停车费：" over "（三）春节假期…的车辆。", see
    ``chunking.parent_heading``). "" for other units and under a bare heading ("（一）道路临时停车泊位。")."""
    own = chunk.level == "point" or (chunk.level == "task" and chunk.piece == 0)
    context = chunk.context.strip() if own else ""
    if not context.endswith(("：", ":")):
        return ""
    return re.split(r"(?<=[。；;！？!?])", _LEAD_LABEL_RE.sub("", context, count=1))[-1].strip()


def lead_once(quotes: Sequence) -> list[tuple]:
    """``(quote, text)`` for each of ``quotes`` (sentences with ``text`` and ``chunk``, in answer order): its text
    with a point's lead-in
    (:func:`point_lead`) said once: a quote right after one of the same document under the same lead-in
    drops it ("下列车辆免收停车费：…（四、（二））春节假期…（四、（三））")."""
    texts, before = [], ("", "")
    for quote in quotes:
        lead = point_lead(quote.chunk)
        same = bool(lead) and before == (quote.chunk.doc_id, lead) and quote.text.startswith(lead)
        texts.append((quote, quote.text[len(lead):] if same else quote.text))
        before = (quote.chunk.doc_id, lead)
    return texts


# A question line of a Q&A ("问：…", "三、问：…", "Q: …") and an answer line ("答：…", "A: …").
_QUESTION_LINE_RE = re.compile(rf"^[ \t\u3000]*(?:[一二三四五六七八九十]+、|\d{{1,2}}[.．、]{DIGIT_LABEL_END})?"
                               r"[ \t\u3000]*(?:[问問](?:题|題)?|Q)[ \t\u3000]*(?:\d{1,3})?[ \t\u3000]*[：:]")
_ANSWER_LINE_RE = re.compile(r"^[ \t\u3000]*(?:答|A)[ \t\u3000]*[：:]")
_CLOSING_RE = re.compile(r"^[ \t\u3000]*(?:特此|附件?[：:\d一二三四五六七八九十]|此复)")


def answer_run(texts: list[str], i: int, limit: int) -> list[int]:
    """The line indices of the answer to the Q&A question on line ``i`` ("问：…？" or a numbered "2. …？" over
    "答：…" and the lines that continue it, up to the next question or ``limit`` lines); ``[]`` when line ``i``
    asks nothing or no "答：" line follows it. A question quoted alone repeats the user's words and answers nothing."""
    if not _asks(texts[i]) or i + 1 >= len(texts) or not _ANSWER_LINE_RE.match(texts[i + 1]):
        return []
    run = [i + 1]
    while len(run) < limit and run[-1] + 1 < len(texts) and not _ends_answer(texts[run[-1] + 1]):
        run.append(run[-1] + 1)
    return run


def _asks(line: str) -> bool:
    """A Q&A's question line: "问：…" or a line that ends in a question mark ("2. 一次性创业补贴标准是多少？")."""
    return bool(_QUESTION_LINE_RE.match(line)) or line.rstrip().endswith(("？", "?"))


def _ends_answer(line: str) -> bool:
    """A line no answer runs into: the next question or answer, a numbered item, closing words."""
    return _asks(line) or any(r.match(line) for r in (_ANSWER_LINE_RE, _CN_ITEM_RE, _CLOSING_RE))


def answer_line(text: str) -> bool:
    """True for a Q&A's answer line ("答：可以。…"): quoted whole, its sentences answer together."""
    return bool(_ANSWER_LINE_RE.match(text))
