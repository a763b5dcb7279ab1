"""Numbering parser (pure): the tree of a Chinese legal or administrative text (its flat view and spans:
:mod:`assistant.ingest.tree`; attachments after the body: :mod:`assistant.ingest.attachments`).

Levels are ranked by meaning, never by the order in which they first appear:

- legal: 第X编 (book) > 第X章 (chapter) > 第X节 (section) > 第X条 (article); inside an article the
  list markers are its items: the outermost list level is ``item`` (（一） or, when the article has
  no （一）, 1.), the next ``point``, deeper ones ``subpoint``;
- administrative: 一、 (part) > （一） (task) > 1. (point) > （1） and ① (subpoint).

Simplified and traditional unit words (条/條, 节/節, 编/編), Chinese and Arabic numerals (half or full
width) and half- or full-width brackets are recognised. A heading is only a line that starts with a
label; a 第X条/章/节/编 label must continue its numbering (or be followed by a space), and a label
followed by cross-reference wording ("第二条规定的…", "（三）项") is running text, not a heading.

Text ownership: every content line belongs to exactly one node. A legal item owns only its own
paragraph (and its sub-points); a paragraph after an article's item list belongs to the article.
In an administrative list whose members are one paragraph each, paragraphs after the last member
belong to the enclosing unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from assistant.ingest.attachments import (
    attached_articles,
    attachment_heading,
    attachment_title,
    lists_attachments,
    sole_attachment,
)
from assistant.ingest.metadata import date_line
from assistant.ingest.numbering import Numbering
from assistant.ingest.outline import article_title
from assistant.ingest.trailing import lift_trailing, untitle_items
from assistant.text.numerals import CN_NUMERAL_CHARS, DIGIT_LABEL_END, cn_to_int, int_to_cn

_CN = f"[{CN_NUMERAL_CHARS}]+"
_DIGITS = "[0-9０-９]{1,3}"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_LEAD_RE = re.compile(r"[ \t\u3000]*(?:#{1,6}[ \t]*)?(?:\*\*)?")
TITLE_MAX_CHARS = 40
PREAMBLE_LABEL = "引言"
LEGAL_KINDS = ("book", "chapter", "section", "article")
_TERMINAL = "。；;：:！？!?”’」』）)】"

# Lines that web pages append to documents; they end a section and are never content.
BOILERPLATE_RE = re.compile(
    r"^[ \t\u3000]*(?:扫一扫在手机打开当前页|打印本页|关闭窗口|【打印】|【关闭】|【字体[:：].*|分享到[:：].*)[ \t]*$",
    re.MULTILINE,
)


@dataclass(frozen=True)
class Marker:
    """One kind of numbering label: its rank (0 = outermost) and its regex (at a line start)."""

    kind: str
    rank: int
    pattern: re.Pattern[str]


def _marker(kind: str, rank: int, body: str) -> Marker:
    return Marker(kind, rank, re.compile(body))


MARKERS: tuple[Marker, ...] = (
    _marker("book", 0, rf"第(?P<n>{_CN}|{_DIGITS})(?P<u>[编編])"),
    _marker("chapter", 1, rf"第(?P<n>{_CN}|{_DIGITS})(?P<u>章)"),
    _marker("section", 2, rf"第(?P<n>{_CN}|{_DIGITS})(?P<u>[节節])"),
    _marker("article", 3, rf"第(?P<n>{_CN}|{_DIGITS})(?P<u>[条條](?:之[一二三四五六七八九十]+)?)"),
    _marker("part", 4, rf"(?P<n>{_CN})、"),
    _marker("task", 5, rf"[（(](?P<n>{_CN})[）)]"),
    _marker("point", 6, rf"(?P<n>{_DIGITS})[.．、]{DIGIT_LABEL_END}(?![.．])"),
    _marker("subpoint", 7, rf"[（(](?P<n>{_DIGITS})[）)]"),
    _marker("circled", 8, f"(?P<n>[{_CIRCLED}])"),
)
# A Q&A's question line ("问：商户可以在门口摆摊经营吗？", "问3：…？", "Q2: …?"): a unit with its "答：" lines, labelled
# with its own number or else numbered on from the one before ("问3"; "第3问" looks it up), at a point's rank, no title.
_ASKED = rf"(?:[问問](?:题|題)?|Q)[ \t\u3000]*(?P<n>{_DIGITS}|{_CN})?[ \t\u3000]*[：:][^\n]*[？?][ \t\u3000]*$"
QUESTION = Marker("question", 6, re.compile(_ASKED))
LIST_ROLES = ("item", "point", "subpoint")
# A heading without a number that a Markdown file marks as such ("## 申请材料", see ``formats.plaintext``): a part
# labelled by its title, numbered 0 (no 第N部分 reaches it).
TITLED = Marker("part", 4, re.compile(""))
_TITLED_RE = re.compile(r"[ \t\u3000]*#{2,6}[ \t]+([^。；;！!？?\n]{1,40}?)[ \t]*$")


@dataclass(frozen=True)
class Heading:
    """A label at a line start: offsets, marker, number and normalised label."""

    start: int
    body_start: int
    line_end: int
    marker: Marker
    number: int
    label: str


@dataclass
class TreeNode:
    """A unit of a document while and after parsing (mutable; see :func:`parse_tree`).

    ``lines`` are the ``(start, end)`` offsets of the lines the node itself owns (its heading line
    first); children own the rest of its span. ``role`` is the level name used in records and JSON.
    """

    role: str
    rank: int
    label: str = ""
    number: int | None = None
    title: str = ""
    kind: str = ""
    lines: list[tuple[int, int]] = field(default_factory=list)
    children: list[TreeNode] = field(default_factory=list)
    parent: TreeNode | None = None
    legal_list: bool = False

    @property
    def start(self) -> int:
        """Offset of the node's first character (its own first line or its first child's)."""
        firsts = [self.lines[0][0]] if self.lines else []
        return min(firsts + [c.start for c in self.children]) if firsts or self.children else 0

    @property
    def end(self) -> int:
        """Offset just past the node's last character, children included."""
        lasts = [self.lines[-1][1]] if self.lines else []
        return max(lasts + [c.end for c in self.children]) if lasts or self.children else 0

    def ancestors(self) -> list[TreeNode]:
        """Enclosing numbered nodes, outermost first (the root is not included)."""
        out, node = [], self.parent
        while node is not None and node.role != "root":
            out.append(node)
            node = node.parent
        return out[::-1]

    def walk(self):
        """This node and every descendant, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()


def format_label(kind: str, number: int, unit: str = "") -> str:
    """The normalised label of a heading: "第十三条", "（十七）", "1.", "（2）", "①"."""
    if kind == "circled":
        return _CIRCLED[number - 1]
    if kind in LEGAL_KINDS:
        return f"第{int_to_cn(number)}{unit}"
    return {"part": f"{int_to_cn(number)}、", "task": f"（{int_to_cn(number)}）",
            "point": f"{number}.", "subpoint": f"（{number}）"}[kind]


def _match_heading(text: str, start: int, end: int) -> Heading | None:
    lead = _LEAD_RE.match(text, start, end)
    pos = lead.end() if lead else start
    for marker in MARKERS:
        m = marker.pattern.match(text, pos, end)
        if not m:
            continue
        raw = m.group("n")
        try:
            number = _CIRCLED.index(raw) + 1 if marker.kind == "circled" else cn_to_int(raw)
        except ValueError:
            return None
        unit = m.groupdict().get("u") or ""
        return Heading(pos, m.end(), end, marker, number, format_label(marker.kind, number, unit))
    if asked := QUESTION.pattern.match(text, pos, end):  # "问3：…？" keeps its number; parse_tree numbers "问：…？"
        return Heading(pos, pos, end, QUESTION, cn_to_int(asked.group("n")) if asked.group("n") else 0, "")
    titled = _TITLED_RE.match(text, start, end)  # "## 申请材料" of a Markdown guide: a part named by its title
    return Heading(titled.start(1), end, end, TITLED, 0, titled.group(1).strip()) if titled else None


def _lines(text: str):
    yield from ((m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group(0).strip())


def _title(text: str, h: Heading) -> str:
    if h.marker is TITLED:
        return h.label
    if h.marker is QUESTION:
        return ""
    line = text[h.body_start : h.line_end].strip(" \t\u3000*#")
    if h.marker.kind in ("book", "chapter", "section"):
        return line if len(line) <= TITLE_MAX_CHARS else ""
    if h.marker.kind == "article":
        return article_title(line)
    first = line.split("。", 1)[0].strip(" \t\u3000*#")
    if first.endswith(("：", ":")) and "。" not in line:
        return ""  # a lead-in to the items below ("3. 经营者应当做到以下几点："), no title
    if re.match(r"[ \t\u3000]*但", line.partition("。")[2]):
        return ""  # "（二）残疾人驾驶的机动车。但是，…": a rule with its exception, no heading
    title = first.rstrip("：:；;，,")  # a first sentence with a figure ("…2026年底前新增5万部。…") is content
    return title if 0 < len(title) <= TITLE_MAX_CHARS and not ("。" in line and re.search(r"\d", title)) else ""


def _answering(stack: list[TreeNode], text: str, h: Heading) -> TreeNode | None:
    """The Q&A question whose answer lists ``h`` ("答：申请人应当同时符合以下条件：" over "（一）…；（二）…"): its
    answer's last line is a lead-in ending in "：", or ``h`` follows an item of that list and numbers on; None
    otherwise ("（二）关于审核" after an answer's full stop or its list's last item heads the next questions)."""
    if h.marker is QUESTION or h.marker.rank < 5:
        return None
    question = next(n for n in reversed(stack) if not n.legal_list)
    if question.kind != "question":
        return None
    if stack[-1].legal_list:  # the list goes on, unless the last item closed it and a heading follows
        top = stack[-1]
        closed = text[top.lines[-1][0]:top.lines[-1][1]].rstrip().endswith("。") and not re.search(
            f"[{_TERMINAL}]$", text[h.start:h.line_end].rstrip())
        return None if closed or (top.kind == h.marker.kind and h.number != (top.number or 0) + 1) else question
    last = question.lines[-1]
    return question if text[last[0]:last[1]].rstrip().endswith(("：", ":")) else None


def _list_head(node: TreeNode) -> TreeNode:
    """The unit a list item belongs to (its nearest ancestor that is no list item): an article or a question."""
    return next(a for a in reversed(node.ancestors()) if not a.legal_list)


def _open(stack: list[TreeNode], text: str, h: Heading) -> TreeNode:
    answer = _answering(stack, text, h)
    # "## 政策解读" after a law's articles: a part of its own beside the chapters, not an item of the last article
    rank = 0 if h.marker is TITLED and any(n.kind in LEGAL_KINDS for n in stack) else h.marker.rank
    if answer is not None:  # an item of an answer's list: under its question, as items under an article
        while stack[-1] is not answer and stack[-1].rank >= rank:
            stack.pop()
    else:  # the next question, or a heading after the list, closes it
        while stack[-1].rank >= rank or (stack[-1].legal_list and _list_head(stack[-1]).kind == "question"):
            stack.pop()
    parent = stack[-1]
    legal_parent = next((n for n in [parent, *parent.ancestors()[::-1]] if n.kind in LEGAL_KINDS), None)
    legal_list = answer is not None or (rank > 3 and legal_parent is not None
                                        and legal_parent.kind == "article")
    if legal_list:
        depth = sum(1 for n in [*parent.ancestors(), parent] if n.legal_list)
        role = LIST_ROLES[min(depth, 2)]
    else:
        role = {"circled": "subpoint", "question": "point"}.get(h.marker.kind, h.marker.kind)
    node = TreeNode(role, rank, h.label, h.number, _title(text, h), h.marker.kind,
                    [(h.start, h.line_end)], parent=parent, legal_list=legal_list)
    parent.children.append(node)
    stack.append(node)
    return node


def _owner(stack: list[TreeNode], text: str) -> TreeNode:
    """The node a content line belongs to: legal items own one paragraph (unless it wraps)."""
    top = stack[-1]
    if top.legal_list and top.lines and text[top.lines[-1][1] - 1] in _TERMINAL:
        while stack[-1].legal_list:
            stack.pop()
    return stack[-1]


def parse_tree(text: str) -> TreeNode:
    """Parse a document into its tree.

    Args:
        text: The document body (one paragraph per line; metadata already removed).

    Returns:
        The root node (role ``"root"``): its own lines are the preamble (text before the first
        heading); boilerplate lines of web pages belong to no node.
    """
    root = TreeNode("root", -1)
    stack, attachment, listing, closed, asked = [root], None, False, False, 0
    seq = Numbering(LEGAL_KINDS)
    boiler = {m.start() for m in BOILERPLATE_RE.finditer(text)}
    lines = [(start, end) for start, end in _lines(text) if start not in boiler]
    for k, (start, end) in enumerate(lines):
        line = text[start:end]
        if (root.children or closed) and (opened := attachment_heading(line) or sole_attachment(  # "附件1", its own
                line, [text[s:e] for s, e in lines[k + 1:]], date_line)):
            label, title = opened
            attachment = TreeNode("attachment", 0, label, None, title, "attachment", [(start, end)], parent=root)
            root.children.append(attachment)
        elif attachment is not None:  # its lines are not the body's numbering
            attachment.lines.append((start, end))
            attachment.title = attachment.title or (len(attachment.lines) == 2 and attachment_title(line)) or ""
        else:
            h = _match_heading(text, start, end)
            listing = lists_attachments(line) or (listing and h is not None and h.marker.kind == "point")
            closed = closed or listing or date_line(line)  # a signature's date ends a body of plain paragraphs too
            heads = h is not None and not listing and seq.accept(  # "附件：1．…" "2．…": no points
                text[h.body_start:h.line_end], h.marker.kind, h.number, h.label)
            if heads:
                asked = (h.number or asked + 1) if h.marker is QUESTION else asked
                _open(stack, text, replace(h, number=asked, label=f"问{asked}") if h.marker is QUESTION else h)
            else:
                _owner(stack, text).lines.append((start, end))
    lift_trailing(root, text, LEGAL_KINDS)
    untitle_items(root, text, LEGAL_KINDS)
    for node in [c for c in root.children if c.role == "attachment"]:
        attached_articles(node, text, parse_tree, LEGAL_KINDS)
    return root
