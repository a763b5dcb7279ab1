"""Questions that name a 款 or 项 of an article (pure): "第四条第二款", "第三条第（二）项", or a sub-item
of a point ("（二）3.（2）").

The router sends such a question to the article; these functions keep the answer inside the named
paragraph or item, so that "第五条第二款讲了什么" quotes the second paragraph, not the first.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TypeVar

from assistant.answer.quoted_names import sub_label
from assistant.answer.quotes import BREACH_RE, unit_lines
from assistant.ingest.outline import COMMA_ITEM_RE, clause_of
from assistant.records import hit_text
from assistant.retrieve.definitions import defined_terms
from assistant.retrieve.hybrid import Retrieval
from assistant.store.folder import IndexData
from assistant.text.numerals import CN_NUMERAL_CHARS, cn_to_int, int_to_cn

_N = rf"([{CN_NUMERAL_CHARS}]+|\d{{1,3}})"
_ARTICLE_END = rf"条(?:之[{CN_NUMERAL_CHARS}]+|之\d)?"  # "第二十条之一第二款" too
_KUAN_RE = re.compile(rf"{_ARTICLE_END}\s*第\s*{_N}\s*款")
# after an article, one of its paragraphs or an attachment ("附件1第三项": a line of its list)
_NUMBER = rf"(?:[{CN_NUMERAL_CHARS}]+|\d{{1,3}})"
_AFTER = rf"(?:{_ARTICLE_END}|第\s*{_NUMBER}\s*款|附件\s*{_NUMBER})\s*的?"
_ITEM_RE = re.compile(rf"{_AFTER}\s*第?\s*\(\s*([{CN_NUMERAL_CHARS}]+)\s*\)\s*项?|{_AFTER}\s*第\s*{_N}\s*项")
# The same in English: "Article 25, paragraph 2", "paragraph 2 of Article 25", "Article 12(1) item 3".
_EN_ARTICLE = r"\barticle\s*\d{1,3}"
_EN_KUAN_RE = re.compile(rf"(?i){_EN_ARTICLE}\s*(?:,\s*|\s)(?:paragraph|para\.?)\s*(\d{{1,2}})\b"
                         rf"|\b(?:paragraph|para\.?)\s*(\d{{1,2}})\s+of\s+{_EN_ARTICLE}|{_EN_ARTICLE}\s*\((\d{{1,2}})\)")
_EN_ITEM_RE = re.compile(rf"(?i)\bitem\s*\(?(\d{{1,2}})\)?\s+of\s+(?:(?:paragraph|para\.?)\s*\d+\s+of\s+)?{_EN_ARTICLE}"
                         rf"|{_EN_ARTICLE}[^?]{{0,30}}?\bitem\s*\(?(\d{{1,2}})\)?")
# A sub-item named after its point's label: "3.(2)", "3．（2）" (NFKC-folded), "第1点第（2）项", "第三点(2)".
_SUBITEM_RE = re.compile(rf"(?:\d{{1,2}}\s*[.．、]|(?<=\))\s*\d{{1,2}})\s*\(\s*(\d{{1,2}})\s*\)"  # "(三)1(2)" too
                         rf"|第\s*{_NUMBER}\s*点\s*的?\s*(?:第?\s*\(\s*{_N}\s*\)\s*项?|第\s*{_N}\s*项)")
# A 目 of the item just named: "第2目", "第二目", "第2点" (after "第二项").
_MU_RE = re.compile(rf"\s*第\s*{_N}\s*[目点]")
S = TypeVar("S")


def _number(text: str) -> int | None:
    try:
        return int(text) if text.isdigit() else cn_to_int(text)
    except ValueError:
        return None


def named_clause(question: str) -> tuple[str, str] | None:
    """The 款 and 项 a question names after an article, in the form of
    :func:`assistant.ingest.outline.clause_of` (("第二款", "第（三）项"), "" for a part not named),
    or None when it names neither."""
    text = unicodedata.normalize("NFKC", question)
    kuan = _KUAN_RE.search(text) or _EN_KUAN_RE.search(text)
    item = _ITEM_RE.search(text) or _EN_ITEM_RE.search(text)
    k = _number(next(g for g in kuan.groups() if g)) if kuan else None
    kuan_name = f"第{int_to_cn(k)}款" if k else ""
    item_name = ""
    if item:
        n = _number(item.group(1) or item.group(2))
        if n:
            item_name = f"第（{int_to_cn(n)}）项"
            mu = _MU_RE.match(text, item.end())
            m = _number(mu.group(1)) if mu else None
            item_name += f"第{m}目" if m else ""  # "第二项第2目": one sub-point of the item
    if not (kuan_name or item_name) and (sub := _SUBITEM_RE.search(text)):
        return "", f"（{_number(next(g for g in sub.groups() if g))}）"  # a point's sub-item: its own label
    return (kuan_name, item_name) if kuan_name or item_name else None


def missing_unit(found: Retrieval, chunks: Sequence, wanted: tuple[str, str]) -> tuple[str, str]:
    """For a 款 or 项 the routed article lacks: its document's title ("" when the route names other documents:
    none has it) and the article's label with the wanted 款 and 项 in the style the article numbers its items,
    "第四条第五项" where they are labelled "一、", "第四条第（五）项" otherwise (as the reader would look)."""
    hit = found.hits[0]
    title = "" if found.route and found.route.others else hit.chunk.doc_title
    if wanted[1] and any(COMMA_ITEM_RE.match(line) for line in hit_text(hit, chunks).split("\n")[1:]):
        return title, hit.chunk.label + wanted[0] + re.sub(r"第（(\S+?)）项", r"第\1项", wanted[1])
    return title, hit.chunk.unit_path + "".join(wanted)


def in_clause(clause: str, wanted: tuple[str, str]) -> bool:
    """True when a sentence's clause ("第二款第（三）项", "" in a one-paragraph article) lies in the
    wanted 款 and 项 (a one-paragraph article's only paragraph is its 第一款)."""
    kuan, item = wanted
    kuan_ok = not kuan or kuan in clause or (kuan == "第一款" and "款" not in clause)
    mu = _MU_NUMBER_RE.search(item)  # a 目 named: that one only
    mu_ok = mu is None or ((m := _MU_NUMBER_RE.search(clause)) is not None and m.group(1) == mu.group(1))
    return kuan_ok and mu_ok and (not item or item in clause or _item_number(item) == _item_number(clause))


_ITEM_NUMBER_RE = re.compile(rf"第[（(]?([{CN_NUMERAL_CHARS}\d]+)[）)]?项")
_MU_NUMBER_RE = re.compile(r"第(\d+)目")


def _item_number(text: str) -> int | None:
    """The number of the 项 named in ``text``: "第（二）项" and "第2项" (an item labelled "2.") are both 2."""
    m = _ITEM_NUMBER_RE.search(text)
    return None if m is None else (int(m.group(1)) if m.group(1).isdigit() else cn_to_int(m.group(1)))


# A line's own label: "三、", "3.", "（三）", "(3)".
_LINE_LABEL_RE = re.compile(rf"\s*(?:[（(]\s*([{CN_NUMERAL_CHARS}]+|\d{{1,2}})\s*[）)]"
                            rf"|([{CN_NUMERAL_CHARS}]+|\d{{1,2}})\s*[、.．])")


def _item_of(sentence: S) -> S:
    """An attachment's item (``candidates.Sentence``) from a sentence in it: its labelled line and the unlabelled
    lines after it ("二、预期成效" and the line saying what to fill in), named as its reader would ("三、" ->
    "第三项", "（三）" -> "第（三）项")."""
    text = sentence.unit
    start, label = _item_start(text, sentence.start)
    end = text.find("\n", start)
    while end >= 0 and (following := text.find("\n", end + 1)) != end + 1 and not _LINE_LABEL_RE.match(text, end + 1):
        end = following
    end = len(text) if end < 0 else end
    name = label.group(0).strip().rstrip("、.．") if label else ""
    return replace(sentence, text=text[start:end], start=start, end=end, clause=f"第{name}项")


def _line_number(text: str, start: int) -> int | None:
    """The number of the label opening the item of ``text`` that ``start`` lies in (a labelled line or one
    after it: "三、…" -> 3): the items of an attachment's list are its lines ("附件1第三项"), not an article's 项."""
    m = _item_start(text, start)[1]
    return _number(m.group(1) or m.group(2)) if m else None


def _item_start(text: str, start: int) -> tuple[int, re.Match[str] | None]:
    """The start of the nearest labelled line at or before offset ``start`` of ``text``, and its label's match."""
    at = text.rfind("\n", 0, start) + 1
    while not (m := _LINE_LABEL_RE.match(text, at)) and at > 0:
        at = text.rfind("\n", 0, at - 1) + 1
    return at, m


def keep_clause(sentences: Sequence[S], wanted: tuple[str, str], rank: int) -> list[S] | None:
    """The candidate sentences (``candidates.Sentence``: ``unit``, ``start``, ``end``) with those of hit
    ``rank`` outside the wanted clause left out, or None when none of that hit's sentences lies in it
    (then the answer is left as it was); a 款 looked up is set as their ``clause`` (quoted alone, see
    :func:`extractive.expand`)."""
    listed = [s for s in sentences if s.hit_rank == rank and s.chunk.level == "attachment" and not wanted[0]
              and _line_number(s.unit, s.start) == (_item_number(wanted[1]) or -1)]  # "附件1第三项": "三、…"
    if listed:
        item = _item_of(listed[0])
        return [s for s in sentences if s.hit_rank != rank] + [replace(item, score=max(s.score for s in listed))]
    inside = [s for s in sentences if s.hit_rank == rank and _lies_in(s.unit, s.start, s.end, wanted)]
    if not inside:
        return None
    if wanted[0] and not wanted[1]:  # a 款 looked up: quoted alone, not with the rule or exception beside it
        inside = [replace(s, clause=wanted[0]) for s in inside]
    elif not wanted[0] and wanted[1].startswith("（"):  # a point's sub-point: cited as "（三）1.（2）"
        inside = [replace(s, clause=wanted[1]) for s in inside]
    return [s for s in sentences if s.hit_rank != rank] + inside


# "第九条讲的是什么", "第（十二）项什么内容", "16条规定了什么", "关于“主要目标”有哪些要求": the question asks
# for the unit's text.
_ASKS_CONTENT_RE = re.compile(r"(?:(?:讲|说|写|规定)(?:了|的是?|些)?(?:什么|啥)(?:内容)?|(?:是|有)?什么内容)"
                              r"\s*[?？。！!]?\s*$|内容是什么|原文"  # at the end: not "规定什么情况下…"
                              r"|(?:有|提出了?)(?:哪些|什么)(?:要求|规定)\s*[?？。！!]?\s*$"  # "关于“…”有哪些要求"
                              r"|(?:[条條项項款点章节節]|部分|[）)、])\s*是(?:什么|啥)\s*[?？。！!]?\s*$"
                              r"|(?i:^\s*what\s+(?:does|do)\b.*\b(?:say|provide|stipulate|cover)\s*[?.!]?\s*$"
                              r"|\b(?:text|content|contents|wording)\s+of\b)")


def asks_content(question: str) -> bool:
    """True when a question about a named unit asks what it says (its whole text), whatever other
    words describe the unit ("讲电子印章效力的第九条是什么内容")."""
    return bool(_ASKS_CONTENT_RE.search(question))


# "有哪些", "包括哪几类", "哪几种情形": the question asks which ones (every item of a list).
_ASKS_WHICH_RE = re.compile(r"哪些|哪几(?:种|类|项|个|条|方面)|几种|几类|包括什么"
                            r"|(?i:\bwhich\b.*\bare\b|\bwhat (?:\w+ )?are\b)")  # "what materials are needed"


def asks_which(question: str) -> bool:
    """True when a question asks which ones ("不得有哪些行为"): an item that answers it is quoted with
    the other items of its list."""
    return bool(_ASKS_WHICH_RE.search(question))


def _lies_in(text: str, start: int, end: int, wanted: tuple[str, str]) -> bool:
    """True when ``text[start:end]`` lies in the wanted 款/项, or in the wanted sub-item ("（2）")."""
    if wanted[1].startswith("（"):
        return sub_label(text, start) == wanted[1]
    return in_clause("".join(clause_of(text, start, end)), wanted)


def has_clause(text: str, wanted: tuple[str, str]) -> bool:
    """True when an article's whole ``text`` has the wanted 款 and 项 (see :func:`named_clause`)."""
    return any(_lies_in(text, ln.start, ln.end, wanted) for ln in unit_lines(text))


def clause_document(found: Retrieval, retrieve: Callable[[set[str]], Retrieval], index: IndexData) -> Retrieval:
    """A bare "第五条第（三）项" found in several documents answered from one whose 第五条 has no such
    item: the look-up in the first other document whose article has it (``retrieve`` restricted to
    a set of document ids); ``Route.others`` then names only the other documents whose article has it too
    (one whose 第五条 has no 第（三）项 does not "have" it). ``found`` unchanged when none has it (then the
    pipeline says the unit does not exist)."""
    route, wanted = found.route, named_clause(found.question)
    if route is None or not route.others or not wanted or not found.hits or found.hits[0].chunk.level != "article":
        return found
    ids = {d["title"]: d["doc_id"] for d in index.manifest.get("documents", [])}
    label = found.hits[0].chunk.unit_path
    having = tuple(t for t in route.others if _article_has(index, ids.get(t), label, wanted))  # only they "have" it
    if has_clause(hit_text(found.hits[0], index.chunks), wanted):
        return replace(found, route=replace(route, others=having))
    for title in having:
        other = retrieve({ids[title]})
        if other and other.route and other.hits and has_clause(hit_text(other.hits[0], index.chunks), wanted):
            return replace(other, route=replace(other.route, others=tuple(t for t in having if t != title)))
    return found


def _article_has(index: IndexData, doc_id: str | None, label: str, wanted: tuple[str, str]) -> bool:
    """True when the document ``doc_id`` has an article ``label`` ("第三条") with the wanted 款 and 项."""
    pieces = [c.text for c in index.chunks if c.doc_id == doc_id and c.unit_path == label and c.level == "article"]
    return bool(pieces) and has_clause("\n".join(pieces), wanted)




def whole_article_ok(text: str, sentence: str) -> bool:
    """Whether a short article ``text`` may be quoted whole for one of its sentences: not when the
    sentence defines a term (its 款 alone answers "什么是…"), nor when two or more of its 款 each
    sanction a breach of their own ("违反…的，…罚款" twice: the one asked about is quoted), nor two or more of
    its items ("（一）有第一项行为的，处…；（二）有第三项行为的，处…": the one citing the breach asked is)."""
    if defined_terms(sentence):
        return False
    lines = [(ln.item, text[ln.start:ln.end]) for ln in unit_lines(text)]
    return (sum(bool(BREACH_RE.match(body)) for item, body in lines if not item) < 2
            and sum(bool(_ITEM_BREACH_RE.match(body)) for item, body in lines if item) < 2)


# An item of a sanction naming the items it punishes by number: "（二）有第三项行为的", "（一）有第一项、第二项行为的".
_ITEM_BREACH_RE = re.compile(rf"^[ \t\u3000]*[（(][{CN_NUMERAL_CHARS}\d]+[）)]\s*"
                             r"有第[^，。；\n]{1,20}项[^，。；\n]{0,6}(?:行为|情形)")
