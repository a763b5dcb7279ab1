"""Extractive answers (pure): choose verbatim sentences from retrieved sections and cite them."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.answer.candidates import Sentence
from assistant.answer.citing import citation, cite_tag, part_text, related_names, routed_lines
from assistant.answer.clauses import whole_article_ok
from assistant.answer.frames import frame
from assistant.answer.overlap import asked_rows, table_span
from assistant.answer.overview import WHOLE_ARTICLE_CHARS, first_sentences, overview_size, part_limit
from assistant.answer.quoted_names import article_clause, item_label
from assistant.answer.quotes import (
    ends_on_row,
    joined_lines,
    kuan_spans,
    listed,
    quote_spans,
    repeated_point,
    strip_label,
    table_row,
    unit_lines,
)
from assistant.answer.same_unit import join_same_unit, one_clause
from assistant.answer.sub_items import lead_once, point_lead
from assistant.records import Chunk, Citation, Hit

NOT_FOUND = "文件中未找到与该问题直接相关的内容。"
MAX_ANSWER_SENTENCES = 3
JOIN_MARGIN = 0.02  # a second sentence joins the answer when it scores within this of the best one
_ARTICLE_RE = re.compile(r"^[ \t\u3000]*第[^条條\n]{1,8}[条條]")


def _article(text: str) -> bool:
    """True for the text of an article ("第十三条 …", "第3条 …"): its lines are 款 and 项."""
    return bool(_ARTICLE_RE.match(text))


def expand(sentence: Sentence, figure: bool = False, whole_unit: int = 0, listing: bool = False) -> Sentence:
    """The sentence widened to the whole provision that holds it (see :mod:`assistant.answer.quotes`): the quoted
    lines joined (an opening article label left out; a point's lead-in before them unless they hold it); ``clause``
    names an article's 款/项 ("第二款", "第（三）项"; none for the whole article). ``whole_unit``: quote an article of
    at most this many characters whole (0: never); ``listing``: which ones are asked (an item with its lead-in's)."""
    text = sentence.unit or sentence.chunk.text
    article = _article(text)
    spans = (article and kuan_spans(text, sentence.clause)) or (not article and sentence.clause.startswith("第") and [(
        sentence.start, sentence.end)]) or quote_spans(  # an attachment's item looked up: its lines (clauses._item_of)
        text, sentence.start, sentence.end, figure, article or listed(text), whole_unit, listing)
    parts = [_opening(sentence.chunk, text[s:e]) if s == 0 else text[s:e] for s, e in spans]
    whole_text = len(spans) > 1 and len(spans) == len(unit_lines(text))  # every line: the unit, no 款/项
    clause = "" if whole_text else article_clause(text, spans) if article else item_label(text, spans)
    clause = clause or (sentence.clause if not article and sentence.clause.startswith(("（", "第")) else "")  # "（2）"
    start, end = spans[0][0], spans[-1][1]
    quote = joined_lines(parts) or text[start:end]
    lead = point_lead(sentence.chunk) if start == 0 else ""  # "下列车辆免收停放服务费：" over "3. 新能源汽车…的。"
    return replace(sentence, text=("" if lead in quote else lead) + quote, start=start, end=end, clause=clause)



def _with_asked_rows(sentence: Sentence, tokens: tuple[str, ...]) -> Sentence:
    """A quote holding rows of a table given its lead-in and the rows the question asks instead (:func:`overlap.
    asked_rows`): the row it names where another scored best ("A类人才…" and the D类 row), each row it names ("A类
    和D类各…"), not the whole table."""
    text = sentence.unit or sentence.chunk.text
    lines = text.split("\n")
    starts = [sum(len(x) + 1 for x in lines[:k]) for k in range(len(lines))]
    span = range(text.count("\n", 0, sentence.start), text.count("\n", 0, max(sentence.start, sentence.end - 1)) + 1)
    quoted = [k for k in span if table_row(lines[k])]
    rows = asked_rows(text, starts[quoted[0]], tokens) if tokens and quoted else []
    if not rows or rows == quoted:
        return sentence
    top = table_span(lines, rows[0])[0]  # the line above the table: its lead-in when it ends in a colon
    keep = ([top - 1] if top and lines[top - 1].rstrip().endswith(("：", ":")) else []) + rows
    texts = [_opening(sentence.chunk, lines[k]) if not starts[k] else lines[k] for k in keep]
    end = starts[keep[-1]] + len(lines[keep[-1]])
    return replace(sentence, text=joined_lines(texts), start=starts[keep[0]], end=end, clause="")


def _article_looked_up(sentence: Sentence) -> int:
    """The length up to which a unit looked up whole is quoted whole: any length for an article asked with no 款 or 项
    (its 款 together, a closing "但是……" too, however their sentences overlap), else 0."""
    text = sentence.unit or sentence.chunk.text
    return len(text) if not sentence.clause and _article(text) else 0


def _opening(chunk: Chunk, line: str) -> str:
    """A unit's first line without its label and heading title ("（一）完善设施。新建…" -> "新建…")."""
    body = strip_label(line)
    title = chunk.title
    if title and body.strip("（()）【】[] \t\u3000") == title:  # a heading line of its own ("二、补贴标准")
        return ""
    if title and body.startswith(title) and body[len(title):len(title) + 1] in ("。", "：", ":", " "):
        rest = body[len(title) + 1:].lstrip()
        return rest or body
    return body


def _best_per_hit(sentences: list[Sentence]) -> dict[int, Sentence]:
    """Each section's best sentence (the first of equals)."""
    return {s.hit_rank: s for s in sorted(sentences, key=lambda s: -s.score)[::-1]}


def pick_sentences(sentences: list[Sentence], tokens: tuple[str, ...] = (), figure: bool = False) -> list[Sentence]:
    """Pick the answer sentences for a free question (at most three).

    The best sentence comes first; a near tie (within ``JOIN_MARGIN``) from the top three
    sections joins it, and so does the best sentence of another section that contains every
    longer query term (three characters or more) the best sentence contains, so that "哪些地方提到
    了可信数据空间" lists each task that mentions it.
    """
    if not sentences:
        return []
    ranked = sorted(sentences, key=lambda s: -s.score)
    best = ranked[0]
    chosen = [best]
    shared = [] if figure else [t for t in tokens if len(t) >= 3 and t in best.text]
    for s in ranked[1:]:
        if len(chosen) >= MAX_ANSWER_SENTENCES:
            break
        near = best.score - s.score <= JOIN_MARGIN and s.hit_rank <= 2
        same_terms = bool(shared) and all(t in s.text for t in shared) and all(
            c.hit_rank != s.hit_rank for c in chosen)
        if near or same_terms:
            chosen.append(s)
    return sorted(chosen, key=lambda s: (s.hit_rank != best.hit_rank, s.hit_rank, s.position))


def _whole_line(sentence: Sentence, limit: int = WHOLE_ARTICLE_CHARS) -> Sentence:
    """A unit's quote in an overview: a unit of at most ``limit`` characters whole; else an article's
    line (款) that holds the sentence, with its items when it is a lead-in ("有下列情形之一的："), and the
    款 after it while all of them take at most ``limit`` characters (not a lead-in of items)."""
    text = sentence.unit or sentence.chunk.text
    article, short = _article(text), len(text) <= limit
    if not article:
        lines = [text[ln.start:ln.end] for ln in unit_lines(text)]
        body = joined_lines([_opening(sentence.chunk, lines[0]), *lines[1:]]) if short and lines else ""
        return replace(sentence, text=body, start=0, end=len(text)) if body else sentence
    start, end = text.rfind("\n", 0, sentence.start) + 1, text.find("\n", sentence.end)
    end = len(text) if end < 0 else end
    line = text[start:end].strip()
    if short or line.endswith(("：", ":")):
        return expand(sentence, whole_unit=limit)
    for following in text[end + 1:].split("\n") if end < len(text) else ():  # the next 款 while they fit
        if end + 1 + len(following) - start > limit or following.rstrip().endswith(("：", ":")):
            break
        end += 1 + len(following)
    lines = text[start:end].split("\n")
    quote = joined_lines([(_opening(sentence.chunk, lines[0]) or lines[0]) if start == 0 else lines[0], *lines[1:]])
    return replace(sentence, text=quote, start=start, end=end)


def _distinct(sentences: list[Sentence]) -> list[Sentence]:
    """Drop a quote overlapping one kept before it (same section) or within one (a point in its task's quote, lead-in
    aside), unless it holds all those it overlaps (a 款 with the one it refers back to, "违反前款规定的…"): then it
    takes their place; of two table rows, the better-scored stays."""
    out: list[Sentence] = []
    for s in sentences:
        if len(own := s.text.removeprefix(point_lead(s.chunk))) >= 6 and any(own in o.text for o in out):
            continue  # "持证残疾人…" quoted with "下列人员…免收门票：1.…3.持证残疾人…" already
        same = [o for o in out if o.chunk.key == s.chunk.key and s.start < o.end and o.start < s.end]
        if not same:
            out.append(s)
        elif all(s.start <= o.start and o.end <= s.end for o in same) and (s.start, s.end) != (same[0].start,
                                                                                                  same[0].end):
            at = min(out.index(o) for o in same)
            out = [o for o in out if all(o is not x for x in same)]
            out.insert(at, s)
        elif len(same) == 1 and s.score > same[0].score and all(ends_on_row(x.unit or x.chunk.text, x.end)
                                                                 for x in (s, same[0])):
            out[out.index(same[0])] = s
    return out


def compose_answer(hits: list[Hit], sentences: list[Sentence], route_kind: str, overview: bool, top_k: int,
                   tokens: tuple[str, ...] = (), with_title: bool = False, figure: bool = False, whole: bool = False,
                   listing: bool = False, lang: str = "zh-Hans") -> tuple[str, list[Citation]]:
    """Write the answer text and its citations.

    Args:
        hits: Retrieved sections, best first (routed sections first, in document order); ``sentences``: output
            of :func:`candidate_sentences`; ``route_kind``: "part", "task" or "hybrid".
        overview: The question only names sections (e.g. "第十二项任务讲的是什么"); ``top_k``: most citations.
        tokens: Query tokens (to find every section that mentions a term); ``with_title``: name the
            document in each tag; ``figure``: an amount, time limit or count is asked (see ``quotes``).
        whole: Quote every sentence of each routed unit ("再具体一点" after a turn that cited it); see
            :func:`overview.overview_size` for an overview. ``listing``: the question asks which ones
            (see :func:`expand`); ``lang``: the language of a part's header (:func:`frames.language`).

    Returns:
        The answer text and the citations, ordered by relevance.
    """
    best = {i: s if route_kind == "part" else expand(s, figure, 0, listing)
            for i, s in _best_per_hit(sentences).items()}
    if route_kind in ("part", "task"):
        routed = [i for i, h in enumerate(hits) if h.routed]
        chars = {s.hit_rank: len(s.unit or s.chunk.text) for s in sentences}  # a unit's whole text, not a piece's
        size = {i: overview_size(hits[i], route_kind, whole, len(routed), chars.get(i)) for i in routed}
        picks = {i: (first_sentences(sentences, i, size[i]) if overview or whole
                     else [_with_asked_rows(best[i], tokens)] if i in best else []) for i in routed}
        if route_kind == "task" and (overview or whole):  # a lead-in with every item (a table's rows)
            picks = {i: _distinct([_with_asked_rows(expand(s, figure, _article_looked_up(s), listing=True), tokens)
                                   for s in p]) for i, p in picks.items()}  # "A类人才安家补贴多少": its row
        limit = part_limit(picks) if route_kind == "part" else WHOLE_ARTICLE_CHARS
        picks = {i: _distinct([_with_asked_rows(_whole_line(s, limit), tokens) for s in p]) if route_kind == "part"
                 or (hits[i].chunk.level == "attachment" and not p[0].clause) else p for i, p in picks.items()}
        # an attachment's lines, or the rows of its table asked ("附件里第三阶梯的水价")
        quoted = {i: joined_lines([s.text for s in p]) for i, p in picks.items()}  # a table row keeps its break
        routed = [i for i in routed if not repeated_point(hits[i].chunk, [t for j, t in quoted.items() if j != i])]
        units = [(hits[i].chunk, one_clause(picks[i]), quoted[i]) for i in routed]
        cited = [(i, replace(picks[i][0], text=quoted[i], clause=one_clause(picks[i]))) for i in routed if picks[i]]
        text = (part_text(units, with_title, lang) if route_kind == "part"
                else "\n".join(routed_lines(units, with_title)))
    else:
        picked = pick_sentences(sentences, tokens, figure)
        sizes = [WHOLE_ARTICLE_CHARS if not k and whole_article_ok(s.unit or s.chunk.text, s.text)
                 and not asked_rows(s.unit or s.chunk.text, s.start, tokens) else 0 for k, s in enumerate(picked)]
        chosen = join_same_unit(_distinct([_with_asked_rows(expand(s, figure, n, listing), tokens)
                                           for s, n in zip(picked, sizes, strict=True)]))
        text = "".join(t + cite_tag(s.chunk, with_title, s.clause) for s, t in lead_once(chosen))
        cited = [(s.hit_rank, s) for s in chosen]
    others = [] if route_kind == "part" else [(i, best[i]) for i in sorted(best) if i < len(hits)]
    return text, _citations(hits, cited, others, top_k)


def _citations(hits: list[Hit], cited: list[tuple[int, Sentence]], others: list[tuple[int, Sentence]],
               top_k: int) -> list[Citation]:
    """The quoted sections' citations, then the best sentence of each other section, each section once,
    ``top_k`` in all (or as many as quoted)."""
    citations, seen = [], set()
    for i, s in cited + others:
        if hits[i].chunk.key in seen or len(citations) >= max(top_k, len(cited)):
            continue
        own = s.text.removeprefix(point_lead(s.chunk))  # a point's words without its task's lead-in
        if any(own in c.quote and c.doc_id == s.chunk.doc_id for c in citations[:len(cited)]):
            continue  # a point its task's quote holds already ("1.…" under "（二）…：1.…2.…")
        seen.add(hits[i].chunk.key)
        citations.append(citation(s.chunk, s.text, s.score, s.clause))
    return citations


def refusal(hits: list[Hit], sentences: list[Sentence], lang: str = "zh-Hans", several: bool = False
            ) -> tuple[str, list[Citation]]:
    """Say the documents do not cover the question (in ``lang``) and name up to three nearest sections, with
    their documents' titles when ``several`` documents are loaded."""
    best = _best_per_hit(sentences)
    related = [citation(hits[i].chunk, best[i].text, best[i].score) for i in sorted(best)[:3]]
    if not related:
        return frame("not_found", lang), []
    lines = [frame("not_found", lang), frame("related", lang)]
    lines += [f"- {name}" for name in related_names(related, several=several)]
    return "\n".join(lines), related
