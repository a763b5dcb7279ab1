"""The HTTP API on a real uvicorn server bound to a free 127.0.0.1 port."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from support.servers import running_server


@pytest.fixture(scope="module")
def server(assistant, tmp_path_factory) -> Iterator[str]:
    with running_server(assistant, tmp_path_factory.mktemp("data-api")) as base:
        yield base


def test_ask_contract(server: str) -> None:
    body = httpx.post(f"{server}/ask", json={"question": "全市数据中心标准机架总数的目标是多少？"}, timeout=30).json()
    assert body["refused"] is False and body["mode"] == "extractive"
    first = body["citations"][0]
    assert (first["number"], first["label"], first["part"]) == (17, "（十七）", "六")
    assert first["title"] == "夯实算力基础设施"
    assert first["quote"] in body["answer"] and "6.5万" in body["answer"]
    assert body["timings_ms"]["retrieve"] > 0


def test_health(server: str) -> None:
    body = httpx.get(f"{server}/health").json()
    assert body["status"] == "ok"
    assert body["index"]["documents"] == 1 and body["index"]["chunks"] >= 24
    assert set(body) == {"status", "index"}  # open to anyone: counts only, no versions or paths


@pytest.mark.parametrize(("payload", "status", "needle"), [
    ({"question": ""}, 422, "问题不能为空"),
    ({"question": "机" * 501}, 422, "500"),
    ({"question": "机架\u0007"}, 422, "控制字符"),
    ({"question": "机架", "top_k": 0}, 422, "top_k"),
    ({"question": "机架", "top_k": True}, 422, "top_k"),  # a boolean is no count
    ({"question": "机架", "top_k": "3"}, 422, "top_k"),
    ({"question": "机架", "stream": "yes"}, 422, "stream"),
    ({"question": "机架", "doc_ids": ["nope"]}, 404, "nope"),
    ({"q": "机架"}, 422, "question"),
])
def test_bad_input_gets_a_clear_json_error(server: str, payload: dict, status: int, needle: str) -> None:
    response = httpx.post(f"{server}/ask", json=payload)
    assert response.status_code == status
    assert needle in response.json()["error"]["message"]


def test_invalid_json_and_bad_bytes_are_4xx(server: str) -> None:
    for content in (b"{not json", b"\xff\xfe\xfa", b""):
        response = httpx.post(f"{server}/ask", content=content, headers={"content-type": "application/json"})
        assert response.status_code in (400, 422), content
        assert response.json()["error"]["message"]
        assert "Traceback" not in response.text
