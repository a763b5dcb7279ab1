"""The HTTP service on real servers: endpoints, bad input, API keys, feedback across restarts, load."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from support.servers import ROOT, running_server

QUESTION = "全市数据中心标准机架总数的目标是多少？"
DOC = "qingdao-bigdata-2025-work-plan"


@pytest.fixture(scope="module")
def server(assistant, tmp_path_factory):
    with running_server(assistant, tmp_path_factory.mktemp("data")) as base:
        yield base


@pytest.fixture(scope="module")
def keyed(assistant, tmp_path_factory):
    with running_server(assistant, tmp_path_factory.mktemp("data-keyed"), api_key="s3cret-key") as base:
        yield base


def ask(base: str, question: str = QUESTION, **extra) -> httpx.Response:
    return httpx.post(f"{base}/ask", json={"question": question, **extra}, timeout=60)


def test_ask_returns_the_contract_and_an_id(server: str) -> None:
    body = ask(server, top_k=2).json()
    assert len(body["id"]) == 36 and body["refused"] is False
    assert body["citations"][0]["label"] == "（十七）" and len(body["citations"]) <= 2
    assert set(body) >= {"question", "answer", "refused", "mode", "route", "citations", "related", "timings_ms"}


def test_search_ranks_sections_without_an_answer(server: str) -> None:
    body = httpx.get(f"{server}/search", params={"q": "数据中心机架", "k": 3}, timeout=60).json()
    assert "answer" not in body and 1 <= len(body["results"]) <= 3
    first = body["results"][0]
    assert (first["rank"], first["number"], first["label"]) == (1, 17, "（十七）")
    assert "6.5万" in first["text"]
    assert [r["rank"] for r in body["results"]] == list(range(1, len(body["results"]) + 1))


@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "机架", "k": 0}, {"q": "机架", "k": 21},
                                    {"q": "机架", "k": "x"}, {"q": "机\x07架"}, {"q": "机" * 501}])
def test_search_bad_input_is_422(server: str, params: dict) -> None:
    response = httpx.get(f"{server}/search", params=params)
    assert response.status_code == 422
    assert response.json()["error"]["message"]


def test_documents_and_tasks(server: str) -> None:
    docs = httpx.get(f"{server}/documents").json()
    assert [(d["doc_id"], d["sections"]) for d in docs] == [(DOC, 24)]
    assert docs[0]["title"] == "青岛市大数据发展管理局2025年工作计划" and docs[0]["chunks"] >= 24
    task = httpx.get(f"{server}/documents/{DOC}/tasks/17").json()
    assert (task["label"], task["title"], task["part"]) == ("（十七）", "夯实算力基础设施", "六")
    assert "6.5万" in task["text"] and task["text"].startswith("(十七)")
    long_task = httpx.get(f"{server}/documents/{DOC}/tasks/10").json()["text"]  # split into pieces
    assert long_task.endswith("常态化开展“山东通”规范使用监测。")
    outline = httpx.get(f"{server}/documents/{DOC}").json()
    assert len(outline["parts"]) == 8 and outline["parts"][6]["sections"][0]["label"] == "（十七）"


@pytest.mark.parametrize(("path", "status"), [
    (f"/documents/{DOC}/tasks/99", 404), (f"/documents/{DOC}/tasks/0", 404), ("/documents/nope/tasks/1", 404),
    ("/documents/nope", 404), (f"/documents/{DOC}/tasks/x", 422), ("/no/such/route", 404),
])
def test_unknown_things_are_json_errors(server: str, path: str, status: int) -> None:
    response = httpx.get(f"{server}{path}")
    assert response.status_code == status
    assert response.json()["error"]["message"]


@pytest.mark.parametrize(("payload", "status", "needle"), [
    ({"question": "   "}, 422, "问题不能为空"),
    ({"question": 123}, 422, "question"),
    ({"question": "机架", "top_k": 21}, 422, "top_k"),
    ({"question": "机架", "extra": 1}, 422, "extra"),
    ({"question": "机架\x00"}, 422, "控制字符"),
    ({"question": "机架", "doc_ids": [DOC, "nope"]}, 404, "nope"),
])
def test_more_bad_questions(server: str, payload: dict, status: int, needle: str) -> None:
    response = httpx.post(f"{server}/ask", json=payload)
    assert response.status_code == status
    assert needle in response.json()["error"]["message"]


def test_limits_and_odd_bodies(server: str) -> None:
    assert ask(server, "  " + "机" * 500 + "  ").status_code == 200  # 500 after trimming is allowed
    surrogate = httpx.post(f"{server}/ask", content=b'{"question": "\\ud800"}',
                           headers={"content-type": "application/json"})
    assert surrogate.status_code == 422
    huge = httpx.post(f"{server}/ask", content=b"x" * 100_000, headers={"content-type": "application/json"})
    assert huge.status_code == 413 and huge.json()["error"]["code"] == "payload_too_large"
    wrong_method = httpx.delete(f"{server}/ask")
    assert wrong_method.status_code == 405 and "method" in wrong_method.json()["error"]["message"]


def test_feedback_and_export(server: str) -> None:
    up = ask(server).json()
    down = ask(server, "第七部分有哪些任务？").json()
    assert httpx.post(f"{server}/feedback", json={"id": up["id"], "rating": "up"}).json()["stored"] is True
    response = httpx.post(f"{server}/feedback", json={"id": down["id"], "rating": "down", "comment": "不完整"})
    assert response.status_code == 200
    assert httpx.post(f"{server}/feedback", json={"id": "nope", "rating": "up"}).status_code == 404
    assert httpx.post(f"{server}/feedback", json={"id": up["id"], "rating": "meh"}).status_code == 422
    export = httpx.get(f"{server}/feedback/export")
    assert export.headers["content-type"].startswith("application/x-ndjson")
    rows = {r["id"]: r for r in map(json.loads, export.text.splitlines())}
    assert set(rows[up["id"]]) >= {"id", "question", "tasks", "facts", "type", "rating", "comment", "answer"}
    assert rows[up["id"]]["tasks"][0] == 17 and rows[up["id"]]["type"] == "feedback"
    rejected = rows[down["id"]]
    assert (rejected["tasks"], rejected["type"], rejected["comment"]) == ([], "review", "不完整")


def test_feedback_is_kept_across_a_restart(assistant, tmp_path: Path) -> None:
    with running_server(assistant, tmp_path) as base:
        answer_id = ask(base).json()["id"]
        assert httpx.post(f"{base}/feedback", json={"id": answer_id, "rating": "up"}).status_code == 200
    assert (tmp_path / "feedback.sqlite3").is_file()
    with running_server(assistant, tmp_path) as base:
        rows = [json.loads(line) for line in httpx.get(f"{base}/feedback/export").text.splitlines()]
        assert [r["id"] for r in rows] == [answer_id]
        # the answer stored before the restart can still be rated after it
        assert httpx.post(f"{base}/feedback", json={"id": answer_id, "rating": "down"}).status_code == 200


@pytest.mark.parametrize(("method", "path", "body"), [
    ("POST", "/ask", {"question": QUESTION}), ("GET", "/search?q=机架", None),
    ("POST", "/feedback", {"id": "x", "rating": "up"}), ("GET", "/feedback/export", None),
])
def test_api_key_is_required_when_set(keyed: str, method: str, path: str, body: dict | None) -> None:
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"X-API-Key": "s3cret-ke"}, {"Authorization": "s3cret-key"}):
        response = httpx.request(method, f"{keyed}{path}", json=body, headers=headers)
        assert response.status_code == 401, headers
        assert "API 密钥" in response.json()["error"]["message"] and "API key" in response.json()["error"]["message"]
        assert response.headers["www-authenticate"] == "Bearer"


def test_right_key_opens_the_api_and_health_stays_open(keyed: str) -> None:
    assert httpx.get(f"{keyed}/health").status_code == 200
    assert httpx.get(f"{keyed}/documents").status_code == 401  # with a key set, reading documents needs it too
    assert httpx.get(f"{keyed}/documents", headers={"X-API-Key": "s3cret-key"}).status_code == 200
    bearer = httpx.post(f"{keyed}/ask", json={"question": QUESTION}, headers={"Authorization": "Bearer s3cret-key"})
    assert bearer.status_code == 200 and bearer.json()["citations"][0]["number"] == 17
    header = httpx.get(f"{keyed}/search", params={"q": "机架"}, headers={"X-API-Key": "s3cret-key"})
    assert header.status_code == 200
    rated = httpx.post(f"{keyed}/feedback", json={"id": bearer.json()["id"], "rating": "up"},
                       headers={"X-API-Key": "s3cret-key"})
    assert rated.status_code == 200
    export = httpx.get(f"{keyed}/feedback/export", headers={"Authorization": "Bearer s3cret-key"})
    assert export.status_code == 200 and len(export.text.splitlines()) == 1


CONCURRENT_QUESTIONS = [QUESTION, "算力总规模目标多大", "第七部分有哪些任务？", "智能算力占比要到多少",
                        "新制发电子证照质检合格率要达到多少？", "量子信息产业今年有哪些安排？"]


def test_16_concurrent_clients(server: str) -> None:
    expected = {q: ask(server, q).json()["answer"] for q in CONCURRENT_QUESTIONS}
    started = time.perf_counter()
    ask(server)
    single = time.perf_counter() - started
    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()

    def client(n: int) -> None:
        with httpx.Client(base_url=server, timeout=120) as http:
            for i in range(4):
                question = CONCURRENT_QUESTIONS[(n + i) % len(CONCURRENT_QUESTIONS)]
                t0 = time.perf_counter()
                response = http.post("/ask", json={"question": question})
                elapsed = time.perf_counter() - t0
                with lock:
                    latencies.append(elapsed)
                    if response.status_code != 200 or response.json()["answer"] != expected[question]:
                        failures.append(f"{question}: {response.status_code} {response.text[:200]}")

    threads = [threading.Thread(target=client, args=(n,)) for n in range(16)]
    t0 = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    wall = time.perf_counter() - t0
    assert not failures, failures[:3]
    assert len(latencies) == 64
    figures = {"clients": 16, "requests": 64, "wall_s": round(wall, 2), "throughput_rps": round(64 / wall, 1),
               "single_request_ms": round(single * 1000), "p50_ms": round(statistics.median(latencies) * 1000),
               "p95_ms": round(statistics.quantiles(latencies, n=20)[18] * 1000),
               "max_ms": round(max(latencies) * 1000)}
    artifacts = ROOT / "tests" / "artifacts"
    artifacts.mkdir(exist_ok=True)
    (artifacts / "concurrency.json").write_text(json.dumps(figures, indent=2))
    print("concurrency:", figures)


def test_the_cli_and_the_api_never_import_gradio() -> None:
    code = ("import sys, assistant.interfaces.cli, assistant.interfaces.http.app as api; api.create_app(); "
            "assert 'gradio' not in sys.modules, 'gradio imported'")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
