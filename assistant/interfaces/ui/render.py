"""HTML for the chat UI: answers, citation cards with the whole task, refusals and the outline.

Every text that comes from a document, a question or an error goes through :func:`safe_text` and nothing
else; what this module returns is ONE line of HTML (no raw newline), so that the chat's Markdown renderer
sees a single HTML block and never renders any of it as Markdown.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape

from assistant.answer.frames import frame, language
from assistant.interfaces.present import answer_text, fallback_note, part_name, split_citations
from assistant.interfaces.ui.document_page import document_link
from assistant.records import Answer, Citation

# The plain text of an answer for the copy button is the shared presenter's (as in the CLI).
__all__ = ["CSS", "answer_html", "answer_text", "card", "error_html", "generated_html", "highlight", "part_name",
           "section_html", "streaming_html"]

# Finds the whole text of a cited section: (doc_id, number) -> text, or None when unknown.
SectionText = Callable[[str, int | None], str | None]

# Quotes, and characters with a meaning in Markdown (links, images, emphasis, code, tables, headings,
# strikethrough, maths, escapes) or in URLs (":" of a scheme): written as numeric character references,
# which Markdown shows as the character and never reads as syntax.
MARKDOWN_CHARS = str.maketrans({c: f"&#{ord(c)};" for c in "\"'\\`*_{}[]()#|~!:$"})
LINE_BREAKS = re.compile(r"\r\n|[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")


def safe_text(text: str) -> str:
    """Plain text as HTML that shows it literally, in ONE line: the one escaping function of the UI.

    ``html.escape`` (``& < >``), then quotes and Markdown's characters as character references (one pass:
    the references are not escaped again), ``www.`` broken so it cannot become a link, and every line break
    as ``<br>``.
    """
    escaped = escape(text, quote=False).translate(MARKDOWN_CHARS)
    escaped = re.sub(r"(?i)(www)\.", r"\1&#46;", escaped)
    return LINE_BREAKS.sub("<br>", escaped)


def highlight(text: str, quote: str) -> str:
    """``text`` through :func:`safe_text`, the first occurrence of ``quote`` wrapped in ``<mark>``."""
    start = text.find(quote) if quote else -1
    if start < 0:
        return safe_text(text)
    end = start + len(quote)
    return f"{safe_text(text[:start])}<mark>{safe_text(quote)}</mark>{safe_text(text[end:])}"


def question_html(question: str) -> str:
    """The user's chat message."""
    return f'<div class="pq-question">{safe_text(question)}</div>'


def doc_title_html(title: str) -> str:
    """A document's title heading its outline."""
    return f'<div class="pq-doc-title">{safe_text(title)}</div>'


def card(citation: Citation, full_text: str | None, css_class: str = "pq-card") -> str:
    """A citation card: label, title and quote; expanding it shows the whole task, quote marked."""
    where = " · ".join(x for x in (citation.doc_title, part_name(citation.part)) if x)
    body = highlight(full_text, citation.quote) if full_text else safe_text(citation.quote)
    return (f'<details class="{css_class}"><summary>'
            f'<span class="pq-label">{safe_text(citation.label + citation.clause)}</span> '
            f'<span class="pq-title">{safe_text(citation.title)}</span>'
            f'<span class="pq-quote">“{safe_text(citation.quote)}”</span>'
            f'<span class="pq-where">{safe_text(where)}</span></summary>'
            f'<div class="pq-full">{body}</div>{document_link(citation)}</details>')


# The chat's own words around an answer, in simplified Chinese and English (see answer.frames).
WORDS = {"nearest": ("最相关的条目（仅供参考）：", "Nearest provisions (for reference only):"),
         "no_basis": ("⚠ 未找到依据", "⚠ Not covered by the documents"),
         "others": ("其他相关条目：", "Other related provisions:"),
         "sources": ("出处（点击展开原文）：", "Sources (click to show the whole text):"),
         "resolved": ("按追问理解为：", "Understood as: ")}


def words(key: str, question: str) -> str:
    """The chat's word ``key`` in the language of ``question`` (English, else simplified Chinese)."""
    zh, en = WORDS[key]
    return en if language(question) == "en" else zh


def answer_html(answer: Answer, section_text: SectionText) -> str:
    """The assistant's chat message: the answer, then its citation cards (or a refusal notice); the
    frame is in the question's language, and a rewritten follow-up says what was searched."""
    ask = answer.question
    lang = language(ask)
    resolved = answer.resolved_question
    heard = (f'<div class="pq-resolved">{escape(words("resolved", ask))}{escape(resolved)}</div>'
             if resolved and answer.context else "")
    if answer.refused:
        first = answer.answer.split("\n")[0]
        if first == frame("not_found", "zh-Hans"):
            first = frame("not_found", lang)
        cards = "".join(card(c, section_text(c.doc_id, c.number), "pq-card pq-related") for c in answer.related)
        nearest = f'<div class="pq-cards-title">{safe_text(words("nearest", ask))}</div>{cards}' if cards else ""
        return (f'{heard}<div class="pq-refusal"><div class="pq-refusal-head">{safe_text(words("no_basis", ask))}</div>'
                f'<div class="pq-answer">{safe_text(first)}</div>{nearest}</div>')
    generated = answer.mode == "generative"
    quoted, others = split_citations(answer, min_quoted=1)
    cards = "".join(card(c, section_text(c.doc_id, c.number)) for c in quoted)
    more = "".join(card(c, section_text(c.doc_id, c.number), "pq-card pq-more") for c in others)
    more = f'<div class="pq-cards-title">{safe_text(words("others", ask))}</div>{more}' if more else ""
    lines = generated_html(answer) if generated else safe_text(answer.answer)
    note = fallback_note(answer)
    note = f'<div class="pq-fallback">{safe_text(note + "。")}</div>' if note else ""
    sources = f'<div class="pq-cards-title">{safe_text(words("sources", ask))}</div>' if cards else ""
    return f'{heard}<div class="pq-answer">{lines}</div>{note}{sources}<div class="pq-cards">{cards}</div>{more}'


UNVERIFIED_TIP = "未能在原文中核实"


def generated_html(answer: Answer) -> str:
    """A generative answer sentence by sentence; unverified ones grey, marked ⚠ and without their tags."""
    parts = []
    for sentence in answer.sentences:
        if sentence["verified"]:
            parts.append(safe_text(sentence["text"]))
            continue
        text = sentence["text"]
        for label in sentence["labels"]:
            text = text.replace(label, "")
        parts.append(f'<span class="pq-unverified" title="{UNVERIFIED_TIP}">⚠ {safe_text(text.strip())}</span>')
    return "".join(parts)


def streaming_html(text: str) -> str:
    """A generative answer while it streams: the raw text, not yet verified."""
    lines = safe_text(text)
    return (f'<div class="pq-answer pq-streaming">{lines}</div>'
            '<div class="pq-where">正在生成……出处核实后显示</div>')


def error_html(message: str) -> str:
    """A chat message for a question the assistant cannot take (e.g. too long)."""
    return f'<div class="pq-error">⚠ {safe_text(message)}</div>'


def section_html(record: dict) -> str:
    """The whole text of one task, for the side panel."""
    where = " · ".join(x for x in (record["doc_title"], part_name(record["part"]), record["part_title"]) if x)
    return (f'<div class="pq-section"><div class="pq-where">{safe_text(where)}</div>'
            f'<div class="pq-section-title">{safe_text(record["label"])} {safe_text(record["title"])}</div>'
            f'<div class="pq-full">{safe_text(record["text"])}</div></div>')


CSS = """
.pq-answer { font-size: 1.02em; line-height: 1.7; margin-bottom: .4em; }
.pq-cards-title { color: #6b7280; font-size: .88em; margin: .5em 0 .3em; }
details.pq-card { border: 1px solid #e5e7eb; border-left: 4px solid #b91c1c; border-radius: 6px;
  padding: .45em .7em; margin: .35em 0; background: #fffdfb; }
details.pq-card > summary { cursor: pointer; list-style: none; }
details.pq-card > summary::-webkit-details-marker { display: none; }
.pq-label { font-weight: 700; color: #b91c1c; }
.pq-title { font-weight: 600; }
.pq-quote { display: block; color: #374151; margin-top: .2em; }
.pq-where { display: block; color: #9ca3af; font-size: .8em; margin-top: .15em; }
.pq-full { margin-top: .5em; padding-top: .5em; border-top: 1px dashed #e5e7eb; line-height: 1.7; }
.pq-full mark { background: #fde68a; padding: 0 .1em; }
.pq-refusal { border: 1px dashed #d97706; background: #fffbeb; border-radius: 8px; padding: .6em .8em; }
.pq-refusal-head { color: #b45309; font-weight: 700; margin-bottom: .3em; }
details.pq-related { border-left-color: #d97706; background: #ffffff; }
details.pq-more { border-left-color: #9ca3af; background: #ffffff; padding: .25em .7em; font-size: .9em; }
details.pq-more .pq-quote, details.pq-more .pq-where { display: none; }
details.pq-more[open] .pq-quote { display: block; }
.pq-error { color: #b91c1c; }
.pq-resolved { color: #6b7280; font-size: .85em; margin-bottom: .3em; }
.pq-unverified { color: #9ca3af; cursor: help; }
.pq-streaming { color: #4b5563; }
.pq-fallback { color: #b45309; font-size: .85em; margin: .2em 0; }
.pq-section-title { font-weight: 700; margin: .2em 0; }
.pq-doc-title { font-weight: 700; margin: .4em 0 .2em; }
.pq-outline button { justify-content: flex-start !important; text-align: left !important; }
footer { display: none !important; }
"""

# The page layout: chat, conversation list and outline side by side; on a phone the chat first, the
# list below it, the outline behind the "文件结构" button (``#pq-outline-col.pq-show``).
LAYOUT_CSS = """
#pq-layout { flex-wrap: wrap; }
#pq-convo-col { order: 0; }
#pq-main { order: 1; }
#pq-outline-col { order: 2; }
#pq-outline-toggle { display: none; }
a.pq-goto { display: inline-block; margin-top: .4em; font-size: .85em; color: #b91c1c; }
#pq-wait { position: fixed; left: 50%; bottom: 1.5em; transform: translateX(-50%); z-index: 1000; display: none;
  padding: .6em 1em; border-radius: 8px; background: #fffbeb; border: 1px solid #d97706; color: #92400e;
  box-shadow: 0 4px 12px rgba(0, 0, 0, .15); }
#pq-wait.pq-show { display: block; }
@media (max-width: 768px) {
  #pq-layout { flex-direction: column; }
  #pq-main { order: 0; }
  #pq-convo-col { order: 1; }
  #pq-outline-col { order: 2; display: none !important; }
  #pq-outline-col.pq-show { display: flex !important; }
  #pq-outline-toggle { display: inline-flex; }
  #pq-chat { height: 62vh !important; }
  .gradio-container > .main > .wrap > .contain > div > .prose h2 { font-size: 1.1em; margin: 0; }
}
"""
