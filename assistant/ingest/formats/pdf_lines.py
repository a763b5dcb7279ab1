"""From positioned PDF text lines to paragraphs: page chrome removed, wrapped lines re-joined.

Input is every text line of every page with its box (PDF points, origin bottom-left) and font size.
Steps:
1. Pieces on one baseline are merged; lines are put in top-to-bottom, left-to-right order.
2. Page chrome goes: a page number (``— 2 —``, ``- 2 -``, ``第 2 页``, ``2/10``, ``2``) as the first or
   last line of a page, and a line repeated (digits aside) as the first or last line of most pages.
3. The title is the run of lines at the top of page 1 set larger than the body font (it goes to
   ``title``, not the text).
4. Lines are joined into paragraphs. A line starts a new paragraph after a vertical gap, a font-size
   change, when it is indented or centred (first-line indent, headings), after a centred line, after a
   line that ends a sentence short of the right margin, after a heading line (``第一章 总则``), and when
   it starts like a heading (``第二条``, ``一、``, ``（一）``) after a short line that neither ends a
   sentence nor starts an article. A line that reaches the right margin continues in the next line
   (even one that starts with ``第二条规定的…``), so does an article line cut short without punctuation.
   A page break is no gap: an article that runs onto the next page is re-joined.
A single-column page is assumed (policy documents are set that way); columns would be interleaved.
5. Two or more consecutive lines split into cells by column gaps (``COLUMN_GAP``) are a table: one line
   per row (``base.table_lines``). A cell that wraps onto a second printed line is not re-joined.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, replace

from assistant.ingest.formats.base import clean_line, ends_sentence, table_lines

COLUMN_GAP = 1.5  # a horizontal gap wider than this many font sizes separates table cells
_NUM = r"[一二三四五六七八九十百千零〇两\d]+"
_PAGE_NUMBER_RE = re.compile(r"^(?:[-—–－―─\s]*\d{1,4}[-—–－―─\s]*|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?"
                             r"|\d+\s*/\s*\d+|[Pp]age\s*\d+(?:\s*of\s*\d+)?)$")
_CN = "[一二三四五六七八九十]+"
# "1." opens a point, "1.5万元" (a decimal carried over) does not, nor "（二）项" (a reference carried over)
HEADING_START_RE = re.compile(rf"^(?:第{_NUM}[编章节条條節]|{_CN}、|[（(]{_NUM}[）)](?![项項款条條])"
                              r"|\d+(?:[.．](?!\d)|、)|[①-⑳])")
_HEADING_ONLY_RE = re.compile(rf"^(?:第{_NUM}(?:编|章|节|節|部分)|{_CN}、|[（(]{_CN}[）)](?![项項款条條])|附件\s*\d*)")
_CARRIED_REF_RE = re.compile(rf"^(?:[（(]{_NUM}[）)][项項款]|第{_NUM}[项項款])")
_ARTICLE_START_RE = re.compile(rf"^(?:第{_NUM}[条條]|[（(]{_NUM}[）)]|\d+[.．](?!\d))")


@dataclass(frozen=True)
class Line:
    """One text line: page index, box (x0, x1, bottom y0, top y1, points), font size, text, and its
    cells when wide gaps (column gaps of a table) split it."""

    page: int
    x0: float
    x1: float
    y0: float
    y1: float
    size: float
    text: str
    cells: tuple[str, ...] = ()


def _merge_baselines(lines: list[Line]) -> list[Line]:
    ordered = sorted(lines, key=lambda line: (-line.y1, line.x0))
    merged: list[Line] = []
    for line in ordered:
        last = merged[-1] if merged else None
        if last and abs(last.y0 - line.y0) < 0.4 * max(last.size, 1.0) and line.x0 >= last.x1 - 1:
            gap = line.x0 - last.x1
            cells = (*(last.cells or (last.text,)), *(line.cells or (line.text,))) if gap > COLUMN_GAP * last.size \
                else ()
            merged[-1] = replace(last, x1=line.x1, y1=max(last.y1, line.y1), cells=cells,
                                 text=f"{last.text}{' ' if gap > 0.5 * last.size else ''}{line.text}")
        else:
            merged.append(line)
    return merged


def _chrome_key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _set_apart(page: list[Line], limit: float) -> list[Line]:
    """The lines at the top and bottom of a page that white space wider than ``limit`` sets apart from
    the body (running headers and footers sit in the margins; a heading that begins a page does not)."""
    count = len(page)
    top = next((i + 1 for i in (1, 0) if i + 1 < count and page[i].y0 - page[i + 1].y1 > limit), 0)
    bottom = next((i for i in (count - 2, count - 1) if i >= 1 and page[i - 1].y0 - page[i].y1 > limit), count)
    return page[:top] + page[max(bottom, top):]


def drop_chrome(pages: list[list[Line]]) -> list[list[Line]]:
    """Drop page numbers, and running headers/footers repeated (digits aside) on at least half of the pages, set
    apart in the margins or in a smaller font than the body's ("12/2/26, 1:33 PM" atop a browser's print), from
    the first and last lines of each page."""
    spaces = sorted(a.y0 - b.y1 for page in pages for a, b in itertools.pairwise(page) if a.y0 > b.y1)
    typical = spaces[len(spaces) // 2] if spaces else 0.0
    sizes = sorted(line.size for page in pages for line in page) or [10.0]
    limit = max(1.5 * typical, typical + 0.5 * sizes[len(sizes) // 2])
    small = 0.8 * sizes[len(sizes) // 2]  # a browser's print header sits close to the body, in a smaller font
    counts = Counter(_chrome_key(line.text) for page in pages
                     for line in set(_set_apart(page, limit)) | {x for x in page[:2] + page[-2:] if x.size < small})
    repeated = {key for key, count in counts.items() if len(pages) >= 2 and count >= max(2, 0.5 * len(pages))}
    kept = []
    for page in pages:
        edges = {id(x) for x in page[:2] + page[-2:]}
        kept.append([line for line in page if not (id(line) in edges and (
            _PAGE_NUMBER_RE.match(line.text) or _chrome_key(line.text) in repeated))])
    return kept


def _body_size(lines: list[Line]) -> float:
    sizes = Counter()
    for line in lines:
        sizes[round(line.size, 1)] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def split_title(lines: list[Line], body: float) -> tuple[str, list[Line]]:
    """Take the larger-than-body lines at the top of the first page as the title."""
    count = 0
    while (count < len(lines) and lines[count].page == lines[0].page == 0 and lines[count].size >= 1.2 * body
           and not HEADING_START_RE.match(lines[count].text)):
        count += 1
    return "".join(line.text for line in lines[:count]), lines[count:]


@dataclass(frozen=True)
class _Geometry:
    left: float
    right: float
    pitch: float


def _geometry(lines: list[Line], body: float) -> _Geometry:
    body_lines = [line for line in lines if abs(line.size - body) < 0.15 * body] or lines
    lefts = Counter(round(line.x0) for line in body_lines)
    left = min((x for x, n in lefts.items() if n >= 2), default=min(lefts))
    rights = sorted(line.x1 for line in body_lines)
    right = rights[int(0.9 * (len(rights) - 1))]
    steps = sorted(a.y0 - b.y0 for a, b in itertools.pairwise(lines) if a.page == b.page and a.y0 > b.y0)
    pitch = steps[len(steps) // 2] if steps else 1.5 * body
    return _Geometry(left, right, pitch)


def _continues(prev: Line, line: Line, geo: _Geometry) -> bool:
    size = max(prev.size, 1.0)
    if line.page == prev.page and prev.y0 - line.y0 > 1.6 * geo.pitch:
        return False
    if abs(line.size - prev.size) > 0.15 * size or line.x0 > geo.left + 0.6 * size:
        return False
    if _CARRIED_REF_RE.match(line.text):
        return True  # "（二）项条件的家庭…", "第二款规定的…": a reference carried over, no heading
    # a line ending mid-sentence within three characters of the measure wraps: "…冠以“中国”“国" over "际”…",
    # broken early because a closing quote may not open a line
    full = prev.x1 >= geo.right - (1.5 if ends_sentence(prev.text) else 3.0) * size
    if (prev.x0 > geo.left + 0.6 * size and not full) or prev.x0 > geo.left + 4 * size:
        return False  # a short indented line ends its paragraph; a centred one (a title) always does
    heading_next = bool(HEADING_START_RE.match(line.text))
    if ends_sentence(prev.text):
        return full and not heading_next
    if _HEADING_ONLY_RE.match(prev.text) and len(prev.text) <= 30 and not full:
        return False  # a labelled line that fills the measure ("（一）一级服务：…，高层住宅") runs on
    if full or _ARTICLE_START_RE.match(prev.text):
        return True
    return not heading_next


def _glue(left: str, right: str) -> str:
    space = " " if re.search(r"[A-Za-z]$", left) and re.match(r"[A-Za-z]", right) else ""
    return f"{left}{space}{right}"


def paragraphs(pages: list[list[Line]]) -> tuple[str, list[str]]:
    """Return ``(title, paragraphs)`` from each page's raw lines (see the module docstring)."""
    ordered = drop_chrome([_merge_baselines([x for x in page if clean_line(x.text)]) for page in pages])
    lines = [replace(line, text=clean_line(line.text)) for page in ordered for line in page]
    if not lines:
        return "", []
    body = _body_size(lines)
    title, lines = split_title(lines, body)
    if not lines:
        return title, []
    geo = _geometry(lines, body)
    out: list[str] = []
    prev, index = None, 0
    while index < len(lines):
        end = index
        while end < len(lines) and len(lines[end].cells) >= 2:
            end += 1
        if end - index >= 2:  # two or more split lines in a row: a table
            out.extend(table_lines([list(line.cells) for line in lines[index:end]]))
            prev, index = None, end
            continue
        line = lines[index]
        if prev is not None and _continues(prev, line, geo):
            out[-1] = _glue(out[-1], line.text)
        else:
            out.append(line.text)
        prev, index = line, index + 1
    return title, out
