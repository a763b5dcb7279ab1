"""The Gradio chat UI (Chinese), mounted at /ui of the FastAPI app; it calls the Assistant in-process."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterator
from functools import lru_cache

# Analytics must be off before gradio is imported (no calls home; the UI works offline).
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr
from fastapi import FastAPI

from assistant.errors import DocumentNotFoundError, PolicyQAError
from assistant.ingest.outline import section_record
from assistant.interfaces.http.session import protect
from assistant.interfaces.recording import record_answer, remember_turn
from assistant.interfaces.ui import admin_page, render, scripts
from assistant.interfaces.ui import conversations as convo
from assistant.interfaces.ui.admin_render import ADMIN_CSS
from assistant.interfaces.ui.conversations import NO_CONVERSATION, ConversationPanel, PageSessions, open_id
from assistant.interfaces.ui.document_page import document_route
from assistant.jobs import JobQueue
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
class ChatHandlers:
    """Event handlers of the chat page, bound to one Assistant."""

    def __init__(self, assistant: Assistant) -> None:
        self.assistant = assistant
        self._cached_section = lru_cache(maxsize=512)(self._section_text)
        self.panel = ConversationPanel(assistant, self.section_text)
        self.sessions = PageSessions()

    def section_text(self, doc_id: str, number: int | None) -> str | None:
        """The whole text of a task in the index being served (cached per index generation)."""
        return self._cached_section(self.assistant.generation, doc_id, number)

    def _section_text(self, _generation: int, doc_id: str, number: int | None) -> str | None:
        try:
            return section_record(self.assistant.section(doc_id, number))["text"]
        except DocumentNotFoundError:
            return None

    def respond(self, question: str, history: list, ids: dict, mode: str = "extractive",
                conversation: str | None = None, query: str = "",
                request: gr.Request | None = None) -> Iterator[tuple]:
        """Answer a question in the open conversation (its earlier turns give follow-ups their context),
        streaming generative answers; yields (chat, answer ids, plain text for copying, conversation id,
        conversation list). The last yield shows the answer with its citation cards. The question box is
        emptied in the browser as the question is sent (``scripts.TAKE_QUESTION_JS``), never here: what is
        typed meanwhile stays there.

        A question sent before the page's restore drew the open conversation finds the chat empty: its
        stored turns are drawn first, so that the chat shows the whole conversation it continues."""
        question, conversation = (question or "").strip(), open_id(conversation)
        skip = (gr.skip(), gr.skip(), gr.skip())
        if not question:
            yield history, ids, *skip
            return
        self.sessions.start(request)
        turns = self.panel.history(conversation)
        if turns and not history and (stored := self.panel.stored(conversation)):
            history, ids, _ = self.panel.drawn(stored)
        history = [*history, {"role": "user", "content": render.question_html(question)}]
        try:
            events = self.assistant.ask_stream(question, mode=mode, history=turns or None)
            partial, answer = "", None
            for kind, payload in events:
                if kind == "answer":
                    answer = payload
                elif mode == "generative":
                    partial += payload
                    shown = {"role": "assistant", "content": render.streaming_html(partial)}
                    yield [*history, shown], ids, *skip
        except PolicyQAError as exc:
            yield [*history, {"role": "assistant", "content": render.error_html(str(exc))}], ids, *skip
            return
        yield self._final(history, ids, answer, conversation, query)

    def _final(self, history: list, ids: dict, answer, conversation: str | None, query: str) -> tuple:
        """The finished exchange: the answer stored for feedback and in the conversation, rendered."""
        answer_id = record_answer(self.assistant, answer)
        try:
            conversation = remember_turn(self.assistant, conversation, answer, answer_id)
        except PolicyQAError:  # the conversation was deleted meanwhile: start a new one
            conversation = remember_turn(self.assistant, None, answer, answer_id)
        history.append({"role": "assistant", "content": render.answer_html(answer, self.section_text)})
        ids = {**ids, str(len(history) - 1): answer_id}
        return (history, ids, render.answer_text(answer), conversation or NO_CONVERSATION,
                self.panel.listing(query, conversation))

    def restore(self, conversation: str | None, query: str = "", request: gr.Request | None = None) -> tuple:
        """The page load's restore of the open conversation (its id is kept in the browser), as
        :meth:`ConversationPanel.open`; it changes nothing when the chat was started meanwhile (a question
        sent, a conversation opened or begun: see :class:`PageSessions`). ``ui_restore_delay_ms`` holds it
        back, as a busy server would."""
        shown = self.panel.open(conversation, query)
        delay = self.assistant.settings.ui_restore_delay_ms
        if delay:
            time.sleep(delay / 1000)
        if self.sessions.started(request):
            return tuple(gr.skip() for _ in shown)
        return shown

    def new(self, query: str = "", request: gr.Request | None = None) -> tuple:
        """An empty chat (the "新对话" and clear buttons); the page's restore leaves it alone."""
        self.sessions.start(request)
        return self.panel.new(query)

    def open(self, conversation: str | None, query: str = "", request: gr.Request | None = None) -> tuple:
        """A conversation chosen in the list; the page's restore leaves it alone."""
        self.sessions.start(request)
        return self.panel.open(conversation, query)

    def rate(self, ids: dict, data: gr.LikeData) -> tuple:
        """Store a thumbs up/down of an answer; a thumbs down opens the optional comment box.
        Returns (comment box update, id of the answer a comment would be for)."""
        index = data.index[0] if isinstance(data.index, list | tuple) else data.index
        answer_id = ids.get(str(index))
        rating = {True: "up", False: "down", "Like": "up", "Dislike": "down"}.get(data.liked)
        if not answer_id or rating is None:
            return gr.update(visible=False), None
        try:
            self.assistant.feedback.add_feedback(answer_id, rating)
        except PolicyQAError as exc:
            log.warning("feedback not stored: %s", exc)
            return gr.update(visible=False), None
        if rating == "down":
            return gr.update(visible=True), answer_id
        gr.Info("感谢反馈！", title="提示")
        return gr.update(visible=False), None

    def comment(self, answer_id: str | None, text: str) -> tuple:
        """Store the comment of a thumbs down; hides and clears the comment box."""
        if answer_id:
            try:
                self.assistant.feedback.add_feedback(answer_id, "down", (text or "").strip()[:2000])
                gr.Info("已收到您的意见，感谢反馈！", title="提示")
            except PolicyQAError as exc:
                log.warning("comment not stored: %s", exc)
        return gr.update(visible=False), None, ""

    def show_section(self, doc_id: str, number: int | None) -> str:
        """The side panel's view of one task."""
        try:
            return render.section_html(section_record(self.assistant.section(doc_id, number)))
        except DocumentNotFoundError as exc:
            return render.error_html(str(exc))


def _outline_panel(handlers: ChatHandlers, viewer: gr.HTML) -> None:
    """Parts as accordions, tasks as buttons; a click shows the task's whole text in ``viewer``.

    Titles go through ``render`` (HTML); accordion and button labels are text nodes in Gradio, never markup."""
    for doc in handlers.assistant.outline():
        gr.HTML(render.doc_title_html(doc["title"]))
        for part in doc["parts"]:
            name = f"{render.part_name(part['part'])} {part['title']}".strip() or "引言"
            with gr.Accordion(name, open=False, elem_classes="pq-outline"):
                for section in part["sections"]:
                    label = f"{section['label']} {section['title']}".strip()
                    button = gr.Button(label, size="sm", variant="secondary")
                    button.click(lambda d=doc["doc_id"], n=section["number"]: handlers.show_section(d, n),
                                 None, viewer, queue=False).then(None, None, None, js=scripts.SHOW_VIEWER_JS)


def _mode_choice(assistant: Assistant) -> gr.Radio | gr.State:
    """How to answer: a choice when an LLM is configured, else always extractive."""
    if assistant.llm is None:
        return gr.State("extractive")
    return gr.Radio([("摘录原文", "extractive"), ("大模型生成（引用逐条核实）", "generative")],
                    value="extractive", label="回答方式", elem_id="pq-mode")


def _chat_column(assistant: Assistant) -> dict:
    """The chat: answers, question box, copy and clear, the 👎 comment box, examples."""
    with gr.Column(scale=3, min_width=300, elem_id="pq-main"):
        chat = gr.Chatbot(label="对话", show_label=False, height=560, elem_id="pq-chat", buttons=[],
                          feedback_options=("Like", "Dislike"), sanitize_html=True,
                          latex_delimiters=[],  # no KaTeX over document text
                          placeholder="请输入关于政策文件的问题，或点击下方示例。可以接着追问，如“这个任务还有什么要求？”。")
        with gr.Row():
            box = gr.Textbox(placeholder="例如：全市数据中心标准机架总数的目标是多少？", show_label=False,
                             scale=5, max_lines=4, elem_id="pq-question")
            send = gr.Button("提问", variant="primary", scale=1, elem_id="pq-send")
        with gr.Group(visible=False, elem_id="pq-comment") as comment_box:
            comment = gr.Textbox(label="哪里不对？（可选）", placeholder="例如：引用的条目不对、数字有误……",
                                 max_lines=4, elem_id="pq-comment-text")
            submit = gr.Button("提交意见", size="sm", elem_id="pq-comment-send")
        with gr.Row():
            copy = gr.Button("复制最新回答及出处", size="sm", elem_id="pq-copy")
            clear = gr.Button("清空对话", size="sm", elem_id="pq-clear")
            outline = gr.Button("文件结构", size="sm", elem_id="pq-outline-toggle")
        plain = gr.Textbox(visible=False)
        mode = _mode_choice(assistant)
        gr.Examples(EXAMPLES, inputs=box, label="示例问题")
    return {"chat": chat, "box": box, "send": send, "comment_box": comment_box, "comment": comment,
            "submit": submit, "copy": copy, "clear": clear, "outline": outline, "plain": plain, "mode": mode}


def _chat_page(blocks: gr.Blocks, handlers: ChatHandlers) -> None:
    """The chat tab: chat column, conversation list and outline side by side, and their events."""
    panel = handlers.panel
    ids, pending = gr.State({}), gr.State(None)
    conversation = gr.BrowserState(None, storage_key="policyqa-conversation")
    with gr.Row(elem_id="pq-layout"):
        c = _chat_column(handlers.assistant)
        v = convo.layout()
        with gr.Column(scale=1, min_width=260, elem_id="pq-outline-col"):
            gr.Markdown("### 文件结构")
            viewer = gr.HTML('<div class="pq-where">点击条目查看原文</div>', elem_id="pq-viewer")
            @gr.render(triggers=[blocks.load])
            def _outline() -> None:  # drawn on every page load: it follows the live index
                _outline_panel(handlers, viewer)
    shown = [c["chat"], ids, c["plain"], conversation, v["listing"], v["title"]]
    inputs = [c["box"], c["chat"], ids, c["mode"], conversation, v["query"]]
    outputs = [c["chat"], ids, c["plain"], conversation, v["listing"]]
    # One question at a time: the page's script keeps a question sent meanwhile in the box (with a
    # notice) until the answer is done (scripts.ASKED_JS); the box is emptied as the question is sent.
    for trigger in (c["box"].submit, c["send"].click):
        trigger(handlers.respond, inputs, outputs, js=scripts.TAKE_QUESTION_JS, concurrency_limit=4).then(
            None, None, None, js=scripts.ASKED_JS)
    c["chat"].like(handlers.rate, [ids], [c["comment_box"], pending])
    c["submit"].click(handlers.comment, [pending, c["comment"]], [c["comment_box"], pending, c["comment"]])
    c["copy"].click(None, [c["plain"]], None, js=scripts.COPY_JS)
    for clear in (c["clear"].click, c["chat"].clear, v["new"].click):  # chat.clear: the chat's own 🗑 button
        clear(handlers.new, [v["query"]], shown, queue=False)
    c["outline"].click(None, None, None, js=scripts.TOGGLE_OUTLINE_JS)
    v["listing"].input(handlers.open, [v["listing"], v["query"]], shown, queue=False)
    convo.wire(panel, v, conversation, shown)
    blocks.load(handlers.restore, [conversation, v["query"]], shown, queue=False)


def build(assistant: Assistant, jobs: JobQueue | None = None, role_of: admin_page.RoleOf | None = None
          ) -> gr.Blocks:
    """The page: the chat tab (conversation list, chat box with examples, citation cards and feedback,
    outline) and, for maintainers (``role_of``), the documents tab, whose jobs go to ``jobs``.

    On a phone the chat comes first, the conversation list after it and the outline behind a button.
    """
    handlers = ChatHandlers(assistant)
    admin = admin_page.AdminHandlers(assistant, jobs or JobQueue(), role_of)
    with gr.Blocks(title="政策问答助手", analytics_enabled=False) as blocks:
        gr.Markdown("## 政策问答助手\n每个回答都引用原文并注明条目编号；文件未涉及的问题会明确说明。")
        with gr.Tabs(elem_id="pq-tabs"):
            with gr.Tab("问答", id="chat", elem_id="pq-chat-tab"):
                _chat_page(blocks, handlers)
            page = admin_page.layout(assistant)
        admin_page.wire(blocks, admin, page)
    return blocks


def mount(app: FastAPI, assistant: Assistant, path: str = "/ui") -> FastAPI:
    """Mount the chat UI at ``path`` behind the key guard (:mod:`assistant.interfaces.http.session`: a
    sign-in form at ``/ui-login`` when a key is set) and make ``/`` redirect there."""
    theme = gr.themes.Default(primary_hue="red", font=FONTS)
    # Before the mount, so that it is matched first.
    app.add_api_route(f"{path}/document/{{doc_id}}", document_route(assistant), methods=["GET"],
                      include_in_schema=False)
    jobs = getattr(app.state, "jobs", None) or JobQueue()
    app.state.jobs = jobs  # the same queue as POST /documents
    role_of = admin_page.roles_of(app.state, assistant.settings)
    css = render.CSS + render.LAYOUT_CSS + ADMIN_CSS
    gr.mount_gradio_app(app, build(assistant, jobs, role_of), path=path, theme=theme, css=css,
                        head=scripts.HEAD_JS, footer_links=[], ssr_mode=False, pwa=False, mcp_server=False,
                        enable_monitoring=False)
    protect(app, path, assistant.settings)
    app.state.home = f"{path}/"
    return app
