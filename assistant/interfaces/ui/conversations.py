"""The chat page's stored conversations: list (search by title), open, new, rename and delete (after a
confirmation).

The open conversation's id is kept in the browser (``gr.BrowserState``), so a reload restores it;
the turns themselves live in the feedback store (:mod:`assistant.store.conversations`). An empty chat
is kept as :data:`NO_CONVERSATION`, not None: the browser state never stores a falsy value, so a None
would leave the previous id in the browser and a reload would bring that conversation back.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections import OrderedDict
from typing import Any

import gradio as gr

from assistant.errors import PolicyQAError
from assistant.interfaces.ui import render
from assistant.interfaces.ui.admin_render import chinese, message_html
from assistant.interfaces.ui.widgets import confirm_box
from assistant.records import Answer, Citation
from assistant.service import Assistant
from assistant.store.conversations import Conversations

log = logging.getLogger("policyqa.ui")

# The browser state's value for "no conversation open" (conversation ids are UUIDs).
NO_CONVERSATION = "-"
_ANSWER_FIELDS = {f.name for f in dataclasses.fields(Answer)}
_CITATION_FIELDS = {f.name for f in dataclasses.fields(Citation)}


def _citation(data: dict) -> Citation:
    return Citation(**{k: v for k, v in data.items() if k in _CITATION_FIELDS})


def open_id(value: str | None) -> str | None:
    """The id of the open conversation kept in the browser, or None for an empty chat."""
    return value if value and value != NO_CONVERSATION else None


def answer_from_dict(data: dict[str, Any]) -> Answer:
    """An :class:`Answer` back from its JSON contract (fields added later are ignored)."""
    values = {k: v for k, v in data.items() if k in _ANSWER_FIELDS}
    values["citations"] = tuple(_citation(c) for c in data.get("citations", []))
    values["related"] = tuple(_citation(c) for c in data.get("related", []))
    values["sentences"] = tuple(data.get("sentences", []))
    return Answer(**values)


class PageSessions:
    """The page loads (Gradio session hashes) whose chat was started: a question sent, a conversation
    opened, a new chat begun. The load's restore of the open conversation leaves such a chat alone: on a
    busy server it may finish after the user's first question. Bounded: the oldest are forgotten first."""

    def __init__(self, limit: int = 10_000) -> None:
        self.limit = limit
        self._started: OrderedDict[str, None] = OrderedDict()
        self._lock = threading.Lock()

    def start(self, request: gr.Request | None) -> None:
        """Note that the chat of ``request``'s page was started."""
        session = getattr(request, "session_hash", None)
        if not session:
            return
        with self._lock:
            self._started[session] = None
            while len(self._started) > self.limit:
                self._started.popitem(last=False)

    def started(self, request: gr.Request | None) -> bool:
        """True when the chat of ``request``'s page was started."""
        session = getattr(request, "session_hash", None)
        with self._lock:
            return bool(session) and session in self._started


class ConversationPanel:
    """Handlers of the conversation list, bound to one Assistant and the chat's section lookup."""

    def __init__(self, assistant: Assistant, section_text: render.SectionText) -> None:
        self.assistant, self.section_text = assistant, section_text

    @property
    def store(self) -> Conversations | None:
        """The conversations of the feedback store, or None when it cannot be opened."""
        try:
            return self.assistant.feedback.conversations
        except PolicyQAError as exc:
            log.warning("conversations unavailable: %s", exc)
            return None

    def choices(self, query: str = "") -> list[tuple[str, str]]:
        """``(title, id)`` of the stored conversations whose title contains ``query``."""
        store = self.store
        return [(c["title"], c["id"]) for c in store.summaries(query or "")] if store else []

    def listing(self, query: str, current: str | None) -> dict:
        """The list component's update: the matching conversations, ``current`` selected."""
        choices = self.choices(query)
        return gr.update(choices=choices, value=current if any(v == current for _, v in choices) else None)

    def history(self, conversation_id: str | None) -> list[dict]:
        """The turns of the open conversation for ``Assistant.ask(history=…)`` (none if unknown)."""
        store, conversation_id = self.store, open_id(conversation_id)
        if not conversation_id or store is None:
            return []
        try:
            return store.history(conversation_id)
        except PolicyQAError:
            return []

    def stored(self, conversation_id: str | None) -> dict | None:
        """The stored conversation with its turns, or None (no id, unknown, or the store is unavailable)."""
        store, conversation_id = self.store, open_id(conversation_id)
        try:
            return store.get(conversation_id) if store and conversation_id else None
        except PolicyQAError:
            return None

    def drawn(self, stored: dict) -> tuple[list[dict], dict, str]:
        """A stored conversation as the chat shows it: (messages, answer ids by message index, copy text)."""
        messages, ids, plain = [], {}, ""
        for turn in stored["turns"]:
            answer = answer_from_dict(turn["answer"])
            messages.append({"role": "user", "content": render.question_html(turn["question"])})
            messages.append({"role": "assistant", "content": render.answer_html(answer, self.section_text)})
            ids[str(len(messages) - 1)] = turn["answer_id"]
            plain = render.answer_text(answer)
        return messages, ids, plain

    def open(self, conversation_id: str | None, query: str = "") -> tuple:
        """Show a stored conversation: (chat messages, answer ids, copy text, id, list, title)."""
        stored = self.stored(conversation_id)
        if stored is None:
            return self.new(query)
        messages, ids, plain = self.drawn(stored)
        return messages, ids, plain, stored["id"], self.listing(query, stored["id"]), stored["title"]

    def new(self, query: str = "") -> tuple:
        """An empty chat, not yet stored (the first question stores it)."""
        return [], {}, "", NO_CONVERSATION, self.listing(query, None), ""

    def rename(self, conversation_id: str | None, title: str, query: str) -> dict:
        """Rename the open conversation; the list's update."""
        store, conversation_id = self.store, open_id(conversation_id)
        if store and conversation_id:
            try:
                store.rename(conversation_id, title)
                gr.Info("已重命名", title="提示")
            except PolicyQAError as exc:
                gr.Warning(chinese(str(exc)), title="提示")
        return self.listing(query, conversation_id)

    def ask_delete(self, conversation_id: str | None) -> tuple:
        """Ask to confirm deleting the open conversation: (confirmation box, its question, pending id)."""
        stored = self.stored(conversation_id)
        if stored is None:
            gr.Info("当前没有可删除的对话", title="提示")
            return gr.update(visible=False), "", None
        question = f"确定删除对话“{stored['title']}”吗？删除后无法恢复。"
        return gr.update(visible=True), message_html(question, ok=False), stored["id"]

    def delete(self, pending: str | None, current: str | None, query: str) -> tuple:
        """Delete the confirmed conversation: (chat messages, answer ids, copy text, id, list, title,
        confirmation box, pending id). The chat is emptied when the deleted one is the open one."""
        store, hidden = self.store, gr.update(visible=False)
        if store and pending:
            try:
                store.delete(pending)
                gr.Info("对话已删除", title="提示")
            except PolicyQAError as exc:
                gr.Warning(chinese(str(exc)), title="提示")
        current = open_id(current)
        if current is None or current == pending:
            return *self.new(query), hidden, None
        kept = (gr.skip(),) * 4
        return *kept, self.listing(query, current), gr.skip(), hidden, None

    @staticmethod
    def cancel() -> tuple:
        """Close the confirmation: (confirmation box, no pending deletion)."""
        return gr.update(visible=False), None


def layout() -> dict:
    """The conversation list: new, search by title, open, rename, delete with a confirmation."""
    with gr.Column(scale=1, min_width=240, elem_id="pq-convo-col"):
        new = gr.Button("＋ 新对话", variant="primary", size="sm", elem_id="pq-new")
        query = gr.Textbox(placeholder="按标题搜索对话", show_label=False, elem_id="pq-convo-search", max_lines=1)
        listing = gr.Radio([], label="历史对话", elem_id="pq-convos")
        with gr.Row():
            title = gr.Textbox(placeholder="对话标题", show_label=False, scale=3, max_lines=1, elem_id="pq-title")
            rename = gr.Button("重命名", size="sm", scale=1, elem_id="pq-rename")
        delete = gr.Button("删除此对话", size="sm", variant="stop", elem_id="pq-delete")
        confirm, question, yes, no = confirm_box("pq-convo")
        pending = gr.State(None)
    return {"new": new, "query": query, "listing": listing, "title": title, "rename": rename, "delete": delete,
            "confirm": confirm, "question": question, "yes": yes, "no": no, "pending": pending}


def wire(panel: ConversationPanel, v: dict, conversation: gr.BrowserState, shown: list) -> None:
    """The list's own events: search, rename, and delete after a confirmation (``shown``: the outputs
    that draw a conversation, as :meth:`ConversationPanel.open` returns them)."""
    v["query"].change(panel.listing, [v["query"], conversation], v["listing"], queue=False)
    v["rename"].click(panel.rename, [conversation, v["title"], v["query"]], v["listing"])
    v["delete"].click(panel.ask_delete, [conversation], [v["confirm"], v["question"], v["pending"]], queue=False)
    v["yes"].click(panel.delete, [v["pending"], conversation, v["query"]], [*shown, v["confirm"], v["pending"]])
    v["no"].click(panel.cancel, None, [v["confirm"], v["pending"]], queue=False)
