"""A chapter's 节 asked for ("第五章有哪些节", "第二章分几节"): the sections listed from the document's tree,
each with its title and the articles it spans, or "不分节" when the chapter has none (pure functions)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answer.citing import citation
from assistant.answer.frames import frame
from assistant.records import Chunk, Citation
from assistant.text.chinese import book_title, fold_traditional

# "有哪些节", "分几节", "共有多少节", "哪几节": a count or list of 节 (never "情节", "第二节").
_ASKS_SECTIONS_RE = re.compile(r"(?:哪些|哪几|几|多少)个?节")


def asks_sections(question: str) -> bool:
    """Whether ``question`` asks which, or how many, 节 a chapter has."""
    return bool(_ASKS_SECTIONS_RE.search(fold_traditional(question)))


def chapter_node(trees: dict[str, list[dict]], doc_id: str, chapter: str) -> dict | None:
    """The top-level node of ``doc_id``'s tree labelled ``chapter`` ("第五章"), or None."""
    return next((n for n in trees.get(doc_id, []) if n.get("label") == chapter), None)


def articles_of(node: dict) -> list[dict]:
    """The article-level descendants of ``node`` (items and 款 not counted), in document order."""
    found = []
    for child in node.get("children", []):
        if child.get("level") in ("section", "chapter", "part"):
            found += articles_of(child)
        elif child.get("level") != "item":
            found.append(child)
    return found


def article_span(articles: Sequence[dict]) -> str:
    """"（第三十九条至第五十条）", "（第五十一条）" or "" for no articles."""
    if not articles:
        return ""
    first, last = articles[0]["label"], articles[-1]["label"]
    return f"（{first}）" if first == last else f"（{first}至{last}）"


def sections_answer(node: dict, doc_title: str, chunks: Sequence[Chunk], doc_id: str, with_title: bool,
                    lang: str = "zh-Hans") -> tuple[str, list[Citation]]:
    """The answer to a 节 question about chapter ``node``: a header ("《…》第五章“…”分为4节：") and one line
    per 节 with its title and articles ("1. 第一节 一般规定（第三十九条至第五十条）"), cited by each 节's
    first article (its first line quoted); a chapter without 节 says so and counts its articles."""
    name = f"{book_title(doc_title) if with_title else ''}{node['label']}“{node.get('title', '')}”"
    sections = [c for c in node.get("children", []) if c.get("level") == "section"]
    by_label: dict[str, Chunk] = {}
    for chunk in chunks:  # an article's first piece
        if chunk.doc_id == doc_id:
            by_label.setdefault(chunk.label, chunk)
    if not sections:  # each article by its first line, as a part look-up lists them
        articles = [by_label[a["label"]] for a in articles_of(node) if a["label"] in by_label]
        lines = [frame("no_sections", lang, name=name, count=len(articles))]
        lines += [f"{n}. {c.text.splitlines()[0]}" for n, c in enumerate(articles, 1)]
        return "\n".join(lines), [citation(c, c.text.splitlines()[0], 1.0) for c in articles]
    lines, cited = [frame("sections", lang, name=name, count=len(sections))], []
    for n, section in enumerate(sections, 1):
        articles = articles_of(section)
        lines.append(f"{n}. {section['label']} {section.get('title', '')}".rstrip() + article_span(articles))
        if articles and (chunk := by_label.get(articles[0]["label"])) is not None:
            cited.append(citation(chunk, chunk.text.splitlines()[0], 1.0))
    return "\n".join(lines), cited


def chapter_sections(question: str, reference: str, hits: Sequence, trees: dict[str, list[dict]],
                     chunks: Sequence[Chunk], with_title: bool, lang: str,
                     titles: dict[str, str] | None = None) -> tuple[str, list[Citation], list[str]] | None:
    """:func:`sections_answer` for a part look-up (``reference``: the route's, e.g. "第五章") asking for
    its 节: answered from the document of the first routed hit, or, when that chapter has no 节 and
    another document's chapter of that number has (``titles``: doc_id -> title of the documents
    searched), from that one; with the titles of the other documents that have such a chapter (for
    the line naming them). None when the question does not ask for 节, a 节 is named already
    ("第五章第二节"), or the chapter is not in the tree."""
    routed = [h.chunk for h in hits if h.routed]
    if not routed or not asks_sections(question) or not re.fullmatch(r"第[^第节節]+章", reference):
        return None
    titles = titles or {routed[0].doc_id: routed[0].doc_title}
    having = [(d, n) for d in dict.fromkeys([routed[0].doc_id, *titles]) if (n := chapter_node(trees, d, reference))]
    if not having:
        return None
    doc_id, node = next(((d, n) for d, n in having if any(c.get("level") == "section" for c in n["children"])),
                        having[0])
    title = titles.get(doc_id, routed[0].doc_title)
    text, cited = sections_answer(node, title, chunks, doc_id, with_title, lang)
    return text, cited, [titles.get(d, d) for d, _ in having if d != doc_id]
