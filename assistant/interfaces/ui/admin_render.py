"""HTML of the documents page (maintainers): the document table, a document's metadata and outline, the
jobs with their progress, and messages. Every text shown goes through :func:`render.safe_text`; links
carry only percent-encoded values."""

from __future__ import annotations

import re
from urllib.parse import quote as url_quote

from assistant.interfaces.ui.render import safe_text

# Metadata fields in the order shown, with their Chinese names.
METADATA_NAMES = {"doc_number": "文号", "issuer": "发文机关", "date_written": "成文日期", "date_published": "发布日期",
                  "date_effective": "施行日期", "index_no": "索引号", "subject": "主题分类", "publicity": "公开方式"}
DATES = {"date_written": "成文", "date_published": "发布", "date_effective": "施行"}
STATES = {"queued": "排队中", "running": "处理中", "done": "已完成", "failed": "失败"}
KINDS = {"upload": "上传", "reindex": "重新索引"}


# The slash between the Chinese and the English half of a message: after a space or a non-ASCII
# character (not inside a path such as a/b.md), before the English.
_HALVES = re.compile(r"(?:\s+|(?<=[^\x00-\x7f]))/\s*(?=[A-Za-z])")


def chinese(message: str) -> str:
    """The Chinese half of an error message written "中文 / English" (the whole message otherwise)."""
    head = _HALVES.split(message, maxsplit=1)[0].strip()
    return head or message


def message_html(text: str, ok: bool = True) -> str:
    """A one-line notice above the jobs: success (green) or a problem (red, with ⚠)."""
    css = "pq-admin-ok" if ok else "pq-admin-error"
    return f'<div class="{css}">{"" if ok else "⚠ "}{safe_text(text)}</div>'


def _page_link(doc_id: str, path: str = "", text: str = "") -> str:
    where = f"?path={url_quote(path, safe='')}#pq-target" if path else ""
    return (f'<a href="document/{url_quote(doc_id, safe="")}{where}" target="_blank" rel="noopener">'
            f'{safe_text(text)}</a>')


def documents_html(documents: list[dict]) -> str:
    """The indexed documents: title (a link to the whole text), doc_id, units, chunks, 文号, issuer, dates."""
    if not documents:
        return '<div class="pq-where">索引中还没有文档。</div>'
    rows = []
    for d in documents:
        meta = d.get("metadata") or {}
        dates = "\n".join(f"{name} {meta[key]}" for key, name in DATES.items() if meta.get(key))
        cells = [_page_link(d["doc_id"], text=d.get("title") or d["doc_id"]), safe_text(d["doc_id"]),
                 safe_text(str(d.get("sections", 0))), safe_text(str(d.get("chunks", ""))),
                 safe_text(meta.get("doc_number") or "—"), safe_text(meta.get("issuer") or "—"),
                 safe_text(dates or "—")]
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    head = "".join(f"<th>{safe_text(h)}</th>" for h in ("标题", "文档编号", "条目", "片段", "文号", "发文机关", "日期"))
    return (f'<div class="pq-docs-count">共 {len(documents)} 个文档</div><div class="pq-table-wrap">'
            f'<table class="pq-docs"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>')


def _metadata_rows(tree: dict, document: dict) -> list[tuple[str, str]]:
    meta = tree.get("metadata") or {}
    rows = [("标题", tree.get("title") or ""), ("文档编号", tree["doc_id"]),
            ("原文件", (tree.get("path") or "").replace("\\", "/").rsplit("/", 1)[-1]),
            ("条目 / 片段", f"{document.get('sections', 0)} / {document.get('chunks', '')}")]
    rows += [(name, meta.get(key) or "") for key, name in METADATA_NAMES.items()]
    rows += [("制定沿革", line) for line in meta.get("history") or []]
    return [(k, v) for k, v in rows if v]


def _tree_html(doc_id: str, nodes: list[dict]) -> str:
    items = []
    for node in nodes:
        label = f"{node.get('label') or ''} {node.get('title') or ''}".strip() or "引言"
        children = _tree_html(doc_id, node.get("children") or [])
        items.append(f"<li>{_page_link(doc_id, node.get('path') or '', label)}{children}</li>")
    return f"<ul>{''.join(items)}</ul>" if items else ""


def detail_html(tree: dict, document: dict) -> str:
    """One document: its metadata as a list and its whole outline (each unit links to its place)."""
    rows = "".join(f"<dt>{safe_text(k)}</dt><dd>{safe_text(v)}</dd>" for k, v in _metadata_rows(tree, document))
    outline = _tree_html(tree["doc_id"], tree.get("children") or []) or '<div class="pq-where">（无结构）</div>'
    return (f'<div class="pq-doc-detail"><div class="pq-doc-title">{safe_text(tree.get("title") or "")}</div>'
            f'<dl class="pq-meta">{rows}</dl><div class="pq-cards-title">文件结构</div>'
            f'<div class="pq-tree">{outline}</div></div>')


def _job_line(job: dict) -> str:
    state = job["state"]
    percent = round(100 * (1.0 if state == "done" else job.get("progress") or 0.0))
    if state == "done":
        result = job.get("result") or {}
        said = f"已建立索引：{result.get('doc_id', '')}，{result.get('sections', 0)} 个条目"
    elif state == "failed":
        said = chinese((job.get("error") or {}).get("message", "失败"))
    else:
        said = job.get("stage") or STATES[state]
    return (f'<li class="pq-job pq-job-{state}"><div><b>{safe_text(KINDS.get(job["kind"], job["kind"]))}</b> '
            f'{safe_text(job["label"])} <span class="pq-job-state">{safe_text(STATES[state])}</span></div>'
            f'<div class="pq-bar"><span style="width: {percent}%"></span></div>'
            f'<div class="pq-job-said">{safe_text(said)}</div></li>')


def jobs_html(jobs: list[dict]) -> str:
    """The latest jobs, newest first: kind, file or title, state, a progress bar, the result or error."""
    if not jobs:
        return ""
    return f'<div class="pq-cards-title">最近的任务</div><ul class="pq-jobs">{"".join(map(_job_line, jobs))}</ul>'


ADMIN_CSS = """
.pq-table-wrap { overflow-x: auto; }
table.pq-docs { border-collapse: collapse; width: 100%; min-width: 640px; font-size: .9em; border: none !important; }
table.pq-docs th, table.pq-docs td { border: none !important; border-bottom: 1px solid #e5e7eb !important;
  padding: .35em .5em; text-align: left; vertical-align: top; }
table.pq-docs td:first-child { min-width: 9em; }
table.pq-docs th { color: #6b7280; font-weight: 600; white-space: nowrap; }
table.pq-docs a, .pq-tree a { color: #b91c1c; text-decoration: none; }
.pq-docs-count { color: #6b7280; font-size: .88em; margin-bottom: .3em; }
.pq-admin-ok { color: #15803d; }
.pq-admin-error { color: #b91c1c; font-weight: 600; }
dl.pq-meta { display: grid; grid-template-columns: max-content 1fr; gap: .15em .8em; margin: .4em 0; }
dl.pq-meta dt { color: #6b7280; }
dl.pq-meta dd { margin: 0; }
.pq-tree ul { list-style: none; padding-left: 1.1em; margin: .1em 0; border-left: 1px dashed #e5e7eb; }
.pq-tree > ul { padding-left: 0; border-left: none; }
.pq-tree { max-height: 60vh; overflow: auto; font-size: .9em; line-height: 1.6; }
ul.pq-jobs { list-style: none; padding: 0; margin: 0; }
li.pq-job { border: 1px solid #e5e7eb; border-radius: 6px; padding: .35em .6em; margin: .3em 0; }
.pq-job-state { color: #6b7280; font-size: .85em; margin-left: .4em; }
.pq-job-failed { border-color: #fca5a5; background: #fef2f2; }
.pq-job-failed .pq-job-said { color: #b91c1c; }
.pq-job-done .pq-job-said { color: #15803d; }
.pq-bar { height: 6px; background: #f3f4f6; border-radius: 3px; margin: .3em 0; overflow: hidden; }
.pq-bar > span { display: block; height: 100%; background: #b91c1c; transition: width .3s; }
.pq-job-said { font-size: .88em; }
#pq-tabs:not(:has(.tab-container.visually-hidden button ~ button)) > .tab-wrapper { display: none; }
"""
