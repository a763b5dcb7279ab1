"""The MCP server through the official SDK's client: ``policyqa mcp`` over stdio, and /mcp on a real server."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator

import httpx
import pytest
from support.servers import ROOT, running_server

from assistant.errors import DocumentNotFoundError
from assistant.interfaces.mcp_server import resolve_section

mcp = pytest.importorskip("mcp", reason="install the mcp extra")
from mcp import Client, StdioServerParameters  # noqa: E402
from mcp.client.streamable_http import streamable_http_client  # noqa: E402
from mcp.shared._httpx_utils import create_mcp_http_client  # noqa: E402

QUESTION = "全市数据中心标准机架总数的目标是多少？"
PLAN = "qingdao-bigdata-2025-work-plan"
KEY = "reader-key-for-mcp"
LAW = """某市公共数据管理办法
第一章 总则
第一条 为了规范公共数据管理，促进公共数据共享开放，制定本办法。
第二条 本办法适用于本市行政区域内公共数据的收集、归集、共享和开放。
第二章 共享
第三条 公共数据以共享为原则，不共享为例外。
公共管理和服务机构应当通过共享平台共享公共数据。
第四条 公共数据共享分为无条件共享、有条件共享和不予共享三种类型。
"""


def _stdio(assistant) -> StdioServerParameters:
    env = {"POLICYQA_INDEX_DIR": str(assistant.settings.index_dir),
           "POLICYQA_CORPUS_DIR": str(assistant.settings.corpus_dir), "HF_HUB_OFFLINE": "1",
           "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    return StdioServerParameters(command=sys.executable, args=["-m", "assistant", "mcp"], env=env, cwd=str(ROOT))


def _text(result) -> str:
    return "".join(block.text for block in result.content if block.type == "text")


async def test_stdio_lists_the_tools_and_answers_with_citations(assistant) -> None:
    expected = assistant.ask(QUESTION).to_dict()
    async with Client(_stdio(assistant), read_timeout_seconds=120) as client:
        tools = {tool.name: tool for tool in (await client.list_tools()).tools}
        assert set(tools) == {"ask", "search", "get_section"}
        assert set(tools["get_section"].input_schema["required"]) == {"doc_id", "path"}
        result = await client.call_tool("ask", {"question": QUESTION})
        assert not result.is_error
        assert result.structured_content["citations"] == expected["citations"]
        assert result.structured_content["answer"] == expected["answer"]
        text = _text(result)
        assert "（十七）[1]" in text and "[1] 《青岛市大数据发展管理局2025年工作计划》（十七）" in text
        found = await client.call_tool("search", {"query": "算力飞地", "top_k": 2})
        results = found.structured_content["results"]
        assert len(results) == 2 and results[0]["label"] == "（十七）" and "算力飞地" in results[0]["text"]
        section = await client.call_tool("get_section", {"doc_id": PLAN, "path": "(十七)"})
        whole = "".join(c.text for c in assistant.section(PLAN, 17))
        assert section.structured_content["text"] == whole and section.structured_content["path"] == "（十七）"
        empty = await client.call_tool("ask", {"question": " "})
        missing = await client.call_tool("get_section", {"doc_id": PLAN, "path": "（九十九）"})
        assert empty.is_error and "问题不能为空" in _text(empty)
        assert missing.is_error and "九十九" in _text(missing)


@pytest.fixture(scope="module")
def law(tmp_path_factory, e5):
    from assistant.service import Assistant
    from assistant.settings import Settings

    root = tmp_path_factory.mktemp("mcp-law")
    (root / "corpus").mkdir()
    (root / "corpus" / "rules.txt").write_text(LAW, encoding="utf-8")
    helper = Assistant(Settings(corpus_dir=root / "corpus", index_dir=root / "index"), embedder=e5)
    helper.ingest(progress=False)
    return helper


@pytest.mark.parametrize(("path", "labels"), [
    ("第二章 第三条", ["第三条"]), ("第二章第三条", ["第三条"]), ("第三条", ["第三条"]), ("3", ["第三条"]),
    ("第二章", ["第三条", "第四条"]),
])
def test_a_path_names_a_section_or_a_chapter(law, path: str, labels: list[str]) -> None:
    chunks = resolve_section(law, "rules", path)
    assert list(dict.fromkeys(c.label for c in chunks)) == labels
    assert "".join(c.text for c in chunks).startswith(labels[0])


@pytest.mark.parametrize(("doc_id", "path"), [("rules", "第九条"), ("nope", "第一条"), ("rules", "第五章")])
def test_an_unknown_document_or_path_is_a_clear_error(law, doc_id: str, path: str) -> None:
    with pytest.raises(DocumentNotFoundError, match=path if doc_id == "rules" else doc_id):
        resolve_section(law, doc_id, path)


@pytest.fixture(scope="module")
def server(assistant, tmp_path_factory) -> Iterator[str]:
    with running_server(assistant, tmp_path_factory.mktemp("data-mcp"), api_key=KEY) as base:
        yield base


async def test_the_http_endpoint_needs_the_reader_key_and_answers(server: str, assistant) -> None:
    http = create_mcp_http_client(headers={"Authorization": f"Bearer {KEY}"})
    async with Client(streamable_http_client(f"{server}/mcp", http_client=http)) as client:
        assert {t.name for t in (await client.list_tools()).tools} == {"ask", "search", "get_section"}
        result = await client.call_tool("ask", {"question": QUESTION})
        assert result.structured_content["citations"] == assistant.ask(QUESTION).to_dict()["citations"]
    init = {"jsonrpc": "2.0", "id": 1, "method": "tools/list"}
    for headers in ({}, {"Authorization": "Bearer wrong"}):
        denied = httpx.post(f"{server}/mcp", json=init, headers=headers)
        assert denied.status_code == 401 and "API" in denied.json()["error"]["message"]
    # Served under an intranet name (serve --host 0.0.0.0): the Host header is not limited to localhost.
    named = httpx.post(f"{server}/mcp", json=init, headers={
        "Authorization": f"Bearer {KEY}", "Host": "policyqa.intranet:8000",
        "Accept": "application/json, text/event-stream"})
    assert named.status_code == 200 and "get_section" in named.text
