"""Roles on a real server with both keys and the chat UI mounted: every route of the API (from its OpenAPI
spec) and every route of the mounted Gradio app (from a Gradio app's own route table and the UI's named
endpoints) refuses to answer, store or change anything without the right key; a reader's key is refused
on the maintainers' routes; the UI's sign-in form hands out a signed session cookie."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest
from support.docfixtures import REGULATION
from support.servers import running_server

gr = pytest.importorskip("gradio", reason="needs the ui extra")

READER, ADMIN = "reader-k3y", "admin-k3y"
PLAN_ID = "qingdao-bigdata-2025-work-plan"
QUESTION = "全市数据中心标准机架总数的目标是多少？"
# A request each API operation accepts with the right key: the key is the only reason to refuse it.
VALID = {
    ("post", "/ask"): {"json": {"question": QUESTION}},
    ("get", "/search"): {"params": {"q": "机架"}},
    ("get", "/documents"): {},
    ("get", "/documents/{doc_id}"): {},
    ("get", "/documents/{doc_id}/tasks/{number}"): {},
    ("get", "/documents/{doc_id}/sections/{path}"): {},
    ("get", "/conversations"): {},
    ("delete", "/conversations"): {},
    ("get", "/conversations/{conversation_id}"): {},
    ("patch", "/conversations/{conversation_id}"): {"json": {"title": "改名"}},
    ("delete", "/conversations/{conversation_id}"): {},
    ("get", "/v1/models"): {},
    ("get", "/v1/models/{model}"): {},
    ("post", "/v1/chat/completions"): {"json": {"model": "policyqa",
                                                "messages": [{"role": "user", "content": QUESTION}]}},
    ("post", "/documents"): {"files": {"file": ("rules.txt", REGULATION.encode())}},
    ("delete", "/documents/{doc_id}"): {},
    ("get", "/jobs"): {},
    ("get", "/jobs/{job_id}"): {},
    ("post", "/feedback"): {"json": {"id": "x", "rating": "up"}},
    ("get", "/feedback/export"): {},
}
WRONG = [{}, {"X-API-Key": "nope"}, {"Authorization": f"Bearer {READER}x"}, {"Authorization": ADMIN},
         {"Cookie": "pq_session=eyJyb2xlIjogMiwgImV4cCI6IDk5OTk5OTk5OTl9.00"}]


def concrete(path: str) -> str:
    path = path.replace("{doc_id}", PLAN_ID).replace("{number}", "17").replace("{job_id}", "0" * 32)
    path = path.replace("{path}", "（十七）").replace("{model}", "policyqa")
    return re.sub(r"\{[^}]+\}", "x", path)


@pytest.fixture(scope="module")
def server(assistant, tmp_path_factory):
    root = tmp_path_factory.mktemp("roles")
    shutil.copytree(assistant.settings.corpus_dir, root / "corpus")
    shutil.copytree(assistant.settings.index_dir, root / "index")
    (root / "gradio").mkdir()
    library = SimpleNamespace(settings=SimpleNamespace(corpus_dir=root / "corpus", index_dir=root / "index"))
    with running_server(library, root / "data", api_key=READER, admin_key=ADMIN, ui=True,
                        env={"GRADIO_TEMP_DIR": str(root / "gradio")}) as base:
        yield SimpleNamespace(base=base, root=root)


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def operations(base: str) -> dict[tuple[str, str], dict]:
    spec = httpx.get(f"{base}/openapi.json").json()
    return {(method, path): op for path, ops in spec["paths"].items() for method, op in ops.items()}


def gradio_routes() -> list[tuple[str, str]]:
    """(method, path) of every HTTP route a Gradio app of the installed version serves."""
    from gradio.routes import App

    def flat(routes):
        for route in routes:
            inner = getattr(route, "original_router", None)
            yield from flat(inner.routes) if inner is not None else [route]

    app = App.create_app(gr.Blocks())
    return sorted({(m, r.path) for r in flat(app.routes) for m in getattr(r, "methods", None) or ()})


def state(server) -> tuple:
    """What a refused request must not change: documents, jobs, rated answers, the corpus, Gradio's files."""
    admin = {"X-API-Key": ADMIN}
    base = server.base
    return (httpx.get(f"{base}/documents", headers=admin).json(), httpx.get(f"{base}/jobs", headers=admin).json(),
            httpx.get(f"{base}/feedback/export", headers=admin).text, files_under(server.root / "corpus"),
            files_under(server.root / "gradio"))


def test_every_api_route_but_health_needs_its_role(server) -> None:
    http = httpx.Client()  # one connection pool; no response of this walk sets a cookie
    ops = operations(server.base)
    assert set(ops) - {("get", "/health")} == set(VALID), "a new route: say which role it needs"
    before = state(server)
    for (method, path), op in ops.items():
        if path == "/health":
            continue
        admin_only = "403" in op["responses"]
        for headers in WRONG:
            sent = http.request(method, f"{server.base}{concrete(path)}", headers=headers, timeout=30,
                                **VALID[method, path])
            assert sent.status_code == 401, (method, path, headers, sent.text)
        as_reader = http.request(method, f"{server.base}{concrete(path)}", headers={"X-API-Key": READER},
                                  timeout=60, **VALID[method, path])
        if admin_only:
            assert as_reader.status_code == 403, (method, path)
        else:
            assert as_reader.status_code not in (401, 403), (method, path, as_reader.text)
    assert state(server) == before
    assert {p for (m, p), op in ops.items() if "403" in op["responses"]} == {
        "/documents", "/documents/{doc_id}", "/jobs", "/jobs/{job_id}", "/feedback/export", "/conversations"}


def test_health_is_open_and_tells_only_status_and_counts(server) -> None:
    body = httpx.get(f"{server.base}/health").json()
    assert body == {"status": "ok", "index": {"documents": 1, "chunks": body["index"]["chunks"],
                                              "sentences": body["index"]["sentences"],
                                              "generation": body["index"]["generation"]}}


def test_no_route_of_the_mounted_ui_answers_without_a_key(server) -> None:
    info = httpx.get(f"{server.base}/ui/gradio_api/info", headers={"X-API-Key": READER})
    assert info.status_code == 200
    names = [n.strip("/") for n in info.json()["named_endpoints"]]
    assert "respond" in names
    routes = gradio_routes()
    assert ("POST", "/gradio_api/upload") in routes and ("POST", "/gradio_api/queue/join") in routes
    called = [("POST", f"/gradio_api/{kind}/{name}") for kind in ("call", "run", "api", "call/v2") for name in names]
    body = {"data": [QUESTION, [], {}], "fn_index": 0, "session_hash": "abc", "trigger_id": 1, "event_data": None}
    before, http = state(server), httpx.Client()
    for method, path in routes + called:
        url = f"{server.base}/ui{re.sub(r'{api_name}', names[0], concrete(path))}"
        extra = ({"files": {"files": ("x.txt", b"data")}} if path.endswith("/upload")
                 else {"json": body} if method == "POST" else {})
        for headers in WRONG:
            sent = http.request(method, url, headers=headers, timeout=30, **extra)
            assert sent.status_code == 401, (method, url, headers, sent.text[:200])
    assert state(server) == before
    # the same call with the key is served: the walk's requests were refused for the key alone
    opened = httpx.post(f"{server.base}/ui/gradio_api/call/respond", json={"data": [QUESTION, [], {}]},
                        headers={"Authorization": f"Bearer {READER}"}, timeout=60)
    assert opened.status_code == 200 and opened.json()["event_id"]


def test_the_ui_asks_for_the_key_once_and_keeps_a_signed_session(server) -> None:
    page = httpx.get(f"{server.base}/ui/", headers={"Accept": "text/html"})
    assert page.status_code == 303 and page.headers["location"] == "/ui-login"
    form = httpx.get(f"{server.base}/ui-login")
    assert form.status_code == 200 and "访问密钥" in form.text and 'type="password"' in form.text
    assert httpx.post(f"{server.base}/ui-login", data={"key": "x" * 70_000}).status_code == 413  # body limit
    wrong = httpx.post(f"{server.base}/ui-login", data={"key": READER + "x"})
    assert wrong.status_code == 401 and "密钥不正确" in wrong.text and "set-cookie" not in wrong.headers
    signed = httpx.post(f"{server.base}/ui-login", data={"key": READER})
    assert signed.status_code == 303 and signed.headers["location"] == "/ui/"
    cookie = signed.headers["set-cookie"]
    assert all(flag in cookie for flag in ("HttpOnly", "SameSite=strict", "Path=/ui"))
    value = signed.cookies["pq_session"]
    assert httpx.get(f"{server.base}/ui/config", cookies={"pq_session": value}).status_code == 200
    payload, _, signature = value.partition(".")
    forged = f"{payload}.{signature[::-1]}"
    assert httpx.get(f"{server.base}/ui/config", cookies={"pq_session": forged}).status_code == 401
    # the session opens the UI only, not the API
    assert httpx.get(f"{server.base}/search", params={"q": "机架"}, cookies={"pq_session": value}).status_code == 401


def test_the_whole_document_page_is_behind_the_same_door(server) -> None:
    page = f"{server.base}/ui/document/{PLAN_ID}"
    refused = httpx.get(page, follow_redirects=False)
    assert refused.status_code == 303 and refused.headers["location"] == "/ui-login"
    opened = httpx.get(page, headers={"X-API-Key": READER})
    assert opened.status_code == 200 and "（十七）" in opened.text
