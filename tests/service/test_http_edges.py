"""Edges of the HTTP API, on the real app over the plan's index (FastAPI's TestClient): a JSON body or an
upload sent as another media type; the key checked before the body; the favicon."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from assistant.interfaces.http.app import create_app
from assistant.service import Assistant
from assistant.settings import Settings

QUESTION = "全市数据中心标准机架总数的目标是多少？"
READER, ADMIN = "reader-k3y", "admin-k3y"
PLAN_ID = "qingdao-bigdata-2025-work-plan"
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
    for name, value in (("{conversation_id}", "0" * 32), ("{job_id}", "0" * 32), ("{doc_id}", PLAN_ID),
                        ("{number}", "17"), ("{path}", "（十七）"), ("{model}", "policyqa")):
        path = path.replace(name, value)
    return path


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


NOT_MULTIPART = ["application/json", "text/plain", "application/x-www-form-urlencoded", "multipart/mixed; boundary=x",
                 None]


def test_the_upload_is_the_only_multipart_route_and_documents_415(app: FastAPI) -> None:
    spec = app.openapi()
    uploads = {(method, path): op for path, ops in spec["paths"].items() for method, op in ops.items()
               if "multipart/form-data" in op.get("requestBody", {}).get("content", {})}
    assert set(uploads) == {("post", "/documents")}
    assert "415" in uploads["post", "/documents"]["responses"]


@pytest.mark.parametrize("content_type", NOT_MULTIPART)
def test_an_upload_of_another_media_type_is_415(client: TestClient, content_type: str | None) -> None:
    headers = {"content-type": content_type} if content_type else {}
    response = client.post("/documents", content=b'{"file": "rules.txt"}', headers=headers)
    assert response.status_code == 415, response.text
    assert error_code(response) == "unsupported_media_type"
    message = response.json()["error"]["message"]
    assert "请求体须为文件上传" in message and "multipart/form-data" in message
    assert (content_type or "no Content-Type") in message  # what was received


def test_an_upload_as_multipart_of_any_case_reaches_the_route(client: TestClient) -> None:
    refused = client.post("/documents", files={"file": ("virus.exe", b"MZ")})  # the route's own 415
    assert refused.status_code == 415 and error_code(refused) == "UnsupportedTypeError"
    body = b'--b\r\nContent-Disposition: form-data; name="file"; filename="v.exe"\r\n\r\nMZ\r\n--b--\r\n'
    shouted = client.post("/documents", content=body, headers={"content-type": "Multipart/Form-Data; boundary=b"})
    assert shouted.status_code == 415 and error_code(shouted) == "UnsupportedTypeError"
    empty = client.post("/documents", content=b"", headers={"content-type": "application/json"})
    assert empty.status_code == 422 and error_code(empty) == "invalid_request"  # no body: "Field required"


# Bodies FastAPI refuses on its own (422, 415, 400) once it reads them: without a key, none may be read.
BROKEN = {"broken JSON": (b'{"question": "', "application/json"),
          "not JSON": (b"question=x", "text/plain"),
          "broken multipart": (b"--x\r\nbroken", "multipart/form-data; boundary=x"),
          "nested too deep": (b"[" * 30_000, "application/json")}
WRONG_KEYS = [{}, {"X-API-Key": "nope"}, {"Authorization": f"Bearer {READER}x"}]


@pytest.fixture(scope="module")
def keyed(assistant, e5, tmp_path_factory) -> TestClient:
    return TestClient(keyed_app(assistant, e5, tmp_path_factory.mktemp("edges-keyed"), api_key=READER,
                                admin_key=ADMIN))


def operations(client: TestClient) -> dict[tuple[str, str], dict]:
    """Every operation of the spec but the open /health, and /v1's catch-all route (not in the spec)."""
    spec = client.app.openapi()
    ops = {(method, path): op for path, ops in spec["paths"].items() for method, op in ops.items()}
    ops.pop(("get", "/health"))
    return {**ops, ("post", "/v1/{rest}"): {"responses": {}}}


@pytest.mark.parametrize("broken", list(BROKEN))
def test_without_a_key_a_broken_body_is_401_on_every_route(keyed: TestClient, broken: str) -> None:
    content, content_type = BROKEN[broken]
    answers = {}
    for method, path in operations(keyed):
        for headers in WRONG_KEYS:
            response = keyed.request(method, concrete(path).replace("{rest}", "x"), content=content,
                                     headers={"content-type": content_type, **headers})
            answers[method, path, tuple(headers)] = (response.status_code, error_code(response),
                                                     response.headers.get("connection"))
    # the body is left unread: the connection is closed rather than drained (tests/service/test_limits.py)
    expected = {key: (401, "invalid_api_key" if key[1].startswith("/v1") else "unauthorized", "close")
                for key in answers}
    assert answers == expected


def test_a_refused_request_without_a_body_keeps_its_connection(keyed: TestClient) -> None:
    for path in ("/documents", "/v1/models"):
        response = keyed.get(path)
        assert response.status_code == 401 and "connection" not in response.headers


@pytest.mark.parametrize("broken", list(BROKEN))
def test_a_readers_key_with_a_broken_body_is_403_on_maintainers_routes(keyed: TestClient, broken: str) -> None:
    content, content_type = BROKEN[broken]
    admin_only = [key for key, op in operations(keyed).items() if "403" in op["responses"]]
    assert len(admin_only) == 6
    for method, path in admin_only:
        response = keyed.request(method, concrete(path), content=content,
                                 headers={"content-type": content_type, "X-API-Key": READER})
        assert (response.status_code, error_code(response)) == (403, "forbidden"), (method, path)
        assert response.headers["connection"] == "close"


def test_with_the_key_the_body_is_checked_as_before(keyed: TestClient) -> None:
    statuses = {name: keyed.post("/ask", content=content, headers={"content-type": content_type,
                                                                    "X-API-Key": READER}).status_code
                for name, (content, content_type) in BROKEN.items()}
    assert statuses == {"broken JSON": 422, "not JSON": 415, "broken multipart": 415, "nested too deep": 400}
    ok = keyed.post("/ask", json={"question": QUESTION}, headers={"Authorization": f"Bearer {READER}"})
    assert ok.status_code == 200 and ok.json()["citations"][0]["number"] == 17
    uploads = {name: keyed.post("/documents", content=content, headers={"content-type": content_type,
                                                                         "X-API-Key": ADMIN}).status_code
               for name, (content, content_type) in BROKEN.items()}
    assert uploads == {"broken JSON": 415, "not JSON": 415, "broken multipart": 422, "nested too deep": 415}


@pytest.mark.parametrize("with_keys", [False, True])
def test_the_favicon_is_an_svg_icon_open_to_all(client: TestClient, keyed: TestClient, with_keys: bool) -> None:
    response = (keyed if with_keys else client).get("/favicon.ico")  # no key: browsers send none
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/svg+xml"
    assert "max-age" in response.headers["cache-control"]
    root = ET.fromstring(response.content)
    assert root.tag == "{http://www.w3.org/2000/svg}svg" and (root.get("width"), root.get("height")) == ("32", "32")
    assert len(response.content) < 1024
