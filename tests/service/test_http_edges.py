"""Edges of the HTTP API, on the real app over the plan's index (FastAPI's TestClient): a JSON body sent as
another media type."""

from __future__ import annotations

import json

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from assistant.interfaces.http.app import create_app
from assistant.service import Assistant
from assistant.settings import Settings

QUESTION = "全市数据中心标准机架总数的目标是多少？"
# Every route that reads a JSON body, with a body it accepts.
JSON_BODIES = {
    ("post", "/ask"): {"question": QUESTION},
    ("post", "/feedback"): {"id": "x", "rating": "up"},
    ("patch", "/conversations/{conversation_id}"): {"title": "改名"},
    ("post", "/v1/chat/completions"): {"model": "policyqa", "messages": [{"role": "user", "content": QUESTION}]},
}
NOT_JSON = ["text/plain", "text/plain; charset=utf-8", "application/x-www-form-urlencoded", "multipart/form-data",
            "application/jsonp", None]


def keyed_app(assistant, e5, data_dir, **keys) -> FastAPI:
    """The app over the session's index, with its own data folder and these keys."""
    s = assistant.settings
    return create_app(Assistant(Settings(corpus_dir=s.corpus_dir, index_dir=s.index_dir, data_dir=data_dir, **keys),
                                embedder=e5))


@pytest.fixture(scope="module")
def app(assistant, e5, tmp_path_factory) -> FastAPI:
    return keyed_app(assistant, e5, tmp_path_factory.mktemp("edges-data"))


@pytest.fixture(scope="module")
def client(app: FastAPI) -> TestClient:
    return TestClient(app)


def concrete(path: str) -> str:
    return path.replace("{conversation_id}", "0" * 32)


def error_code(response) -> str:
    """The error's code, in our shape or in OpenAI's (``/v1``); the message must be there too."""
    error = response.json()["error"]
    assert error["message"]
    return error["code"]


def test_the_json_routes_are_those_of_the_spec_and_document_415(app: FastAPI) -> None:
    spec = app.openapi()
    json_ops = {(method, path): op for path, ops in spec["paths"].items() for method, op in ops.items()
                if "application/json" in op.get("requestBody", {}).get("content", {})}
    assert set(json_ops) == set(JSON_BODIES), "a new JSON route: give it a body here"
    assert all("415" in op["responses"] for op in json_ops.values())


@pytest.mark.parametrize(("method", "path"), list(JSON_BODIES))
@pytest.mark.parametrize("content_type", NOT_JSON)
def test_a_json_body_of_another_media_type_is_415(client: TestClient, method: str, path: str,
                                                  content_type: str | None) -> None:
    headers = {"content-type": content_type} if content_type else {}
    body = json.dumps(JSON_BODIES[method, path], ensure_ascii=False).encode()
    response = client.request(method, concrete(path), content=body, headers=headers)
    assert response.status_code == 415, response.text
    assert error_code(response) == "unsupported_media_type"
    message = response.json()["error"]["message"]
    assert "请求体须为 JSON" in message and "application/json" in message
    assert (content_type or "no Content-Type") in message  # what was received


@pytest.mark.parametrize("content_type", ["application/json", "application/json; charset=utf-8",
                                          "application/merge-patch+json"])
def test_json_of_any_json_type_is_answered(client: TestClient, content_type: str) -> None:
    body = json.dumps({"question": QUESTION}, ensure_ascii=False).encode()
    response = client.post("/ask", content=body, headers={"content-type": content_type})
    assert response.status_code == 200 and response.json()["citations"][0]["number"] == 17


def test_an_empty_body_of_any_type_is_a_missing_body(client: TestClient) -> None:
    for headers in ({}, {"content-type": "text/plain"}):
        response = client.post("/ask", content=b"", headers=headers)
        assert response.status_code == 422 and error_code(response) == "invalid_request"
