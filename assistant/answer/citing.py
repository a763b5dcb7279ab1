"""How answers name and cite units (pure): path labels, citation tags and records, part headers."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.answer.frames import frame
from assistant.answer.sub_items import point_lead
from assistant.records import PART_LEVELS, Chunk, Citation
from assistant.retrieve.lookup import heading_title
from assistant.text.chinese import book_title
from assistant.text.numerals import numbered_part


def section_name(chunk: Chunk) -> str:
    """The section's path label ("（十七）", "二、1.", "第三章 第十一条")."""
    return chunk.path_label or chunk.label


def _with_clause(name: str, clause: str) -> str:
    """An article's name with its 款/项 ("第三条第（二）项"), 项 as 項 in a traditional document's own script."""
    return name + (clause.replace("项", "項") if "條" in name else clause)


def titled(label: str, title: str) -> str:
    """A label with its title: "（十七）夯实算力基础设施"; an article's title in brackets, as such
    titles are printed ("第三条（补贴标准）")."""
    if not title or label.endswith(title):  # a part labelled by its title ("## 申请材料")
        return label
    return f"{label}（{title}）" if label.endswith(("条", "條")) else f"{label}{title}"


def label_text(chunk: Chunk, clause: str = "") -> str:
    """How a section is named to people: label and title, e.g. "（十七）夯实算力基础设施"; with the
    ``clause`` of an article quoted alone, "第五条第二款" (项 as 項 in a traditional document)."""
    if clause and chunk.level == "article":  # "第三条第（二）项": the article's title would stand inside it
        return _with_clause(section_name(chunk), clause)
    name = section_name(chunk) + clause
    return titled(name, chunk.title) if chunk.number is not None else name


def cite_tag(chunk: Chunk, with_title: bool = False, clause: str = "") -> str:
    """The tag that ends an answer sentence: "（十七）", "（第三章 第十一条第二款）", or with the
    document's title when several documents are indexed, always in one pair of brackets so that it
    stands apart from the next quote: "（《…工作计划》（十七））", "（《…管理办法》第十一条第二款第（三）项）";
    in a traditional document "第三條第（一）項"; a point with its parents' labels ("（一、（一）1.）")."""
    name = section_name(chunk)
    if chunk.level in ("point", "subpoint") and name == chunk.label and chunk.path:
        name = "".join(chunk.path) + name  # "一、（一）1.", not a bare "1." (its path when unique)
    name = _with_clause(name, clause)
    if with_title:
        return f"（{book_title(chunk.doc_title)}{name}）"
    return name if name.startswith("（") else f"（{name}）"


def citation(chunk: Chunk, quote: str, score: float, clause: str = "") -> Citation:
    """Build a citation for a verbatim quote of a chunk (``clause``: its 款/项, e.g. "第二款"); its
    ``reference`` is the tag's standard form with the document's title ("《…条例》第五条第二款")."""
    return Citation(chunk.doc_id, chunk.doc_title, chunk.label, chunk.number, chunk.title,
                    chunk.part, quote, round(score, 4), section_name(chunk), clause,
                    cite_tag(chunk, with_title=True, clause=clause)[1:-1])


def _labelled(chunk: Chunk, quote: str) -> str:
    """A point's label and quote on a line: "1.新建…"; a reading's question apart ("问3　问：…？答：…"), not twice
    when the quote opens with it ("问3：…？答：…", a question numbered by its document)."""
    if chunk.label.startswith("问"):
        return quote if quote.startswith(chunk.label) else f"{chunk.label}　{quote}"
    return f"{chunk.label}{quote}"


def part_header(units: Sequence[Chunk], with_title: bool, count: int | None = None, lang: str = "zh-Hans") -> str:
    """The first line of a part answer listing ``units`` (the first units of its sections): "第六部分“…”
    包括以下4项任务：" or "第二章“总则”包括以下3项：", naming the 节 they all lie in ("第二章“…”第一节
    包括以下2项："); of a part that is one unit, "第三部分“发展目标”："; ``count``: the items listed, when
    not one per unit (a task's points listed under it); ``lang``: the frame's language (the part's name stays
    verbatim: 'Chapter 第三章“…” has 5 items:')."""
    chunk, count = units[0], count or len(units)
    sections = {c.path[1] if len(c.path) > 1 and c.path[1].endswith(("节", "節")) else "" for c in units}
    section = sections.pop() if len(sections) == 1 else ""
    doc = book_title(chunk.doc_title) if with_title else ""
    numbered = numbered_part(chunk.part)
    name = f"{'第' if numbered else ''}{chunk.part}{'部分' if numbered else ''}“{chunk.part_title}”{section}"
    if count == 1:
        return f"{doc}{name}：" if lang != "en" else f"{doc}{name}:"
    return frame("part_tasks" if numbered else "part_items", lang, name=f"{doc}{name}", count=str(count))


def related_names(citations: Sequence[Citation], among: Sequence[Citation] = (), several: bool = False) -> list[str]:
    """How related sections are listed: "（二）推进公交优先发展", each after its document's title
    ("《…意见》1.") when they, or the whole answer's citations ``among``, come from several documents, or
    when ``several`` are loaded (a refusal's list: a bare "第十条" of one of them says not which)."""
    several = several or len({c.doc_id for c in (*citations, *among)}) > 1
    return [f"{book_title(c.doc_title) if several else ''}{titled(c.path or c.label, c.title)}" for c in citations]


def routed_lines(units: Sequence[tuple[Chunk, str, str]], with_title: bool, in_part: bool = False) -> list[str]:
    """One line per unit looked up, from ``(chunk, clause, quote)``: its label (with the document's title
    when ``with_title``) and its quote; a point goes on the line of its task when that is listed too
    ("（三）推进智慧物业建设：…1.推广…2.建设…"), and the points of a task that is only a heading
    ("（三）强化融资支持" over 1. 2.) share one line under that heading, named with its part ("二、（三）
    强化融资支持：") unless ``in_part`` (a part's own listing, under a header naming the part); those of a task
    not listed, whose lead-in is a sentence, share the line of their task's path and lead-in."""
    lines: list[str] = []
    at: dict[tuple[str, tuple[str, ...]], int] = {}  # (doc_id, a unit's path with its label) -> its line
    shown: set[str] = set()  # a point's lead-in quoted once (:func:`sub_items.point_lead`)
    for chunk, clause, quote in units:
        doc = book_title(chunk.doc_title) if with_title else ""
        parent = (chunk.doc_id, chunk.path)
        heading = chunk.context.rstrip("。；;：:") if chunk.level == "point" and heading_title(chunk.context) else ""
        lead = point_lead(chunk)
        if lead and quote.startswith(lead) and (heading or parent in at or lead in shown):
            quote = quote[len(lead):]  # the heading or its task's line says it, or a point above did
        shown.add(lead)
        if heading and not in_part and len(chunk.path) > 1 and heading.startswith(chunk.path[-1]):
            heading = "".join(chunk.path[:-1]) + heading  # numbering may restart in each part
        if chunk.level == "point" and parent in at:
            lines[at[parent]] += _labelled(chunk, quote)
            continue
        if heading:
            lines.append(f"{doc}{heading}：{_labelled(chunk, quote)}")
        elif chunk.level == "point" and lead and quote.startswith(lead):  # its task's path, lead-in, then the point
            heading = "".join(chunk.path)  # "二、（二）：各地要…重点检查以下内容：1.…2.…", not "1.：各地要…"
            lines.append(f"{doc}{heading}：{lead}{_labelled(chunk, quote[len(lead):])}")
        else:
            name = doc + label_text(chunk, clause)  # one paragraph (款) looked up: "第五条第二款"
            if chunk.level == "attachment" and quote.startswith(chunk.label):
                name = doc  # its heading line opens the quote: "附件：…一览表", not "附件：附件：…"
            lines.append(f"{name}{'' if name.endswith(('？', '?')) or name == doc else '：'}{quote}"
                         if quote else name)  # "…？答："
        at[(chunk.doc_id, (*chunk.path, chunk.label)) if not heading else parent] = len(lines) - 1
    return lines


def part_text(units: Sequence[tuple[Chunk, str, str]], with_title: bool, lang: str = "zh-Hans") -> str:
    """A part look-up's answer from ``(chunk, clause, quote)`` in document order: :func:`part_header`,
    then one numbered line per section (:func:`routed_lines`). The part's own paragraphs stand
    unnumbered and uncounted under the header when they come before its first section, after the list
    when after it ("各区要将设施建设情况于每季度末报市民政局汇总。" closing a part of two tasks)."""
    listed = [u for u in units if u[0].level not in PART_LEVELS] or list(units)
    own = [u for u in units if u not in listed and u[2]]
    lines = routed_lines(listed, False, in_part=True)
    body = [f"{n}. {line}" for n, line in enumerate(lines, 1)] if len(lines) > 1 else lines
    first = listed[0][0].start
    before, after = [q for c, _, q in own if c.start < first], [q for c, _, q in own if c.start >= first]
    return "\n".join([part_header([c for c, _, _ in listed], with_title, len(lines), lang), *before, *body, *after])
