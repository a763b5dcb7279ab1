"""The tasks a body is responsible for (pure): "商务部负责哪些任务", "市发展改革委牵头的工作有哪些".

Opinions, plans and notices close a task with the bodies that carry it out: "（商务部、财政部按职责分工
负责）", "（市民政局牵头，市财政局配合）", "（税务总局、财政部负责，排在第一位的部门为牵头部门）". A question
asking which tasks a body has is answered by every unit whose note names it, in document order, each
quoted by the sentence that carries the note; not by the few units a search ranks first. A body no note
names is left to the search (the units may state duties in running text: "市民政部门负责…").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answer.citing import citation, titled
from assistant.answer.frames import frame
from assistant.answer.quotes import strip_label
from assistant.records import Chunk, Citation
from assistant.text.chinese import book_title

# "商务部负责哪些任务", "市发展改革委都牵头什么工作", "哪些任务由市民政局负责", "市财政局牵头的任务有哪些"
_ASK_RES = (
    re.compile(r"^(?P<body>[\u4e00-\u9fff、]{2,30}?)(?:都|主要|具体|一共|共)?(?:负责|牵头|承担|参与|配合)了?"
               r"(?:哪些|什么|几项|多少项|哪几项)(?:任务|工作|事项|事情|举措|措施)?[？?。]?$"),
    re.compile(r"^(?P<body>[\u4e00-\u9fff、]{2,30}?)(?:负责|牵头|承担|参与|配合)的(?:任务|工作|事项|举措|措施)"
               r"(?:有哪些|是什么|有什么|有几项)[？?。]?$"),
    re.compile(r"^(?:哪些|什么)(?:任务|工作|事项|举措|措施)(?:是)?由(?P<body>[\u4e00-\u9fff、]{2,30}?)"
               r"(?:负责|牵头|承担)(?:的)?[？?。]?$"),
)
# A unit's closing note naming its bodies: "（商务部、财政部按职责分工负责）", "（市民政局牵头）".
_NOTE_RE = re.compile(r"[（(](?P<note>[^（）()]{2,120}?(?:负责|牵头|配合|参与)[^（）()]{0,40})[）)]")
# Words of a question that name no body: the document it is asked of ("实施意见中商务部负责哪些任务").
_CONTEXT_RE = re.compile(r"^.{0,40}?(?:中|里|里面|当中|规定)(?=.)")
_DOC_WORDS = ("意见", "方案", "通知", "计划", "规划", "要点", "办法")


def asked_body(question: str) -> str:
    """The body a question asks the tasks of ("商务部"), or ""."""
    return _asked(question)[0]


def _asked(question: str) -> tuple[str, str]:
    """(body, role asked: "牵头", "配合" or "" for any) of a question asking a body's tasks, or ("", "")."""
    text = question.strip().replace(" ", "")
    for regex in _ASK_RES:
        if m := regex.match(text):
            body = m.group("body")
            if any(w in body for w in _DOC_WORDS):  # "意见中商务部": the body after the document
                body = _CONTEXT_RE.sub("", body)
            role = next((r for r in ("牵头", "配合") if r in text[m.end("body"):]), "")
            return (body, role) if len(body) >= 2 and not any(w in body for w in _DOC_WORDS) else ("", "")
    return "", ""


def units_of(body: str, chunks: Sequence[Chunk], role: str = "") -> list[tuple[Chunk, str]]:
    """``(unit's first chunk, the sentence with its note)`` for each unit whose closing note names ``body``
    (in the ``role`` asked, when one is: "牵头" or "配合", see :func:`_in_role`), in index order; a unit split
    into pieces counts once."""
    found: dict[tuple[str, str], tuple[Chunk, str]] = {}
    for chunk in chunks:
        if chunk.key in found:
            continue
        for m in _NOTE_RE.finditer(chunk.text):
            if body in m.group("note") and _in_role(m.group("note"), body, role):
                found[chunk.key] = (chunk, _sentence_before(chunk.text, m.start(), m.end()))
                break
    return list(found.values())


def _in_role(note: str, body: str, role: str) -> bool:
    """True when a note names ``body`` in ``role``: in the clause that ends with it ("市民政局牵头，市财政局
    配合": 市民政局 leads, 市财政局 assists), or, for the lead, first of a list whose first is the lead
    ("…负责，排在第一位的部门为牵头部门"); any role when ``role`` is ""."""
    if not role:
        return True
    if role == "牵头" and "第一位" in note:
        return note.lstrip().startswith(body)
    return any(body in clause and role in clause for clause in re.split(r"[，,；;]", note))


def _sentence_before(text: str, start: int, end: int) -> str:
    """The sentence a note closes, with the note: from the end of the sentence before it; the unit up to the
    note when the note stands on a line of its own (after the unit's items)."""
    head = max(text.rfind(stop, 0, start - 1) for stop in ("。", "；", "\n"))
    if not text[head + 1:start].strip():
        head = -1
    return strip_label(text[head + 1:end].strip())  # without the unit's own label ("1.", "（2）")


def body_tasks(question: str, chunks: Sequence[Chunk], doc_ids: Sequence[str], with_title: bool,
               lang: str = "zh-Hans") -> tuple[str, list[Citation]] | None:
    """The answer to "X负责哪些任务": a header, then one line per unit whose note names X ("《…》二、（三）1.
    建设县级冷链物流中心：…（商务部、财政部按职责分工负责）"), each cited; units of ``doc_ids`` only (the
    documents the question names; all when empty). None when the question asks no body's tasks or no note
    names the body (in the role asked: "X牵头的任务" only the units X leads)."""
    body, role = _asked(question)
    units = units_of(body, [c for c in chunks if not doc_ids or c.doc_id in doc_ids], role) if body else []
    if not units:
        return None
    header = {"牵头": "body_leads", "配合": "body_assists"}.get(role, "body_tasks")
    lines = [frame(header, lang, body=body, count=str(len(units)))]
    for chunk, sentence in units:
        doc = book_title(chunk.doc_title) if with_title else ""
        lines.append(f"{doc}{titled(chunk.path_label or chunk.label, chunk.title)}：{sentence}")
    return "\n".join(lines), [citation(chunk, sentence, 1.0) for chunk, sentence in units]
