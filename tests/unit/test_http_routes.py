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
from assistant.interfaces.http.deps import require_api_key
from assistant.interfaces.http.routes import ROUTERS
from assistant.interfaces.http.schemas import AskResponse, CitationOut, SearchHit, SectionOut
from assistant.records import Answer, Chunk, Citation
from assistant.settings import Settings
from assistant.store.feedback import FeedbackStoreError

KEY = "k3y-for-tests"
CITATION = Citation("plan", "某市数据局工作计划", "（三）", 3, "建设算力设施", "一", "新增标准机架1万架。", 0.9,
                    "（三）")
ANSWER = Answer("机架目标是多少？", "新增标准机架1万架。（三）", False, (CITATION,), timings_ms={"total": 1.0})
# Every route of the API and whether it needs the key when one is set.
EXPECTED = {("POST", "/ask"): True, ("GET", "/search"): True, ("GET", "/documents"): False,
            ("POST", "/documents"): True, ("GET", "/documents/{doc_id}"): False,
            ("DELETE", "/documents/{doc_id}"): True, ("GET", "/documents/{doc_id}/tasks/{number}"): False,
            ("POST", "/feedback"): True, ("GET", "/feedback/export"): True, ("GET", "/health"): False,
            ("GET", "/"): False}


class FakeFeedback:
    def __init__(self, fail: bool = False) -> None:
        self.fail, self.recorded = fail, []

    def record_answer(self, answer: Answer) -> str:
        if self.fail:
            raise FeedbackStoreError("disk full")
        self.recorded.append(answer)
        return f"answer-{len(self.recorded)}"


class FakeAssistant:
    """Just what the routes call; anything else fails loudly."""

    def __init__(self, api_key: str | None = None, feedback: FakeFeedback | None = None) -> None:
        self.settings = Settings(api_key=api_key, max_upload_bytes=1024)
        self.feedback = feedback or FakeFeedback()
        self.index = SimpleNamespace(manifest={"format_version": 1, "counts": {"documents": 0, "chunks": 0},
                                               "embedder": {"name": "fake"}})
        self.snapshot = SimpleNamespace(generation=0, index=self.index)

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


def needs_key(route: APIRoute) -> bool:
    return any(dep.call is require_api_key for dep in route.dependant.dependencies)


def concrete(path: str) -> str:
    return re.sub(r"\{number\}", "3", re.sub(r"\{doc_id\}", "plan", path))


def test_every_route_comes_from_a_resource_router_and_is_expected() -> None:
    routes = api_routes(create_app(FakeAssistant()))
    endpoints = {r.endpoint for router in ROUTERS for r in router.routes}
    assert set(routes) == set(EXPECTED)
    assert all(route.endpoint in endpoints for route in routes.values())


def test_every_changing_route_and_the_listed_reads_need_the_key() -> None:
    routes = api_routes(create_app(FakeAssistant()))
    assert all(needs_key(route) for (method, _), route in routes.items() if method != "GET")
    assert {key for key, route in routes.items() if needs_key(route)} == {k for k, keyed in EXPECTED.items() if keyed}


@pytest.mark.parametrize(("method", "path"), [key for key, keyed in EXPECTED.items() if keyed])
def test_keyed_routes_refuse_a_missing_or_wrong_key(method: str, path: str) -> None:
    client = TestClient(create_app(FakeAssistant(api_key=KEY)))
    for headers in ({}, {"X-API-Key": KEY[:-1]}, {"Authorization": f"Bearer {KEY}x"}, {"Authorization": KEY}):
        response = client.request(method, concrete(path), headers=headers)
        assert response.status_code == 401, headers
        assert response.json()["error"]["code"] == "unauthorized"
        assert response.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize(("method", "path"), [key for key, keyed in EXPECTED.items() if not keyed])
def test_open_routes_need_no_key(method: str, path: str) -> None:
    client = TestClient(create_app(FakeAssistant(api_key=KEY)), follow_redirects=False)
    assert client.request(method, concrete(path)).status_code != 401


def test_the_right_key_opens_a_keyed_route_by_either_header() -> None:
    client = TestClient(create_app(FakeAssistant(api_key=KEY)))
    for headers in ({"X-API-Key": KEY}, {"Authorization": f"Bearer {KEY}"}):
        assert client.post("/ask", json={"question": "机架目标是多少？"}, headers=headers).status_code == 200


def test_ask_writes_the_contract_keys_in_order_after_the_id() -> None:
    feedback = FakeFeedback()
    response = TestClient(create_app(FakeAssistant(feedback=feedback))).post("/ask", json={"question": "机架？"})
    body = response.json()
    assert list(body) == ["id", *ANSWER.to_dict()]
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
    assert final == {"id": "answer-1", **ANSWER.to_dict(), "question": "机架？"}


def test_response_schemas_carry_the_record_fields() -> None:
    section_fields = set(SectionOut.model_fields)
    assert list(CitationOut.model_fields) == [f.name for f in dataclasses.fields(Citation)]
    assert set(AskResponse.model_fields) == {"id", *ANSWER.to_dict()}
    assert section_fields <= {f.name for f in dataclasses.fields(Chunk)}
    assert list(SearchHit.model_fields) == ["rank", "score", *SectionOut.model_fields]


def test_unknown_things_and_bad_bodies_are_json_errors() -> None:
    client = TestClient(create_app(FakeAssistant()))
    missing = client.get("/documents/plan/tasks/3")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "DocumentNotFoundError"
    bad = client.post("/ask", content=b"{oops", headers={"content-type": "application/json"})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_json"
    huge = client.post("/ask", content=b"x" * 70_000, headers={"content-type": "application/json"})
    assert huge.status_code == 413 and huge.json()["error"]["code"] == "payload_too_large"
