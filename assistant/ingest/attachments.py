"""Attachments (附件) after a document's body (pure).

A notice often ends with its attachments: forms, tables, rules of their own ("附件1" over "揭榜挂帅项目申报书",
"附件2：项目评审办法" over its own 第一条…). Each is a unit of its own, labelled "附件1" (a bare "附件": the only
one), whose lines are not parsed into the body's numbering: its "一、" is not the notice's 一、, its "第一条" not
an article of the notice. An attachment that is a rule of its own has its own chapters and articles under it,
named with it ("附件2 第五条", :func:`attached_articles`). The list of attachments before the signature
("附件：1．申报书" then "2．评审办法") is text of the document's closing, not points of its last part.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection
from typing import Any

from assistant.text.numerals import cn_to_int

_ATTACHMENT_RE = re.compile(
    r"^[ \t\u3000]*(?:#{1,6}[ \t]*)?(?:\*\*)?附\s*件\s*(?P<n>[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})?"
    r"(?:\*\*)?[ \t\u3000]*(?:[：:][ \t\u3000]*(?P<title>[^。\n]{0,60}?))?[ \t\u3000*]*$")
_LIST_RE = re.compile(r"^[ \t\u3000]*附\s*件\s*[：:][ \t\u3000]*\S")
TITLE_MAX_CHARS = 40


def attachment_heading(line: str) -> tuple[str, str] | None:
    """``(label, title)`` of a line opening an attachment: "附件1" -> ("附件1", ""), "附件2：项目评审办法" ->
    ("附件2", "项目评审办法"), "附件" alone -> ("附件", ""); None for other lines and for the list of
    attachments ("附件：1．申报书", "附件：申报表": no number of its own)."""
    m = _ATTACHMENT_RE.match(line)
    if not m or (m.group("n") is None and m.group("title")):
        return None
    raw = unicodedata.normalize("NFKC", m.group("n") or "")
    number = int(raw) if raw.isdigit() else cn_to_int(raw) if raw else None
    return (f"附件{number}" if number else "附件"), (m.group("title") or "").strip()


def sole_attachment(line: str, after: list[str], dated: Callable[[str], bool]) -> tuple[str, str] | None:
    """``("附件", title)`` for a line "附件：title" over the one attachment itself, not a list before the signature:
    the lines ``after`` it (the rest of the document) open no other attachment and the next three are no signature
    (none is a date, ``dated``), as "附件：补贴标准一览表" after a 办法's last article, over the table. None else."""
    m = _ATTACHMENT_RE.match(line)
    if not m or m.group("n") is not None or not m.group("title") or not after or re.match(r"\s*\d", m.group("title")):
        return None
    if any(attachment_heading(x) or lists_attachments(x) for x in after) or any(dated(x) for x in after[:3]):
        return None
    return "附件", m.group("title").strip()


def lists_attachments(line: str) -> bool:
    """True for the line opening the list of attachments before the signature ("附件：1．申报书")."""
    return bool(_LIST_RE.match(line))


def attachment_title(line: str) -> str:
    """An attachment's title from the first line under its heading ("揭榜挂帅项目申报书"): a short line
    without sentence punctuation, else ""."""
    line = line.strip(" \t\u3000*#")
    return line if 0 < len(line) <= TITLE_MAX_CHARS and not re.search(r"[。；;：:，,]", line) else ""


def attached_articles(attachment: Any, text: str, parse: Callable[[str], Any], legal: Collection[str]) -> None:
    """Give an attachment that is a rule of its own ("附件2" over "…资金管理办法" and its 第一条…) its chapters
    and articles, parsed as a law's (``parse``: the tree parser; ``legal``: the kinds of a law's units) and placed
    under it (a ``TreeNode``, changed in place); other attachments (forms, tables, plans in 一、…) stay one unit."""
    if len(attachment.lines) < 3:
        return
    start = attachment.lines[1][0]
    sub = parse(text[start:attachment.lines[-1][1]])
    nodes = [n for n in sub.walk() if n is not sub]
    if any(c.kind not in legal for c in sub.children) or sum(n.kind == "article" for n in nodes) < 2:
        return
    for node in nodes:
        node.lines = [(s + start, e + start) for s, e in node.lines]
    for child in sub.children:
        child.parent = attachment
    attachment.lines = attachment.lines[:1] + [(s + start, e + start) for s, e in sub.lines]
    attachment.children = sub.children
