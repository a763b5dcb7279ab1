"""Numbering parser (pure): finds the headings of Chinese policy texts and turns them into chunks.

Recognised levels, each at the start of a line (optionally after Markdown ``#`` marks):
第X章, 第X节, 第X条, 一、, （一）/(一), 1./1、, （1）/(1), ①. Their nesting is decided by the order
in which the levels first appear in a document, the way Chinese official documents nest them
(一、 holds （一）, which holds 1., which holds （1）; 第一章 holds 第一条). A new heading closes every
open section at its own level or deeper.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.records import Section
from assistant.text.numerals import CN_NUMERAL_CHARS, cn_to_int, int_to_cn

_CN = f"[{CN_NUMERAL_CHARS}]+"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PREFIX = r"^[ \t\u3000]*(?:#{1,6}[ \t]*)?(?:\*\*)?"
TITLE_MAX_CHARS = 40
PREAMBLE_LABEL = "引言"

# Lines that web pages append to documents; they end a section and are never content.
BOILERPLATE_RE = re.compile(
    r"^[ \t\u3000]*(?:扫一扫在手机打开当前页|打印本页|关闭窗口|【打印】|【关闭】|【字体[:：].*|分享到[:：].*)[ \t]*$",
    re.MULTILINE,
)


@dataclass(frozen=True)
class Level:
    """One numbering scheme: its name, heading regex and full-width label format."""

    name: str
    pattern: re.Pattern[str]
    label_format: str
    chinese: bool


def _level(name: str, body: str, label_format: str, chinese: bool) -> Level:
    return Level(name, re.compile(_PREFIX + body, re.MULTILINE), label_format, chinese)


LEVELS: tuple[Level, ...] = (
    _level("chapter", rf"第(?P<n>{_CN}|\d+)章", "第{}章", True),
    _level("section", rf"第(?P<n>{_CN}|\d+)节", "第{}节", True),
    _level("article", rf"第(?P<n>{_CN}|\d+)条", "第{}条", True),
    _level("part", rf"(?P<n>{_CN})、", "{}、", True),
    _level("task", rf"[（(](?P<n>{_CN})[）)]", "（{}）", True),
    _level("item", r"(?P<n>\d{1,2})[.．、](?![\d.．])", "{}.", False),
    _level("subitem", r"[（(](?P<n>\d{1,2})[）)]", "（{}）", False),
    _level("circled", f"(?P<n>[{_CIRCLED}])", "{}", False),
)


def _number(level: Level, raw: str) -> int:
    if level.name == "circled":
        return _CIRCLED.index(raw) + 1
    return cn_to_int(raw)


def format_label(level: Level, number: int) -> str:
    """Return the normalised full-width label of a heading, e.g. ``"（十七）"`` or ``"1."``."""
    if level.name == "circled":
        return _CIRCLED[number - 1]
    return level.label_format.format(int_to_cn(number) if level.chinese else number)


def _title_after(text: str, pos: int) -> str:
    line_end = text.find("\n", pos)
    line = text[pos : line_end if line_end >= 0 else len(text)]
    title = line.split("。", 1)[0].strip(" \t\u3000*#")
    return title if 0 < len(title) <= TITLE_MAX_CHARS else ""


def _find_headings(text: str) -> list[tuple[int, int, Level, int]]:
    """Return ``(start, body_start, level, number)`` for each heading, in text order."""
    found: dict[int, tuple[int, int, Level, int]] = {}
    for level in LEVELS:
        for match in level.pattern.finditer(text):
            line_start = match.start()
            if line_start in found:  # an earlier (outer) level already claimed this line
                continue
            try:
                number = _number(level, match.group("n"))
            except ValueError:
                continue
            start = line_start + len(match.group(0)) - len(match.group(0).lstrip(" \t\u3000"))
            found[line_start] = (start, match.end(), level, number)
    return [found[k] for k in sorted(found)]


def parse_sections(text: str) -> list[Section]:
    """Find every numbered section of a document.

    Args:
        text: The whole document.

    Returns:
        Sections in text order. ``end`` stops at the next heading (of any level) or boilerplate
        line, with trailing whitespace trimmed, so ``text[start:end]`` is the section's own text.
    """
    headings = _find_headings(text)
    stops = sorted({h[0] for h in headings} | {m.start() for m in BOILERPLATE_RE.finditer(text)})
    rank: dict[str, int] = {}
    stack: list[tuple[int, str]] = []
    sections = []
    for start, body_start, level, number in headings:
        rank.setdefault(level.name, len(rank))
        while stack and stack[-1][0] >= rank[level.name]:
            stack.pop()
        end = next((s for s in stops if s > start), len(text))
        while end > start and text[end - 1].isspace():
            end -= 1
        label = format_label(level, number)
        sections.append(
            Section(
                level=level.name,
                label=label,
                number=number,
                start=start,
                end=end,
                title=_title_after(text, body_start),
                parents=tuple(lbl for _, lbl in stack),
            )
        )
        stack.append((rank[level.name], label))
    return sections


def preamble_span(text: str, sections: list[Section]) -> tuple[int, int] | None:
    """Return the offsets of the text before the first heading, or None if it is blank or is a
    single title line (no "。")."""
    limit = sections[0].start if sections else len(text)
    boiler = BOILERPLATE_RE.search(text, 0, limit)
    limit = boiler.start() if boiler else limit
    start = len(text[:limit]) - len(text[:limit].lstrip())
    end = len(text[:limit].rstrip())
    body = text[start:end]
    if "\n" not in body and "。" not in body:
        return None  # only the document's title line
    return (start, end) if end > start else None
