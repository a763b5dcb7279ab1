"""An answer as one plain text with numbered source notes, for clients that only show text.

Used by the OpenAI-compatible endpoint and the MCP ``ask`` tool: the answer's section tags get
a marker (``…超35%。（十七）[1]``) and the sources follow as notes (``[1] 《…工作计划》（十七）夯实算力基础设施``).
"""

from __future__ import annotations

import re

from assistant.records import Answer, Citation
from assistant.text.chinese import book_title

FALLBACK_NOTES = {
    "llm_not_configured": "（未配置大模型，以上为原文摘录）",
    "llm_unavailable": "（大模型暂不可用，以上为原文摘录）",
    "unverified": "（生成的回答未能在原文中核实，以上为原文摘录）",
}


def section_name(citation: Citation) -> str:
    """The cited section's path label, e.g. "（十七）" or "第三章 第十一条"."""
    return citation.path or citation.label


def cited(answer: Answer) -> list[Citation]:
    """The citations the answer text refers to (all of them for a generative answer), in order."""
    if answer.mode == "generative":
        return list(answer.citations)
    return [c for c in answer.citations
            if section_name(c) and re.search(_tag_pattern(section_name(c)), answer.answer)]


def _tag_pattern(name: str) -> str:
    """A section tag in the text: "（十七）" as it is; "第十一条" only inside "（…第十一条）"."""
    if name.startswith("（"):
        return re.escape(name)
    return rf"(?<=[（》]){re.escape(name)}）"


def mark_tags(text: str, citations: list[Citation]) -> str:
    """Put ``[n]`` after each tag of the n-th citation (longest names first, so "二、1." beats "二、")."""
    numbers = {section_name(c): i for i, c in enumerate(citations, 1)}
    if not numbers:
        return text
    names = sorted(numbers, key=len, reverse=True)
    pattern = re.compile("|".join(f"(?P<t{k}>{_tag_pattern(n)})" for k, n in enumerate(names)))

    def marker(match: re.Match) -> str:
        name = names[int(match.lastgroup[1:])]
        return f"{match.group(0)}[{numbers[name]}]"

    return pattern.sub(marker, text)


def note_line(number: int, citation: Citation) -> str:
    """One source note: ``[1] 《文件》（十七）标题``."""
    name = section_name(citation)
    title = citation.title if citation.number is not None else ""
    return f"[{number}] {book_title(citation.doc_title)}{name}{title}"


def with_notes(answer: Answer) -> str:
    """The answer text with ``[n]`` markers, a fallback remark if any, then the numbered notes.

    Example: "全市数据中心标准机架总数超6.5万架……（十七）[1]\\n\\n[1] 《青岛市……工作计划》（十七）夯实算力基础设施".
    """
    sources = cited(answer)
    parts = [mark_tags(answer.answer, sources)]
    if answer.fallback in FALLBACK_NOTES:
        parts.append(FALLBACK_NOTES[answer.fallback])
    if sources:
        parts.append("\n".join(note_line(i, c) for i, c in enumerate(sources, 1)))
    return "\n\n".join(parts)
