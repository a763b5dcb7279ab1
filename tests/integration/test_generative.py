"""Generative answers against a real OpenAI-compatible server on 127.0.0.1: core, HTTP (SSE) and CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
import pytest
from support.fake_openai import FakeOpenAI
from support.servers import ROOT, free_port, running_server

from assistant.service import Assistant
from assistant.settings import Settings

QUESTION = "全市数据中心标准机架总数的目标是多少？"
REFUSED = "个人所得税专项附加扣除怎么申报"
CORRECT = "全市数据中心标准机架总数的目标是超过6.5万架。（十七）同时，算力总规模超10000P，智能算力占比超35%。（十七）"
MISSING = "全市数据中心标准机架总数超6.5万架。（九十九）"
WRONG_ONLY = "全市数据中心标准机架总数超6.5万架。（七）"
WRONG_MIXED = "全市数据中心标准机架总数超6.5万架（七）。算力总规模超10000P，智能算力占比超35%。（十七）"
UNCITED = "全市数据中心标准机架总数超6.5万架，算力总规模超10000P。"
TIMEOUT = 1.0


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as server:
        yield server


def _llm_settings(assistant: Assistant, url: str, data_dir) -> Settings:
    s = assistant.settings
    return Settings(corpus_dir=s.corpus_dir, index_dir=s.index_dir, data_dir=data_dir, llm_base_url=url,
                    llm_model="fake-model", llm_timeout=TIMEOUT)


@pytest.fixture(scope="module")
def gen(assistant, e5, fake, tmp_path_factory) -> Assistant:
    return Assistant(_llm_settings(assistant, fake.url, tmp_path_factory.mktemp("gen")), embedder=e5)


@pytest.fixture(autouse=True)
def _correct_by_default(fake: FakeOpenAI) -> None:
    fake.script(reply=CORRECT)


def test_a_correct_generated_answer_keeps_its_verified_citation(gen: Assistant, fake: FakeOpenAI) -> None:
    answer = gen.ask(QUESTION, mode="generative")
    assert (answer.mode, answer.fallback, answer.refused, answer.answer) == ("generative", None, False, CORRECT)
    assert [c.label for c in answer.citations] == ["（十七）"]
    assert answer.citations[0].quote in gen.section(answer.citations[0].doc_id, 17)[0].text
    assert [(s["labels"], s["verified"]) for s in answer.sentences] == [(["（十七）"], True)] * 2
    assert set(answer.timings_ms) == {"retrieve", "answer", "llm"}
    prompt = fake.requests[-1]["messages"]
    assert prompt[0]["role"] == "system" and "<<<问题>>>" in prompt[1]["content"]
    assert "<<<资料 （十七）>>>" in prompt[1]["content"] and fake.requests[-1]["model"] == "fake-model"


def test_the_llm_time_is_measured_apart_from_retrieval(gen: Assistant, fake: FakeOpenAI) -> None:
    fake.script(reply=CORRECT, delay=0.3)
    timings = gen.ask(QUESTION, mode="generative").timings_ms
    assert timings["llm"] >= 300 and timings["retrieve"] < timings["llm"]


@pytest.mark.parametrize("reply", [MISSING, WRONG_ONLY, UNCITED])
def test_unsupported_answers_fall_back_to_extractive(gen: Assistant, fake: FakeOpenAI, reply: str) -> None:
    fake.script(reply=reply)
    answer = gen.ask(QUESTION, mode="generative")
    extractive = gen.ask(QUESTION)
    assert (answer.mode, answer.fallback) == ("extractive", "unverified")
    assert answer.answer == extractive.answer and answer.citations == extractive.citations
    assert answer.sentences == ()


def test_a_wrong_task_is_flagged_and_never_cited(gen: Assistant, fake: FakeOpenAI) -> None:
    fake.script(reply=WRONG_MIXED)
    answer = gen.ask(QUESTION, mode="generative")
    assert answer.mode == "generative"  # one of two sentences verified: the share is 0.5
    first, second = answer.sentences
    assert (first["verified"], first["reason"], first["labels"]) == (False, "not_supported", ["（七）"])
    assert second["verified"] is True
    assert [c.label for c in answer.citations] == ["（十七）"]
    assert "（七）" not in answer.answer and "〔未核实〕" in answer.answer


@pytest.mark.parametrize("script", [{"delay": 3 * TIMEOUT}, {"status": 500}, {"status": 503}])
def test_a_stalled_or_failing_llm_gives_the_extractive_answer(gen: Assistant, fake: FakeOpenAI,
                                                               script: dict) -> None:
    fake.script(reply=CORRECT, **script)
    started = time.perf_counter()
    answer = gen.ask(QUESTION, mode="generative")
    assert (answer.mode, answer.fallback) == ("extractive", "llm_unavailable")
    assert answer.citations[0].label == "（十七）" and time.perf_counter() - started < 2.5 * TIMEOUT


def test_connection_refused_gives_the_extractive_answer(assistant, e5, tmp_path) -> None:
    settings = _llm_settings(assistant, f"http://127.0.0.1:{free_port()}/v1", tmp_path)
    answer = Assistant(settings, embedder=e5).ask(QUESTION, mode="generative")
    assert (answer.mode, answer.fallback) == ("extractive", "llm_unavailable")


def test_without_an_llm_generative_is_extractive(assistant: Assistant) -> None:
    answer = assistant.ask(QUESTION, mode="generative")
    assert (answer.mode, answer.fallback) == ("extractive", "llm_not_configured")
    assert assistant.ask(QUESTION).to_dict()["fallback"] is None


def test_a_refusal_is_final_and_the_llm_is_not_asked(gen: Assistant, fake: FakeOpenAI) -> None:
    answer = gen.ask(REFUSED, mode="generative")
    assert answer.refused and answer.fallback is None and fake.requests == []


def test_streaming_in_the_core(gen: Assistant, fake: FakeOpenAI) -> None:
    events = list(gen.ask_stream(QUESTION))
    deltas = [p for kind, p in events if kind == "delta"]
    assert len(deltas) > 3 and "".join(deltas) == CORRECT
    kind, answer = events[-1]
    assert kind == "answer" and answer.mode == "generative" and answer.citations[0].label == "（十七）"
    assert fake.requests[-1]["stream"] is True


# --- HTTP: a real `policyqa serve` talking to the fake endpoint ------------------------------------

@pytest.fixture(scope="module")
def server(assistant, fake, tmp_path_factory) -> Iterator[str]:
    env = {"POLICYQA_LLM_BASE_URL": fake.url, "POLICYQA_LLM_MODEL": "fake-model",
           "POLICYQA_LLM_TIMEOUT": str(TIMEOUT)}
    with running_server(assistant, tmp_path_factory.mktemp("data-llm"), env=env) as base:
        yield base


def read_sse(response: httpx.Response) -> list[tuple[str, dict]]:
    """Parse a text/event-stream body into (event, data) pairs."""
    events, name, data = [], "message", []
    for line in response.iter_lines():
        if line.startswith("event:"):
            name = line[6:].strip()
        elif line.startswith("data:"):
            data.append(line[5:].strip())
        elif not line and data:
            events.append((name, json.loads("\n".join(data))))
            name, data = "message", []
    return events


def stream_ask(base: str, **body) -> tuple[httpx.Response, list[tuple[str, dict]]]:
    payload = {"question": QUESTION, "mode": "generative", "stream": True, **body}
    with httpx.stream("POST", f"{base}/ask", json=payload, timeout=60) as response:
        return response, read_sse(response) if response.status_code == 200 else []


def test_http_generative_answer(server: str) -> None:
    body = httpx.post(f"{server}/ask", json={"question": QUESTION, "mode": "generative"}, timeout=60).json()
    assert (body["mode"], body["fallback"], body["answer"]) == ("generative", None, CORRECT)
    assert [c["label"] for c in body["citations"]] == ["（十七）"] and len(body["id"]) == 36
    assert [s["verified"] for s in body["sentences"]] == [True, True]


def test_http_stream_ends_with_the_whole_contract(server: str) -> None:
    response, events = stream_ask(server)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/event-stream")
    names = [name for name, _ in events]
    assert names[-1] == "answer" and set(names[:-1]) == {"delta"} and len(names) > 3
    assert "".join(data["text"] for name, data in events[:-1]) == CORRECT
    final = events[-1][1]
    assert final["mode"] == "generative" and final["citations"][0]["label"] == "（十七）"
    assert final["citations"][0]["quote"] and len(final["id"]) == 36 and final["sentences"]


@pytest.mark.parametrize("script", [{"status": 500}, {"delay": 3 * TIMEOUT},
                                    {"delay": 3 * TIMEOUT, "stall_after": 3}])
def test_http_stream_falls_back_when_the_llm_fails(server: str, fake: FakeOpenAI, script: dict) -> None:
    fake.script(reply=CORRECT, **script)
    response, events = stream_ask(server)
    assert response.status_code == 200
    final = events[-1][1]
    assert events[-1][0] == "answer" and (final["mode"], final["fallback"]) == ("extractive", "llm_unavailable")
    assert final["citations"][0]["label"] == "（十七）"
    if script.get("stall_after"):
        assert [name for name, _ in events[:-1]] == ["delta"] * 3  # what came before the stall


@pytest.mark.parametrize(("reply", "fallback"), [(MISSING, "unverified"), (UNCITED, "unverified")])
def test_http_unverified_answers_fall_back(server: str, fake: FakeOpenAI, reply: str, fallback: str) -> None:
    fake.script(reply=reply)
    body = httpx.post(f"{server}/ask", json={"question": QUESTION, "mode": "generative"}, timeout=60).json()
    assert (body["mode"], body["fallback"], body["sentences"]) == ("extractive", fallback, [])
    assert "（九十九）" not in body["answer"]


def test_http_flags_a_wrong_citation(server: str, fake: FakeOpenAI) -> None:
    fake.script(reply=WRONG_MIXED)
    _, events = stream_ask(server)
    final = events[-1][1]
    assert [s["verified"] for s in final["sentences"]] == [False, True]
    assert [c["label"] for c in final["citations"]] == ["（十七）"]


def test_http_stream_rejects_bad_input_before_streaming(server: str) -> None:
    response, _ = stream_ask(server, question="  ")
    assert response.status_code == 422
    _extractive, events = stream_ask(server, mode="extractive")
    assert [name for name, _ in events] == ["delta", "answer"] and events[1][1]["mode"] == "extractive"


def test_cli_generative_mode(assistant, fake: FakeOpenAI) -> None:
    env = {**os.environ, "POLICYQA_INDEX_DIR": str(assistant.settings.index_dir),
           "POLICYQA_CORPUS_DIR": str(assistant.settings.corpus_dir), "POLICYQA_LLM_BASE_URL": fake.url,
           "POLICYQA_LLM_MODEL": "fake-model", "POLICYQA_LLM_TIMEOUT": str(TIMEOUT)}
    run = [sys.executable, "-m", "assistant", "ask", "--mode", "generative"]
    done = subprocess.run([*run, "--json", QUESTION], capture_output=True, text=True, env=env, cwd=ROOT,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert (data["mode"], data["answer"], data["citations"][0]["label"]) == ("generative", CORRECT, "（十七）")
    fake.script(status=500)
    done = subprocess.run([*run, QUESTION], capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    assert done.returncode == 0 and "大模型暂不可用" in done.stdout and "出处：" in done.stdout


def test_the_chat_ui_streams_then_flags_unverified_sentences(gen: Assistant, fake: FakeOpenAI) -> None:
    from assistant.interfaces.ui.app import ChatHandlers

    fake.script(reply=WRONG_MIXED)
    steps = list(ChatHandlers(gen).respond(QUESTION, [], {}, "generative"))
    assert len(steps) > 3 and "正在生成" in steps[1][0][-1]["content"]  # deltas first
    final = steps[-1][0][-1]["content"]
    assert 'class="pq-unverified" title="未能在原文中核实">⚠ ' in final and "（七）" not in final
    assert final.count('class="pq-card"') == 1 and "（十七）" in final
    assert "〔未核实〕" in steps[-1][2]  # the text for copying marks it too
