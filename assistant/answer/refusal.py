"""The refusal model (pure): evidence confidence that the top section answers a question.

It combines the out-of-scope signals of :mod:`assistant.answer.scope` (requests addressed to the
assistant, missing answer types, background contrast) with term coverage and unknown names in a
logistic model; the pipeline refuses below ``Settings.min_confidence``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import numpy as np

from assistant.answer.absent import (
    absent_action,
    absent_negation,
    absent_number,
    absent_object,
    absent_subject,
    absent_thing,
    unstated_year,
)
from assistant.answer.contrast import background_contrast
from assistant.answer.figures import clock_lines
from assistant.answer.jurisdiction import other_jurisdiction
from assistant.answer.sanction import (
    breach_terms,
    cited_duties,
    no_penalties,
    penalty_asked,
    uncovered_breach,
    unsanctioned,
)
from assistant.answer.scope import (
    asked_types,
    asks_figure,
    meta_request,
    missing_answer_type,
    names_the_ask,
    topic_terms,
    without_asks,
)
from assistant.answer.siblings import sibling_subject
from assistant.records import headed_text, hit_text
from assistant.retrieve.docnames import doc_names, mentioned, strip_document_numbers, unknown_names
from assistant.retrieve.hybrid import Retrieval
from assistant.store.folder import IndexData
from assistant.text.chinese import fold_traditional, has_cjk, named_terms, tokenize
from assistant.text.glossary import chinese_entries, load_glossary, matched_entries

# Weights of the refusal model, fitted on eval/calibration.jsonl (see README "Refusal"). The bias puts
# min_confidence 0.3 midway (in log-odds) between the two least confident in-scope calibration
# questions, so that at most 1% of them are refused.
REFUSAL_PARAMS = {"bias": -0.295, "coverage": 3.457, "foreign": -4.998, "contrast": 46.528, "dense": 0.0}
# Modal and reference words of legal drafting (应当, 不得, 依照…): every provision has them, so finding
# one in a section says nothing about its topic. General wording of laws, not of one document.
FRAME_WORDS = frozenset(["应当", "应", "必须", "不得", "可以", "规定", "按照", "依照", "依法", "要求"])


def confidence(signals: dict[str, float], params: dict[str, float]) -> float:
    """Evidence confidence in 0–1: a logistic function of retrieval signals.

    Args:
        signals: ``coverage``: share of the question's content terms found in the top section (0.5
            when the question has no Chinese terms, e.g. English); ``foreign``: 1.0 if the question
            names a place, organisation, person, year or Latin term that occurs nowhere in the
            corpus (nor in the glossary), else 0.0; ``contrast``: best similarity of the question to
            a document sentence minus its best similarity to a background sentence (see
            ``contrast.background_contrast``).
        params: ``bias`` and one weight per signal.

    Returns:
        The confidence; the assistant refuses below ``Settings.min_confidence``.
    """
    z = params["bias"] + sum(params[name] * value for name, value in signals.items())
    return 1.0 / (1.0 + math.exp(-z))


def coverage(question: str, text: str, user_words: tuple[str, ...] = (),
             ask_named: bool = False, skip: frozenset[str] = frozenset()) -> float:
    """Share (0–1) of the question's content terms found in ``text``.

    Chinese questions: jieba terms (with ``user_words``, less those in ``skip``) found verbatim or
    through a glossary entry of the question that holds the term or lies within it ("清掉" is found
    where the entry's 删除 is: everyday words are not missing when the text says them formally); 0.5
    when none is left. ``ask_named``: the section's heading names the kind of detail asked ("二、申请材料" for
    "需要哪些材料", :func:`scope.names_the_ask`), which counts as one more term found (1.0 when none is left)
    when one of the question's own terms is found too, or it has none.
    Other questions (e.g. English) are compared through the glossary: the share of its entries found
    in the question (e.g. "fine" -> 罚款 处罚) with one of their Chinese terms in ``text``, 0 when the
    glossary knows none of their words.
    """
    if has_cjk(question):
        terms = [t for t in tokenize(without_asks(question), user_words)  # "多长" asks, it is no topic
                 if (has_cjk(t) or t.isdigit()) and t not in skip]
        entries = chinese_entries(question)
        found = sum(t in text or any(t in key or key in t for key, formal in entries if any(f in text for f in formal))
                    for t in terms)
        ask_named = ask_named and (found > 0 or not terms)  # not for another subject ("电动车上牌要什么材料")
        return (found + ask_named) / (len(terms) + ask_named) if terms or ask_named else 0.5
    entries = [e for e in matched_entries(question, load_glossary()) if not set(e) <= skip]
    return sum(any(t in text for t in e) for e in entries) / len(entries) if entries else 0.0


def grounding_terms(question: str, index: IndexData, title: str = "") -> list[str]:
    """The question's topic terms (:func:`scope.topic_terms`) and the formal terms of its glossary
    entries that hold one of them or lie within one ("清掉" -> 删除): the words a line of a section
    that speaks of the question's subject holds, whether the question says them formally or not;
    without the terms a document ``title`` holds, nor those whose glossary terms it holds ("个体户" of a guide on
    个体工商户), nor their glossary terms."""
    entries = chinese_entries(question)
    formal_of = lambda t: [f for key, fs in entries if t in key or key in t for f in fs]  # noqa: E731
    terms = [t for t in topic_terms(question, lambda q: tokenize(q, index.user_words))
             if t not in title and not (title and any(f in title for f in formal_of(t)))]
    formal = [f for t in terms for f in formal_of(t) if not (title and f in title)]
    return list(dict.fromkeys(terms + formal))


def formal_forms(word: str) -> list[str]:
    """``word`` with the glossary's formal terms put in for the words of it they stand for ("低保对象" ->
    最低生活保障对象); none for a word with no entry."""
    return [word.replace(k, f) for k, fs in chinese_entries(word) if k in word for f in fs]


def _in_order(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def foreign_name(question: str, corpus_text: str, titles: Sequence[str] = ()) -> bool:
    """True if the question names a term (place, body, year, Latin word) found neither in the
    lower-cased ``corpus_text`` nor in the glossary, nor as an abbreviation of a document title
    (its characters in order: "关基" in "关键信息基础设施…", "安阳" in "安阳市…条例")."""
    glossary = load_glossary()
    return any(t not in corpus_text and t not in glossary and not any(_in_order(t, x) for x in titles)
               and not (t[0] in "回去来到在从往赴离" and len(t) >= 3 and t[1:] in corpus_text)  # 回南屿: 回 南屿
               for t in named_terms(question))


# Spans that end like a law's name but are words ("违法", "依法") or phrases ("…的…在条例").
_NOT_A_NAME_RE = re.compile(r"(?:违|合|非|依|守|执|立|方|用|做|说|提|看|想|写|算|手|语|疗|设|无|没)法$|的"
                            r"|(?<!管理|实施|暂行)办法$")


def unknown_documents(question: str, index: IndexData, corpus_text: str = "") -> bool:
    """True if the question names a law or document (by a name, not a phrase) that is not loaded,
    unless it asks whether one the documents mention (``corpus_text``) is being made
    (:func:`assistant.retrieve.docnames.mentioned`)."""
    return any((not _NOT_A_NAME_RE.search(span) or span.startswith("《")) and not mentioned(span, question, corpus_text)
               for span in unknown_names(question, index_names(index)))


def refusal_signals(found: Retrieval, index: IndexData, corpus_text: str) -> dict[str, float] | None:
    """The refusal model's signals for the top section of ``found`` (see :func:`confidence`), or
    None when the answer is refused outright: no hits, a request addressed to the assistant, a
    question asking for a kind of detail (time limit, amount, count, body, contact) the top
    section does not contain, or about a place no document mentions while the top section is another
    place's own (:func:`other_jurisdiction`), or one asking such a detail of an item the corpus enumerates while
    the top section speaks only of its sibling items (:func:`siblings.sibling_subject`), or what a breach
    costs that no article sanctions (:func:`sanction.unsanctioned`) or asking a figure of a sanction
    whose text and cited duty (:func:`sanction.cited_duties`) hold none of its words, or whether something is needed
    that no document names (:func:`absent.absent_object`), or what kind or form of a thing no document names
    (:func:`absent.absent_thing`), or a year or grade ("四档") no document has (:func:`absent.absent_number`), or a
    figure of a class named by what it is not that the sections set for the class only (:func:`absent.absent_negation`).

    ``coverage`` is the best share over the top three sections (an answer in an item of the second
    section is not refused for the first one's words); ``dense`` the best similarity of the question
    to a sentence of the retrieved sections; ``contrast`` uses the background sentences the corpus
    does not cover (those it covers were masked at ingest, see ``IndexData.refusal``).
    """
    if not found.hits:
        return None
    text = fold_traditional(headed_text(found.hits[0], index.chunks))  # the question is simplified too
    terms = grounding_terms(found.question, index)
    title = fold_traditional(found.hits[0].chunk.doc_title)
    own = grounding_terms(found.question, index, title)  # the title's words: every line's topic
    if meta_request(found.question) or missing_answer_type(found.question, text, own, title):
        return None
    if asked_types(found.question) and sibling_subject(found.question, terms, corpus_text, text, formal_forms):
        return None
    if _other_breach(found, index, terms, text):
        return None  # "违规停放共享单车罚多少" and a fine for a breach of a dog-keeping duty
    if unsanctioned(found, index, terms) or uncovered_breach(found, index) or no_penalties(found, index, own):
        return None  # "带狗进商场罚多少钱" where no article sanctions that duty, or the documents punish nothing
    glossary = lambda w: [t for e in matched_entries(w, load_glossary()) for t in e]  # noqa: E731
    if any(f(found.question, corpus_text, glossary) for f in (absent_object, absent_thing, absent_subject)) \
            or absent_number(found.question, corpus_text) or absent_action(found.question, text, glossary):
        return None  # "需要交保证金吗", "要考取什么证书", "2030年…" where no document names a 保证金, a 证书, 2030
    if other_jurisdiction(found.question, found.hits[0].chunk.doc_title, corpus_text, _titles(index)):
        return None  # "北京市电动自行车充电有什么规定" answered by 云溪市's regulation
    texts = [text] + [fold_traditional(headed_text(h, index.chunks)) for h in found.hits[1:3]]
    if absent_negation(found.question, texts) or unstated_year(found.question, texts):
        return None  # "非居民用户的供热价格" where the sections price 居民 only, "2030年目标" and a 2027 one
    topic = strip_document_numbers(found.question)
    return {
        "coverage": max(coverage(topic, t, index.user_words, _gives_the_ask(topic, t)) for t in texts),
        "foreign": float(foreign_name(topic, corpus_text, _titles(index))
                         or unknown_documents(found.question, index, corpus_text)),
        "contrast": background_contrast(found.query_vector, index.sentence_vectors, _background(index),
                                        found.sentence_scores),
        "dense": max(found.sentence_scores.values(), default=0.0),
    }


def _gives_the_ask(question: str, text: str) -> bool:
    """True when the section ``text`` gives the kind of detail asked by its very shape: its heading names it
    ("二、申请材料" for "需要哪些材料", :func:`scope.names_the_ask`) or a line states the clock time asked
    ("几点上班", :func:`figures.clock_lines`)."""
    return names_the_ask(text, asked_types(question), question) or bool(clock_lines(question, text))


def _background(index: IndexData) -> np.ndarray:
    """The background sentence vectors the corpus does not cover (those it covers masked at ingest)."""
    background, keep = index.background_vectors, index.refusal.get("background_keep")
    return background[np.asarray(keep, dtype=bool)] if keep is not None and len(keep) == len(background) else background


def _other_breach(found: Retrieval, index: IndexData, terms: Sequence[str], text: str) -> bool:
    """True when a figure or sanction is asked, none of the question's words but sanctions ("酒驾会被拘留几天": 拘留
    is asked) is in the top section ``text``, nor in the duties it sanctions (:func:`sanction.cited_duties`)."""
    breach = breach_terms(terms)  # a kind of sanction is what is asked, 违反 no breach of its own
    if not (asks_figure(q := found.question) or penalty_asked(q)) or not breach or any(t in text for t in breach):
        return False
    duties = cited_duties(index, found.hits[0].chunk.doc_id, text)  # a sanction names its duty by number
    return bool(duties) and not any(t in duties for t in breach)


def unfounded(found: Retrieval, index: IndexData, signals: dict[str, float]) -> bool:
    """True when a Chinese question is at least as close to a background topic as to any document
    sentence (``contrast`` <= 0) and none of its words but ``FRAME_WORDS`` occurs in the top three
    sections: nothing in the documents speaks of it. A rule on top of the fitted model, applied at
    answer time (the calibration fits the model on every probe)."""
    topic = strip_document_numbers(found.question)
    if not has_cjk(topic) or signals["contrast"] > 0.0:
        return False
    if any(_gives_the_ask(topic, headed_text(h, index.chunks)) for h in found.hits[:3]):
        return False  # "需要哪些材料" and "二、申请材料": the section is the answer, whatever the question's words
    return max(topic_share(found.question, hit_text(h, index.chunks), index) for h in found.hits[:3]) == 0.0


def topic_share(question: str, text: str, index: IndexData) -> float:
    """:func:`coverage` of a question's topic (document numbers aside) in a section's ``text`` (folded
    to simplified), the modal words of legal drafting (``FRAME_WORDS``) not counted."""
    return coverage(strip_document_numbers(question), fold_traditional(text), index.user_words, skip=FRAME_WORDS)


def index_names(index: IndexData) -> list:
    """The names of the index's documents (see :func:`assistant.retrieve.docnames.doc_names`)."""
    cached = getattr(index, "_doc_names", None)
    if cached is None:
        cached = doc_names([(d["doc_id"], d["title"], d.get("metadata", {}).get("doc_number", ""))
                            for d in index.manifest.get("documents", [])])
        index._doc_names = cached
    return cached


def _titles(index: IndexData) -> list[str]:
    return [d["title"] for d in index.manifest.get("documents", [])]


def refusal_params(index: IndexData) -> dict[str, float]:
    """The index's calibrated refusal weights (``refusal.json``), else ``REFUSAL_PARAMS``."""
    params = index.refusal.get("params")
    return params if params and set(params) >= set(REFUSAL_PARAMS) else REFUSAL_PARAMS


def evidence_confidence(found: Retrieval, index: IndexData, corpus_text: str) -> float:
    """Evidence confidence (0–1) that the top section of ``found`` answers its question: zero when
    :func:`refusal_signals` refuses outright, else :func:`confidence` of the signals with the
    index's calibrated weights (:func:`refusal_params`)."""
    signals = refusal_signals(found, index, corpus_text)
    if signals is None or unfounded(found, index, signals):
        return 0.0
    params = refusal_params(index)
    return confidence({k: v for k, v in signals.items() if k in params}, params)


def covers_better(wide: Retrieval, narrow: Retrieval, index: IndexData) -> bool:
    """True when a search of every document (``wide``) finds a section of another document holding
    more of the question's words than the best section of the narrower search (``narrow``, the
    documents a follow-up stayed in): "那停车场收费标准呢" after a turn on a dog regulation is about
    the parking rules, whatever the regulation's sections score (legal modal words aside). A unit
    looked up by its number in the narrower search (a route) stays."""
    if narrow.route or not wide.hits or not narrow.hits or wide.hits[0].chunk.doc_id == narrow.hits[0].chunk.doc_id:
        return False
    share = [topic_share(wide.question, hit_text(f.hits[0], index.chunks), index) for f in (wide, narrow)]
    return share[0] > share[1]


def routed_elsewhere(found: Retrieval, index: IndexData, corpus_text: str) -> bool:
    """True when a question routed by a section's title ("广东省防汛应急响应分为几级" to "（二）应急响应") asks about
    another place than the routed document's own (:func:`jurisdiction.other_jurisdiction`): refused like a
    searched one."""
    route = found.route
    return bool(route and route.by_title and found.hits
                and other_jurisdiction(found.question, found.hits[0].chunk.doc_title, corpus_text, _titles(index)))
