"""HTML pages and fragments, parsed with ``lxml.html`` (libxml2's forgiving HTML parser).

The body is the element with id ``UCAP-CONTENT`` (gov.cn's content cell) when present, else the first
``<article>``, ``<main>`` or ``<body>``. Each block element (``<p>``, ``<div>``, ``<li>``, headings …)
is a line and ``<br>`` breaks a line; scripts, styles, comments, forms, navigation, ``javascript:``
links and page chrome (an element with fewer than two sentences "。" whose class or id has a word such
as ``banner``, ``menu``, ``footer``, ``share``, ``print`` or ``related``, or whose first line is a heading
such as 相关文件 or 推荐阅读 over links) are skipped. A metadata table (gov.cn's
``索 引 号 / 发文机关 / 标　　题 / 发文字号 …`` label cells, two or more of them) goes to
``Extracted.metadata``, never into the text; the title paragraphs and the document-number paragraph
at the top of the body are dropped once they are in the metadata (with any line above the title), and so
is a page's information line (two or more of 来源：, 发布时间：, 浏览次数：, 字号：…), whose 来源 and 发布时间 go to
``Extracted.fallback`` (:func:`info_fields`). Other tables give one line per row.
"""

from __future__ import annotations

import re

from assistant.ingest.formats.base import Extracted, UnreadableDocumentError, clean_line, table_lines
from assistant.ingest.formats.encoding import declared_html_charset, decode
from assistant.text.dates import iso_date
from assistant.text.patterns import ORGAN_NAME_RE

_BLOCKS = frozenset((
    "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
    "main", "blockquote", "pre", "center", "address", "figure", "figcaption", "caption", "tr", "td", "th",
    "body", "html", "hr",
))
_SKIP = frozenset((
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "button", "select",
    "option", "input", "textarea", "iframe", "canvas", "svg", "object", "embed", "head", "title", "map",
    "area", "video", "audio",
))
_CHROME_WORDS = frozenset((
    "banner", "banners", "nav", "navbar", "menu", "footer", "foot", "header", "head", "breadcrumb", "crumb",
    "share", "toolbar", "sidebar", "qrcode", "qr", "copyright", "print", "login", "search", "ad", "ads",
    "related", "relevant", "recommend", "links", "friendlink", "pager", "pagination", "comment", "comments",
))
# A block under such a heading lists other pages ("相关文件", "相关链接", "推荐阅读"), not the document's text.
_LINKS_HEADING_RE = re.compile(r"^(?:相关|推荐|延伸|更多|热点|最新)"
                               r"(?:文件|链接|阅读|新闻|文章|稿件|政策|解读|信息)[:：]?$")
_NAME_SPLIT_RE = re.compile(r"[\s_\-]+|(?<=[a-z])(?=[A-Z])")
_CHROME_MAX_SENTENCES = 2  # a "chrome" name on an element with sentences is more likely a content wrapper
_CHROME_LINE_RE = re.compile(r"^(?:[【\[]?(?:打印本页|打印|关闭窗口|关闭|收藏|保存本页|返回顶部|分享到?|字号|[大中小])"
                             r"[】\]]?[\s:：|｜]*)+$|^扫一扫在手机打开当前页$")
# A page's information line ("来源：…　发布时间：…　浏览次数：…　字号：大 中 小"): two or more of these labels.
_INFO_LABEL_RE = re.compile(r"(?:信息来源|来源|发布时间|发布日期|更新时间|浏览次数|浏览量|访问量|点击数|点击量"
                            r"|阅读量|阅读数|字号|作者|责任编辑|编辑)\s*[:：]")
_LABELS = {
    "索引号": "index_no", "主题分类": "subject", "发文机关": "issuer", "发布机构": "issuer", "发文单位": "issuer",
    "成文日期": "date_written", "成文时间": "date_written", "标题": "title",
    "发文字号": "doc_number", "文号": "doc_number", "发布日期": "date_published", "发布时间": "date_published",
    "公布日期": "date_published", "主题词": "", "有效性": "", "时效性": "", "效力状态": "",
}
# What a page's information line tells of the document (the 来源 a body's name, not "本站" or a news agency).
_INFO_FIELDS = {"来源": "issuer", "信息来源": "issuer", "发布时间": "date_published", "发布日期": "date_published",
                "更新时间": "date_published"}
_LABEL_STRIP_RE = re.compile(r"[\s\u3000\xa0：:]+")
_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>")


def info_fields(line: str) -> dict[str, str]:
    """What a page's information line says of the document: ``{"issuer": "泽川市教育局", "date_published":
    "2025-05-20"}`` from "来源：泽川市教育局　发布时间：2025-05-20 09:30　浏览次数：87" (the first of a kind; dates
    with "-", "/" or "." as ISO, a time dropped; a 来源 that is no body's name, "本站" or "新华社", left out)."""
    labels = list(_INFO_LABEL_RE.finditer(line))
    found: dict[str, str] = {}
    for i, label in enumerate(labels):
        key = _INFO_FIELDS.get(re.sub(r"[\s:：]", "", label.group(0)))
        value = line[label.end(): labels[i + 1].start() if i + 1 < len(labels) else len(line)].strip(" \u3000|｜")
        if not key or key in found:
            continue
        if key == "issuer" and ORGAN_NAME_RE.fullmatch(value):
            found[key] = value
        elif key != "issuer" and (date := iso_date(value, prefix=True)):
            found[key] = date
    return found


def _is_chrome(element) -> bool:
    if element.tag == "a" and (element.get("onclick") or (element.get("href") or "").startswith("javascript:")):
        return True
    names = f"{element.get('class') or ''} {element.get('id') or ''}"
    words = {word.lower() for word in _NAME_SPLIT_RE.split(names) if word}
    if element.text_content().count("。") >= _CHROME_MAX_SENTENCES:
        return False
    return bool(words & _CHROME_WORDS) or _links_block(element)


def _links_block(element) -> bool:
    """A block that opens with a heading such as "相关文件" and whose other text is links."""
    full = clean_line(element.text_content())
    own = clean_line(element.text or "")  # "相关文件：<a>…</a>": the heading is the block's own text
    heading = own if _LINKS_HEADING_RE.match(own) else next(
        (clean_line(e.text_content()) for e in element.iterdescendants()
         if isinstance(e.tag, str) and _LINKS_HEADING_RE.match(clean_line(e.text_content()))), "")
    if not heading or not full.startswith(heading):
        return False
    linked = sum(len(clean_line(a.text_content())) for a in element.iter("a"))
    rest = len(full) - len(heading)
    return linked >= 0.8 * rest


def _label_value(cell) -> tuple[str, str] | None:
    """(key, value) of a metadata cell: a label cell with the next cell's text, or "label：value" in one
    cell; None for other cells and for a list table's header row (a label over another label)."""
    text = clean_line(cell.text_content())
    key = _LABELS.get(_LABEL_STRIP_RE.sub("", text))
    if key is not None:
        value_cell = cell.getnext()
        value = clean_line(value_cell.text_content()) if value_cell is not None else ""
        return None if _LABEL_STRIP_RE.sub("", value) in _LABELS else (key, value)
    if next(cell.iterdescendants("td", "th"), None) is not None:  # a layout cell around a table
        return None
    label, colon, value = text.partition("：") if "：" in text else text.partition(":")
    key = _LABELS.get(_LABEL_STRIP_RE.sub("", label)) if colon and len(label) <= 8 else None
    return None if key is None else (key, value.strip(" \u3000；;，,。"))


def read_metadata(root) -> tuple[dict[str, str], set]:
    """Find a metadata table, its labels in cells of their own ("发文字号" | "泽政发〔2025〕3号") or before
    their values in one cell ("文　　号：泽政发〔2025〕3号"); return its values by key and the tables that hold it."""
    found: dict[str, str] = {}
    tables = set()
    for cell in root.iter("td", "th"):
        pair = _label_value(cell)
        if pair is None:
            continue
        key, value = pair
        if key and value:
            found.setdefault(key, value)
        table = next(cell.iterancestors("table"), None)
        if table is not None:
            tables.add(table)
    return (found, tables) if len(found) >= 2 else ({}, set())


class _Walker:
    def __init__(self, skip_tables: set) -> None:
        self.lines: list[str] = []
        self.info: dict[str, str] = {}  # what the page's information line says (:func:`info_fields`)
        self.buf: list[str] = []
        self.skip_tables = skip_tables

    def flush(self) -> None:
        line = clean_line("".join(self.buf))
        self.buf.clear()
        if len(_INFO_LABEL_RE.findall(line)) >= 2:
            self.info = {**info_fields(line), **self.info}
        elif line and not _CHROME_LINE_RE.match(line):
            self.lines.append(line)

    def visit(self, element, top: bool = False) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if not tag or tag in _SKIP or (not top and _is_chrome(element)):
            return
        if tag == "br":
            self.flush()
            return
        if tag == "table":
            self.flush()
            self.table(element)
            return
        block = tag in _BLOCKS
        if block:
            self.flush()
        self.buf.append(element.text or "")
        for child in element:
            self.visit(child)
            self.buf.append(child.tail or "")
        if block:
            self.flush()

    def table(self, element) -> None:
        if element in self.skip_tables or element.xpath(".//table"):
            if element not in self.skip_tables:  # a layout table: read its cells as blocks
                for row in element.xpath("./tr|./*/tr"):
                    for cell in row.xpath("./td|./th"):
                        self.visit(cell)
            return
        rows, header, spans = [], False, {}
        for index, row in enumerate(element.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")):
            cells = []
            for cell in row.xpath("./td|./th"):
                sub = _Walker(self.skip_tables)
                sub.visit(cell)
                cells.append((" ".join(sub.lines), _span(cell, "colspan"), _span(cell, "rowspan")))
                header = header or (index == 0 and cell.tag == "th")
            placed, spans = place_row(cells, spans)
            rows.append(placed)
        self.lines.extend(table_lines(rows, header=header or None))


def _span(cell, name: str) -> int:
    """A cell's colspan or rowspan, 1 to 50 (a bad or huge value counts 1 or 50)."""
    value = (cell.get(name) or "1").strip()
    return max(1, min(int(value), 50)) if value.isdigit() else 1


def place_row(cells: list[tuple[str, int, int]], above: dict[int, tuple[str, int]]
              ) -> tuple[list[str], dict[int, tuple[str, int]]]:
    """One table row's texts by column: its ``(text, colspan, rowspan)`` cells, with the cells of rows
    above that span down (``above``: column -> (text, rows still spanned)) put in their columns, as a
    browser lays them out; returns the texts and the spans left for the rows below."""
    out: list[str] = []
    below: dict[int, tuple[str, int]] = {}

    def carry() -> None:
        while len(out) in above:
            text, left = above[len(out)]
            if left > 1:
                below[len(out)] = (text, left - 1)
            out.append(text)

    for text, colspan, rowspan in cells:
        carry()
        for _ in range(colspan):
            if rowspan > 1:
                below[len(out)] = (text, rowspan - 1)
            out.append(text)
    carry()
    return out, below


def fragment_lines(html: str) -> list[str]:
    """The lines of an HTML snippet (e.g. a raw HTML block inside Markdown); comments give none."""
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.document_fromstring(f"<div>{html}</div>")
    except (etree.ParserError, ValueError):
        return []
    walker = _Walker(set())
    walker.visit(root, top=True)
    walker.flush()
    return walker.lines


def _body(root):
    found = root.xpath("//*[@id='UCAP-CONTENT']")
    if found:
        return found[0]
    for tag in ("article", "main", "body"):
        found = root.xpath(f"//{tag}")
        if found:
            return found[0]
    return root


def _drop_heading_lines(lines: list[str], title: str, doc_number: str) -> list[str]:
    """Drop the title's paragraphs and the document number at the top of the body, and the lines above the
    title when it stands in the first few lines (a date bar, a site's tools: not the document's text)."""
    squash = lambda text: re.sub(r"\s+", "", text)  # noqa: E731
    target, start = squash(title), 0
    for first in range(min(3, len(lines)) if target else 0):
        joined = ""
        for index, line in enumerate(lines[first:first + 6], start=first):
            joined += squash(line)
            if not target.startswith(joined):
                break
            if joined == target:
                start = index + 1
                break
        if start:
            break
    rest = lines[start:]
    if doc_number and rest[:3]:
        rest = [line for i, line in enumerate(rest) if not (i < 3 and squash(line) == squash(doc_number))]
    return rest


def read_html(data: bytes) -> Extracted:
    """Read an HTML page or fragment (see the module docstring for what is kept).

    Raises:
        UnreadableDocumentError: If the bytes cannot be decoded or parsed.
    """
    import lxml.html
    from lxml import etree

    text = _XML_DECL_RE.sub("", decode(data, declared_html_charset(data)))
    if not text.strip():
        raise UnreadableDocumentError("文件中没有文字 / no text in the file")
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise UnreadableDocumentError(f"无法解析 HTML / not readable HTML: {exc}") from exc
    metadata, meta_tables = read_metadata(root)
    walker = _Walker(meta_tables)
    walker.visit(_body(root), top=True)
    walker.flush()
    headings = [clean_line(node.text_content()) for node in [*root.xpath("//h1"), *root.xpath("//title")]]
    title = metadata.get("title") or next((h for h in headings if h), "")
    lines = _drop_heading_lines(walker.lines, title, metadata.get("doc_number", ""))
    return Extracted("\n".join(lines), title, metadata, walker.info)
