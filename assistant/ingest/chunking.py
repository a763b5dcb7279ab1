"""Turn a parsed document into chunks: one per unit (an article, or the smallest numbered unit of an
administrative text), long units split along their paragraphs (款) and items (项), then sentences."""

from __future__ import annotations

from dataclasses import replace

from assistant.ingest.structure import PREAMBLE_LABEL, TreeNode, parse_tree
from assistant.ingest.trailing import enumerated
from assistant.ingest.tree import CLOSING_LABEL, Unit, chunk_units, join_labels, preamble_spans
from assistant.records import Chunk
from assistant.text.numerals import int_to_cn
from assistant.text.sentences import BRACKET_NOTE_RE, split_sentences

SPLIT_SEPARATORS = ("\n", "。", "；", "！", "？", "，", "")
CONTEXT_MAX_CHARS = 120

__all__ = ["build_chunks", "join_labels", "split_long", "split_unit"]


def split_long(text: str, max_chars: int, overlap: int) -> list[tuple[int, int]]:
    """Split a long text along sentence boundaries (langchain-text-splitters).

    Args:
        text: The text.
        max_chars: Largest piece; text not longer than this stays whole.
        overlap: Characters shared by consecutive pieces.

    Returns:
        ``(start, end)`` offsets of the pieces within ``text``.
    """
    if len(text) <= max_chars:
        return [(0, len(text))]
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(
        separators=list(SPLIT_SEPARATORS), keep_separator="end", chunk_size=max_chars,
        chunk_overlap=overlap, strip_whitespace=True,
    )
    spans, cursor = [], 0
    for piece in splitter.split_text(text):
        start = text.find(piece, cursor)
        if start < 0:  # the splitter never rewrites text; guard anyway
            start = text.find(piece)
        spans.append((start, start + len(piece)))
        cursor = start + 1
    return spans


def _line_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, pos = [], start
    for line in text[start:end].split("\n"):
        if line.strip():
            s = pos + len(line) - len(line.lstrip())
            out.append((s, pos + len(line.rstrip())))
        pos += len(line) + 1
    return out


def split_unit(text: str, start: int, end: int, max_chars: int, overlap: int) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` into pieces of at most ``max_chars``: whole paragraphs and items
    (lines) packed together, a line longer than that cut along sentences.

    Returns:
        Absolute ``(start, end)`` offsets, in order, covering every line of the span.
    """
    if end - start <= max_chars:
        return [(start, end)]
    pieces: list[tuple[int, int]] = []
    for s, e in _line_spans(text, start, end):
        if pieces and _whole_line(text, pieces[-1]) and e - pieces[-1][0] <= max_chars:
            pieces[-1] = (pieces[-1][0], e)
        else:
            pieces += [(s + a, s + b) for a, b in split_long(text[s:e], max_chars, overlap)]
    return pieces


def _whole_line(text: str, span: tuple[int, int]) -> bool:
    """True if the piece ends where a line ends (so the next line may be packed onto it)."""
    return span[1] >= len(text) or text[span[1]] == "\n"


def lead_in(text: str, unit_start: int, piece_start: int) -> str:
    """The context of a piece: the nearest lead-in line before it ending in "：" (an item list's
    opening sentence), else the unit's first sentence; "" for the piece that holds it."""
    before = _line_spans(text, unit_start, piece_start)
    for s, e in reversed(before):
        if text[s:e].endswith(("：", ":")):
            return text[s:e][:CONTEXT_MAX_CHARS]
    if not before:
        return ""
    first = text[before[0][0] : before[0][1]]
    sentences = split_sentences(first)
    return first[sentences[0][0] : sentences[0][1]][:CONTEXT_MAX_CHARS] if sentences else ""


def parent_heading(text: str, node: TreeNode) -> str:
    """The heading line of the task a point belongs to ("（三）推进贸易便利化，打造物流分拨中心。"), or of
    the part right above it when that part is a heading alone over its points ("二、申请材料" over "1. 居民
    身份证原件；"): a point's own text rarely repeats it, so it is the point's context; "" for other units."""
    parent = node.parent
    if parent is None or not parent.lines:
        return ""
    if node.role == "task" and parent.role == "part":  # "下列车辆免收停车费：" over "（一）…；（二）…。"
        return _items_lead_in(text, parent)
    heading_part = parent.role == "part" and node.role == "point" and len(parent.lines) == 1
    if parent.role != "task" and not heading_part:
        return ""
    s, e = parent.lines[0]
    return text[s:e].strip()[:CONTEXT_MAX_CHARS]


def _items_lead_in(text: str, part: TreeNode) -> str:
    """The lead-in line a part's own text ends with, above tasks that are items of it
    (:func:`trailing.enumerated`), else ""."""
    tasks = [c for c in part.children if c.role == "task"]
    own = [ln for ln in part.lines if tasks and ln[1] <= tasks[0].start]
    line = text[slice(*own[-1])].strip() if own else ""
    return line[:CONTEXT_MAX_CHARS] if line.endswith(("：", ":")) and enumerated(tasks, text) else ""


def _anchor(node: TreeNode) -> TreeNode:
    ancestors = node.ancestors()
    return ancestors[0] if ancestors else node


def _base_chunk(text: str, unit: Unit, doc_id: str, doc_title: str) -> Chunk:
    node = unit.node
    anchor = _anchor(node)
    own = "\n".join(text[s:e] for s, e in unit.spans)
    # A one-sentence unit ("1. 每季度更新一次目录。") has no title apart from its content; a note in
    # brackets after it ("（牵头单位：民政部）") is no second sentence.
    sentences = [x for x in split_sentences(own) if not BRACKET_NOTE_RE.fullmatch(own[x[0]:x[1]].strip())]
    title = node.title if len(sentences) > 1 or node.children else ""
    part = int_to_cn(anchor.number) if anchor.role == "part" and anchor.number else anchor.label
    return Chunk(doc_id, doc_title, node.label, node.number, title, part, anchor.title, "", 0, 0,
                 level=node.role, path=tuple(a.label for a in node.ancestors()), path_label=unit.path)


def build_chunks(text: str, doc_id: str, doc_title: str, max_chars: int = 320, overlap: int = 0,
                 root: TreeNode | None = None) -> list[Chunk]:
    """Parse a document and return its chunks in text order.

    Articles are chunked whole (lead-in, items, following paragraphs); outside articles each
    numbered leaf, and the own text of a unit with children when it is more than a title line.
    The preamble is a chunk labelled "引言" with no number when it has content, the document's own
    lines after its numbered body one labelled "结语" ("本通知自…起施行。"). A unit longer than
    ``max_chars`` is split (see :func:`split_unit`); every piece keeps the unit's label and path,
    and pieces after the first carry the unit's lead-in in ``context``; a point under a task heading
    carries that heading (:func:`parent_heading`).

    Args:
        text: The document body (metadata removed).
        doc_id: Stable id of the document.
        doc_title: Title shown in citations.
        max_chars: Longest piece.
        overlap: Characters shared by consecutive sentence pieces of one long line.
        root: The parsed tree, when the caller already has it.

    Returns:
        Chunks whose ``text`` equals ``text[start:end]``.
    """
    root = root or parse_tree(text)
    pre = Chunk(doc_id, doc_title, PREAMBLE_LABEL, None, "", "", "", "", 0, 0, level="preamble",
                path_label=PREAMBLE_LABEL)
    closing = replace(pre, label=CLOSING_LABEL, path_label=CLOSING_LABEL)
    bases, spans = [], []
    for unit in chunk_units(text, root):
        base = _base_chunk(text, unit, doc_id, doc_title)
        bases.append((base, unit))
        spans += [(base, s, e) for s, e in unit.spans]
    body = min((s for _, s, _ in spans), default=len(text))  # the root's lines after it close the document
    spans += [(pre if s < body else closing, s, e) for s, e in preamble_spans(text, root)]
    spans.sort(key=lambda x: x[1])
    starts: dict[int, int] = {}
    for base, s, _ in spans:
        starts.setdefault(id(base), s)
    counters: dict[str, int] = {}
    chunks = []
    headings = {id(base): parent_heading(text, unit.node) for base, unit in bases}
    for base, s, e in spans:
        unit_start = starts[id(base)]
        for ps, pe in split_unit(text, s, e, max_chars, overlap):
            piece = counters.get(base.path_label, 0)
            counters[base.path_label] = piece + 1
            chunks.append(replace(base, text=text[ps:pe], start=ps, end=pe, piece=piece,
                                  context=lead_in(text, unit_start, ps) or headings.get(id(base), "")))
    return chunks
