"""The HTTP app's routes, key checks, JSON contract and SSE format, over a tiny fake Assistant (no model)."""

from __future__ import annotations

import dataclasses
import json
import re
from types import SimpleNamespace

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from assistant.errors import DocumentNotFoundError
from assistant.interfaces.http.app import create_app
from assistant.interfaces.http.deps import require_admin, require_reader
from assistant.interfaces.http.routes import ROUTERS
from assistant.interfaces.http.schemas import AskResponse, CitationOut, SearchHit, SectionOut
from assistant.jobs import JobQueue
from assistant.records import Answer, Chunk, Citation
from assistant.settings import Settings
from assistant.store.feedback import FeedbackStoreError

KEY = "k3y-for-tests"
CITATION = Citation("plan", "某市数据局工作计划", "（三）", 3, "建设算力设施", "一", "新增标准机架1万架。", 0.9,
                    "（三）")
ANSWER = Answer("机架目标是多少？", "新增标准机架1万架。（三）", False, (CITATION,), timings_ms={"total": 1.0})
ADMIN_KEY = "adm1n-for-tests"
# Every route of the API and the role it needs when keys are set (None: open).
EXPECTED = {("POST", "/ask"): "reader", ("GET", "/search"): "reader", ("GET", "/documents"): "reader",
            ("POST", "/documents"): "admin", ("GET", "/documents/{doc_id}"): "reader",
            ("DELETE", "/documents/{doc_id}"): "admin", ("GET", "/documents/{doc_id}/tasks/{number}"): "reader",
            ("GET", "/documents/{doc_id}/sections/{path:path}"): "reader",
            ("GET", "/jobs"): "admin", ("GET", "/jobs/{job_id}"): "admin",
            ("POST", "/feedback"): "reader", ("GET", "/feedback/export"): "admin", ("GET", "/health"): None,
            ("GET", "/"): None, ("GET", "/favicon.ico"): None,
            ("GET", "/v1/models"): "reader", ("GET", "/v1/models/{model}"): "reader",
            ("POST", "/v1/chat/completions"): "reader",
            ("GET", "/conversations"): "reader", ("DELETE", "/conversations"): "admin",
            ("GET", "/conversations/{conversation_id}"): "reader",
            ("PATCH", "/conversations/{conversation_id}"): "reader",
            ("DELETE", "/conversations/{conversation_id}"): "reader",
            **{(m, "/v1/{rest:path}"): "reader" for m in ("GET", "POST", "PUT", "PATCH", "DELETE")}}


class FakeFeedback:
    def __init__(self, fail: bool = False) -> None:
        self.fail, self.recorded = fail, []

    def record_answer(self, answer: Answer) -> str:
        if self.fail:
            raise FeedbackStoreError("disk full")
        self.recorded.append(answer)
        return f"answer-{len(self.recorded)}"

    def export(self) -> list[dict]:
        return [{"id": "answer-1", "rating": "up"}]

    @property
    def conversations(self):
        raise FeedbackStoreError("no conversations in this fake")


class FakeAssistant:
    """Just what the routes call; anything else fails loudly."""

    def __init__(self, api_key: str | None = None, feedback: FakeFeedback | None = None,
                 admin_key: str | None = None) -> None:
        self.settings = Settings(api_key=api_key, admin_key=admin_key, max_upload_bytes=1024,
                                 store_conversations=False)
        self.llm = None
        self.feedback = feedback or FakeFeedback()
        self.index = SimpleNamespace(manifest={"format_version": 1, "documents": [],
                                               "counts": {"documents": 0, "chunks": 0, "sentences": 0},
                                               "embedder": {"name": "fake"}})
        self.snapshot = SimpleNamespace(generation=0, index=self.index)

    def job_queue(self) -> JobQueue:
        return JobQueue()  # as a folder-index Assistant's

    def store_reachable(self) -> bool:
        return True

    def ask(self, question: str, **_: object) -> Answer:
        return dataclasses.replace(ANSWER, question=question)

    async def aask(self, question: str, **_: object) -> Answer:
        return self.ask(question)

    async def aask_stream(self, question: str, *_: object, **__: object):
        async def events():
            yield "delta", "新增标准机架"
            yield "answer", dataclasses.replace(ANSWER, question=question)
        return events()

    def documents(self) -> list[dict]:
        return []

    def outline(self) -> list[dict]:
        return []

    def section(self, doc_id: str, number: int) -> list:
        raise DocumentNotFoundError(f"unknown {doc_id}")

    def document_tree(self, doc_id: str) -> dict:
        raise DocumentNotFoundError(f"unknown {doc_id}")

    def unit(self, doc_id: str, path: str) -> dict:
        raise DocumentNotFoundError(f"unknown {doc_id}")


DOC_PAGES = {"/docs", "/docs/oauth2-redirect", "/redoc"}  # FastAPIOffline's pages (and /openapi.json)


def api_routes(app) -> dict[tuple[str, str], APIRoute]:
    """The app's API routes by (method, path), FastAPI's doc pages left out.

    Newer FastAPI keeps an included router as one entry of ``app.routes``; it is opened here.
    """
    flat: list = []
    for route in app.routes:
        inner = getattr(route, "original_router", None)
        flat += inner.routes if inner is not None else [route]
    return {(method, route.path): route for route in flat if isinstance(route, APIRoute)
            and route.path not in DOC_PAGES for method in route.methods}


def role(route: APIRoute) -> str | None:
    calls = {dep.call for dep in route.dependant.dependencies}
    return "admin" if require_admin in calls else "reader" if require_reader in calls else None


def concrete(path: str) -> str:
    return re.sub(r"\{number\}", "3", re.sub(r"\{(doc_id|job_id)\}", "plan", path))


def test_every_route_comes_from_a_resource_router_and_is_expected() -> None:
    routes = api_routes(create_app(FakeAssistant()))
    endpoints = {r.endpoint for router in ROUTERS for r in router.routes}
    assert set(routes) == set(EXPECTED)
    assert all(route.endpoint in endpoints for route in routes.values())


def test_every_changing_route_needs_the_admin_key_and_every_read_but_health_a_key() -> None:
    routes = api_routes(create_app(FakeAssistant()))
    # /v1/{rest:path} only answers OpenAI-shaped 404/405 errors: it changes nothing; a reader renames
    # and deletes a conversation of the chat (the UI's own actions), but not all of them at once
    own = ("/v1/{rest:path}", "/conversations/{conversation_id}")
    assert all(role(route) == "admin" for (method, path), route in routes.items()
               if (method not in ("GET", "POST") and path not in own)
               or (method == "POST" and route.path == "/documents"))
    assert {key: role(route) for key, route in routes.items()} == EXPECTED


@pytest.mark.parametrize(("method", "path"), [key for key, needed in EXPECTED.items() if needed])
def test_keyed_routes_refuse_a_missing_or_wrong_key(method: str, path: str) -> None:
    client = TestClient(create_app(FakeAssistant(api_key=KEY, admin_key=ADMIN_KEY)))
    for headers in ({}, {"X-API-Key": KEY[:-1]}, {"Authorization": f"Bearer {ADMIN_KEY}x"}, {"Authorization": KEY}):
        response = client.request(method, concrete(path), headers=headers)
        assert response.status_code == 401, headers
        # each surface answers in its own error shape: ours, or OpenAI's on /v1
        expected = "invalid_api_key" if path.startswith("/v1") else "unauthorized"
        assert response.json()["error"]["code"] == expected
        assert response.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize(("method", "path"), [key for key, needed in EXPECTED.items() if needed == "admin"])
def test_a_readers_key_is_forbidden_on_admin_routes(method: str, path: str) -> None:
    client = TestClient(create_app(FakeAssistant(api_key=KEY, admin_key=ADMIN_KEY)))
    response = client.request(method, concrete(path), headers={"X-API-Key": KEY})
    assert response.status_code == 403 and response.json()["error"]["code"] == "forbidden"


@pytest.mark.parametrize(("method", "path"), [key for key, needed in EXPECTED.items() if needed == "reader"])
def test_the_admin_key_opens_reader_routes(method: str, path: str) -> None:
    client = TestClient(create_app(FakeAssistant(api_key=KEY, admin_key=ADMIN_KEY)))
    assert client.request(method, concrete(path), headers={"X-API-Key": ADMIN_KEY}).status_code not in (401, 403)


@pytest.mark.parametrize("keys", [{"api_key": KEY}, {"admin_key": ADMIN_KEY}])
def test_with_one_key_it_opens_everything_and_nothing_is_open_without_it(keys: dict) -> None:
    client = TestClient(create_app(FakeAssistant(**keys)))
    key = next(iter(keys.values()))
    assert client.get("/feedback/export").status_code == 401
    assert client.get("/search", params={"q": "机架"}).status_code == 401
    assert client.get("/feedback/export", headers={"X-API-Key": key}).status_code not in (401, 403)
    assert client.get("/jobs", headers={"Authorization": f"Bearer {key}"}).status_code == 200


@pytest.mark.parametrize(("method", "path"), [key for key, needed in EXPECTED.items() if not needed])
def test_open_routes_need_no_key(method: str, path: str) -> None:
    client = TestClient(create_app(FakeAssistant(api_key=KEY, admin_key=ADMIN_KEY)), follow_redirects=False)
    assert client.request(method, concrete(path)).status_code not in (401, 403)


def test_health_tells_only_the_status_counts_and_generation() -> None:
    body = TestClient(create_app(FakeAssistant(api_key=KEY))).get("/health").json()
    assert body == {"status": "ok", "index": {"documents": 0, "chunks": 0, "sentences": 0, "generation": 0}}


def test_the_right_key_opens_a_keyed_route_by_either_header() -> None:
    client = TestClient(create_app(FakeAssistant(api_key=KEY)))
    for headers in ({"X-API-Key": KEY}, {"Authorization": f"Bearer {KEY}"}):
        assert client.post("/ask", json={"question": "机架目标是多少？"}, headers=headers).status_code == 200


def test_ask_writes_the_contract_keys_in_order_after_the_id() -> None:
    feedback = FakeFeedback()
    response = TestClient(create_app(FakeAssistant(feedback=feedback))).post("/ask", json={"question": "机架？"})
    body = response.json()
    assert list(body) == ["id", "conversation_id", *ANSWER.to_dict()]
    assert body["id"] == "answer-1" and feedback.recorded[0].question == "机架？"
    assert list(body["citations"][0]) == [f.name for f in dataclasses.fields(Citation)]


def test_an_answer_is_served_when_it_cannot_be_stored() -> None:
    client = TestClient(create_app(FakeAssistant(feedback=FakeFeedback(fail=True))))
    response = client.post("/ask", json={"question": "机架？"})
    assert response.status_code == 200 and response.json()["id"] is None


def test_streaming_sends_deltas_then_the_stored_answer() -> None:
    client = TestClient(create_app(FakeAssistant()))
    response = client.post("/ask", json={"question": "机架？", "stream": True})
    assert response.headers["content-type"].startswith("text/event-stream")
    events = [block.split("\n") for block in response.text.split("\n\n") if block]
    assert [lines[0] for lines in events] == ["event: delta", "event: answer"]
    assert json.loads(events[0][1].removeprefix("data: ")) == {"text": "新增标准机架"}
    final = json.loads(events[1][1].removeprefix("data: "))
    assert final == {"id": "answer-1", "conversation_id": None,
                     **dataclasses.replace(ANSWER, question="机架？").to_dict()}


def test_response_schemas_carry_the_record_fields() -> None:
    section_fields = set(SectionOut.model_fields)
    assert list(CitationOut.model_fields) == [f.name for f in dataclasses.fields(Citation)]
    assert set(AskResponse.model_fields) == {"id", "conversation_id", *ANSWER.to_dict()}
    # a section names its unit's path (Chunk.unit_path, a property) beside the record's fields
    assert section_fields - {"unit_path"} <= {f.name for f in dataclasses.fields(Chunk)}
    assert list(SearchHit.model_fields) == ["rank", "score", *(f for f in SectionOut.model_fields if f != "unit_path")]


def test_unknown_things_and_bad_bodies_are_json_errors() -> None:
    client = TestClient(create_app(FakeAssistant()))
    missing = client.get("/documents/plan/tasks/3")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "DocumentNotFoundError"
    bad = client.post("/ask", content=b"{oops", headers={"content-type": "application/json"})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_json"
    huge = client.post("/ask", content=b"x" * 70_000, headers={"content-type": "application/json"})
    assert huge.status_code == 413 and huge.json()["error"]["code"] == "payload_too_large"
