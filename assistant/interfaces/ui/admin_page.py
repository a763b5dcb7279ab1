"""The documents page of the chat UI ("文档管理"), for maintainers: the indexed documents with their
metadata, uploads that become ingest jobs with their progress, re-indexing, deletion with a
confirmation, and any document's metadata and whole outline.

Choices where the issue is silent:
- Who may use it is decided on the server for every call, by the request's session cookie or key
  (:func:`assistant.interfaces.http.session.ui_role`; with no key configured everyone is a maintainer,
  as in the API). A reader's page never shows the tab, and a reader calling one of these handlers
  directly (``/ui/gradio_api/call/admin_delete`` …) gets an error and nothing changes.
- Uploads and re-indexing are jobs of the same queue as ``POST /documents`` (one worker, in order), so
  ``GET /jobs`` lists them too; the page polls once a second while a job is unfinished, and refreshes
  the list when they are all done. Deletion is immediate, as ``DELETE /documents/{doc_id}``.
- Re-indexing reads the document again from the file its index entry names (edited in place, say)
  and embeds it anew (:meth:`Assistant.reindex_document`).
- Messages are the Chinese half of the core's "中文 / English" errors.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

import gradio as gr

from assistant.errors import PolicyQAError
from assistant.interfaces.http.roles import Role, keys_configured
from assistant.interfaces.http.session import ui_role
from assistant.interfaces.http.uploads import SUPPORTED_SUFFIXES, UnsupportedTypeError, queue_reindex, queue_upload
from assistant.interfaces.ui import admin_render as html
from assistant.interfaces.ui.widgets import confirm_box
from assistant.jobs import JobQueue
from assistant.service import Assistant

# The role of a UI request (None: a call from Python, not through the page).
RoleOf = Callable[[gr.Request | None], Role]
NOT_ALLOWED = "仅管理员可以管理文档，请使用管理员密钥登录。"
NO_DOCUMENT = '<div class="pq-where">选择一个文档，查看其元数据和文件结构。</div>'
RECENT_JOBS = 6


def roles_of(app_state, settings) -> RoleOf:
    """The role of a UI request by its key header or session cookie (see :func:`ui_role`)."""
    def role_of(request: gr.Request | None) -> Role:
        headers, cookies = (dict(request.headers), dict(request.cookies)) if request else ({}, {})
        return ui_role(app_state, settings, headers, cookies)

    return role_of


def reason(exc: PolicyQAError) -> str:
    """Why an upload or a change was refused, in Chinese."""
    if isinstance(exc, UnsupportedTypeError):
        return f"不支持的文件类型，请上传 {'、'.join(SUPPORTED_SUFFIXES)} 文件"
    return html.chinese(str(exc))


class AdminHandlers:
    """Event handlers of the documents page, bound to one Assistant and the app's job queue."""

    def __init__(self, assistant: Assistant, jobs: JobQueue, role_of: RoleOf | None = None) -> None:
        self.assistant, self.jobs = assistant, jobs
        open_door = not keys_configured(assistant.settings)
        self.role_of = role_of or (lambda _request: Role.ADMIN if open_door else Role.NOBODY)

    def allowed(self, request: gr.Request | None) -> bool:
        """True when the request comes from a maintainer."""
        return self.role_of(request) >= Role.ADMIN

    def _require(self, request: gr.Request | None) -> None:
        if not self.allowed(request):
            raise gr.Error(NOT_ALLOWED, title="错误")

    def _documents(self) -> list[dict]:
        return self.assistant.documents()

    @staticmethod
    def _choices(documents: list[dict], current: str | None) -> dict:
        choices = [(f"{d.get('title') or d['doc_id']}（{d['doc_id']}）", d["doc_id"]) for d in documents]
        return gr.update(choices=choices, value=current if any(v == current for _, v in choices) else None)

    def _jobs(self) -> tuple[str, dict]:
        """The jobs' HTML and the timer's update (ticking while a job is unfinished)."""
        shown = html.jobs_html([job.to_dict() for job in self.jobs.recent(RECENT_JOBS)])
        return shown, gr.Timer(active=bool(self.jobs.unfinished()))

    def _detail(self, doc_id: str | None, documents: list[dict]) -> str:
        document = next((d for d in documents if d["doc_id"] == doc_id), None)
        if document is None:
            return NO_DOCUMENT
        return html.detail_html(self.assistant.document_tree(doc_id), document)

    def _title(self, doc_id: str) -> str:
        return next((d.get("title") or doc_id for d in self._documents() if d["doc_id"] == doc_id), doc_id)

    def show(self, request: gr.Request | None = None) -> tuple:
        """On page load: (tab, document table, document choice, jobs, timer); all empty for a reader."""
        if not self.allowed(request):
            return gr.update(visible=False), "", gr.update(choices=[], value=None), "", gr.Timer(active=False)
        documents = self._documents()
        return (gr.update(visible=True), html.documents_html(documents), self._choices(documents, None),
                *self._jobs())

    def refresh(self, current: str | None, request: gr.Request | None = None) -> tuple:
        """A tick while jobs run: (table, choice, jobs, timer, detail); the list only once all are done."""
        self._require(request)
        jobs, timer = self._jobs()
        if self.jobs.unfinished():
            return gr.skip(), gr.skip(), jobs, timer, gr.skip()
        documents = self._documents()
        return (html.documents_html(documents), self._choices(documents, current), jobs, timer,
                self._detail(current, documents))

    def upload(self, path: str | None, request: gr.Request | None = None) -> tuple:
        """Queue the uploaded file (a job): (message, cleared file input, jobs, timer)."""
        self._require(request)
        if not path:
            return html.message_html("请先选择要上传的文件。", ok=False), gr.skip(), *self._jobs()
        source = Path(path)
        try:
            with source.open("rb") as file:
                data = file.read(self.assistant.settings.max_upload_bytes + 1)
            queue_upload(self.assistant, self.jobs, source.name, data)
        except PolicyQAError as exc:
            return html.message_html(f"无法上传“{source.name}”：{reason(exc)}", ok=False), None, *self._jobs()
        finally:
            with contextlib.suppress(OSError):
                source.unlink()  # the upload's temporary copy: the job keeps the bytes
        return html.message_html(f"已接收“{source.name}”，已加入索引任务（进度见下方）。"), None, *self._jobs()

    def detail(self, doc_id: str | None, request: gr.Request | None = None) -> tuple:
        """The chosen document: (metadata and outline, hidden confirmation, no pending deletion)."""
        self._require(request)
        return self._detail(doc_id, self._documents()), gr.update(visible=False), None

    def reindex(self, doc_id: str | None, request: gr.Request | None = None) -> tuple:
        """Queue the re-index of the chosen document: (message, jobs, timer)."""
        self._require(request)
        if not doc_id:
            return html.message_html("请先选择一个文档。", ok=False), *self._jobs()
        try:
            queue_reindex(self.assistant, self.jobs, doc_id)
        except PolicyQAError as exc:
            return html.message_html(f"无法重新索引：{reason(exc)}", ok=False), *self._jobs()
        return html.message_html(f"已将《{self._title(doc_id)}》加入重新索引任务（进度见下方）。"), *self._jobs()

    def ask_delete(self, doc_id: str | None, request: gr.Request | None = None) -> tuple:
        """Ask to confirm the deletion: (message, confirmation box, its question, pending doc_id)."""
        self._require(request)
        if not doc_id:
            return html.message_html("请先选择一个文档。", ok=False), gr.update(visible=False), "", None
        question = (f"确定删除《{self._title(doc_id)}》（{doc_id}）吗？它将从索引中移除，"
                    "原文件移到数据目录的 removed 文件夹。")
        return "", gr.update(visible=True), html.message_html(question, ok=False), doc_id

    def delete(self, pending: str | None, request: gr.Request | None = None) -> tuple:
        """Delete the confirmed document: (message, confirmation box, pending, table, choice, detail)."""
        self._require(request)
        hidden, keep = gr.update(visible=False), (gr.skip(), gr.skip(), gr.skip())
        if not pending:
            return html.message_html("没有待删除的文档。", ok=False), hidden, None, *keep
        title = self._title(pending)
        try:
            self.assistant.remove_document(pending)
        except PolicyQAError as exc:
            return html.message_html(f"无法删除：{reason(exc)}", ok=False), hidden, None, *keep
        documents = self._documents()
        return (html.message_html(f"已删除《{title}》。"), hidden, None, html.documents_html(documents),
                self._choices(documents, None), NO_DOCUMENT)

    @staticmethod
    def cancel() -> tuple:
        """Close the confirmation: (confirmation box, no pending deletion)."""
        return gr.update(visible=False), None


def layout(assistant: Assistant) -> dict:
    """The tab (hidden until a maintainer's page load shows it) and its components."""
    limit = f"{assistant.settings.max_upload_mb:g} MB"
    with gr.Tab("文档管理", id="admin", visible=False, elem_id="pq-admin") as tab:
        with gr.Row(elem_id="pq-admin-layout"):
            with gr.Column(scale=3, min_width=320):
                gr.Markdown("### 已索引的文档")
                table = gr.HTML(elem_id="pq-docs")
                upload = gr.File(label=f"上传政策文件（{' '.join(SUPPORTED_SUFFIXES)}，不超过 {limit}）",
                                 file_count="single", type="filepath", elem_id="pq-upload")
                send = gr.Button("上传并建立索引", variant="primary", elem_id="pq-upload-send")
                message = gr.HTML(elem_id="pq-admin-message")
                jobs = gr.HTML(elem_id="pq-jobs")
            with gr.Column(scale=2, min_width=300):
                # Custom values: the choices are filled per page load; the handlers check the doc_id themselves.
                choice = gr.Dropdown([], label="查看文档", elem_id="pq-doc-choice", interactive=True,
                                     allow_custom_value=True)
                with gr.Row():
                    reindex = gr.Button("重新索引", size="sm", elem_id="pq-reindex")
                    delete = gr.Button("删除文档", size="sm", variant="stop", elem_id="pq-doc-delete")
                confirm, question, yes, no = confirm_box("pq")
                detail = gr.HTML(NO_DOCUMENT, elem_id="pq-doc-detail")
        timer = gr.Timer(1.0, active=False)
        pending = gr.State(None)
    return {"tab": tab, "table": table, "upload": upload, "send": send, "message": message, "jobs": jobs,
            "choice": choice, "reindex": reindex, "delete": delete, "confirm": confirm, "question": question,
            "yes": yes, "no": no, "detail": detail, "timer": timer, "pending": pending}


def wire(blocks: gr.Blocks, handlers: AdminHandlers, p: dict) -> None:
    """The page's events; every handler but the page load's and "取消" checks the caller's role."""
    blocks.load(handlers.show, None, [p["tab"], p["table"], p["choice"], p["jobs"], p["timer"]], queue=False,
                api_name="admin_show")
    p["timer"].tick(handlers.refresh, [p["choice"]], [p["table"], p["choice"], p["jobs"], p["timer"], p["detail"]],
                    queue=False, api_name="admin_refresh")
    p["send"].click(handlers.upload, [p["upload"]], [p["message"], p["upload"], p["jobs"], p["timer"]],
                    api_name="admin_upload")
    p["choice"].input(handlers.detail, [p["choice"]], [p["detail"], p["confirm"], p["pending"]],
                      api_name="admin_detail")
    p["reindex"].click(handlers.reindex, [p["choice"]], [p["message"], p["jobs"], p["timer"]],
                       api_name="admin_reindex")
    p["delete"].click(handlers.ask_delete, [p["choice"]], [p["message"], p["confirm"], p["question"], p["pending"]],
                      api_name="admin_ask_delete")
    p["yes"].click(handlers.delete, [p["pending"]],
                   [p["message"], p["confirm"], p["pending"], p["table"], p["choice"], p["detail"]],
                   api_name="admin_delete")
    p["no"].click(handlers.cancel, None, [p["confirm"], p["pending"]], queue=False, api_name="admin_cancel")
