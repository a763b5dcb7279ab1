"""A table of contents at a document's start (pure): "目录" and the 编/章/节 lines up to the body's own heading."""

from __future__ import annotations

import re

_TOC_ENTRY_RE = re.compile(r"^第[一二三四五六七八九十百零〇\d]+[编編章节節]|^附则$|^附件")


def table_of_contents(lines: list[str], at: int) -> list[int]:
    """The lines of a table of contents after "目录": 编/章/节 headings up to where the first of
    them comes again (the body's own heading)."""
    entries: list[int] = []
    for j in range(at + 1, len(lines)):
        key = lines[j]
        if entries and key == lines[entries[0]]:
            return entries
        if not _TOC_ENTRY_RE.match(key):
            return []  # not a table of contents after all
        entries.append(j)
    return []
