"""Duty lines of articles and the breaches sanctions cite by number (pure): "违反本条例第十二条第一款第一项、
第十三条规定的" names (12, 1, 1) and (13, None, None); an article's lines are its 款 and 项 ("第二十条之二" is
its own article, 20.02). Read by :mod:`assistant.answer.sanction` and :mod:`assistant.answer.detail`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from difflib import SequenceMatcher

from assistant.answer.quotes import unit_lines
from assistant.records import Hit, hit_text
from assistant.store.folder import IndexData
from assistant.text.chinese import fold_traditional
from assistant.text.glossary import chinese_entries
from assistant.text.numerals import CN_NUMERAL_CHARS, cn_to_int

_N = rf"[{CN_NUMERAL_CHARS}\d]+"
# "违反本条例第十二条第一款第一项、第十三条规定的", "违反本规定第三条的": the breach a sanction names.
# "违反第五条规定者" of a Taiwan-style rule names its own article without 本条例; "违反第（二）项规定的" after
# another citation names a 款 or 项 of the article cited before it (see :func:`cited_lines`).
# "有本条例第二十二条所列行为之一的" names the breaches of a list of duties as well, and "（一）有第一项、第二项行为的"
# under "违反本条例第十八条规定的，按照下列规定处罚：" the items of the article cited before it.
CITATION_RE = re.compile(r"(?:违反(?:本(?:法|条例|规定|办法|细则|决定|自治条例)|(?=第[^条。；]{1,8}条)"
                         rf"|(?=第[（(]?{_N}[）)]?[款项]))|有本(?:法|条例|规定|办法|细则|决定)(?=第)"
                         rf"|有(?=第[（(]?{_N}[）)]?[款项][^。；]{{0,20}}行为))"
                         r"([^。；]{0,80}?)(?:规定|的|所列)")
# The pieces of a citation: an article, a paragraph, an item, and 至 between the ends of a range.
_PIECE_RE = re.compile(rf"第({_N})条(?:之({_N}))?|第({_N})款|第[（(]?({_N})[）)]?项|(至)")
MAX_RANGE = 50  # units a range may span (a citation is bounded work)
_ITEM_LABEL_RE = re.compile(rf"^[ \t\u3000]*[（(]({_N})[）)]")
_ARTICLE_NUMBER_RE = re.compile(rf"第({_N})[条條](?:之({_N}))?")
# An inserted article's identity: its article's number plus its own over this ("第二十条之二" -> 20.02).
INSERTED_STEP = 100

DutyLine = tuple[float, int, int | None]  # article (20.02: 第二十条之二), paragraph (款), item (项) or None

# A sanction: a penalty, or what a benefit's rules do to a cheat ("追回已发放的补贴资金", "取消其享受补贴资格").
PENALTY_RE = re.compile(r"处罚|罚款|罚金|警告|没收|吊销|拘留|处分|责令停|通报批评|追回|追缴|取消[^，。；]{0,20}资格"
                        r"|黑名单|移送(?:司法|公安)|追究[^，。；]{0,8}责任")


def article_number(label: str) -> float | None:
    """The number of an article's label ("第十二条", "第12條" -> 12; an inserted "第十二条之一" -> 12.01, see
    ``INSERTED_STEP``), None for another unit's."""
    number = _ARTICLE_NUMBER_RE.match(fold_traditional(label))
    return _article_id(number.group(1), number.group(2)) if number else None


def _article_id(number: str | None, inserted: str | None) -> float | None:
    return None if (n := _number(number)) is None else n + m / INSERTED_STEP if (m := _number(inserted)) else n


def _number(text: str | None) -> int | None:
    try:
        return cn_to_int(text) if text else None
    except ValueError:
        return None


def duty_lines(text: str, article: int) -> list[tuple[DutyLine, str]]:
    """``((article, 款, 项), line text)`` of each line of an article's text (items belong to the 款 before)."""
    out, kuan = [], 0
    for line in unit_lines(text):
        body = text[line.start:line.end]
        item = _ITEM_LABEL_RE.match(body) if line.item else None
        if not line.item:
            kuan += 1
        out.append(((article, kuan, _number(item.group(1)) if item else None), body))
    return out


def cited_lines(text: str) -> list[tuple[int, int | None, int | None]]:
    """``(article, 款 or None, 项 or None)`` of every breach a sanctioning text names by number; a 款
    or 项 named without its article belongs to the one before, in the same citation ("第十条第（一）项、
    第（三）项") or in an earlier one ("违反本条例第十条第（一）项规定的，……；违反第（二）项规定的"; with
    no article before, a bare "第二款" is left unread), and a range names every unit in it
    ("第十条第（一）项至第（四）项", "第五条至第七条")."""
    return [ref for refs in citations(text) for ref in refs]


def citations(text: str) -> Iterator[list[tuple[int, int | None, int | None]]]:
    """The units each citation of ``text`` names, in order (see :func:`cited_lines`); ``[]`` for a
    catch-all ("违反本条例规定的"); a bare 款 or 项 with no article before it is left out."""
    article = None
    for citation in CITATION_RE.finditer(text):
        refs = cited_refs(citation.group(1), article)
        if refs or not _PIECE_RE.search(citation.group(1)):
            article = refs[-1][0] if refs else article
            yield refs


def cited_refs(span: str, article: float | None = None) -> list[tuple[int, int | None, int | None]]:
    """The units one citation names (see :func:`cited_lines`); ``article``: the one a 款 or 项 named
    first, without its article, belongs to."""
    out: list[tuple[int, int | None, int | None]] = []
    ref: list[int | None] = [article, None, None]
    pending, start = False, None

    def close() -> None:
        nonlocal start
        if ref[0] is not None:
            out.extend(_between(start, tuple(ref)) if start else ())
            out.append(tuple(ref))
        start = None

    for piece in _PIECE_RE.finditer(span):
        level = next(i for i, g in enumerate((1, 3, 4, 5)) if piece.group(g))
        if level == 3:  # 至: the unit before opens a range the next one closes
            if pending:
                close()
            start, pending = (out[-1] if out else None), False
            continue
        if pending and any(v is not None for v in ref[level:]):
            close()  # "第十条第（一）项、第（三）项": a new 项 of the same article
        value = _article_id(piece.group(1), piece.group(2)) if level == 0 else _number(piece.group(level + 2))
        ref = ref[:level] + [value] + [None] * (2 - level)
        pending = True
    if pending:
        close()
    return list(dict.fromkeys(out))


def _between(start: tuple, end: tuple) -> list[tuple[int, int | None, int | None]]:
    """The units strictly inside a range of items, paragraphs or articles (at most ``MAX_RANGE``)."""
    (a0, k0, i0), (a1, k1, i1) = start, end
    if a0 == a1 and k0 == k1 and i0 is not None and i1 is not None:
        return [(a0, k0, i) for i in range(i0 + 1, min(i1, i0 + MAX_RANGE))]
    if a0 == a1 and i0 is None and i1 is None and k0 is not None and k1 is not None:
        return [(a0, k, None) for k in range(k0 + 1, min(k1, k0 + MAX_RANGE))]
    if (k0, i0, k1, i1) == (None, None, None, None):  # whole articles: those numbered between (inserted aside)
        return [(a, None, None) for a in range(int(a0) + 1, min(math.ceil(a1), int(a0) + MAX_RANGE))]
    return []


def covers(cited: tuple[int, int | None, int | None], duty: DutyLine) -> int:
    """How closely a cited breach names a duty line: 3 its item, 2 its paragraph, 1 its article, 0 not it;
    a whole article asked about (``(article, None, None)``) is covered, 1, by any citation of it."""
    article, kuan, item = cited
    if duty[1:] == (None, None):
        return int(article == duty[0])
    if article != duty[0] or (kuan is not None and kuan != duty[1]) or (item is not None and item != duty[2]):
        return 0
    return 3 if item is not None else 2 if kuan is not None else 1


def with_leads(lines: list[tuple[DutyLine, str]]) -> Iterator[tuple[DutyLine, str, str]]:
    """Each duty line with the lead-in it is an item of ("携犬出户的，应当遵守下列规定：" over "一、为犬只束
    牵引绳"), or "" : an item's duty is its lead-in's subject doing what it says."""
    lead, kuan = "", None
    for line, body in lines:
        yield line, body, lead if line[1] == kuan and body != lead else ""
        lead, kuan = (body, line[1]) if body.rstrip().endswith(("：", ":")) else (lead, kuan)


def article_hits(index: IndexData, doc_id: str, score: float) -> Iterator[tuple[Hit, str]]:
    """Every article of a document as a hit (all its pieces, with ``score``) and its whole text
    folded to simplified, in document order (the text read only when the caller gets that far)."""
    rows: dict[tuple[str, str], list[int]] = {}
    for row, chunk in enumerate(index.chunks):
        if chunk.doc_id == doc_id and chunk.level == "article":
            rows.setdefault(chunk.key, []).append(row)
    for chunk_rows in rows.values():
        hit = Hit(index.chunks[chunk_rows[0]], score, chunk_ids=tuple(chunk_rows))
        yield hit, fold_traditional(hit_text(hit, index.chunks))


def term_forms(question: str, terms: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """Each term with the formal terms of the question's glossary entries that hold it or lie within it
    ("拴绳" -> 犬链, 牵引): a duty line says in formal words what a question asks in everyday ones."""
    return {t: (t, *(f for k, v in chinese_entries(question) if t in k or k in t for f in v)) for t in terms}


def shared_terms(terms: Sequence[str], body: str, forms: dict[str, tuple[str, ...]] | None = None) -> int:
    """How many of ``terms`` ``body`` holds (itself or one of its ``forms``), one inside another counting once."""
    found = [t for t in terms if any(f in body for f in (forms or {}).get(t, (t,)))]
    return sum(not any(t != o and t in o for o in found) for t in found)


def breach_named(texts: Sequence[str], terms: Sequence[str], duties: Sequence[str], cited: re.Pattern) -> int:
    """How many of ``terms`` a line of ``texts`` (articles) sanctioning a breach holds at most: a breach of an
    article by number (``cited``: "违反本办法第十条规定的") or one in its own words (:func:`own_breach`); all of
    them when a breach in its own words holding two restates one of the ``duties`` asked (:func:`restates`)."""
    lines = [ln for t in texts for ln in t.split("\n")]
    own = [b for b in map(own_breach, lines) if b and shared_terms(terms, b) >= 2]
    if any(restates(b, d, terms) for b in own for d in duties):
        return len(terms)
    return max((shared_terms(terms, ln) for ln in [*own, *filter(cited.search, lines)]), default=0)


def own_breach(line: str) -> str:
    """The breach a sanction line names in its own words: what stands before its "的，" when the rest punishes
    ("供水单位供水水质不符合标准的，…处五万元以上罚款" -> "供水单位供水水质不符合标准"); "" for other lines."""
    breach, sep, rest = line.partition("的，")
    return breach if sep and PENALTY_RE.search(rest) else ""


def restates(breach: str, duty: str, terms: Sequence[str], least: int = 5) -> bool:
    """True when a sanction's ``breach`` and a ``duty`` line share a run of ``least`` characters or more holding one
    of the question's ``terms`` and two characters besides: the sanction names that duty's breach ("水质不符合标准"),
    not only its subject ("电动自行车")."""
    match = SequenceMatcher(None, breach, duty, autojunk=False).find_longest_match()
    run = breach[match.a:match.a + match.size]
    rest = re.sub("|".join(map(re.escape, sorted(terms, key=len, reverse=True))) or "^$", "", run)
    return match.size >= least and len(rest) < len(run) and len(re.findall(r"[\u4e00-\u9fff]", rest)) >= 2
