"""The documents page's HTML: every text escaped by render.safe_text, errors shown by their Chinese half."""

from __future__ import annotations

import pytest

from assistant.interfaces.ui import admin_render

HOSTILE = '<img src=x onerror="alert(1)">![](http://evil.example/x.png)[链接](javascript:alert(1))'


def test_the_document_table_and_detail_escape_everything() -> None:
    doc = {"doc_id": "a<b>&c", "title": HOSTILE, "sections": 3, "chunks": 4,
           "metadata": {"doc_number": "<script>x</script>", "issuer": "**粗体**", "date_effective": "2025-06-01"}}
    tree = {"doc_id": doc["doc_id"], "title": HOSTILE, "path": "/srv/corpus/x.md", "metadata": doc["metadata"],
            "children": [{"label": "第一条", "title": "<b>标题</b>", "path": "第一条?&x=1", "children": []}]}
    for shown in (admin_render.documents_html([doc]), admin_render.detail_html(tree, doc)):
        assert "<img" not in shown and "<script" not in shown and "<b>" not in shown
        assert "](http" not in shown and "javascript:" not in shown and "**" not in shown
        assert "&lt;img" in shown and "\n" not in shown
    assert 'href="document/a%3Cb%3E%26c?path=%E7%AC%AC%E4%B8%80%E6%9D%A1%3F%26x%3D1#pq-target"' in \
        admin_render.detail_html(tree, doc)


def test_jobs_show_state_progress_and_the_chinese_reason() -> None:
    jobs = [{"kind": "upload", "label": "<x>.pdf", "state": "failed", "progress": 0.1, "stage": "失败",
             "error": {"code": "UnreadableDocumentError", "message": "无法解析 PDF 文件 / cannot parse the PDF"}},
            {"kind": "reindex", "label": "办法", "state": "running", "progress": 0.1, "stage": "重新读取原文"}]
    shown = admin_render.jobs_html(jobs)
    assert "无法解析 PDF 文件" in shown and "cannot parse" not in shown and "&lt;x&gt;.pdf" in shown
    assert "重新索引" in shown and "处理中" in shown and "width: 10%" in shown


@pytest.mark.parametrize(("message", "chinese"), [
    ("文件过大（上限 10 MB）/ file larger than 10 MB", "文件过大（上限 10 MB）"),
    ("未知文档 / unknown doc_id: x", "未知文档"),
    ("原文件 a/b.md 已不存在 / the source file is gone", "原文件 a/b.md 已不存在"),
    ("只有中文", "只有中文"),
])
def test_the_chinese_half_of_a_message(message: str, chinese: str) -> None:
    assert admin_render.chinese(message) == chinese
