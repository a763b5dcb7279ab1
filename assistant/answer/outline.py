"""A document's outline asked for ("养犬条例分为哪几章", "有几章", "这个通知分几个部分", "Which chapters does the
regulation have?", "条例的目录"): its top-level chapters (编, or a notice's parts) listed from the document's tree
with their titles and, for chapters, the articles each spans; each cited by its first article or unit (pure)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answer.attachment_list import attachment_list
from assistant.answer.citing import citation
from assistant.answer.frames import frame
from assistant.answer.sections import article_span, articles_of
from assistant.records import Chunk, Citation
from assistant.retrieve.docnames import DOC_TYPES, doc_kinds, strip_names
from assistant.text.chinese import book_title, fold_traditional

# "哪几章", "有几章", "多少个部分", "哪些编", "有哪些章节"; not "第几章" (where something is) nor "几节" (a chapter's).
_ASKS_RE = re.compile(r"(?<![第节])(?:哪些|哪几|几|多少)个?(?:章|编|部分)(?![节節])|章节(?!中|里|内)"
                      r"|(?i:\b(?:which|what|how many) (?:chapters|parts)\b)")
_CONTENTS_RE = re.compile(r"\s*(?:的)?目录\s*(?:是什么|是啥|有哪些|呢)?\s*[？?]?\s*")  # "养犬条例的目录"
_LEVELS = ("book", "chapter", "part")


# What a document as a whole holds, asked of the document named alone ("国办发〔2025〕12号讲了什么", "实施意见的
#主要内容是什么"): its chapters or parts answer.
_ABOUT_RE = re.compile(r"\s*(?:的)?(?:主要)?(?:内容(?:是什么|有哪些)?|(?:讲|说|写)了?(?:些)?(?:什么|啥)|讲的是什么"
                       r"|是关于什么的?|有哪些内容)\s*(?:呢)?\s*[？?]?\s*")
_DEICTIC_RE = re.compile(r"^\s*(?:这个|这份|该|本)")


def asks_outline(question: str) -> bool:
    """Whether ``question`` asks for a document's chapters or parts (or its 目录, or what it holds, the document
    named alone: by its name, number or kind word)."""
    question = fold_traditional(question)
    rest = strip_names(question)
    if _ASKS_RE.search(question) or _CONTENTS_RE.fullmatch(rest):
        return True
    bare = _DEICTIC_RE.sub("", rest).strip()
    kind = _KIND_RE.match(bare)  # "方案", "阅读方案": a few words with the document's kind
    named = bool(kind) or rest.strip() != question.strip()  # something named the document
    return named and bool(_ABOUT_RE.fullmatch(bare[kind.end():] if kind else bare))


_KIND_RE = re.compile(rf"[\u4e00-\u9fff]{{0,8}}?(?:{'|'.join(sorted(DOC_TYPES, key=len, reverse=True))})")


def document_outline(question: str, named: Sequence[str], documents: Sequence[dict], trees: dict[str, list[dict]],
                     chunks: Sequence[Chunk], lang: str = "zh-Hans") -> tuple[str, list[Citation]] | None:
    """The outline answer for the one document the question names (``named``: doc_ids), or the only one loaded
    (``documents``: the manifest's entries), or the attachments asked of them (:mod:`attachment_list`); None
    when the question asks for no outline, names no single document among several, names one of its chapters
    by title, or the document has no chapters or parts.

    Returns:
        ``("《…》共5章：\\n1. 第一章 总则（第一条至第五条）\\n…", citations)``, one citation per listed unit.
    """
    doc_ids = list(named) or _by_kind(question, documents) or [d["doc_id"] for d in documents]
    titles = {d["doc_id"]: d["title"] for d in documents}
    if (attached := attachment_list(question, doc_ids, titles, chunks, lang)) is not None:
        return attached  # "通知的附件有哪些": the attachments' titles
    if len(doc_ids) != 1 or not asks_outline(question):
        return None
    doc_id = doc_ids[0]
    nodes = [n for n in trees.get(doc_id, []) if n.get("level") in _LEVELS]
    if not nodes:
        return None
    level = nodes[0]["level"]
    nodes = [n for n in nodes if n["level"] == level]
    folded = fold_traditional(question)
    if any(len(n.get("title", "")) >= 2 and fold_traditional(n["title"]) in folded for n in nodes):
        return None  # "关于数据要素市场的章节讲了什么": that chapter (the router's), not the outline
    first: dict[str, Chunk] = {}
    for chunk in chunks:
        if chunk.doc_id == doc_id:
            for label in (chunk.label, *chunk.path[:1]):
                first.setdefault(label, chunk)
    lines = [frame(f"outline_{level}", lang, name=book_title(titles.get(doc_id, doc_id)), count=len(nodes))]
    cited = []
    for number, node in enumerate(nodes, 1):
        articles = articles_of(node) if level != "part" else []  # a notice's part: no article span
        lines.append(f"{number}. {_heading(node)}{article_span(articles)}")
        anchor = first.get(articles[0]["label"]) if articles else first.get(node["label"])
        if anchor is not None:
            cited.append(citation(anchor, anchor.text.splitlines()[0], 1.0))
    return "\n".join(lines), cited


def _by_kind(question: str, documents: Sequence[dict]) -> list[str]:
    """The one document whose kind (:func:`docnames.doc_kinds`: the type words its title ends in) the question
    names ("意见分几个部分" with one 意见 loaded); [] when none or several."""
    found = [d["doc_id"] for d in documents if any(k in question for k in doc_kinds(fold_traditional(d["title"])))]
    return found if len(found) == 1 else []


def _heading(node: dict) -> str:
    label, title = node["label"], node.get("title", "")
    return f"{label}{title}" if label.endswith("、") else f"{label} {title}".rstrip()
