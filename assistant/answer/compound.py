"""Compound questions (pure): "认定规则要考虑哪些因素，认定结果要告诉谁" asks two things.

One search for the whole question finds the provision of its stronger half and quotes only that;
the pipeline asks each part on its own and joins the answers (``Pipeline._compose_parts``). A part
is a clause (between "，", "；", "？", "。") that asks something itself — it has a question word — and
names at least ``MIN_TOPIC_WORDS`` topic words; a clause without a question word is the context of
the next one ("执法人员当场处罚的话，罚款最多多少" is one question), and a clause too short to stand
alone ("有没有例外") stays with the one before it. Written for general questions, no document's words.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from assistant.answer.scope import asks_figure
from assistant.retrieve.hybrid import Retrieval

# Question words of Mandarin (and the sentence-final particles of yes/no questions).
_ASKS_RE = re.compile(
    r"什么|啥|哪些|哪个|哪家|哪里|哪儿|哪几|哪类|哪种|多少|多久|多长|几[个天日年月次项类种家名人条]|谁"
    r"|怎么|怎样|如何|为何|是否|能否|可否|要不要|能不能|可不可以|是不是|有没有|会不会|需不需要|用不用"
    r"|[吗么呢][？?]?$")
_CLAUSE_RE = re.compile(r"[^，,；;？?。！!]+[，,；;？?。！!]*")
MIN_TOPIC_WORDS = 2
# At most this many parts are searched (bounded work per request).
MAX_PARTS = 3
# "A和B分别由谁来定": the subjects before 分别 and what is asked of each.
_EACH_RE = re.compile(r"^(?P<subjects>[^；;？?。]+?)[，,]?(?:分别|各自|各(?=[要需应是由怎如在有能]))"
                      r"(?P<ask>[^，,；;？?。]+)")
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
        if parts and len(topic_words(_ASKS_RE.sub(" ", bare))) < MIN_TOPIC_WORDS:
            parts[-1] += text  # too short to stand alone: it continues the part before
        else:
            parts.append(text)
    if pending and parts:
        parts[-1] += pending
    parts = [p.rstrip("，,；;？?。！! ") for p in parts]
    return parts[:MAX_PARTS] if len(parts) >= 2 else []


def _each(question: str) -> list[str]:
    """"A和B分别由谁来定" -> ["A由谁来定", "B由谁来定"] (also 各自, 各要…); [] when the question has
    no such form. Words qualifying the first subject ("政府采购的") go with the others that have none."""
    m = _EACH_RE.match(question)
    if not m:
        return []
    subjects = [x.strip(" ，,") for x in _SUBJECT_SPLIT_RE.split(m.group("subjects")) if x.strip(" ，,")]
    if not 2 <= len(subjects) <= MAX_PARTS or not _ASKS_RE.search(m.group("ask")):
        return []
    # words before the first subject that qualify all of them ("政府采购的"): kept with each
    qualifier = subjects[0][: subjects[0].rfind("的") + 1] if "的" in subjects[0] else ""
    return [(qualifier if "的" not in s else "") + s + m.group("ask") for s in subjects]


def runner_up(part: str, found: Retrieval) -> Retrieval | None:
    """For a part asking a figure ("采购人多少天内答复") whose best section is quoted already (by an earlier
    part): ``found`` with only its second section, when that lies in the same document (it is quoted if
    it holds such a figure: the refusal model checks the answer type); None otherwise."""
    if not asks_figure(part) or len(found.hits) < 2 or found.hits[1].chunk.doc_id != found.hits[0].chunk.doc_id:
        return None
    return replace(found, hits=found.hits[1:2])
