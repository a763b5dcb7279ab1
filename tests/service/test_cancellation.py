"""Dropped clients and stalled LLMs on a real server (127.0.0.1) against the scripted fake LLM.

A client that hangs up cancels its LLM request (the fake LLM counts its open requests) and frees its
worker, so ordinary questions stay as fast as before; a stalled LLM costs at most the total deadline.
"""

from __future__ import annotations

import json
import statistics
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
from support.fake_openai import FakeOpenAI
from support.servers import running_server

QUESTION = "全市数据中心标准机架总数的目标是多少？"
CORRECT = "全市数据中心标准机架总数的目标是超过6.5万架。（十七）"
STALL = 120.0  # seconds the fake LLM stalls: far beyond every wait below
DEADLINE = 3.0  # llm_total_timeout_s of the deadline server


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as server:
        yield server


def _env(fake: FakeOpenAI, total: float) -> dict[str, str]:
    # per-read timeout longer than every stall here: only a cancellation or the total deadline ends a call
    return {"POLICYQA_LLM_BASE_URL": fake.url, "POLICYQA_LLM_MODEL": "fake-model", "POLICYQA_LLM_TIMEOUT": "600",
            "POLICYQA_LLM_TOTAL_TIMEOUT_S": str(total), "POLICYQA_ASK_RATE_PER_MINUTE": "0"}


@pytest.fixture(scope="module")
def patient(assistant, fake, tmp_path_factory) -> Iterator[str]:
    """A server whose total LLM deadline is long: only cancellation can end a stalled call early."""
    with running_server(assistant, tmp_path_factory.mktemp("data-patient"), env=_env(fake, 600)) as base:
        yield base


@pytest.fixture(scope="module")
def hasty(assistant, fake, tmp_path_factory) -> Iterator[str]:
    """A server with a total LLM deadline of DEADLINE seconds."""
    with running_server(assistant, tmp_path_factory.mktemp("data-hasty"), env=_env(fake, DEADLINE)) as base:
        yield base


def _wait_until(condition, seconds: float) -> float:
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > seconds:
            raise AssertionError(f"not within {seconds} s")
        time.sleep(0.02)
    return time.monotonic() - started


def _p50(base: str, n: int = 25) -> float:
    times = []
    with httpx.Client(timeout=30) as client:
        for _ in range(n):
            started = time.perf_counter()
            assert client.post(f"{base}/ask", json={"question": QUESTION}).status_code == 200
            times.append(time.perf_counter() - started)
    return statistics.median(times)


def _drop_streams(base: str, fake: FakeOpenAI, count: int) -> None:
    """Open ``count`` generative streams at once, wait until the fake LLM holds all of them, hang up."""
    opened, release = threading.Barrier(count + 1), threading.Event()
    statuses: list[int] = []

    def one() -> None:
        payload = {"question": QUESTION, "mode": "generative", "stream": True}
        with httpx.stream("POST", f"{base}/ask", json=payload, timeout=30) as response:
            statuses.append(response.status_code)
            opened.wait()
            release.wait()  # leaving the block closes the connection before any token

    threads = [threading.Thread(target=one) for _ in range(count)]
    for thread in threads:
        thread.start()
    opened.wait(timeout=60)
    _wait_until(lambda: fake.open >= count, 30)
    release.set()
    for thread in threads:
        thread.join(timeout=30)
    assert statuses == [200] * count


def test_dropped_streams_cancel_the_llm_call_and_leave_ask_latency_unchanged(patient: str, fake: FakeOpenAI) -> None:
    before = _p50(patient)
    fake.script(reply=CORRECT, delay=STALL)
    cancelled = fake.cancelled
    for _ in range(5):
        _drop_streams(patient, fake, 20)
        seconds = _wait_until(lambda: fake.open == 0, 5)  # the LLM would stall for STALL s
        assert seconds < 5
    assert fake.cancelled - cancelled == 100
    after = _p50(patient)
    print(f"/ask p50 before {before * 1000:.0f} ms, after 100 dropped streams {after * 1000:.0f} ms")
    assert after < max(2 * before, before + 0.05), (before, after)


def test_a_json_ask_whose_client_gives_up_cancels_the_llm_call(patient: str, fake: FakeOpenAI) -> None:
    fake.script(reply=CORRECT, delay=STALL)
    cancelled = fake.cancelled
    for _ in range(5):
        with pytest.raises(httpx.ReadTimeout):
            httpx.post(f"{patient}/ask", json={"question": QUESTION, "mode": "generative"}, timeout=1.5)
    _wait_until(lambda: fake.open == 0, 5)
    assert fake.cancelled - cancelled == 5


@pytest.mark.parametrize("stream", [False, True])
def test_a_stalled_llm_gives_the_extractive_answer_within_the_total_deadline(hasty: str, fake: FakeOpenAI,
                                                                              stream: bool) -> None:
    fake.script(reply=CORRECT * 3, delay=STALL, stall_after=2 if stream else None)
    payload = {"question": QUESTION, "mode": "generative", "stream": stream}
    started = time.perf_counter()
    if stream:
        with httpx.stream("POST", f"{hasty}/ask", json=payload, timeout=60) as response:
            lines = list(response.iter_lines())
        names = [line.removeprefix("event: ") for line in lines if line.startswith("event:")]
        assert names[:2] == ["delta", "delta"] and names[2:] == ["answer"]  # what came before the stall
        body = json.loads(lines[-2].removeprefix("data: ") if not lines[-1] else lines[-1].removeprefix("data: "))
    else:
        body = httpx.post(f"{hasty}/ask", json=payload, timeout=60).json()
    assert (body["mode"], body["fallback"]) == ("extractive", "llm_unavailable")
    assert body["citations"][0]["label"] == "（十七）"
    elapsed = time.perf_counter() - started
    print(f"stalled LLM, stream={stream}: fallback after {elapsed:.2f} s (deadline {DEADLINE} s)")
    assert DEADLINE - 0.5 < elapsed < DEADLINE + 2
    _wait_until(lambda: fake.open == 0, 2)
