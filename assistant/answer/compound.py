"""Compound questions (pure): "认定规则要考虑哪些因素，认定结果要告诉谁" asks two things.

One search for the whole question finds the provision of its stronger half and quotes only that;
the pipeline asks each part on its own and joins the answers (``Pipeline._compose_parts``). A part
is a clause (between "，", "；", "？", "。") that asks something itself — it has a question word — and
names at least ``MIN_TOPIC_WORDS`` topic words; a clause without a question word is the context of
the next one ("执法人员当场处罚的话，罚款最多多少" is one question), and a clause too short to stand
alone ("有没有例外") stays with the one before it, unless it asks a figure of its one topic word
("不抽检罚多少"). Written for general questions, no document's words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import replace

from assistant.answer.refusal import covers_better
from assistant.answer.scope import ANSWER_TYPES, asked_types, asks_figure
from assistant.retrieve.hybrid import Retrieval
from assistant.store.folder import IndexData

# Question words of Mandarin (and the sentence-final particles of yes/no questions).
_ASKS_RE = re.compile(
    r"什么|啥|哪些|哪个|哪家|哪里|哪儿|哪几|哪类|哪种|哪天|哪一天|哪年|何时|几号|几点|多少|多久|多长"
    r"|(?<![十好这那近头])(?<![^提]前)(?<!^前)几(?![乎经何许])[\u4e00-\u9fff]|谁"
    r"|怎么|怎样|如何|为何|是否|能否|可否|要不要|能不能|可不可以|是不是|有没有|会不会|需不需要|用不用"
    r"|[吗么呢][？?]?$")
_CLAUSE_RE = re.compile(r"[^，,；;？?。！!]+[，,；;？?。！!]*")
MIN_TOPIC_WORDS = 2
# At most this many parts are searched (bounded work per request): two subjects asked two things each.
MAX_PARTS = 4
# "A和B分别由谁来定": the subjects before 分别 and what is asked of each.
_EACH_WORD_RE = re.compile(r"分别|各自|各(?=[要需应是由怎如在有能])")
_EACH_RE = re.compile(rf"^(?P<subjects>[^；;？?。]+?)[，,]?(?:{_EACH_WORD_RE.pattern})(?P<ask>[^，,；;？?。]+)")
# Words that name provisions in general ("法律上有哪些规定"): a clause asking only for them asks for the
# provisions on the clause before it, so they do not count as its topic.
_PROVISION_WORDS_RE = re.compile(r"法律|法规|规章|政策|文件|规定|要求|说法|条款|依据|具体|方面|这些|这个")
_SUBJECT_SPLIT_RE = re.compile(r"、|(?<!共)和(?!谐)|(?<![参给赋授])与|以及|(?<!以)及(?![时格早])")  # not 参与, 及时


def split_question(question: str, topic_words: Callable[[str], list[str]]) -> list[str]:
    """The parts of a compound question, in order; ``[]`` when it asks one thing.

    Args:
        question: The normalised question.
        topic_words: The question's topic words (e.g. ``scope.topic_terms`` with the index's tokenizer).

    Returns:
        Two to ``MAX_PARTS`` standalone questions (each with its trailing punctuation removed), or [].
    """
    each = _each(question)
    if each:
        return each
    parts: list[str] = []
    pending = ""
    for clause in (m.group(0) for m in _CLAUSE_RE.finditer(question)):
        text = pending + clause
        bare = clause.rstrip("，,；;？?。！! ")
        if not _ASKS_RE.search(bare):
            pending = text  # context of the next clause
            continue
        pending = ""
        words = topic_words(_PROVISION_WORDS_RE.sub(" ", _ASKS_RE.sub(" ", bare)))
        if parts and len(words) < MIN_TOPIC_WORDS and (other := _other_ask(parts[-1], bare, topic_words)):
            parts.append(other)  # "…多久能办好，需要哪些材料": another kind of detail of the same subject
        elif parts and len(words) < MIN_TOPIC_WORDS and not (words and asks_figure(bare)):
            parts[-1] += text  # too short to stand alone: it continues the part before ("不抽检罚多少" does not)
        else:
            parts.append(text)
    if pending and parts:
        parts[-1] += pending
    parts = [p.rstrip("，,；;？?。！! ") for p in parts]
    return parts[:MAX_PARTS] if len(parts) >= 2 else []


def _other_ask(before: str, clause: str, topic_words: Callable[[str], list[str]]) -> str:
    """A short clause asking another kind of detail (:func:`scope.asked_types`) than the part ``before`` it,
    as a question of that part's subject (its words before its question word: "个体工商户登记多久能办好，需要
    哪些材料" -> "个体工商户登记需要哪些材料"); "" when the kinds are the same or either asks none, or the
    subject has fewer than ``MIN_TOPIC_WORDS`` topic words."""
    before = before.rstrip("，,；;？?。！! ")
    kinds, earlier = set(asked_types(clause)), set(asked_types(before))
    asks = [m.start() for m in [_ASKS_RE.search(before), *(ANSWER_TYPES[k][0].search(before) for k in earlier
                                                            if k in ANSWER_TYPES)] if m]  # "要交钱吗": at 交钱
    if not kinds or not earlier or kinds & earlier or not asks:
        return ""
    subject = before[: min(asks)].rstrip("，,；; ")
    subject = re.sub(r"(?:能|要|会|可以|需要|应当|得|该)+$", "", subject)  # "…登记能多久": not its modal verb
    return subject + clause if len(topic_words(subject)) >= MIN_TOPIC_WORDS else ""


def _each(question: str) -> list[str]:
    """"A和B分别由谁来定" -> ["A由谁来定", "B由谁来定"] (also 各自, 各要…); [] when the question has
    no such form. Words qualifying the first subject ("政府采购的") go with the others that have none.
    A later clause asking of each too ("…，法律效力分别怎么样") is asked of every subject after the first
    ask; a later clause asking something else is a part of its own."""
    m = _EACH_RE.match(question)
    if not m:
        return []
    subjects = [x.strip(" ，,") for x in _SUBJECT_SPLIT_RE.split(m.group("subjects")) if x.strip(" ，,")]
    if not 2 <= len(subjects) <= MAX_PARTS or not _ASKS_RE.search(m.group("ask")):
        return []
    # words before the first subject that qualify all of them ("政府采购的"): kept with each
    qualifier = subjects[0][: subjects[0].rfind("的") + 1] if "的" in subjects[0] else ""
    subjects = [(qualifier if "的" not in s else "") + s for s in subjects]
    parts = [s + m.group("ask") for s in subjects]
    for clause in (c.group(0).strip("，,；;？?。！! ") for c in _CLAUSE_RE.finditer(question[m.end():])):
        if not _ASKS_RE.search(clause):
            continue
        if _EACH_WORD_RE.search(clause):
            parts += [s + _EACH_WORD_RE.sub("", clause) for s in subjects]
        else:
            parts.append(clause)
    return parts[:MAX_PARTS]


def runner_up(part: str, found: Retrieval) -> Retrieval | None:
    """For a part asking a figure ("采购人多少天内答复") whose best section is quoted already (by an earlier
    part): ``found`` with only its second section, when that lies in the same document (it is quoted if
    it holds such a figure: the refusal model checks the answer type); None otherwise."""
    if not asks_figure(part) or len(found.hits) < 2 or found.hits[1].chunk.doc_id != found.hits[0].chunk.doc_id:
        return None
    return replace(found, hits=found.hits[1:2])


def part_retrieval(retrieve: Callable[[str, int, set[str] | None], Retrieval], part: str, top_k: int,
                   doc_ids: set[str] | None, answered_in: Collection[str], index: IndexData,
                   named: bool = False) -> Retrieval:
    """A part's search: in ``doc_ids`` when the question names documents (or the caller scoped it), else
    in every document, but kept in the documents the whole question's answer quotes (``answered_in``)
    unless another document's best section holds more of the part's words
    (:func:`refusal.covers_better`): "安阳的审批部门指定中介机构会被怎么处理，构成犯罪的呢" asks its
    second part of the same regulation, not of whichever law says 构成犯罪 best.

    Args:
        retrieve: ``HybridRetriever.retrieve`` (question, top_k, document ids or None for all).
        part: The part's question; ``top_k`` sections are retrieved.
        doc_ids: The question's named or scoped documents, or None.
        answered_in: Document ids the whole question's answer quotes.
        index: The index (section texts for the comparison).
        named: ``doc_ids`` are the documents the question names, not a caller's scope: a part that names
            none itself is searched in every document when another's best section holds more of its words
            ("适老化改造补助每户多少钱，实施意见要求每年改造多少户": the subsidy is the regulation's).
    """
    wide = retrieve(part, top_k, doc_ids)
    if named and doc_ids is not None and not wide.route:
        every = retrieve(part, top_k, None)  # searched as asked: in the documents it names itself, if any
        if every.hits and (every.named or not wide.hits or covers_better(every, wide, index)):
            return every
    if doc_ids is not None or not answered_in or not wide.hits or wide.route:
        return wide
    if wide.hits[0].chunk.doc_id in answered_in:
        return wide
    narrow = retrieve(part, top_k, set(answered_in))
    return wide if not narrow.hits or covers_better(wide, narrow, index) else narrow


def quoted(quote: str, so_far: str, quotes: Sequence[str]) -> bool:
    """True when a part's ``quote`` adds nothing to the answer ``so_far``: it is in it, holds one of its ``quotes``,
    or each of its lines is in it (a table's lead-in and one row, after the lead-in with several rows)."""
    lines = [ln for ln in quote.split("\n") if ln]
    return quote in so_far or any(q in quote for q in quotes) or (bool(lines) and all(ln in so_far for ln in lines))
