"""Sections chosen for the kind of detail a question asks (pure): when the top section lacks the time limit, sum or
count asked and another retrieved section, or the article sanctioning a breach of the top one, holds it, the
answer is drawn from that one (see :mod:`assistant.answer.scope` for the kinds)."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import replace

from assistant.answer.attached_meta import without_mentions
from assistant.answer.breach_lines import named_breach_lines
from assistant.answer.duties import PENALTY_RE, article_hits, cited_lines, covers
from assistant.answer.figures import clock_lines, gives_contact
from assistant.answer.hours import hours_first
from assistant.answer.ranges import asked_quantities, fit_width, range_fit
from assistant.answer.readings import reading_defers
from assistant.answer.refusal import grounding_terms, topic_share
from assistant.answer.sanction import (
    UNIT_BONUS,
    duty_first,
    led_by,
    named_duty,
    penalty_asked,
    sanction_first,
    sanctions_the_breach,
    uncovered_breach,
)
from assistant.answer.scope import asked_types, missing_answer_type, names_the_ask, yes_no
from assistant.answer.siblings import figure_line_first, fuller_point_first, whole_term_in
from assistant.answer.title_routes import unrouted_for_the_figure
from assistant.records import Hit, headed_text, hit_text
from assistant.retrieve.hybrid import Retrieval
from assistant.store.folder import IndexData
from assistant.text.chinese import fold_traditional, tokenize


def with_detail_first(found: Retrieval, index: IndexData) -> Retrieval:
    """``found`` with the asked kind of detail first: when a question asks for a time limit, sum, count, place…
    (:func:`scope.asked_types`) that the top section lacks but the second or third holds, with as many of the
    question's words, that section moves to the top (the answer quotes it; nothing is refused for the first one's
    gap). Routed retrievals and yes/no questions stay, except a breach of one article looked up ("违反第十二条规定
    的，罚多少"): its sanction comes first. A reading's section gives way to the rule it reads (:mod:`readings`)."""
    return hours_first(_detail_first(reading_defers(found, index), index), index)  # "几点上班": clock time, last


def _detail_first(found: Retrieval, index: IndexData) -> Retrieval:
    terms = grounding_terms(found.question, index)
    if found.route is not None and found.route.kind == "task" and uncovered_breach(found, index):
        return replace(found, route=None)  # no article sanctions the duty named: refused (refusal_signals)
    found = unrouted_for_the_figure(found, index, terms)  # a title looked up, its figure stated elsewhere
    if _breach_asked(found, index):
        penalty = _penalty_article(found, index, terms)  # first, and its unit the best (its sentence quoted first)
        scores = (max(found.unit_scores) + UNIT_BONUS, *found.unit_scores) if found.unit_scores else ()
        return replace(found, hits=(penalty, *found.hits), route=None, unit_scores=scores) if penalty else found
    found = quantity_first(sanction_first(duty_first(fuller_point_first(found, index, terms), index), index, terms),
                           index)
    if found.route or len(found.hits) < 2 or not asked_types(found.question):
        return found
    if _holds_quantity(found, index):  # "3层…补多少" and "三层及以下的住宅不纳入补贴范围": that rule answers
        return found
    texts = [fold_traditional(headed_text(h, index.chunks)) for h in found.hits[:3]]
    titled = _titled_for_the_ask(found, texts)
    if titled is not None:  # "收费吗" too: a yes/no question about a detail with a part of its own
        return _moved_first(found, titled)
    if yes_no(found.question):
        return found
    kinds = asked_types(found.question)  # "四、办理时限" giving the time asked of its guide's subject stays first,
    headed = f"{found.hits[0].chunk.part_title}\n{texts[0]}"  # so does "（三）…" under "四、申请材料"
    own = [t for t in terms if t not in found.hits[0].chunk.doc_title]  # a guide's lines need not repeat its title
    if any(names_the_ask(t, kinds, found.question) for t in (texts[0], headed)) and not missing_answer_type(
            found.question, texts[0], own):
        return led_by(found, found.hits[0])  # quoted first too
    share = [topic_share(found.question, t, index) for t in texts]
    if not missing_answer_type(found.question, texts[0], terms):
        holding = [i for i in range(len(texts)) if not i or not missing_answer_type(found.question, texts[i], terms)]
        top_doc = found.hits[0].chunk.doc_id  # a section of the top one's document must state the kind asked
        gain = _share_gains(found, texts, share, index, terms)
        subject = max((i for i in range(len(texts)) if i in holding or found.hits[i].chunk.doc_id != top_doc),
                      key=lambda i: (gain[i], -i))  # "宣传引导由谁牵头": the task on it, not another document's
        if gain[subject] >= SUBJECT_MARGIN and "amount" not in kinds:  # 负责 line; a fine
            return _moved_first(found, subject)  # from a sanction naming its duty by number
        return figure_line_first(found, texts, holding, terms, kinds)
    best = next((i for i in range(1, len(texts))
                 if share[i] >= share[0] and (not terms or whole_term_in(texts[i], terms))
                 and not missing_answer_type(found.question, texts[i], terms)), None)
    if best is None:
        best = _names_the_detail(found.question, texts, terms, index)
    if best is None:
        penalty = _penalty_article(found, index, terms)
        if penalty is None:
            return found
        scores = found.unit_scores[:1] + found.unit_scores if found.unit_scores else ()
        return replace(found, hits=(penalty, *found.hits), unit_scores=scores)
    return _moved_first(found, best)


def _share_gains(found: Retrieval, texts: list[str], share: list[float], index: IndexData,
                 terms: list[str]) -> list[float]:
    """How much more of the question's topic each section holds than the top one: when the top one says none of the
    words the question shares with its document's title, of a section of that document counting only the others
    ("育儿补贴审核要多长时间" in a 育儿补贴 reading: 审核; its Q&A on 审核 need not repeat 育儿补贴, the title's)."""
    titled = [t for t in terms if t in found.hits[0].chunk.doc_title]
    rest = found.question
    for term in sorted(titled, key=len, reverse=True):
        rest = rest.replace(term, "")
    implied = titled and not any(t in texts[0] for t in titled) and any(t in rest for t in terms)
    own = [topic_share(rest, t, index) for t in texts] if implied else share
    scale = [own if h.chunk.doc_id == found.hits[0].chunk.doc_id else share for h in found.hits[:len(texts)]]
    return [scale[i][i] - scale[i][0] for i in range(len(texts))]


def _titled_for_the_ask(found: Retrieval, texts: list[str]) -> int | None:
    """The second or third section of the top one's document whose heading names the kind of detail
    asked (:func:`scope.names_the_ask`: "四、办理时限" for "多久能办好", "五、收费标准" for "收不收钱")
    and that gives it anywhere in its text, when the top section's heading names none: a guide's own section
    on it (whether it answers for the question's subject is the refusal's to judge)."""
    kinds = asked_types(found.question)
    if names_the_ask(texts[0], kinds, found.question):
        return None
    doc = found.hits[0].chunk.doc_id
    return next((i for i in range(1, len(texts)) if found.hits[i].chunk.doc_id == doc
                 and names_the_ask(texts[i], kinds, found.question)
                 and not missing_answer_type(found.question, texts[i])), None)


def _moved_first(found: Retrieval, k: int) -> Retrieval:
    """``found`` with its hit ``k`` first (its unit score along)."""
    order = [k] + [i for i in range(len(found.hits)) if i != k]
    unit = found.unit_scores
    return replace(found, hits=tuple(found.hits[i] for i in order),
                   unit_scores=tuple(unit[i] for i in order) if len(unit) == len(found.hits) else unit)


def _names_the_detail(question: str, texts: list[str], terms: list[str], index: IndexData) -> int | None:
    """The second or third section that holds the kind of detail asked and a word of the question that
    names it and the top section lacks ("博士人才公寓配租期限多长": 期限, in "配租期限不超过五年", when the
    top section speaks of 博士 and 人才公寓 but of no 期限), besides one of the question's topic terms."""
    words = [w for w in tokenize(question, index.user_words) if len(w) >= 2 and w not in texts[0]]
    for i in range(1, len(texts)):
        if (not missing_answer_type(question, texts[i], terms) and whole_term_in(texts[i], terms)
                and any(w in texts[i] for w in words)):
            return i
    return None


# How much a sentence setting a range in the unit of a quantity the question states gains: twice when
# the range holds the value ("五层" and "4至6层"), once when it does not ("三层" and "四层及以上": the rule
# that excludes it answers too); about the spread of sentence scores within one section.
RANGE_BONUS = 0.05
QUANTITY_HITS = 5  # the retrieved sections searched for a range in the asked unit
# How much more of the question's topic a lower section must hold than the top one, when the top one
# holds the detail asked, to be taken for the question's subject (and the detail missing from it).
SUBJECT_MARGIN = 0.3


def quantity_first(found: Retrieval, index: IndexData) -> Retrieval:
    """``found`` with the section that sets the narrowest range holding a quantity the question states
    first ("五层楼加装电梯补多少": the table with "4至6层"; "85岁…领多少": "80至89周岁" before "年满80周岁"),
    else one that sets a range in its unit, when the top section sets none (see
    :mod:`assistant.answer.ranges`); unchanged for routed questions."""
    quantities = asked_quantities(fold_traditional(found.question))
    if found.route or not quantities or len(found.hits) < 2:
        return found
    texts = [fold_traditional(hit_text(h, index.chunks)) for h in found.hits[:QUANTITY_HITS]]
    widths = [fit_width(t, quantities) for t in texts]
    held = [k for k, w in enumerate(widths) if not math.isnan(w)]
    if held:
        k = min(held, key=lambda i: (widths[i], i))
    else:
        fits = [range_fit(t, quantities) for t in texts]
        k = fits.index(-1) if -1 in fits and fits[0] == 0 else 0
    if k == 0 or (widths[k] == widths[0]):
        return found
    return led_by(found, found.hits[k])


def _holds_quantity(found: Retrieval, index: IndexData) -> bool:
    """Whether the top section sets a range holding a quantity the question states."""
    quantities = asked_quantities(fold_traditional(found.question))
    text = fold_traditional(hit_text(found.hits[0], index.chunks)) if quantities and found.hits else ""
    return bool(text) and not math.isnan(fit_width(text, quantities))


def _range_bonus(sentences: list, quantities: list[tuple[float, str]]) -> list:
    """Sentences setting a range in an asked unit gain ``RANGE_BONUS``, twice for the narrowest range
    holding the asked value (see :func:`quantity_first`)."""
    widths = [fit_width(s.text, quantities) for s in sentences]
    best = min((w for w in widths if not math.isnan(w)), default=math.nan)
    out = []
    for s, w in zip(sentences, widths, strict=True):
        level = 2 if w == best else 1 if range_fit(s.text, quantities) == 1 else 0  # -1: sets ranges, none holds it
        out.append(replace(s, score=s.score + RANGE_BONUS * level) if level else s)
    return out


# A question asking what a rule leaves out ("哪些事项不能用告知承诺办", "救灾采购也要按采购法走吗") and the
# sentences that set such a scope ("除…外", "不适用本法", "另行制定"): general Chinese wording.
_EXCLUSION_ASK_RE = re.compile(r"不能(?:用|适用|实行|采用|办|走)|不适用|不用(?:按|走|遵守|适用)|例外|除外|不包括|不属于"
                               r"|(?:也|还|同样)(?:要|得|需要|必须)?(?:按|走|适用|遵守|执行)")
EXCLUSION_RE = re.compile(r"除[^。；：]{1,120}?(?:外|以外)[，,]|除外|不适用|例外|不属于|不包括|不在此列"
                          r"|另行(?:制定|规定)")
EXCLUSION_BONUS = 0.05


def exclusion_asked(question: str) -> bool:
    """True when the question asks what a rule leaves out or whether it holds in a special case."""
    return bool(_EXCLUSION_ASK_RE.search(question))


def detail_holders(found: Retrieval, sentences: list, index: IndexData) -> list:
    """``sentences`` (``candidates.Sentence``) kept to the sections that hold the kind of detail the
    question asks (a time limit, a sum, a count…), when the best-scored one lies in a section that
    lacks it: "几个工作日内作出决定" is answered from the article with its working days, not from a
    neighbour about a 三十日 deadline that scores higher. Unchanged for routed and yes/no questions,
    when nothing asked has a kind, or when no section holds it. A section of the top one's document headed by
    the kind asked ("五、收费标准") is the one that holds it, even for a yes/no question ("收费吗"). A notice's
    mention of an attachment found gives way to it (:func:`attached_meta.without_mentions`)."""
    quantities = asked_quantities(fold_traditional(found.question))
    if quantities and not found.route:  # the sentence whose range holds the quantity stated first
        sentences = _range_bonus(sentences, quantities)
    sentences = without_mentions(found, named_breach_lines(found, sentences, index))  # 附件1, not the notice naming it
    if not found.route and exclusion_asked(found.question):
        sentences = [replace(s, score=s.score + EXCLUSION_BONUS) if EXCLUSION_RE.search(s.text) else s
                     for s in sentences]
    if sanctions_the_breach(found, index, grounding_terms(found.question, index)):  # its sentence quoted first
        sentences = [replace(s, score=s.score + EXCLUSION_BONUS) if s.hit_rank == 0 else s for s in sentences]
    if not found.route and (given := [s for s in sentences if gives_contact(found.question, s.text)]):
        return given  # "电话是多少": the lines with a number, not the address line beside them
    if not found.route and (clocked := [s for s in sentences if clock_lines(found.question, s.text)]):
        return clocked  # "几点开门": the line with clock times, not the telephone line beside it
    if found.route or not sentences or not asked_types(found.question):
        return sentences
    terms, kinds = grounding_terms(found.question, index), asked_types(found.question)
    texts = [fold_traditional(headed_text(hit, index.chunks)) for hit in found.hits]
    holds = {rank: not missing_answer_type(found.question, text, terms) for rank, text in enumerate(texts)}
    headed = {rank for rank, text in enumerate(texts)
              if names_the_ask(text, kinds, found.question) and not missing_answer_type(found.question, text)}
    if headed and found.hits[min(headed)].chunk.doc_id == found.hits[0].chunk.doc_id:
        holds = {rank: rank in headed for rank in holds}  # "五、收费标准" gives the fee, not 一、's 收入
    elif yes_no(found.question):
        return sentences  # "能不能…": no kind of detail asked, but a heading naming it ("收费吗": 七、收费标准)
    best = max(sentences, key=lambda s: s.score)
    kept = [s for s in sentences if holds.get(s.hit_rank)]
    return kept if kept and not holds.get(best.hit_rank) else sentences


_WHO_SANCTIONS_RE = re.compile(r"(?:哪个|哪些|什么)(?:部门|机关|单位)[^，。？?]{0,3}(?:处罚|处理|查处)"
                               r"|谁(?:来)?(?:处罚|查处)|(?:怎么|怎样|如何)处理|什么后果")


def _breach_asked(found: Retrieval, index: IndexData) -> bool:
    """A question about breaking one article it looks up and what that costs ("违反第十二条…罚多少"), or
    asking a penalty of an article that sanctions nothing itself ("第十三条罚多少", as a follow-up asks)."""
    route = found.route
    if route is None or route.kind != "task" or len(route.keys) != 1 or not found.hits:
        return False
    if "违反" in found.question:  # "违反第六条第三项规定的，由哪个部门处罚", "…怎么处理": its sanction is asked
        return "amount" in asked_types(found.question) or penalty_asked(found.question) or bool(
            _WHO_SANCTIONS_RE.search(found.question))
    text = fold_traditional(hit_text(found.hits[0], index.chunks))
    return penalty_asked(found.question) and not PENALTY_RE.search(text)


def _penalty_article(found: Retrieval, index: IndexData, terms: Sequence[str]) -> Hit | None:
    """The article of the top hit's document that sanctions a breach of the top article by its number
    and holds the asked detail ("违反本条例第十一条第二项规定的，处一万元以上三万元以下罚款" for
    "泄露乘客个人信息罚多少钱" when 第十一条 lists the duty), as a hit; None when there is none."""
    top = found.hits[0].chunk
    if top.level != "article" or not re.search(r"[条條](?:之[一二三四五六七八九十\d]+)?$", top.label):  # "第二十条之二"
        return None
    label = re.escape(fold_traditional(top.label))  # "违反本条例第十一条…", "违反第五条规定者" (Taiwan style)
    own = r"本(?:法|条例|规定|办法|细则|自治条例)"  # "未采取本办法第七条规定的…措施的，…罚款": no 违反
    cites = re.compile(rf"违反(?:{own}[^。；]{{0,40}}?)?{label}")  # "…規定者，處…罰鍰" (Taiwan) too
    plain = re.compile(rf"{own}{label}规定的[^。；]{{0,40}}?的，")  # no 违反: only with a penalty word
    duty = named_duty(found.question, top.label)  # "违反第十条第（五）项": that item's own sanction
    for hit, text in article_hits(index, top.doc_id, found.hits[0].score):
        if hit.chunk.key != top.key and (cites.search(text) or (plain.search(text) and PENALTY_RE.search(text))) \
                and not missing_answer_type(found.question, text, terms) \
                and (duty is None or any(covers(c, duty) for c in cited_lines(text))):
            return hit
    return None
