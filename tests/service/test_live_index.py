"""The live index on a real server (127.0.0.1): questions never fail while the library changes, and
what the CLI writes is served within seconds."""

from __future__ import annotations

import importlib.util
import os
import shutil
import threading
import time
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest
from support.browser import CHROMIUM, chromium
from support.cli import run_cli
from support.servers import running_server

PLAN_ID = "qingdao-bigdata-2025-work-plan"
QUESTIONS = ["全市数据中心标准机架总数的目标是多少？", "要新增多少个公共数据授权运营典型应用场景？",
             "第七部分有哪些任务？", "全年至少开展几次攻防和应急演练？", "共享单车停放有什么要求？",
             "公共数据开放目录多久更新一次？", "量子信息产业今年有哪些安排？",
             "收到开放申请后多少个工作日内答复？", "数据下载日志保存多久？"]
# A short regulation written for these tests (not a real document).
OPENING = """示例市公共数据开放管理办法
第一条 为规范公共数据开放工作，促进公共数据有序流通，制定本办法。
第二条 公共数据开放主管部门应当编制公共数据开放目录，并每季度更新一次。
第三条 数据提供单位应当在收到开放申请之日起十个工作日内作出答复。
第四条 公共数据开放平台应当记录数据下载和调用情况，相关日志保存不少于六个月。
"""
LIBRARY_CHANGES = 8
ASKS, CLIENTS = 3000, 12


@pytest.fixture(scope="module")
def library(tmp_path_factory, assistant) -> SimpleNamespace:
    """A copy of the session corpus and index that these tests change, served by a real server."""
    root = tmp_path_factory.mktemp("live")
    shutil.copytree(assistant.settings.corpus_dir, root / "corpus")
    shutil.copytree(assistant.settings.index_dir, root / "index")
    lib = SimpleNamespace(settings=SimpleNamespace(corpus_dir=root / "corpus", index_dir=root / "index"),
                          root=root)
    ui = importlib.util.find_spec("gradio") is not None
    with running_server(lib, root / "data", env={"POLICYQA_ASK_RATE_PER_MINUTE": "0"}, ui=ui) as base:
        lib.base = base
        yield lib


def _listed(base: str) -> set[str]:
    return {d["doc_id"] for d in httpx.get(f"{base}/documents", timeout=30).json()}


def _wait_for(condition, seconds: float) -> float:
    started = time.monotonic()
    while not condition():
        assert time.monotonic() - started < seconds, f"not within {seconds} s"
        time.sleep(0.05)
    return time.monotonic() - started


def _upload_and_delete(base: str, rounds: int) -> list[int]:
    """Upload a document and delete it again, ``rounds`` times; the generation after each change."""
    generations = []
    with httpx.Client(base_url=base, timeout=120) as client:
        for _ in range(rounds):
            sent = client.post("/documents", files={"file": ("opening.txt", OPENING.encode(), "text/plain")})
            assert sent.status_code in (201, 202), sent.text  # 202: accepted as a job
            _wait_for(lambda: "opening" in _listed(base), 60)
            generations.append(client.get("/health").json()["index"]["generation"])
            gone = client.delete("/documents/opening")
            assert gone.status_code == 200, gone.text
            assert gone.json()["title"] and gone.json()["sections"] >= 1, gone.text  # what was removed
            _wait_for(lambda: "opening" not in _listed(base), 60)
            generations.append(client.get("/health").json()["index"]["generation"])
    return generations


def _ask_many(base: str, count: int, statuses: Counter, failures: list[str], lock: threading.Lock) -> None:
    with httpx.Client(base_url=base, timeout=60) as client:
        for i in range(count):
            try:
                if i % 4 == 3:  # a search now and then: its rows come from the same snapshot
                    response = client.get("/search", params={"q": QUESTIONS[i % len(QUESTIONS)], "k": 5})
                else:
                    response = client.post("/ask", json={"question": QUESTIONS[i % len(QUESTIONS)]})
            except httpx.TransportError as exc:  # a dropped or refused connection
                with lock:
                    failures.append(f"{type(exc).__name__}: {exc}")
                continue
            with lock:
                statuses[response.status_code] += 1
                if response.status_code >= 500:
                    failures.append(response.text[:300])


def test_thousands_of_questions_while_documents_come_and_go(library) -> None:
    base = library.base
    first = httpx.get(f"{base}/health").json()["index"]["generation"]
    statuses: Counter = Counter()
    failures: list[str] = []
    lock = threading.Lock()
    askers = [threading.Thread(target=_ask_many, args=(base, ASKS // CLIENTS, statuses, failures, lock))
              for _ in range(CLIENTS)]
    started = time.monotonic()
    for thread in askers:
        thread.start()
    generations = _upload_and_delete(base, LIBRARY_CHANGES)
    for thread in askers:
        thread.join(timeout=300)
    seconds = time.monotonic() - started
    assert not failures, failures[:5]
    assert sum(statuses.values()) == ASKS and set(statuses) == {200}, statuses
    assert generations == list(range(first + 1, first + 1 + 2 * LIBRARY_CHANGES))
    assert _listed(base) == {PLAN_ID}
    print(f"{ASKS} requests from {CLIENTS} clients and {2 * LIBRARY_CHANGES} library changes in {seconds:.1f} s")


def test_a_cli_ingest_and_removal_are_served_within_seconds(library) -> None:
    base, settings = library.base, library.settings
    env = {**os.environ, "POLICYQA_INDEX_DIR": str(settings.index_dir),
           "POLICYQA_CORPUS_DIR": str(settings.corpus_dir), "POLICYQA_DATA_DIR": str(library.root / "data")}
    (Path(settings.corpus_dir) / "opening.txt").write_text(OPENING, encoding="utf-8")
    before = httpx.get(f"{base}/health").json()["index"]
    done = run_cli(["ingest"], env)
    assert done.returncode == 0, done.stderr
    ingested = time.monotonic()
    _wait_for(lambda: "opening" in _listed(base), 5)
    answer = httpx.post(f"{base}/ask", json={"question": "收到开放申请后多少个工作日内答复？"}, timeout=60).json()
    assert time.monotonic() - ingested < 5
    assert answer["citations"][0]["doc_id"] == "opening" and answer["citations"][0]["path"] == "第三条"
    after = httpx.get(f"{base}/health").json()["index"]
    assert after["generation"] == before["generation"] + 1 and after["documents"] == before["documents"] + 1

    done = run_cli(["docs", "remove", "opening"], env)
    assert done.returncode == 0, done.stderr
    removed = time.monotonic()
    _wait_for(lambda: "opening" not in _listed(base), 5)
    again = httpx.post(f"{base}/ask", json={"question": "收到开放申请后多少个工作日内答复？"}, timeout=60).json()
    assert time.monotonic() - removed < 5
    assert all(c["doc_id"] != "opening" for c in again["citations"] + again["related"])
    assert httpx.get(f"{base}/health").json()["index"]["documents"] == before["documents"]




@pytest.mark.skipif(not CHROMIUM.exists() or importlib.util.find_spec("playwright") is None
                    or importlib.util.find_spec("gradio") is None, reason="needs chromium, playwright and gradio")
def test_the_ui_outline_follows_the_live_index(library) -> None:
    base = library.base
    with chromium() as browser:
        page = browser.new_page()
        page.set_default_timeout(60_000)

        def outline_after_reload() -> str:
            page.goto(f"{base}/ui/", wait_until="load")
            page.get_by_text("青岛市大数据发展管理局2025年工作计划").first.wait_for()
            return page.inner_text("body")

        assert "示例市公共数据开放管理办法" not in outline_after_reload()
        sent = httpx.post(f"{base}/documents", timeout=120,
                          files={"file": ("opening.txt", OPENING.encode(), "text/plain")})
        assert sent.status_code in (201, 202), sent.text
        _wait_for(lambda: "opening" in _listed(base), 60)
        assert "示例市公共数据开放管理办法" in outline_after_reload()
        assert httpx.delete(f"{base}/documents/opening", timeout=120).status_code in (200, 202, 204)
        _wait_for(lambda: "opening" not in _listed(base), 60)
        assert "示例市公共数据开放管理办法" not in outline_after_reload()
