"""The article that sanctions a duty (pure): "在楼道里充电怎么处罚" is answered by "违反本条例第十二条第一款
第一项规定的，……处五千元以上二万元以下罚款", which names the duty only by its number, not by the duty itself
(第十二条) nor by the penalty of another breach that shares the question's words.

Laws name a breach in their 法律责任 chapter by the number of the duty it breaks. For a sanction asked, the duty line
(款 or 项) of the retrieved articles holding most of the question's words is found, then the article citing it
("第十二条第一款第一项"; a whole article covers its lines; "第二十条之二" is its own) goes first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from assistant.answer.duties import (
    PENALTY_RE,
    DutyLine,
    article_hits,
    article_number,
    breach_named,
    citations,
    cited_lines,
    cited_refs,
    covers,
    duty_lines,
    shared_terms,
    term_forms,
    with_leads,
)
from assistant.records import Hit, hit_text
from assistant.retrieve.definitions import defined_terms
from assistant.retrieve.hybrid import Retrieval
from assistant.store.folder import IndexData
from assistant.text.chinese import fold_traditional
from assistant.text.numerals import CN_NUMERAL_CHARS

# The question asks what a breach costs or brings.
_SANCTION_ASK_RE = re.compile(r"怎么罚|罚多少|罚(?:款|金)(?:数额|金额)?(?:是|为|有|要)?多少|多少罚款|罚几"
                              r"|(?:会|要|被)罚(?!款[，,])|罚不罚|罚款吗|处罚|处分"
                              r"|怎么处理|如何处理|会被处理|后果|法律责任|追究|吊销|拘留|会怎么?样")
_SANCTION_LINE_RE = re.compile(r"违反(?:本|第[^条。；]{1,8}条)")
_OWN_RE = re.compile(r"违反(?:前[两三]?款|本条(?=第))")  # a breach of the article's own 款

# The sanction's unit counts as matching the question this much better than the best retrieved unit
# (``Retrieval.unit_scores``), so that its sentence, whose words name the duty only by number, is
# quoted first; about the spread of sentence similarities among the top sections.
UNIT_BONUS = 0.05


def sanction_first(found: Retrieval, index: IndexData, terms: Sequence[str]) -> Retrieval:
    """``found`` with the article sanctioning the asked duty first (see the module docstring);
    unchanged for routed questions, questions about no sanction, or when no article cites the duty."""
    if found.route or not found.hits or not terms or not _SANCTION_ASK_RE.search(found.question):
        return found
    chosen, closeness, lines = None, 0, asked_duties(found, index, terms)[1]
    # equally good lines of the first one's article ("放弃饲养…" and "禁止遗弃…"): a sanctioned one
    for doc_id, duty, _ in [x for x in lines if (x[0], x[1][0]) == (lines[0][0], lines[0][1][0])]:
        for hit, text in article_hits(index, doc_id, found.hits[0].score):
            score = max((covers(c, duty) for c in cited_lines(text)), default=0)
            if score > closeness:
                chosen, closeness = hit, score
    scores, held = _breach_scores(found, index, terms, [chosen] if chosen else [])  # a sanction naming the breach
    named = max(found.hits[:5], key=lambda h: (scores[h.chunk.key], h is found.hits[0]))  # beats one found by duty
    score = lambda h: scores.get(h.chunk.key, 0) if h else 0  # noqa: E731
    own = lambda h: held.get(h.chunk.key, (set(), set())) if h else (set(), set())  # noqa: E731
    # not over a duty's sanction whose breach holds all it names ("绿地" of "在城市绿地内禁止…倾倒垃圾"), unless its
    # own breach names all that one holds ("违反本条例第九条规定，未取得燃气经营许可证…的" over "有第十一条所列行为的")
    covered = chosen and own(named)[1] <= own(chosen)[1] and not own(chosen)[1] <= own(named)[0]
    if score(named) > max(score(chosen), 0) and (chosen or score(found.hits[0]) >= 0) and (
            chosen or score(named) > score(found.hits[0]) or named is found.hits[0]) and not covered:
        chosen = named
    if chosen is None:
        return found
    return led_by(found, chosen)  # already first or not: its unit gets the bonus, so its sentence is quoted first


# A requirement asked: "有什么要求", "要遵守哪些规定", "需要符合什么条件", "应当怎么做".
_REQUIREMENT_ASK_RE = re.compile(r"(?:有|是)(?:什么|哪些|啥)(?:要求|规定|义务)|要求是什么|(?:要|应当|需要|得)遵守"
                                 r"|需要(?:满足|符合|具备)|应当(?:怎么|如何)做|(?:什么|哪些)(?:要求|义务)")


def duty_first(found: Retrieval, index: IndexData) -> Retrieval:
    """``found`` with the duty article first when the top one is a sanction naming it by number ("违反本办法
    第九条规定…") and the question asks what is required, not what a breach costs ("拉泔水的车子有什么要求"):
    the duty says what the sanction only names. Unchanged otherwise, or when the duty is not in the top five."""
    top = found.hits[0] if found.hits and not found.route else None
    if top is None or top.chunk.level != "article" or not _REQUIREMENT_ASK_RE.search(found.question) or (
            _SANCTION_ASK_RE.search(found.question) or penalty_asked(found.question)):
        return found  # "被判了刑，以后还能做…吗" asks a consequence the sanction states: no requirement asked
    text = fold_traditional(hit_text(top, index.chunks))
    cited = {c[0] for c in cited_lines(text)} if PENALTY_RE.search(text) and _SANCTION_LINE_RE.search(text) else set()
    duty = next((h for h in found.hits[1:5] if h.chunk.doc_id == top.chunk.doc_id and h.chunk.level == "article"
                 and article_number(h.chunk.label) in cited), None)
    return led_by(found, duty) if duty else found


def led_by(found: Retrieval, hit: Hit) -> Retrieval:
    """``found`` with ``hit`` first (taken out of the other hits) and its unit score ``UNIT_BONUS`` above the best,
    so that its sentence is quoted first; the unit scores are dropped when they do not match the hits one to one."""
    others = [i for i, h in enumerate(found.hits) if h.chunk.key != hit.chunk.key]
    unit = found.unit_scores
    scores = (max(unit) + UNIT_BONUS, *(unit[i] for i in others)) if unit and len(unit) == len(found.hits) else ()
    return replace(found, hits=(hit, *(found.hits[i] for i in others)), unit_scores=scores)


# Where a sanction's breach ends and its sanction begins: "…未经登记饲养犬只的，由公安机关…", "…的，处…".
_SANCTION_START_RE = re.compile(r"[，,](?:由|处|给予|可以处|并处|责令)")


def _breach_scores(found: Retrieval, index: IndexData, terms: Sequence[str], extra: Sequence[Hit] = ()
                   ) -> tuple[dict[tuple[str, str], int], dict[tuple[str, str], set[str]]]:
    """How well each sanctioning article of the top five hits (and ``extra``) names the breach asked: the question's
    terms its breach holds ("违反本条例第五条规定，未经登记饲养犬只的", counting twice) and those the duty lines
    it cites hold, less the terms every such article holds (the subject all of them punish: 电动自行车), its
    sanction's own words ("暂扣登记证") aside. 0 for a hit that sanctions no duty it names by number (not "违反本条例
    规定的" at large), -1 for one that punishes breaches it lists itself ("有下列情形之一的，…罚款：" over "一、未公示
    菜品价格的"): it is not to be passed over. "未登记养狗罚多少" is answered by the article naming that breach.
    Also returns the terms each sanctioning article's own breach holds, and those it and its cited duties hold."""
    terms = [t for t in terms if t not in _ASK_NOUNS]
    forms = {t: tuple(re.compile(".{0,2}".join(map(re.escape, f))) for f in fs)  # "弃养" in "放弃饲养"
             for t, fs in term_forms(found.question, terms).items()}
    matched: dict[tuple[str, str], tuple[set[str], set[str]]] = {}
    for hit in [*found.hits[:5], *extra]:
        text = fold_traditional(hit_text(hit, index.chunks))
        breaches = "\n".join(ln[: m.start()] if (m := _SANCTION_START_RE.search(ln)) else ln for ln in text.split("\n")
                              if PENALTY_RE.search(ln) and (cited_lines(ln) or _OWN_RE.search(ln)))
        if hit.chunk.level == "article" and breaches:
            duties = cited_duties(index, hit.chunk.doc_id, text)
            matched[hit.chunk.key] = tuple({t for t in terms if any(f.search(body) for f in forms[t])}
                                           for body in (breaches, duties))
    common = set.intersection(*(b | d for b, d in matched.values())) if len(matched) > 1 else set()

    def count(found_terms: set[str]) -> int:  # a term inside another counts once
        return sum(not any(t != o and t in o for o in found_terms) for t in found_terms)

    scores = {key: 2 * count(b - common) + count(d - common) for key, (b, d) in matched.items()}
    return {h.chunk.key: scores.get(h.chunk.key, -1 if PENALTY_RE.search(t := hit_text(h, index.chunks))
                                    and not _SANCTION_LINE_RE.search(t) else 0) for h in [*found.hits, *extra]
            }, {key: (b, b | d) for key, (b, d) in matched.items()}


def asked_duties(found: Retrieval, index: IndexData, terms: Sequence[str]
                  ) -> tuple[int, list[tuple[str, DutyLine, str]]]:
    """The duty lines (not a sanction's nor a definition's) of the top five articles holding most of
    ``terms`` (an item with its lead-in; the nouns of a sanction ask, 处罚 or 后果, and a breach's 规定 or 按规定
    aside), with how many (a term inside another counts once: 电动 in 电动自行车): each line's document, ``(article,
    款, 项)`` and its article's text; ``(0, [])`` when no line holds one. A term defined by a line holding the
    question's terms ("本条例所称违规充电，是指…") stands for them in a line with it ("不得违规充电")."""
    terms = [t for t in terms if t not in _ASK_NOUNS and not (t in _BREACH_WORDS or t.endswith("规定"))]
    articles = [(hit, number, fold_traditional(hit_text(hit, index.chunks))) for hit in found.hits[:5]
                if hit.chunk.level == "article" and (number := article_number(hit.chunk.label)) is not None]
    forms = term_forms(found.question, terms)
    scored = [(hit, line, text, body, shared_terms(terms, lead + body, forms), defined_terms(body))
              for hit, number, text in articles for line, body, lead in with_leads(duty_lines(text, number))
              if not _SANCTION_LINE_RE.search(body)]
    stands = {term: shared for *_, shared, defined in scored for term in defined if shared >= 2}
    most, lines = 0, []
    for hit, line, text, body, shared, defined in scored:
        shared = max([shared] + [n for term, n in stands.items() if term in body])
        if not shared or shared < most or defined:
            continue  # a definition ("本条例所称违规充电，是指…") is no duty
        if shared > most:
            most, lines = shared, []
        lines.append((hit.chunk.doc_id, line, text))
    return most, lines


# A question asking what a breach costs ("罚多少", "怎么处罚"), and a text that punishes.
_PENALTY_ASK_RE = re.compile(r"怎么罚|罚多少|罚(?:款|金)(?:数额|金额)?(?:是|为|有|要)?多少|多少罚款|罚几"
                             r"|(?:会|要|被)罚(?!款[，,])|罚不罚|罚款吗"
                             r"|(?:怎么|怎样|如何|什么|会被|会受到|受到|被)[^，。？?]{0,2}(?:处罚|处分)"
                             r"|(?:会|要)承担[^，。？?]{0,4}责任|法律责任"
                             r"|(?:不|没|未|违)[^。？?]{0,30}会怎么?样")  # "不分开存放，会怎么样": what it costs
_ASK_NOUNS = frozenset({"处罚", "处分", "惩罚", "处理", "后果", "责任", "法律责任"})
_BREACH_WORDS = frozenset({"违反", "违规", "违法", "违背", "规定"})
_SUM_RE = re.compile(rf"[\d{CN_NUMERAL_CHARS}.点]+\s*(?:万|亿)?元|赔偿|缴纳[^，。；]{0,8}费")


def unsanctioned(found: Retrieval, index: IndexData, terms: Sequence[str]) -> bool:
    """True when a question asks what a breach costs ("带狗进商场罚多少钱"), the duty line it is about
    (:func:`asked_duties`, two of ``terms`` or all of them) lies in an article that punishes nothing
    itself, and its document names the breaches it sanctions by number ("违反本条例第十条第（一）项至
    第（四）项规定的") without one that covers that line, nor a catch-all "违反本条例规定的": the
    documents set no sanction for it, and another breach's fine is no answer."""
    if found.route or not found.hits or not terms or not _PENALTY_ASK_RE.search(found.question):
        return False
    if cited_refs(found.question):
        return False  # the duty named by its number: see uncovered_breach
    title = fold_traditional(found.hits[0].chunk.doc_title)  # "停车场" of a 停车场管理办法 names no duty
    terms = [t for t in terms if t in found.question and t not in title] or terms  # its own words first
    most, asked = asked_duties(found, index, terms)
    wanted = [t for t in terms if t not in _ASK_NOUNS]
    if not asked or most < min(2, len(wanted)) or any(PENALTY_RE.search(text) for _, _, text in asked):
        return False
    if _breach_named(found, index, terms, [text for _, _, text in asked]) >= most:
        return False  # "未采取扬尘污染防治措施的，处…罚款" names the breach asked in its own words
    return all(_no_sanction(index, doc_id, [duty for d, duty, _ in asked if d == doc_id])
               for doc_id in dict.fromkeys(d for d, _, _ in asked))


def _breach_named(found: Retrieval, index: IndexData, terms: Sequence[str], duties: Sequence[str] = ()) -> int:
    """:func:`duties.breach_named` over the articles retrieved, the question's words less its asks and breach words."""
    terms = [t for t in terms if t not in _ASK_NOUNS and not (t in _BREACH_WORDS or t.endswith("规定"))]
    texts = [fold_traditional(hit_text(h, index.chunks)) for h in found.hits[:5] if h.chunk.level == "article"]
    return breach_named(texts, terms, duties, _SANCTION_LINE_RE)


def _no_sanction(index: IndexData, doc_id: str, duties: Sequence[DutyLine]) -> bool:
    """True when a document sanctions breaches by number and none of its sanctions covers one of
    ``duties`` (:func:`covers`), nor does a catch-all ("违反本条例规定的") cover them all."""
    numbered = False
    for hit, article in article_hits(index, doc_id, 0.0):  # "违反前款规定的": a sanction of its own article's duty
        for refs in citations(_OWN_RE.sub(f"违反{hit.chunk.label}", article)):
            if not refs or any(covers(r, duty) for r in refs for duty in duties):
                return False  # a catch-all, or the sanction of one of these lines
            numbered = True
    return numbered


def no_penalties(found: Retrieval, index: IndexData, terms: Sequence[str] = ()) -> bool:
    """True when a question asks what a breach costs ("犬只咬伤他人怎么处罚"), the top section's document
    punishes nothing (no 罚款, 处罚, 警告 … in any of its sections), no line of the top three sections
    holding one of the question's ``terms`` punishes, nor
    does the top section charge a sum or owe a compensation in a line with one of the question's
    ``terms`` (a fee for a book returned late, or paying for a damaged one, answers "逾期还书怎么处罚"
    and "损坏图书怎么处罚" in plain words)."""
    if found.route or not found.hits or not _PENALTY_ASK_RE.search(found.question):
        return False
    lines = fold_traditional(hit_text(found.hits[0], index.chunks)).split("\n")
    if any(_SUM_RE.search(line) and any(t in line for t in terms) for line in lines):
        return False
    breach = breach_terms(terms)
    held = [ln for h in found.hits[:3] for ln in fold_traditional(hit_text(h, index.chunks)).split("\n")
            if any(t in ln for t in breach)]
    if any(PENALTY_RE.search(ln) for ln in held):
        return False  # a sanction of the breach asked, in whichever document
    doc = found.hits[0].chunk.doc_id  # "违反网络安全责任制如何处罚": an opinion's duty, another text's fines
    return not any(c.doc_id == doc and PENALTY_RE.search(fold_traditional(c.text)) for c in index.chunks)


def breach_terms(terms: Sequence[str]) -> list[str]:
    """``terms`` less the words of any breach or sanction ("违反", "处罚", "后果"): those naming the breach."""
    return [t for t in terms if not PENALTY_RE.search(t) and t not in _ASK_NOUNS and t not in _BREACH_WORDS]


def sanctions_the_breach(found: Retrieval, index: IndexData, terms: Sequence[str]) -> bool:
    """True when a penalty is asked and the top hit is a sanction whose cited duty holds two of the breach's
    ``terms`` ("不把泔水和别的垃圾分开放会怎么样": 第八条 citing 第三条第（二）项 "…与其他生活垃圾分开存放"; one word
    such as 服务 is no sign of the breach asked)."""
    top = found.hits[0] if found.hits and not found.route else None
    if top is None or not penalty_asked(found.question) or not PENALTY_RE.search(text := hit_text(top, index.chunks)):
        return False
    duties = cited_duties(index, top.chunk.doc_id, fold_traditional(text))
    return shared_terms(breach_terms(terms), duties) >= 2


def penalty_asked(question: str) -> bool:
    """True when a question asks what a breach costs ("罚多少", "怎么处罚", "承担什么法律责任")."""
    return bool(_PENALTY_ASK_RE.search(question))


def named_duty(question: str, label: str, whole: bool = False) -> DutyLine | None:
    """The duty line of the article ``label`` ("第十条") a question names by number ("违反第十条第（五）
    项": (10, 1, 5), an item of the first 款 when no 款 is named); with ``whole``, the article named
    alone too ("违反第十条规定": (10, None, None)); None when it names none of it."""
    article = article_number(label)
    asked = [r for r in cited_refs(question)
             if r[0] == article and article is not None and (whole or r[1:] != (None, None))]
    if not asked:
        return None
    return asked[0] if asked[0][1:] == (None, None) else (asked[0][0], asked[0][1] or 1, asked[0][2])


def uncovered_breach(found: Retrieval, index: IndexData) -> bool:
    """True when a question names the duty it breaks and asks what that costs ("违反第十条第（五）项罚
    多少"), the top hit is that article, and its document sanctions breaches by number but none of
    that duty (nor by a catch-all "违反本条例规定的"): the documents set no sanction for it."""
    if not found.hits or "违反" not in found.question or not _PENALTY_ASK_RE.search(found.question):
        return False
    duty = named_duty(found.question, found.hits[0].chunk.label, whole=True)
    return duty is not None and _no_sanction(index, found.hits[0].chunk.doc_id, [duty])


def cited_duties(index: IndexData, doc_id: str, text: str) -> str:
    """The text of the duty lines a sanctioning ``text`` names by number in its document ("违反本条例第
    五条第一项规定的" -> that item's line, after its lead-in "在城市绿地内禁止下列行为：" when it has one), or in
    itself ("违反前款规定的" -> its other lines), joined; "" when it names none."""
    cited = cited_lines(text)
    out = [ln for ln in text.split("\n") if not _OWN_RE.search(ln)] if _OWN_RE.search(text) else []
    for hit, article in article_hits(index, doc_id, 0.0) if cited else ():
        n = article_number(hit.chunk.label)
        if n is not None and any(c[0] == n for c in cited):
            out += [lead + body for line, body, lead in with_leads(duty_lines(article, n))
                    if any(covers(c, line) for c in cited)]
    return "\n".join(out)


