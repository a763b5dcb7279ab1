"""The article that sanctions a duty (pure): "在楼道里充电怎么处罚" is answered by "违反本条例第十二条第一款
第一项规定的，……处五千元以上二万元以下罚款", which names the duty only by its number, not by the duty itself
(第十二条) nor by the penalty of another breach that shares the question's words.

Laws name a breach in their 法律责任 chapter by the number of the duty it breaks, so the words of the
question meet the duty, not its sanction. When a question asks about a sanction, the duty line (款 or
项) of the retrieved articles that holds most of the question's words is found, then the article of
the same document that cites that very line ("第十二条第一款第一项" for item 1 of 第十二条's first
paragraph; an article cited whole covers every line of it) and it goes first.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from assistant.answer.quotes import unit_lines
from assistant.records import Hit, hit_text
from assistant.retrieve.hybrid import Retrieval
from assistant.store.folder import IndexData
from assistant.text.chinese import fold_traditional
from assistant.text.numerals import CN_NUMERAL_CHARS, cn_to_int

# The question asks what a breach costs or brings.
_SANCTION_ASK_RE = re.compile(r"怎么罚|罚多少|罚款多少|多少罚款|罚几|(?:会|要|被)罚(?!款[，,])|罚不罚|罚款吗|处罚|处分"
                              r"|怎么处理|如何处理|会被处理|后果|法律责任|追究|吊销|拘留")
_N = rf"[{CN_NUMERAL_CHARS}\d]+"
# "违反本条例第十二条第一款第一项、第十三条规定的": the breach a sanction names, up to 规定.
_CITATION_RE = re.compile(r"违反本(?:法|条例|规定|办法|细则)([^。；]{0,80}?)规定")
_REF_RE = re.compile(rf"第({_N})条(?:第({_N})款)?(?:第[（(]?({_N})[）)]?项)?")
_ITEM_LABEL_RE = re.compile(rf"^[ \t\u3000]*[（(]({_N})[）)]")
_ARTICLE_NUMBER_RE = re.compile(rf"第({_N})[条條]")

DutyLine = tuple[int, int, int | None]  # article, paragraph (款), item (项) or None
# The sanction's unit counts as matching the question this much better than the best retrieved unit
# (``Retrieval.unit_scores``), so that its sentence, whose words name the duty only by number, is
# quoted first; about the spread of sentence similarities among the top sections.
UNIT_BONUS = 0.05


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
    """``(article, 款 or None, 项 or None)`` of every breach a sanctioning text names by number."""
    out = []
    for citation in _CITATION_RE.finditer(text):
        for ref in _REF_RE.finditer(citation.group(1)):
            article = _number(ref.group(1))
            if article is not None:
                out.append((article, _number(ref.group(2)), _number(ref.group(3))))
    return out


def covers(cited: tuple[int, int | None, int | None], duty: DutyLine) -> int:
    """How closely a cited breach names a duty line: 3 its item, 2 its paragraph, 1 its article, 0 not it."""
    article, kuan, item = cited
    if article != duty[0] or (kuan is not None and kuan != duty[1]) or (item is not None and item != duty[2]):
        return 0
    return 3 if item is not None else 2 if kuan is not None else 1


def sanction_first(found: Retrieval, index: IndexData, terms: Sequence[str]) -> Retrieval:
    """``found`` with the article sanctioning the asked duty first (see the module docstring);
    unchanged for routed questions, questions about no sanction, or when no article cites the duty."""
    if found.route or not found.hits or not terms or not _SANCTION_ASK_RE.search(found.question):
        return found
    best: tuple[int, str, DutyLine] | None = None
    for hit in found.hits[:5]:
        number = _ARTICLE_NUMBER_RE.match(hit.chunk.label) if hit.chunk.level == "article" else None
        if number is None or _number(number.group(1)) is None:
            continue
        for line, body in duty_lines(fold_traditional(hit_text(hit, index.chunks)), _number(number.group(1))):
            shared = sum(t in body for t in terms)
            if shared and "违反本" not in body and (best is None or shared > best[0]):
                best = (shared, hit.chunk.doc_id, line)
    if best is None:
        return found
    _, doc_id, duty = best
    chosen, closeness = None, 0
    for hit, text in article_hits(index, doc_id, found.hits[0].score):
        score = max((covers(c, duty) for c in cited_lines(text)), default=0)
        if score > closeness:
            chosen, closeness = hit, score
    if chosen is None:
        return found  # already first or not: its unit gets the bonus, so its sentence is quoted first
    kept = [(h, u) for h, u in zip(found.hits, found.unit_scores or [0.0] * len(found.hits), strict=False)
            if h.chunk.key != chosen.chunk.key]
    scores = (max(found.unit_scores) + UNIT_BONUS, *(u for _, u in kept)) if found.unit_scores else ()
    return replace(found, hits=(chosen, *(h for h, _ in kept)), unit_scores=scores)


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
