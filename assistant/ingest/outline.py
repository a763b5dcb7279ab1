"""Document outlines and units, built from the index (pure functions over its records).

- :func:`document_tree`: a document's whole tree (each node: ``level``, ``label``, ``path``,
  ``number``, ``title``, ``text`` (its own text), ``children``) with its metadata;
- :func:`unit_record`: one unit by path, with its children and its whole text;
- :func:`units_by_number`: the units a number may name, so a caller can answer or list candidates;
- :func:`clause_of`: the 款 and 项 of an article a quote lies in ("第二款", "第（三）项");
- :func:`document_outline` / :func:`section_record`: the older parts → sections view of chunks.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence

from assistant.errors import DocumentNotFoundError
from assistant.records import Chunk, section_text
from assistant.text.numerals import DIGIT_LABEL_END, SIMPLIFIED_UNITS, int_to_cn

_ITEM_RE = re.compile(r"^[ \t\u3000]*(?:[（(](?P<cn>[一二三四五六七八九十百〇零]+)[）)]"
                      rf"|(?P<d>\d{{1,3}})[.．、]{DIGIT_LABEL_END})")

# Items written "一、…" under an article's lead-in ("应当具备下列条件：\n一、…；\n二、…。"), as some
# local regulations number them: 项 like "（一）" (the optional group d never matches).
COMMA_ITEM_RE = re.compile(r"^[ \t\u3000]*(?P<cn>[一二三四五六七八九十]+)、(?P<d>(?!))?")


def _comma_items(lines: Sequence[str], flags: list[bool]) -> list[bool]:
    """``flags`` with the "一、" lines that follow a lead-in ending in a colon, or such an item, as items."""
    out = list(flags)
    for i in range(1, len(lines)):
        before = lines[i - 1].strip()
        if COMMA_ITEM_RE.match(lines[i]) and (before.endswith(("：", ":")) or (out[i - 1] and COMMA_ITEM_RE.match(
                lines[i - 1]))):
            out[i] = True
    return out


def document_tree(document: dict, tree: list[dict]) -> dict:
    """A document's manifest entry with its tree.

    Args:
        document: The manifest's entry (``doc_id``, ``title``, ``path``, ``metadata`` …).
        tree: The document's top-level nodes (``IndexData.trees[doc_id]``).

    Returns:
        ``{"doc_id", "title", "path", "metadata", "children": [node …]}``; each node is
        ``{"level", "label", "path", "full_path", "number", "title", "text", "spans", "children"}``.
    """
    return {"doc_id": document["doc_id"], "title": document["title"], "path": document.get("path", ""),
            "metadata": document.get("metadata", {}), "children": tree}


def fold_path(path: str) -> str:
    """A path compared loosely: width-folded, traditional unit words simplified, spaces removed."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", path).translate(SIMPLIFIED_UNITS))


def _walk(nodes: list[dict]):
    for node in nodes:
        yield node
        yield from _walk(node.get("children", []))


def find_node(tree: list[dict], path: str) -> dict | None:
    """The node at ``path``: its path exactly, else after :func:`fold_path`, else its full path joined
    ("第二章第三条"), else its label when only one node has it; None when nothing matches."""
    nodes = list(_walk(tree))
    exact = next((n for n in nodes if n["path"] == path), None)
    if exact is not None:
        return exact
    key = fold_path(path)
    for name in (lambda n: n["path"], lambda n: "".join(n.get("full_path") or ())):
        found = next((n for n in nodes if fold_path(name(n)) == key), None)
        if found is not None:
            return found
    labelled = [n for n in nodes if fold_path(n["label"]) == key]
    return labelled[0] if len(labelled) == 1 else None


def subtree_paths(node: dict) -> list[str]:
    """The paths of a node and of all its descendants, in document order."""
    return [n["path"] for n in _walk([node])]


def whole_text(node: dict) -> str:
    """A unit's whole text: its own text and its descendants', in document order, one line each."""
    pieces = []
    for n in _walk([node]):
        spans = n.get("spans") or [(0, len(n["text"]))]
        pos = 0
        for s, e in spans:  # own text = its spans joined by "\n"
            pieces.append((s, n["text"][pos : pos + (e - s)]))
            pos += e - s + 1
    return "\n".join(t for _, t in sorted(pieces, key=lambda p: p[0]) if t)


def unit_record(document: dict, tree: list[dict], path: str) -> dict:
    """One unit with its children and whole text.

    Returns:
        The node's fields plus ``doc_id``, ``doc_title`` and ``whole_text``.

    Raises:
        DocumentNotFoundError: If the document has no unit at ``path``.
    """
    node = find_node(tree, path)
    if node is None:
        raise DocumentNotFoundError(f"未找到 {path} / no unit {path!r} in {document['doc_id']}")
    return {**node, "doc_id": document["doc_id"], "doc_title": document["title"],
            "whole_text": whole_text(node)}


def units_by_number(tree: list[dict], number: int, level: str | None = None) -> list[dict]:
    """The units a bare number may name: those at ``level`` when given; else the articles with
    that number, else the numbered leaves (units without children) with it, else any unit.

    Returns:
        ``[{"path", "level", "label", "title"}]`` in document order; one entry means unambiguous,
        several mean the caller should list them (HTTP 409), none means not found.
    """
    nodes = [n for n in _walk(tree) if n.get("number") == number]
    if level is not None:
        chosen = [n for n in nodes if n["level"] == level]
    else:
        chosen = ([n for n in nodes if n["level"] == "article"]
                  or [n for n in nodes if not n.get("children")] or nodes)
    return [{"path": n["path"], "level": n["level"], "label": n["label"], "title": n["title"]} for n in chosen]


# An article's own title: "第一条（立法目的）…", "第三条【补贴标准】…", or a short heading line with no
# punctuation ("第三条　补贴标准", its text on the lines below).
_ARTICLE_TITLE_RE = re.compile(r"^[（(【\[]([^）)】\]\n]{1,20})[）)】\]]|^([^。；;：:，,、！？!?（(\n]{1,20})$")
_ARTICLE_LABEL_RE = re.compile(r"^[ \t\u3000]*第[^条條\n]{1,8}[条條](?:之[一二三四五六七八九十]+)?[ \t\u3000]*")


# A short line that is a sentence, not a title: it states a rule ("本条例自公布之日起施行").
_RULE_WORDS_RE = re.compile(r"的|应当|可以|不得|必须|施行|负责|是指|适用")


def article_title(rest: str) -> str:
    """The title an article's heading line gives after its label (``rest``), or "": a bracketed title
    opening the line, or the whole rest when it is short, unpunctuated and states no rule."""
    match = _ARTICLE_TITLE_RE.match(rest.strip(" \t\u3000*#"))
    if not match or (match.group(2) and _RULE_WORDS_RE.search(match.group(2))):
        return ""
    return (match.group(1) or match.group(2)).strip()


def title_only(line: str) -> bool:
    """True for an article's heading line that holds its label and title and nothing else
    ("第三条　补贴标准", "第三条（补贴标准）"): no paragraph (款) of the article."""
    rest = _ARTICLE_LABEL_RE.sub("", line, count=1).strip(" \t\u3000*#")
    title = article_title(rest)
    return bool(title) and rest.strip("（()）【】[]").strip() == title


_ANY_LABEL_RE = re.compile(r"^[ \t\u3000#*]*(?:第[^条條章节節\n]{1,8}[条條章节節]|[一二三四五六七八九十]+、"
                           r"|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.．、])[ \t\u3000*]*")


def heading_only(line: str) -> bool:
    """True for a heading line of any unit, its label and a short title and nothing else ("三、申请材料",
    "第三条　补贴标准"): no sentence of its own."""
    rest = _ANY_LABEL_RE.sub("", line, count=1).strip(" \t\u3000*#")
    return rest != line.strip(" \t\u3000*#") and 0 < len(rest) <= 20 and not re.search(r"[。；;：:，,！？!?]", rest)


def table_row(line: str) -> bool:
    """True for a table row written as cells "表头：值；表头：值" (two or more cells, each with "：")."""
    cells = [c for c in re.split(r"[；;]", line.rstrip("。；; ")) if c.strip()]
    return len(cells) >= 2 and all("：" in c or ":" in c for c in cells)


def item_lines(lines: Sequence[str], labelled: Callable[[str], bool]) -> list[bool]:
    """Which of a unit's non-blank ``lines`` are items (项), its first (the heading line) never: a line
    ``labelled`` ("（三）", "3."); the rows of a table under a lead-in ending in a colon or right under the
    heading ("三、申请材料"); and unlabelled
    items, the lines after such a lead-in while each ends in "；" ("补贴对象为：\n一是…；\n二是…。")."""
    flags: list[bool] = []
    bare = False  # the line before is an unlabelled item ending in "；": the list goes on
    for i, line in enumerate(lines):
        body, before = line.strip(), lines[i - 1].strip() if i else ""
        lead = before.endswith(("：", ":"))
        row = table_row(body) and (lead or (i == 1 and heading_only(before))
                                   or (bool(flags) and flags[-1] and table_row(before)))
        unlabelled = bool(i) and not labelled(line) and ((lead and body.endswith(("；", ";"))) or bare)
        flags.append(bool(i) and (labelled(line) or row or unlabelled))
        bare = unlabelled and body.endswith(("；", ";"))
    return flags


def _item_name(match: re.Match[str]) -> str:
    """An item's name as labelled: "（三）" for "（三）…", "三" for "三、…" (cited 第（三）项, 第三项)."""
    return match.group("cn") if match.re is COMMA_ITEM_RE else f"（{match.group('cn')}）"


def clause_of(unit_text: str, start: int, end: int) -> tuple[str, str]:
    """Name the 款 and 项 of an article that the quote ``unit_text[start:end]`` lies in.

    Paragraphs (款) are the article's lines that are not list items; items (项) belong to the
    paragraph before them. The 款 is named only when the article has more than one, the 项 only
    when the quote lies within one item line (and not across several).

    Args:
        unit_text: The article's whole text, its heading line first (one paragraph per line).
        start, end: Offsets of the quote within ``unit_text``.

    Returns:
        ``("第二款", "第（三）项")``, with "" for a part that does not apply.
    """
    count, kuan, item, item_span, last = 0, 0, "", None, None  # last: the 款 and name ("（三）", "三") of the last item
    pos, spans = 0, []
    for line in unit_text.split("\n"):
        if line.strip():
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    flags = _comma_items([unit_text[s:e] for s, e in spans],
                         item_lines([unit_text[s:e] for s, e in spans], lambda line: bool(_ITEM_RE.match(line))))
    heading = len(spans) > 1 and title_only(unit_text[spans[0][0]:spans[0][1]])  # "第三条　补贴标准": no 款
    for n, ((line_start, line_end), is_item) in enumerate(zip(spans, flags, strict=True)):
        if (not is_item and not (n == 0 and heading)) or (n == 1 and heading and is_item):
            count += 1  # items right under a heading of only a title make the first paragraph
        m = (_ITEM_RE.match(unit_text[line_start:line_end]) or COMMA_ITEM_RE.match(unit_text[line_start:line_end])
             ) if is_item else None
        sub = m is not None and m.group("d") and last is not None and last[0] == count  # "1." under "（五）…："
        if line_start <= start <= line_end and not kuan:
            kuan = count
            if m is not None:
                label = f"第{last[1]}项第{int(m.group('d'))}目" if sub else \
                    f"第{_item_name(m)}项" if m.group("cn") else f"第{int(m.group('d'))}项"
                item_span = (line_start, line_end)
                item = label
        elif sub and item_span is not None and item.startswith(f"第{last[1]}项") and item_span[1] + 1 >= line_start:
            item_span = (item_span[0], line_end)  # the item's 目 lie within it
        last = (count, _item_name(m)) if m is not None and m.group("cn") else last if sub else None
    if item_span is None or end > item_span[1]:
        item = ""
    return (f"第{int_to_cn(kuan)}款" if count > 1 and kuan else ""), item


def document_outline(documents: list[dict], chunks: list[Chunk]) -> list[dict]:
    """Each document with its parts and their sections, in document order.

    Args:
        documents: The manifest's documents (``doc_id``, ``title`` …).
        chunks: All chunks of the index, in document order.

    Returns:
        ``[{"doc_id", "title", "parts": [{"part", "title", "sections": [{"label", "number", "title"}]}]}]``;
        the preamble (no part) is a part with an empty numeral.
    """
    outline = []
    for doc in documents:
        parts: list[dict] = []
        seen: set[str] = set()
        for chunk in chunks:
            if chunk.doc_id != doc["doc_id"] or chunk.label in seen:
                continue
            seen.add(chunk.label)
            if not parts or parts[-1]["part"] != chunk.part:
                parts.append({"part": chunk.part, "title": chunk.part_title, "sections": []})
            parts[-1]["sections"].append({"label": chunk.label, "number": chunk.number, "title": chunk.title})
        outline.append({"doc_id": doc["doc_id"], "title": doc["title"], "parts": parts})
    return outline


def section_record(chunks: list[Chunk]) -> dict:
    """Join the pieces of one section into a JSON-ready record with its full text."""
    first = chunks[0]
    return {"doc_id": first.doc_id, "doc_title": first.doc_title, "label": first.label,
            "number": first.number, "title": first.title, "part": first.part,
            "part_title": first.part_title, "unit_path": first.unit_path, "text": section_text(chunks)}
