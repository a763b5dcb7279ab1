"""The whole-document page of the chat UI: every unit in order, the outline beside it, the cited unit
marked and its quoted sentence highlighted. Citation cards link here (``document/{doc_id}?path=…``).

All text shown goes through ``html.escape``.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from urllib.parse import quote as url_quote

from starlette.requests import Request  # resolved by FastAPI from this module's globals

from assistant.interfaces.present import part_name
from assistant.records import Chunk, Citation, section_text

# Longest quote carried in a link (the page highlights it inside the unit).
MAX_LINK_QUOTE = 300


def document_link(citation: Citation) -> str:
    """The card's link to the cited unit in the whole document (relative to the UI's page)."""
    where = url_quote(citation.path or citation.label)
    said = url_quote(citation.quote[:MAX_LINK_QUOTE])
    return (f'<a class="pq-goto" href="document/{url_quote(citation.doc_id, safe="")}?path={where}&quote={said}'
            f'#pq-target" target="_blank" rel="noopener">在全文中查看 ↗</a>')


def units_of(chunks: Sequence[Chunk], doc_id: str) -> list[dict]:
    """The units of one document in order: ``{"key", "label", "title", "part", "part_title", "text"}``."""
    units: dict[tuple[str, str], dict] = {}
    for chunk in chunks:
        if chunk.doc_id != doc_id:
            continue
        unit = units.setdefault(chunk.key, {"key": chunk.key[1], "label": chunk.label, "title": chunk.title,
                                            "part": chunk.part, "part_title": chunk.part_title, "pieces": []})
        unit["pieces"].append(chunk)
    return [{**u, "text": section_text(u.pop("pieces"))} for u in units.values()]


def _mark(text: str, quote: str) -> str:
    at = text.find(quote) if quote else -1
    if at < 0:
        return escape(text)
    return f"{escape(text[:at])}<mark>{escape(quote)}</mark>{escape(text[at + len(quote):])}"


def _outline(units: list[dict], target: int | None) -> str:
    items, part = [], None
    for i, u in enumerate(units):
        if u["part"] != part:
            part = u["part"]
            name = f"{part_name(part)} {u['part_title']}".strip() or "引言"
            items.append(f'<li class="pq-doc-part">{escape(name)}</li>')
        current = ' class="pq-current"' if i == target else ""
        label = f"{u['key']} {u['title']}".strip() or "引言"
        items.append(f'<li><a href="#u{i}"{current}>{escape(label)}</a></li>')
    return "<ul>" + "".join(items) + "</ul>"


def document_html(title: str, units: list[dict], path: str = "", quote: str = "") -> str:
    """The page: title, the outline (a collapsible "目录" on phones) and every unit; the unit whose key
    or label is ``path`` gets the id ``pq-target`` and ``quote`` is highlighted in it."""
    target = next((i for i, u in enumerate(units) if path and path in (u["key"], u["label"])), None)
    body = []
    for i, u in enumerate(units):
        chosen = i == target
        text = _mark(u["text"], quote) if chosen else escape(u["text"])
        anchor = ' id="pq-target" class="pq-unit pq-chosen"' if chosen else ' class="pq-unit"'
        body.append(f'<section{anchor}><a id="u{i}"></a><div class="pq-text">{text}</div></section>')
    return f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{escape(title)}</title>
<style>{PAGE_CSS}</style></head><body>
<header><a href="./" class="pq-back">← 返回问答</a><h1>{escape(title)}</h1></header>
<div class="pq-doc"><nav><details open class="pq-toc"><summary>目录</summary>{_outline(units, target)}</details></nav>
<main>{"".join(body)}</main></div>
<script>if (matchMedia("(max-width: 768px)").matches) {{ document.querySelector(".pq-toc").removeAttribute("open"); }}
const t = document.getElementById("pq-target"); if (t) {{ t.scrollIntoView({{block: "start"}}); }}</script>
</body></html>"""


PAGE_CSS = """
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
  margin: 0; color: #1f2937; line-height: 1.8; }
header { padding: .6em 1em; border-bottom: 1px solid #e5e7eb; background: #fffdfb; }
header h1 { font-size: 1.2em; margin: .2em 0; }
.pq-back { color: #b91c1c; text-decoration: none; font-size: .9em; }
.pq-doc { display: grid; grid-template-columns: 18em 1fr; gap: 1.2em; padding: 0 1em; }
nav { position: sticky; top: 0; align-self: start; max-height: 100vh; overflow: auto; font-size: .88em; }
nav ul { list-style: none; padding-left: 0; }
nav a { color: #374151; text-decoration: none; }
nav a.pq-current { color: #b91c1c; font-weight: 700; }
.pq-doc-part { font-weight: 700; margin-top: .6em; }
.pq-unit { padding: .3em .5em; margin: .3em 0; border-left: 3px solid transparent; white-space: pre-wrap; }
.pq-chosen { border-left-color: #b91c1c; background: #fef2f2; scroll-margin-top: 1em; }
mark { background: #fde68a; }
@media (max-width: 768px) {
  .pq-doc { grid-template-columns: 1fr; padding: 0 .6em; }
  nav { position: static; max-height: none; }
  .pq-toc:not([open]) ul { display: none; }
}
"""


def document_route(assistant):
    """``GET {path}/document/{doc_id}?path=…&quote=…``: the whole document (see :mod:`.document_page`)."""
    from fastapi import HTTPException
    from fastapi.responses import HTMLResponse, RedirectResponse

    from assistant.interfaces.http.session import LOGIN_PATH, reader_allowed

    def page(request: Request, doc_id: str, path: str = "", quote: str = "") -> HTMLResponse | RedirectResponse:
        if not reader_allowed(request.app.state, assistant.settings, request.headers):  # same door as /ui
            return RedirectResponse(LOGIN_PATH, status_code=303)
        documents = {d["doc_id"]: d for d in assistant.index.manifest["documents"]}
        if doc_id not in documents:
            raise HTTPException(404)
        units = units_of(assistant.index.chunks, doc_id)
        return HTMLResponse(document_html(documents[doc_id]["title"], units, path[:200], quote[:300]))

    return page
