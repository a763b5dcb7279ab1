"""MCP server (Model Context Protocol, official ``mcp`` SDK): tools ``ask``, ``search`` and ``get_section``.

``policyqa mcp`` serves it over stdio (for desktop agents); ``policyqa serve`` also mounts it at
``/mcp`` (streamable HTTP, stateless, JSON responses), behind the same reader key as the API.
Install with ``pip install 'policyqa[mcp]'``.
"""

from __future__ import annotations

import contextlib
import logging
import unicodedata
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import Field

from assistant import __version__
from assistant.errors import BackendUnavailableError, DocumentNotFoundError, PolicyQAError
from assistant.ingest.outline import find_node, section_record, subtree_paths
from assistant.interfaces.notes import with_notes
from assistant.records import Chunk

if TYPE_CHECKING:
    from assistant.service import Assistant

log = logging.getLogger("policyqa.mcp")
HTTP_PATH = "/mcp"
INSTRUCTIONS = ("政策问答助手：回答关于已索引政策文件的问题，引用原文条目。先用 ask 提问；用 search 查找条目；"
                "用 get_section 读取某一条目的全文（doc_id 与条目路径，如“（十七）”“第三章 第十一条”）。")


Question = Annotated[str, Field(description="问题（中文或英文，最多500字）")]
Mode = Annotated[Literal["extractive", "generative"],
                 Field(description="extractive 摘录原文（默认）；generative 由配置的大模型生成，引用逐条核实")]
TopK = Annotated[int, Field(ge=1, le=20, description="条数上限 (1–20)")]
DocIds = Annotated[list[str] | None, Field(description="只在这些文档中检索（doc_id 列表）")]
DocId = Annotated[str, Field(description="文档编号 doc_id（见 ask / search 的结果）")]
Path = Annotated[str, Field(description="条目路径，如“（十七）”“第三章 第十一条”“第十一条”，或章名“第三章”")]


def _mcp():
    try:
        from mcp.server.mcpserver import MCPServer
        from mcp.server.mcpserver.exceptions import ToolError
        from mcp_types import CallToolResult, TextContent
    except ImportError as exc:
        raise BackendUnavailableError("MCP 未安装 / not installed: pip install 'policyqa[mcp]'") from exc
    return MCPServer, CallToolResult, TextContent, ToolError


def _norm(text: str) -> str:
    """Compare labels loosely: full/half width alike ("(十七)" = "（十七）"), spaces ignored."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def resolve_section(assistant: Assistant, doc_id: str, path: str) -> list[Chunk]:
    """The chunks of the unit at ``path`` in a document, in order: its path ("第十一条", "二、1."), its
    full path ("第三章第十一条"), its label when unique, its number ("17"), or an enclosing unit
    ("第三章": all its articles). See :func:`assistant.ingest.outline.find_node`.

    Raises:
        DocumentNotFoundError: For an unknown doc_id, no such section, or an ambiguous label.
    """
    if doc_id not in {d["doc_id"] for d in assistant.index.manifest["documents"]}:
        raise DocumentNotFoundError(f"未知文档 / unknown doc_id: {doc_id}")
    wanted = _norm(path)
    if wanted.isdigit():
        return assistant.section(doc_id, int(wanted))
    node = find_node(assistant.index.trees.get(doc_id, []), path)
    if node is not None:
        paths = set(subtree_paths(node))
        chunks = [c for c in assistant.index.chunks if c.doc_id == doc_id and c.unit_path in paths]
        if chunks:
            return chunks
    raise DocumentNotFoundError(f"未找到条目 / no section {path!r} in {doc_id}")


def section_payload(chunks: list[Chunk]) -> dict[str, Any]:
    """A section's record with its whole text; several sections (a chapter) are joined line by line."""
    keys = list(dict.fromkeys(c.key for c in chunks))
    if len(keys) == 1:
        return {**section_record(chunks), "path": chunks[0].path_label or chunks[0].label}
    texts = ["".join(c.text for c in chunks if c.key == key) for key in keys]
    first = chunks[0]
    return {"doc_id": first.doc_id, "doc_title": first.doc_title, "path": first.path[0] if first.path else "",
            "sections": [key[1] for key in keys], "text": "\n".join(texts)}


def build_server(assistant: Assistant):
    """The MCP server with the three tools over ``assistant`` (an ``mcp.server.mcpserver.MCPServer``).

    Raises:
        BackendUnavailableError: If the ``mcp`` extra is not installed.
    """
    mcp_server, call_result, text_content, tool_error = _mcp()

    @contextlib.contextmanager
    def clear_errors():
        """Our errors (bad question, unknown section) reach the client with their message."""
        try:
            yield
        except PolicyQAError as exc:
            raise tool_error(str(exc)) from exc

    # The SDK calls logging.basicConfig with this level: WARNING keeps a host process's logs as they were.
    server = mcp_server(name="policyqa", title="政策问答助手", version=__version__, instructions=INSTRUCTIONS,
                        log_level="WARNING")

    @server.tool(name="ask", title="提问")
    def ask(question: Question, mode: Mode = "extractive", top_k: TopK | None = None, doc_ids: DocIds = None):
        """回答关于政策文件的问题并引用原文条目。Text: the answer with numbered notes; structured: the /ask contract."""
        with clear_errors():
            answer = assistant.ask(question, top_k=top_k, doc_ids=doc_ids, mode=mode)
        return call_result(content=[text_content(type="text", text=with_notes(answer))],
                           structured_content=answer.to_dict())

    @server.tool(name="search", title="检索条目")
    def search(query: Question, top_k: TopK = 5, doc_ids: DocIds = None) -> dict[str, Any]:
        """检索相关条目（不生成回答）：ranked sections with their whole text."""
        with clear_errors():
            hits = assistant.search(query, top_k, doc_ids)[:top_k]
        chunks = assistant.index.chunks
        return {"query": query.strip(), "results": [
            {"rank": rank, "score": round(hit.score, 6),
             **section_payload([chunks[i] for i in hit.chunk_ids] or [hit.chunk])}
            for rank, hit in enumerate(hits, 1)]}

    @server.tool(name="get_section", title="读取条目全文")
    def get_section(doc_id: DocId, path: Path) -> dict[str, Any]:
        """读取某一条目的全文：the whole text of the section at ``path`` in document ``doc_id``."""
        with clear_errors():
            return section_payload(resolve_section(assistant, doc_id, path))

    return server


def run_stdio(assistant: Assistant) -> None:
    """Serve the tools over stdin/stdout until the client closes (blocking)."""
    build_server(assistant).run("stdio")


class _ReaderKeyGate:
    """ASGI wrapper: lets a request through when its bearer token opens the reader role (see ``roles``)."""

    def __init__(self, app, assistant: Assistant) -> None:
        self.app, self.assistant = app, assistant

    async def __call__(self, scope, receive, send) -> None:
        from starlette.responses import JSONResponse

        from assistant.interfaces.http.roles import Role, role_of

        auth = dict(scope.get("headers", [])).get(b"authorization", b"")
        token = auth[7:].decode("utf-8", "replace") if auth[:7].lower() == b"bearer " else ""
        if role_of(self.assistant.settings, [token]) < Role.READER:
            body = {"error": {"code": "unauthorized", "message": "需要有效的 API 密钥 / a valid API key is required "
                                                                 "(Authorization: Bearer <key>)"}}
            await JSONResponse(body, 401, {"WWW-Authenticate": "Bearer"})(scope, receive, send)
            return
        await self.app(scope, receive, send)


def mount_http(app, assistant: Assistant) -> bool:
    """Serve the tools at ``/mcp`` (streamable HTTP) in a FastAPI app; False (logged) without the extra."""
    try:
        server = build_server(assistant)
    except BackendUnavailableError as exc:
        log.warning("MCP endpoint not mounted: %s", exc)
        return False
    from mcp.server.transport_security import TransportSecuritySettings
    from starlette.routing import Route

    # The SDK's Host-header check would refuse every name but localhost, also when `serve --host 0.0.0.0`
    # serves an intranet: like the rest of the API, /mcp relies on the reader key instead.
    open_hosts = TransportSecuritySettings(enable_dns_rebinding_protection=False)
    server.streamable_http_app(stateless_http=True, json_response=True, transport_security=open_hosts)
    manager = server.session_manager
    app.router.routes.append(Route(HTTP_PATH, endpoint=_ReaderKeyGate(manager.handle_request, assistant)))
    inner = app.router.lifespan_context

    @contextlib.asynccontextmanager
    async def lifespan(application):
        async with manager.run(), inner(application) as state:
            yield state

    app.router.lifespan_context = lifespan
    return True
