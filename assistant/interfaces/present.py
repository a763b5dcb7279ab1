"""Answer → text for people, shared by the CLI and the chat UI: which citations the answer quotes,
the notes on a generative answer that fell back to quotes, and the plain-text form of an answer."""

from __future__ import annotations

import re

from assistant.answer.citing import related_names
from assistant.answer.frames import frame, language
from assistant.records import Answer, Citation
from assistant.text.chinese import book_title
from assistant.text.numerals import numbered_part

# Why a generative answer was asked for but quotes are shown (Answer.fallback -> note).
FALLBACK_NOTES = {
    "llm_not_configured": "未配置大模型，以上为原文摘录",
    "llm_unavailable": "大模型暂不可用，以上为原文摘录",
    "unverified": "生成的回答未能在原文中核实，以上为原文摘录",
}


def fallback_note(answer: Answer) -> str | None:
    """The note for the answer's ``fallback`` reason; None without one or for an unknown reason."""
    return FALLBACK_NOTES.get(answer.fallback or "")


def part_name(part: str) -> str:
    """"六" -> "第六部分"; other part labels ("第二章") unchanged; empty for the preamble."""
    return f"第{part.rstrip('、')}部分" if numbered_part(part) else part


def split_citations(answer: Answer, min_quoted: int = 0) -> tuple[list[Citation], list[Citation]]:
    """The citations the answer text quotes, and the other related ones.

    A generative answer quotes every citation it keeps; an extractive one those whose label its
    text names or whose quote it holds (a part's own paragraph, listed without a label). With
    ``min_quoted`` the first citations count as quoted when none is named.
    """
    generated = answer.mode == "generative"
    text = answer.answer
    quoted = [c for c in answer.citations if generated or _names(text, c) or (c.quote and c.quote in text)]
    quoted = quoted or list(answer.citations[:min_quoted])
    return quoted, [c for c in answer.citations if c not in quoted]


_N = "〇零一二三四五六七八九十百"
_CLAUSE_TAG = rf"((?:第[{_N}]+款)?(?:第[（(][{_N}]+[）)]项)?)(?![之{_N}\d])"  # after a label: its 款/项, if any


def _names(text: str, citation: Citation) -> bool:
    """Whether ``text`` names the citation's unit itself: "第十五条" not inside "第十五条之一"; a 款 or 项
    cited ("第十四条第二款") not by a tag of another one ("第十四条第一款")."""
    tags = re.finditer(re.escape(citation.label) + _CLAUSE_TAG, text)
    return any(not tag.group(1) or not citation.clause or tag.group(1) == citation.clause for tag in tags)


def source_line(citation: Citation) -> str:
    """How a quoted source is named: "《…工作计划》第六部分 （十七）夯实算力基础设施", "《…条例》第五条第二款"."""
    name = (citation.path or citation.label) + citation.clause  # "第五条第二款" for a paragraph quoted alone
    part = f"{part_name(citation.part)} " if numbered_part(citation.part) and "、" not in name else ""
    title = "" if name.endswith(citation.title) else citation.title  # a part labelled by its title
    space = " " if title and re.search(r"[\u4e00-\u9fff\d]$", name) else ""  # "附件1 项目申报书", "（一）完善…"
    return f"{book_title(citation.doc_title)}{part}{name}{space}{title}"


def answer_text(answer: Answer) -> str:
    """An answer as plain text: the answer, its fallback note, its quoted sources, then others related."""
    lines = [answer.answer, ""]
    if answer.fallback:
        note = fallback_note(answer)
        lines.insert(1, f"（{note}）" if note else answer.fallback)
    quoted, others = split_citations(answer)
    lang = language(answer.question)
    colon = ": " if lang == "en" else "："
    if quoted:
        lines.append(frame("sources", lang) + colon.strip())
        for i, c in enumerate(quoted, 1):
            lines.append(f"[{i}] {source_line(c)}")
            lines.append(f"    “{c.quote}”")
    if others:
        names = related_names(others, answer.citations)  # with their documents when the answer spans several
        lines.append(frame("others", lang) + colon + ("; " if lang == "en" else "；").join(names))
    return "\n".join(lines).rstrip()
