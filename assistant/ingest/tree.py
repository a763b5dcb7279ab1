"""Addresses and records of a parsed document tree (pure): paths, own texts and chunk units."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from assistant.ingest.structure import PREAMBLE_LABEL, TITLE_MAX_CHARS, TreeNode, parse_tree
from assistant.records import Node, Section
from assistant.text.sentences import split_sentences

# The document's own lines after its numbered body ("本通知自2026年2月1日起施行。"): its closing.
CLOSING_LABEL = "结语"


def join_labels(labels: tuple[str, ...]) -> str:
    """Join a path of labels for people: "第三章 第十一条", "二、1.", "（十七）", "第九条 （一）"."""
    out = ""
    for label in labels:
        out += (" " if out and (label.startswith("第") or out.split(" ")[-1].startswith("第")) else "") + label
    return out


def full_path(node: TreeNode) -> tuple[str, ...]:
    """Labels of a node and its ancestors, outermost first."""
    return (*(a.label for a in node.ancestors()), node.label)


def assign_paths(root: TreeNode) -> dict[int, str]:
    """Name every node by the shortest tail of its full path that no other node shares.

    "第十三条" in a law (articles are unique), "（十七）" in the plan (tasks never restart), "二、1."
    where points restart under each part, "第二章 第一节" where sections restart under chapters; a path
    that needs its parent's label writes the parent as the parent's own path does ("二、（二）1.").
    A path still shared (the same full path twice) gets "#2", "#3" … in document order.

    Returns:
        ``id(node) -> path`` for every node except the root.
    """
    nodes = [n for n in root.walk() if n.role != "root"]
    fulls = {id(n): full_path(n) for n in nodes}
    counts = Counter(f[-k:] for f in fulls.values() for k in range(1, len(f) + 1))
    need = {id(n): next(k for k in range(1, len(f) + 1) if counts[f[-k:]] == 1 or k == len(f))
            for n in nodes for f in [fulls[id(n)]]}
    # One convention per level: when any unit of a level needs its parent's label, all do ("三、（四）").
    group: dict[tuple[str, int], int] = {}
    for n in nodes:
        key = (n.role, len(fulls[id(n)]))
        group[key] = max(group.get(key, 1), need[id(n)])
    # Tasks numbered from （一） that all lie in one later part ("九、其他事项" over "（一）…（四）") name it:
    # nothing shows that their numbers run on through the document as the plan's "（十七）" do.
    tasks = [n for n in nodes if n.role == "task"]
    part = tasks[0].parent if tasks else None
    if part is not None and part.role == "part" and (part.number or 0) > 1 and tasks[0].number == 1 \
            and all(n.parent is part for n in tasks) and len(part.children) == len(tasks):
        key = ("task", len(fulls[id(tasks[0])]))
        group[key] = max(group[key], 2)
    # A path that names its parent names it as the parent's own path does: "二、（二）1." under "二、（二）"
    # (a point under a task whose label restarts in each part), not "（二）1.".
    length = {id(n): group[(n.role, len(fulls[id(n)]))] for n in nodes}
    for n in nodes:  # parents come first
        if n.parent is not None and id(n.parent) in length and length[id(n)] >= 2:
            length[id(n)] = max(length[id(n)], min(length[id(n.parent)] + 1, len(fulls[id(n)])))
    for n in nodes:  # a unit of an attachment names it: "附件2 第五条", not the body's "第五条"
        at = next((k for k, a in enumerate(n.ancestors()) if a.role == "attachment"), None)
        if at is not None:
            length[id(n)] = max(length[id(n)], len(fulls[id(n)]) - at)
    paths: dict[int, str] = {}
    used: Counter[str] = Counter()
    for n in nodes:
        f = fulls[id(n)]
        path = join_labels(f[-length[id(n)]:])
        used[path] += 1
        paths[id(n)] = path if used[path] == 1 else f"{path}#{used[path]}"
    return paths


def is_title_line(line: str) -> bool:
    """A short one-sentence line with no list lead-in: a heading's title, not content."""
    line = line.strip()
    return ("\n" not in line and len(split_sentences(line)) <= 1 and len(line) <= TITLE_MAX_CHARS + 6
            and not line.endswith(("：", ":")))


def preamble_spans(text: str, root: TreeNode) -> list[tuple[int, int]]:
    """The preamble's spans, or [] when it is blank or only a title line."""
    spans = segments(text, root.lines)
    body = "\n".join(text[s:e] for s, e in spans).strip()
    if not body or ("\n" not in body and "。" not in body):
        return []
    return spans


def to_nodes(text: str, root: TreeNode) -> list[Node]:
    """The document's top-level units as :class:`Node` records (the preamble first, when it has content)."""
    paths = assign_paths(root)

    def convert(n: TreeNode) -> Node:
        spans = tuple(segments(text, n.lines))
        return Node(n.role, n.label, paths[id(n)], full_path(n), n.number, n.title,
                    "\n".join(text[s:e] for s, e in spans), spans, tuple(convert(c) for c in n.children))

    nodes = [convert(c) for c in root.children]
    pre = preamble_spans(text, root)
    body = min((s for n in nodes for s, _ in n.spans), default=len(text))
    for label, spans, at in ((PREAMBLE_LABEL, [x for x in pre if x[0] < body], 0),
                             (CLOSING_LABEL, [x for x in pre if x[0] >= body], len(nodes) + 1)):
        if spans:  # the lines before the numbered body, and those after it (see chunking.chunk_document)
            nodes.insert(at, Node("preamble", label, label, (label,), None, "",
                                  "\n".join(text[s:e] for s, e in spans), tuple(spans)))
    return nodes


def document_nodes(text: str) -> list[Node]:
    """Parse a document body and return its tree (see :func:`to_nodes`)."""
    return to_nodes(text, parse_tree(text))


@dataclass(frozen=True)
class Unit:
    """A chunk unit: a node with the spans of its text that chunks are cut from."""

    node: TreeNode
    path: str
    spans: tuple[tuple[int, int], ...]


def _whole(node: TreeNode) -> bool:
    """A unit kept whole with everything under it: an article, a Q&A question with its answer's list, or a point
    or task whose children are all sub-points ("3. 经营者应当做到以下几点：（1）…（2）…": the lead-in and its items,
    as in an article)."""
    return node.kind in ("article", "question") or (
        bool(node.children) and all(c.role == "subpoint" for c in node.children))


def _inside_whole(node: TreeNode) -> bool:
    return any(_whole(a) for a in node.ancestors())


def chunk_units(text: str, root: TreeNode) -> list[Unit]:
    """The units chunks are made of, in text order.

    An article is one unit with its whole text (lead-in, items, later paragraphs), and so is a point
    or task whose children are all sub-points （1）/①; elsewhere every numbered leaf is a unit,
    and a node with children is a unit for its own text when that is more than a title line (a
    part's lead-in, paragraphs after its list).
    """
    paths = assign_paths(root)
    units = []
    for node in root.walk():
        if node.role == "root" or _inside_whole(node):
            continue
        if _whole(node):
            units.append(Unit(node, paths[id(node)], ((node.start, node.end),)))
            continue
        spans = segments(text, node.lines)
        if node.children:
            spans = [(s, e) for s, e in spans if not (s == node.lines[0][0] and is_title_line(text[s:e]))]
        if spans:
            units.append(Unit(node, paths[id(node)], tuple(spans)))
    return sorted(units, key=lambda u: u.spans[0][0])


def segments(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge a node's own lines into contiguous spans (lines separated by blank lines only)."""
    spans: list[list[int]] = []
    for s, e in lines:
        if spans and not text[spans[-1][1] : s].strip():
            spans[-1][1] = e
        else:
            spans.append([s, e])
    return [(s, e) for s, e in spans]


def parse_sections(text: str) -> list[Section]:
    """Every numbered unit of a document, in text order (a flat view of :func:`parse_tree`).

    Returns:
        Sections whose ``text[start:end]`` is the unit's first own span (its heading line and the
        lines right after it up to its first child); ``level`` is the role (see the module doc).
    """
    out = []
    for node in parse_tree(text).walk():
        if node.role == "root":
            continue
        s, e = segments(text, node.lines)[0]
        out.append(Section(node.role, node.label, node.number or 0, s, e, node.title,
                           tuple(a.label for a in node.ancestors())))
    return out
