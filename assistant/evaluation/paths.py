"""Gold rows that name a document and unit paths (``doc`` + ``paths``) scored against an index's trees.

A unit is known by its path ("第十三条", "（十七）") and by its full path joined ("二、（三）",
"四、（二）5."); both are compared loosely (width folded, case folded, spaces removed). A gold row is
checked against the index before a run: an unknown doc or a path that no unit of that document has
is an error, never a silent zero.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

# The key of a "meta" row's gold and citations: any citation of the document counts.
DOC_KEY = "{doc}|*"


class GoldPathError(ValueError):
    """Gold rows name documents or unit paths the index does not hold (one line per problem)."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("gold rows do not match the index:\n" + "\n".join(problems))
        self.problems = list(problems)


def norm_path(path: str) -> str:
    """A path compared loosely: NFKC (full/half width), casefold, no spaces ("二、 (三)" -> "二、(三)")."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", path)).casefold()


def _walk(nodes: Iterable[dict]) -> Iterable[dict]:
    for node in nodes:
        yield node
        yield from _walk(node.get("children", ()))


def unit_aliases(trees: dict[str, list[dict]]) -> dict[str, dict[str, str]]:
    """For each doc_id, every loose form of each unit's path and joined full path -> its canonical path."""
    out: dict[str, dict[str, str]] = {}
    for doc_id, nodes in trees.items():
        names: dict[str, str] = {}
        for node in _walk(nodes):
            path = node.get("path") or node.get("label", "")
            if not path:
                continue
            canonical = norm_path(path)
            names.setdefault(canonical, canonical)
            names.setdefault(norm_path("".join(node.get("full_path", ()))), canonical)
        out[doc_id] = names
    return out


def is_path_row(row: dict) -> bool:
    """True for a row scored by document and unit paths (rather than plan task numbers)."""
    return "paths" in row


def gold_keys(row: dict, aliases: dict[str, dict[str, str]]) -> list[str]:
    """The keys a citation must match: "doc|canonical path" per gold path; ``doc|*`` for a meta row
    (any citation of the document); [] for an out-of-scope row."""
    doc = row.get("doc") or ""
    if not doc:
        return []
    if not row["paths"]:
        return [DOC_KEY.format(doc=doc)]
    names = aliases.get(doc, {})
    return [f"{doc}|{names.get(norm_path(p), norm_path(p))}" for p in row["paths"]]


def cited_keys(row: dict, citations: Sequence[dict], aliases: dict[str, dict[str, str]]) -> list[str]:
    """The key of each citation, comparable with :func:`gold_keys` of the same row. A citation of a unit
    inside a gold unit of the row's document (a task of the gold part "五、", an article of the gold
    chapter "第二章") takes that gold unit's key: a part is answered by quoting its units."""
    if row.get("doc") and not row["paths"]:
        return [DOC_KEY.format(doc=c.get("doc_id")) for c in citations]
    out = []
    for c in citations:
        names = aliases.get(c.get("doc_id", ""), {})
        path = norm_path(c.get("path") or c.get("label") or "")
        canonical = names.get(path, path)
        if c.get("doc_id") == row.get("doc"):
            canonical = _enclosing(canonical, row["paths"], names)
        out.append(f"{c.get('doc_id')}|{canonical}")
    return out


def _enclosing(canonical: str, gold_paths: Sequence[str], names: dict[str, str]) -> str:
    """The canonical gold path whose unit holds the unit ``canonical`` (by a full path of it that starts
    with the gold path's own), or ``canonical`` itself."""
    gold = {norm_path(p): names.get(norm_path(p), norm_path(p)) for p in gold_paths}
    if canonical in gold.values():
        return canonical
    forms = [alias for alias, unit in names.items() if unit == canonical]
    for written, unit in gold.items():
        if any(form != prefix and form.startswith(prefix) for form in forms for prefix in {written, unit}):
            return unit
    return canonical


def check_rows(gold: Sequence[dict], aliases: dict[str, dict[str, str]]) -> list[str]:
    """One line per path row whose doc is not indexed or whose path no unit of that doc has."""
    problems = []
    for row in gold:
        if not is_path_row(row) or not row.get("doc"):
            continue
        names = aliases.get(row["doc"])
        if names is None:
            problems.append(f"{row['id']}: unknown doc {row['doc']!r}")
            continue
        missing = [p for p in row["paths"] if norm_path(p) not in names]
        if missing:
            problems.append(f"{row['id']}: no unit {', '.join(missing)} in {row['doc']}")
    return problems
