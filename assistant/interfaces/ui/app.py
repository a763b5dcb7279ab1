"""The Gradio chat UI (Chinese), mounted at /ui of the FastAPI app; it calls the Assistant in-process."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from functools import lru_cache

# Analytics must be off before gradio is imported (no calls home; the UI works offline).
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr
from fastapi import FastAPI

from assistant.errors import DocumentNotFoundError, PolicyQAError
from assistant.ingest.outline import section_record
from assistant.interfaces.recording import record_answer
from assistant.interfaces.ui import render
from assistant.service import Assistant

log = logging.getLogger("policyqa.ui")

EXAMPLES = [
    "全市数据中心标准机架总数的目标是多少？",
    "要新增多少个公共数据授权运营典型应用场景？",
    "新制发电子证照质检合格率要达到多少？",
    "政务大模型应用支撑底座要实现哪些统一？",
    "重点打造多少个数字化转型典型场景？",
    "量子信息产业今年有哪些安排？",
    "第七部分有哪些任务？",
    "全年至少开展几次攻防和应急演练？",
]
FONTS = ["Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "ui-sans-serif",
         "system-ui", "sans-serif"]
# Copies the plain text of the latest answer (the hidden textbox) with a fallback for plain-HTTP pages.
COPY_JS = """(text) => {
  const done = () => { const b = document.querySelector('#pq-copy'); if (b) { b.dataset.copied = '1'; } };
  if (navigator.clipboard && window.isSecureContext) { navigator.clipboard.writeText(text).then(done); }
  else { const t = document.createElement('textarea'); t.value = text; document.body.appendChild(t);
         t.select(); document.execCommand('copy'); t.remove(); done(); }
  return text;
}"""


class ChatHandlers:
    """Event handlers of the chat page, bound to one Assistant."""

    def __init__(self, assistant: Assistant) -> None:
        self.assistant = assistant
        self._cached_section = lru_cache(maxsize=512)(self._section_text)

    def section_text(self, doc_id: str, number: int | None) -> str | None:
        """The whole text of a task in the index being served (cached per index generation)."""
        return self._cached_section(self.assistant.generation, doc_id, number)

    def _section_text(self, _generation: int, doc_id: str, number: int | None) -> str | None:
        try:
            return section_record(self.assistant.section(doc_id, number))["text"]
        except DocumentNotFoundError:
            return None

    def respond(self, question: str, history: list, ids: dict, mode: str = "extractive") -> Iterator[tuple]:
        """Answer a question, streaming generative answers; yields (cleared textbox, history, answer ids,
        plain text for copying). The last yield shows the verified answer with its citation cards."""
        question = (question or "").strip()
        if not question:
            yield "", history, ids, gr.skip()
            return
        history = [*history, {"role": "user", "content": question}]
        try:
            events = self.assistant.ask_stream(question, mode=mode)
            partial, answer = "", None
            for kind, payload in events:
                if kind == "answer":
                    answer = payload
                elif mode == "generative":
                    partial += payload
                    shown = {"role": "assistant", "content": render.streaming_html(partial)}
                    yield "", [*history, shown], ids, gr.skip()
        except PolicyQAError as exc:
            yield "", [*history, {"role": "assistant", "content": render.error_html(str(exc))}], ids, gr.skip()
            return
        yield self._final(history, ids, answer)

    def _final(self, history: list, ids: dict, answer) -> tuple:
        """The finished exchange: the answer stored for feedback and rendered with its cards."""
        answer_id = record_answer(self.assistant, answer)
        history.append({"role": "assistant", "content": render.answer_html(answer, self.section_text)})
        return "", history, {**ids, str(len(history) - 1): answer_id}, render.answer_text(answer)

    def rate(self, ids: dict, data: gr.LikeData) -> None:
        """Store a thumbs up/down of an answer in the feedback store."""
        index = data.index[0] if isinstance(data.index, list | tuple) else data.index
        answer_id = ids.get(str(index))
        rating = {True: "up", False: "down", "Like": "up", "Dislike": "down"}.get(data.liked)
        if not answer_id or rating is None:
            return
        try:
            self.assistant.feedback.add_feedback(answer_id, rating)
            gr.Info("感谢反馈！")
        except PolicyQAError as exc:
            log.warning("feedback not stored: %s", exc)

    def show_section(self, doc_id: str, number: int | None) -> str:
        """The side panel's view of one task."""
        try:
            return render.section_html(section_record(self.assistant.section(doc_id, number)))
        except DocumentNotFoundError as exc:
            return render.error_html(str(exc))


def _outline_panel(handlers: ChatHandlers, viewer: gr.HTML) -> None:
    """Parts as accordions, tasks as buttons; a click shows the task's whole text in ``viewer``."""
    for doc in handlers.assistant.outline():
        gr.Markdown(f"**{doc['title']}**")
        for part in doc["parts"]:
            name = f"{render.part_name(part['part'])} {part['title']}".strip() or "引言"
            with gr.Accordion(name, open=False, elem_classes="pq-outline"):
                for section in part["sections"]:
                    label = f"{section['label']} {section['title']}".strip()
                    button = gr.Button(label, size="sm", variant="secondary")
                    button.click(lambda d=doc["doc_id"], n=section["number"]: handlers.show_section(d, n),
                                 None, viewer, queue=False)


def _mode_choice(assistant: Assistant) -> gr.Radio | gr.State:
    """How to answer: a choice when an LLM is configured, else always extractive."""
    if assistant.llm is None:
        return gr.State("extractive")
    return gr.Radio([("摘录原文", "extractive"), ("大模型生成（引用逐条核实）", "generative")],
                    value="extractive", label="回答方式", elem_id="pq-mode")


def build(assistant: Assistant) -> gr.Blocks:
    """The chat page: outline side panel, chat box with examples, citation cards and feedback."""
    handlers = ChatHandlers(assistant)
    with gr.Blocks(title="政策问答助手", analytics_enabled=False) as blocks:
        gr.Markdown("## 政策问答助手\n每个回答都引用原文并注明条目编号；文件未涉及的问题会明确说明。")
        ids = gr.State({})
        with gr.Row():
            with gr.Column(scale=1, min_width=260):
                gr.Markdown("### 文件结构")
                viewer = gr.HTML('<div class="pq-where">点击条目查看原文</div>', elem_id="pq-viewer")

                @gr.render(triggers=[blocks.load])
                def _outline() -> None:  # drawn on every page load: it follows the live index
                    _outline_panel(handlers, viewer)
            with gr.Column(scale=3):
                chat = gr.Chatbot(label="对话", height=560, elem_id="pq-chat", buttons=[],
                                  feedback_options=("Like", "Dislike"), sanitize_html=True,
                                  placeholder="请输入关于政策文件的问题，或点击下方示例。")
                with gr.Row():
                    box = gr.Textbox(placeholder="例如：全市数据中心标准机架总数的目标是多少？", show_label=False,
                                     scale=5, max_lines=4, elem_id="pq-question")
                    send = gr.Button("提问", variant="primary", scale=1, elem_id="pq-send")
                with gr.Row():
                    copy = gr.Button("复制最新回答及出处", size="sm", elem_id="pq-copy")
                    clear = gr.Button("清空对话", size="sm")
                plain = gr.Textbox(visible=False)
                mode = _mode_choice(assistant)
                gr.Examples(EXAMPLES, inputs=box, label="示例问题")
        outputs, inputs = [box, chat, ids, plain], [box, chat, ids, mode]
        box.submit(handlers.respond, inputs, outputs, concurrency_limit=4)
        send.click(handlers.respond, inputs, outputs, concurrency_limit=4)
        chat.like(handlers.rate, [ids], None)
        copy.click(None, [plain], None, js=COPY_JS)
        clear.click(lambda: ([], {}, ""), None, [chat, ids, plain], queue=False)
    return blocks


def mount(app: FastAPI, assistant: Assistant, path: str = "/ui") -> FastAPI:
    """Mount the chat UI at ``path`` and make ``/`` redirect there."""
    theme = gr.themes.Default(primary_hue="red", font=FONTS)
    gr.mount_gradio_app(app, build(assistant), path=path, theme=theme, css=render.CSS, footer_links=[],
                        ssr_mode=False, pwa=False, mcp_server=False, enable_monitoring=False)
    app.state.home = f"{path}/"
    return app
