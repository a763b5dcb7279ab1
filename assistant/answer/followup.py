"""Follow-up questions (pure): rewrite a question into a standalone one from the previous turns.

Without an LLM the rewrite follows a few rules, tried in this order on the width-folded, simplified
question (see :func:`resolve`):

- **expand** — "再具体一点", "原文是什么", "展开说说", "详细说说" with nothing else of substance: the
  searched question is the unit last cited (its path, e.g. "（十八）"), so the router returns its
  whole text;
- **reference** — "这个任务", "该条", "这一条", "上述规定", "它", "此项", "这部分", "该办法" …: the
  phrase is replaced by the unit (or part, or 《document》) last cited;
- **ellipsis** — "那第十八项呢？", "第二款呢？", "罚款呢？", "量子信息方面呢？", "8层呢？": a unit number
  takes the place of the previous unit in the previous question ("第二款" under an article becomes
  "第三十条第二款"), a quantity the previous question's quantity of its unit ("5层…补多少" -> "8层…补多少");
  a topic is searched as it is;
- **bare ask** — a short question that asks and names nothing ("收费吗？", "谁牵头？", "什么时候完成？")
  when the words it has besides the asking ones are in the document of the turn drawn on: the
  previous question asked again with it ("谁牵头，家庭养老床位补贴多少"), or, when that question looked
  a unit up, asked of that unit ("第十四条违反了怎么罚", "二、（二）谁牵头"), searched in that document
  ("停车收费吗" after a turn on an elevator rule no line of which says 停车 is a new question);
- **anchored** — a question naming a unit number ("第三十条讲了什么？") and no document;
- **standalone** — anything else is searched as it is, in every document (a new topic is not dragged
  into the old one).

Every rule but the last stays in the document of the turn drawn on, unless the question names another
document (《…》 or an alias, see :func:`assistant.retrieve.doc_refs.named_documents`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from assistant.answer.ranges import with_quantity
from assistant.answer.turns import CitedUnit, Turn
from assistant.retrieve.doc_refs import named_documents
from assistant.retrieve.docnames import doc_names
from assistant.text.chinese import book_title, has_cjk
from assistant.text.numerals import CN_NUMERAL_CHARS, cn_to_int

_N = rf"(?:[{CN_NUMERAL_CHARS}]+|\d{{1,3}})"
_UNIT_RE = re.compile(rf"第\s*{_N}\s*(?:项|条|款|章|部分|节|点|目)|\(\s*[{CN_NUMERAL_CHARS}]+\s*\)"
                      r"|^之\s*[一二三四五六七八九十]+$")
# A unit inside an article: "第二款", "第（四）项", "第1目", "之一" (an inserted article after it).
_SUB_UNIT_RE = re.compile(rf"^(?:第\s*{_N}\s*(?:款|项|目)|第?\s*\(\s*[{CN_NUMERAL_CHARS}]+\s*\)\s*项?"
                          r"|之\s*[一二三四五六七八九十]+)$")
_POINT_RE = re.compile(rf"^第\s*({_N})\s*点$")  # "那第二点呢？" after a point "二、（一）3."
_DOC_WORDS = "文件|方案|计划|办法|条例|通知|意见|法规|法律|细则|要点|规划|法(?![规律定人院官])"
_REFERENCE_RES = (
    ("doc", re.compile(rf"(?:这个|这份|这部|该|此|本|上述|前述)(?:{_DOC_WORDS})")),
    ("part", re.compile(r"(?:这个|这一|这|该|此|上述)(?:部分|板块|章)")),
    ("all", re.compile(r"(?:这些|上述这些|以上这些)(?:任务|条款|规定|条目|工作|措施|内容)?")),
    ("unit", re.compile(
        r"(?:这个|这一|这|(?<!应)该|此|上述|上面(?:的|那)?|前面(?:的|那)?|刚才(?:的|那)?)"
        r"(?:项任务|项工作|个任务|项(?!目)|条款|条规定|条|款|任务|工作|措施|规定|内容|举措|事项)")),
    ("unit", re.compile(r"^(?:它|其)(?=的|有|要|讲|说|是|还|包括|提到|规定|涉及)|(?<=[对把和与跟])它")),
)
_EXPAND_RE = re.compile(
    r"再?具体(?:一点|一些|些|点|说说|讲讲)?|原文(?:是什么|是啥|呢)?|全文|展开(?:说说|讲讲|一下)?"
    r"|详细(?:一点|一些|些|点|说说|讲讲|说明)?|细说|(?i:more\s+detail[s]?|full\s+text|elaborate)")
_FILLER_RE = re.compile(r"[\s，,。.！!？?、：:；;~～…]|请|麻烦|能|可以|再|一下|说说|讲讲|吧|呢|吗|嘛|啊|的"
                        r"|是什么|给我|看看|\b(?i:please|tell me|show|the|a|give|me|more|some)\b")
_ELLIPSIS_HEAD_RE = re.compile(r"^(?:那么|那|还有|另外|以及|再问一下|再问|(?i:and|what about|how about))\s*")
_ELLIPSIS_TAIL_RE = re.compile(r"(?:方面|的情况|的规定|的内容|这块|这一块)?\s*呢\s*[?？。.!！]*$|\s*[?？]+$")
_MAX_ELLIPSIS_BODY = 14
# The asking words of a bare ask ("谁", "什么时候", "多少", "吗"), and its length bounds (characters).
_ASK_WORDS_RE = re.compile(r"什么时候|何时|多长时间|多久|多少钱?|几[天日年月次个项]?|哪些|哪个|哪里|哪|谁"
                           r"|怎么办?|怎样|如何|要不要|能不能|可不可以|是不是|有没有|是否|可以|需要|应该|要|会|能|有|是|吗|呢|么|的|了|还|都|由")
_MAX_BARE_ASK, _MAX_BARE_REST = 8, 4
# Longest previous question an ellipsis is asked again with (a chain of them stays a question).
_MAX_VARIANT_BASE = 200


@dataclass(frozen=True)
class Resolution:
    """What to search for a question asked after ``turns``.

    Attributes:
        question: The standalone question to search.
        kind: "standalone", "expand", "reference", "ellipsis", "bare_ask" or "anchored".
        turn: Index (0-based) of the earlier turn drawn on, or None.
        units: The units of that turn the question was resolved against.
        doc_ids: The documents to search (the drawn-on turn's), or None for all.
        source: "rules" or "llm" (who wrote ``question``).
    """

    question: str
    kind: str = "standalone"
    turn: int | None = None
    units: tuple[CitedUnit, ...] = ()
    doc_ids: tuple[str, ...] | None = None
    source: str = "rules"
    notes: dict[str, Any] = field(default_factory=dict)

    def context(self) -> dict[str, Any] | None:
        """The JSON of ``Answer.context``: which turn and units the question drew on (None if none)."""
        if self.kind == "standalone" and self.source == "rules":
            return None
        return {"kind": self.kind, "turn": self.turn, "source": self.source,
                "units": [u.to_dict() for u in self.units],
                "doc_ids": list(self.doc_ids) if self.doc_ids is not None else None}


_FULL_WIDTH = str.maketrans({"?": "？", "!": "！", ",": "，", ":": "：", ";": "；"})


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def _unfold(text: str) -> str:
    """Chinese punctuation back in a rewritten Chinese question (folding made it half width)."""
    return text.translate(_FULL_WIDTH) if has_cjk(text) else text


def _anchor(turns: Sequence[Turn]) -> int | None:
    """The latest turn that cited something."""
    return next((i for i in range(len(turns) - 1, -1, -1) if turns[i].citations), None)


def _part_ref(unit: CitedUnit) -> str:
    part = unit.part.strip()
    if not part or part.startswith("第"):
        return part
    return f"第{part.rstrip('、.')}部分"


def _replacement(kind: str, units: tuple[CitedUnit, ...]) -> str:
    top = units[0]
    if kind == "doc":
        return book_title(top.doc_title) if top.doc_title else ""
    if kind == "part":
        return _part_ref(top) or top.ref
    if kind == "all":
        return "".join(dict.fromkeys(u.ref for u in units[:3] if u.doc_id == top.doc_id))
    return top.ref


def _substance(text: str, pattern: re.Pattern[str]) -> str:
    """What is left of ``text`` without ``pattern`` and filler words."""
    return _FILLER_RE.sub("", pattern.sub("", text))


def _ellipsis_body(text: str) -> str | None:
    """The new element of an elliptical follow-up ("那第十八项呢？" → "第十八项"), or None."""
    head = _ELLIPSIS_HEAD_RE.match(text)
    tail = re.search(r"呢\s*[?？。.!！]*$", text)
    if not head and not tail:
        return None
    body = _ELLIPSIS_TAIL_RE.sub("", text[head.end() if head else 0:]).strip(" ，,。")
    size = len(re.sub(r"《[^》]*》", "", body))  # a document's name does not make it a new question
    return body if body and size <= _MAX_ELLIPSIS_BODY else None


def _ellipsis(body: str, turn: Turn, units: tuple[CitedUnit, ...]) -> str:
    """The searched question of an ellipsis: a unit in place of the previous one; a variant of the
    previous question when the element named is in the answer it got ("单位呢？" after a fine quoted
    "…对单位处…罚款": the same question for 单位); else the topic alone ("量子信息方面呢？")."""
    unit = _UNIT_RE.search(body)
    if unit is None and (again := with_quantity(turn.searched, body)) is not None:
        return again  # "8层呢？" after "5层住宅加装电梯补贴多少"
    if unit is None:
        element = body.removesuffix("的")
        variant = (len(element) >= 2 and element in _fold(turn.answer) and not _UNIT_RE.search(turn.searched)
                   and len(turn.searched) <= _MAX_VARIANT_BASE)
        return f"{body}，{turn.searched}" if variant else body
    top = units[0].ref
    if _SUB_UNIT_RE.match(body) and re.search(r"条(?:之[一二三四五六七八九十]+)?$", top):
        top = top.split("之")[0] if body.startswith("之") else top  # "之二" after "第二十条之一": 第二十条之二
        return top + body  # "第二款", "第（四）项" under "第三十条"; "之一" after "第二十条"
    if (point := _POINT_RE.match(body)) and re.search(r"\d{1,2}\.$", top):
        return re.sub(r"\d{1,2}\.$", f"{cn_to_int(point.group(1))}.", top)  # "二、（一）3." -> "二、（一）2."
    previous = turn.searched
    if top and top in previous:
        return previous.replace(top, body, 1)
    for kind, pattern in _REFERENCE_RES:
        if kind == "unit" and pattern.search(turn.question):
            return pattern.sub(lambda _m: body, _fold(turn.question), count=1)
    return body


def _bare_rest(text: str) -> str | None:
    """The words of a bare ask besides its asking words ("收费吗？" -> "收费"), or None when ``text`` is
    no bare ask (longer, not Chinese, or asking nothing)."""
    core = re.sub(r"[\s，,。.！!？?、：:；;~～…]", "", text)
    if not core or len(core) > _MAX_BARE_ASK or not has_cjk(core) or not _ASK_WORDS_RE.search(core):
        return None
    rest = _ASK_WORDS_RE.sub("", core)
    return rest if len(rest) <= _MAX_BARE_REST else None


def _bare_ask(text: str, turns: Sequence[Turn], at: int, units: tuple[CitedUnit, ...],
              has: Callable[[str, str], bool]) -> str | None:
    """The searched question of a bare ask after ``turns[at]`` (see the module docstring), or None when it
    asks something that turn's document never mentions. A turn that was a bare ask itself (its
    resolved question not kept) stands for the question before it."""
    rest = _bare_rest(text)
    if rest is None or not units or (rest and not has(units[0].doc_id, rest)):
        return None
    base = next((turns[i].searched for i in range(at, -1, -1)  # a bare ask's turn stands for the one before it
                 if _bare_rest(_fold(turns[i].question)) is None), turns[at].searched)
    ask = text.rstrip("?？。.!！ ")
    if _UNIT_RE.search(base):  # a unit looked up: asked of that unit, as "这一条…" would be
        return f"{units[0].ref}{ask}"
    return f"{ask}，{base}" if len(base) <= _MAX_VARIANT_BASE else text


def resolve(question: str, turns: Sequence[Turn] = (),
            documents: Sequence[tuple[str, str]] = (),
            has: Callable[[str, str], bool] = lambda doc_id, words: False) -> Resolution:
    """The standalone question to search for ``question`` asked after ``turns`` (rules only).

    Args:
        question: The new question, as asked (already validated).
        turns: The previous turns, oldest first (see :func:`turns_from`).
        documents: ``(doc_id, title)`` of the indexed documents (to see a question name one).
        has: Whether a document's text holds some words (``has(doc_id, "收费")``), for a bare ask;
            by default none does (no bare ask is taken for a follow-up).

    Returns:
        The resolution; ``kind`` "standalone" with the question unchanged when it does not follow up.
    """
    text = _fold(question)
    at = _anchor(turns)
    if at is None:
        return Resolution(question.strip())
    turn = turns[at]
    titles = dict(documents)
    units = tuple(u if u.doc_title else replace(u, doc_title=titles.get(u.doc_id, "")) for u in turn.citations)
    names_doc = bool(documents) and bool(named_documents(text, doc_names([(d, t, "") for d, t in documents])))
    stay = None if names_doc else (units[0].doc_id,)
    if _EXPAND_RE.search(text) and not _substance(text, _EXPAND_RE):
        return Resolution(units[0].ref, "expand", at, units[:1], (units[0].doc_id,))
    for kind, pattern in _REFERENCE_RES:
        if pattern.search(text):
            replaced = _unfold(pattern.sub(lambda _m, k=kind: _replacement(k, units), text, count=1))
            return Resolution(replaced, "reference", at, units[:3] if kind == "all" else units[:1], stay)
    body = _ellipsis_body(text)
    if body is None and with_quantity(turn.searched, text) is not None:
        body = text  # "8层？": a quantity alone asks the previous question again for it
    if body is not None:
        return Resolution(_unfold(_ellipsis(body, turn, units)), "ellipsis", at, units[:1], stay)
    bare = None if names_doc else _bare_ask(text, turns, at, units, has)
    if bare is not None:
        return Resolution(_unfold(bare), "bare_ask", at, units[:1], stay)
    if _UNIT_RE.search(text) and not names_doc:
        return Resolution(question.strip(), "anchored", at, units[:1], stay)
    return Resolution(question.strip())


def with_llm_question(resolution: Resolution, question: str) -> Resolution:
    """``resolution`` with the question an LLM condensed (its context and documents kept)."""
    return replace(resolution, question=question, source="llm")

