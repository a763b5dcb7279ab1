"""The UI's one escaping function and the HTML built with it, read by a real CommonMark renderer."""

from __future__ import annotations

import html
import re

import pytest
from markdown_it import MarkdownIt

from assistant.interfaces.ui import render
from assistant.records import Answer, Citation

PAYLOADS = [
    "示例数据办法![t](http://x.test/a.png)<img src=http://x.test/b>",
    "第一条 为了规范数据工作。\n\n**出处**：[点此](http://x.test/l) <a href=\"http://x.test/h\">链接</a> www.x.test",
    "# 标题\n- 列表\n> 引用\n```\n代码\n```\n| a | b |\n|---|---|\n~~删~~ $$x$$ \\*",
    "&lt;已转义&gt; &amp; &#60;img&#62; \"双引号\" '单引号'",
    "行一\r\n行二\r行三\u2028行四\u2029行五\x0c行六",
]
MARKDOWN = MarkdownIt("commonmark", {"html": True})
CITATION = Citation("plan", PAYLOADS[0], "（一）", 1, PAYLOADS[2], "一", PAYLOADS[1][:20], 0.9, "（一）")


def shown(markup: str) -> str:
    """The text a browser shows for our markup (line breaks back as newlines)."""
    return html.unescape(markup.replace("<br>", "\n"))


@pytest.mark.parametrize("text", PAYLOADS)
def test_safe_text_shows_the_text_literally_on_one_line(text: str) -> None:
    out = render.safe_text(text)
    lines = text.replace("\r\n", "\n")
    for brk in "\r\u2028\u2029\x0c":
        lines = lines.replace(brk, "\n")
    assert shown(out) == lines
    assert "\n" not in out and "\r" not in out
    assert out.replace("<br>", "").count("<") == 0 and ">" not in out.replace("<br>", "")
    assert not set("*_[]()!`#|~:$\\\"'") & set(out.replace("<br>", "").replace("&#", "").replace(";", ""))


@pytest.mark.parametrize("markup", [
    render.question_html(PAYLOADS[0] + "\n\n" + PAYLOADS[1]),
    render.doc_title_html(PAYLOADS[0]),
    render.error_html(PAYLOADS[2]),
    render.streaming_html(PAYLOADS[1]),
    render.section_html({"doc_title": PAYLOADS[0], "part": "一", "part_title": PAYLOADS[2], "label": "（一）",
                         "title": PAYLOADS[3], "text": PAYLOADS[1]}),
    render.card(CITATION, PAYLOADS[1]),
    render.answer_html(Answer("问", PAYLOADS[1] + "（一）", False, (CITATION,)), lambda *_: PAYLOADS[1]),
    render.answer_html(Answer("问", PAYLOADS[2], True, (), related=(CITATION,)), lambda *_: None),
])
def test_markdown_passes_our_markup_through_untouched(markup: str) -> None:
    # one HTML block: CommonMark copies it verbatim, so no part of the text is read as Markdown
    assert "\n" not in markup
    assert MARKDOWN.render(markup).strip() == markup
    # the only link is our own, same-site "在全文中查看" link of a citation card
    ours = re.sub(r'<a class="pq-goto" href="document/[^"<>]*" target="_blank" rel="noopener">在全文中查看 ↗</a>', "",
                  markup)
    for tag in ("<img", "<a ", "<script", "<strong", "<em", "<h1", "<code", "<table", "<li"):
        assert tag not in ours


def test_the_quote_is_marked_inside_escaped_text() -> None:
    out = render.highlight("甲 <b>乙</b>\n\n丙", "<b>乙</b>")
    assert out == "甲 <mark>&lt;b&gt;乙&lt;/b&gt;</mark><br><br>丙"


def test_an_answer_without_sources_has_no_sources_heading() -> None:
    """A greeting (route "chitchat") cites nothing: no empty "出处" heading under it."""
    hello = Answer("你好", "您好！我是政策问答助手。", False, (), route="chitchat")
    greeting = render.answer_html(hello, lambda *_: None)
    assert "出处" not in greeting and "Sources" not in greeting
    cited = render.answer_html(Answer("问", PAYLOADS[1] + "（一）", False, (CITATION,)), lambda *_: PAYLOADS[1])
    assert "出处" in cited
