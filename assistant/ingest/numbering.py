"""Telling a numbered heading from a cross-reference that a wrapped line starts with (pure): "第二条规定的…" and
"（三）项" continue a sentence; a 第X条 must continue its numbering (or be followed by a space)."""

from __future__ import annotations

import re

# Wording right after a label that shows the label is a cross-reference inside running text.
_XREF_RE = re.compile(r"(?:规定|所列|所称|所述|的|中的|至第|[、，,]|和第|及第|或者第|第|[款项目](?![\u4e00-\u9fff]))")
_LIST_XREF_RE = re.compile(r"(?:[项款条目](?:规定|所列|所称|中|的|之|[、，,和或及至]|第|$)|规定|所列|中的|的规定)")


class Numbering:
    """Numbering state of 编/章/节/条 (the ``legal_kinds``), to tell headings from wrapped cross-references."""

    def __init__(self, legal_kinds: tuple[str, ...]) -> None:
        self.legal_kinds = legal_kinds
        self.last: dict[str, int] = {}

    def accept(self, after: str, kind: str, number: int, label: str) -> bool:
        """Whether a label of ``kind`` numbered ``number`` (``label`` as normalised, "第一百二十条之一"), ``after``
        being the rest of its line, heads a unit rather than continuing a sentence ("第二条规定的…")."""
        glued = bool(after) and not after[0].isspace()
        if kind not in self.legal_kinds:
            return not (glued and _LIST_XREF_RE.match(after))
        if glued and _XREF_RE.match(after):
            return False
        prev = self.last.get(kind)
        inserted = "之" in label  # 第一百二十条之一 follows 第一百二十条
        ok = (prev is None or number in (prev + 1, 1) or (not glued and number > prev)
              or (inserted and number == prev))
        if ok:
            self.last[kind] = number
            if kind == "chapter":
                self.last.pop("section", None)
        return ok
