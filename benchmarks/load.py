"""``ask``: concurrent loopback clients against a running server; server cold start to healthy."""

from __future__ import annotations

import http.client
import json
import random
import threading
import time

import httpx

from assistant.interfaces.http.launch import launched
from benchmarks.common import ROOT, percentile, questions


def _client(base: str, jobs: list[str], lock: threading.Lock, latencies: list[float], errors: list[str]) -> None:
    """One keep-alive client (stdlib ``http.client``: a light client leaves the cores to the server)."""
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    headers = {"Content-Type": "application/json"}
    while True:
        with lock:
            if not jobs:
                break
            question, first = jobs.pop()
        started = time.perf_counter()
        try:
            connection.request("POST", "/ask", json.dumps({"question": question}), headers)
            response = connection.getresponse()
            response.read()
            problem = None if response.status == 200 else f"HTTP {response.status}"
        except (OSError, http.client.HTTPException) as exc:
            problem = repr(exc)
            connection.close()
        elapsed = (time.perf_counter() - started) * 1000
        with lock:
            latencies.append((elapsed, first))
            if problem:
                errors.append(problem[:200])
    connection.close()


def load_test(base: str, clients: int, requests: int, seed: int = 7) -> dict:
    """Send ``requests`` questions (cycling a shuffled set) from ``clients`` threads; return the figures."""
    pool = questions()
    rng = random.Random(seed)
    asked = [pool[i % len(pool)] for i in range(requests)]
    rng.shuffle(asked)
    seen: set[str] = set()
    jobs = [(q, q not in seen and not seen.add(q)) for q in asked][::-1]  # popped from the end
    lock, latencies, errors = threading.Lock(), [], []
    threads = [threading.Thread(target=_client, args=(base, jobs, lock, latencies, errors)) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    every = [ms for ms, _ in latencies]
    first = [ms for ms, is_first in latencies if is_first]
    repeat = [ms for ms, is_first in latencies if not is_first]
    return {"clients": clients, "requests": len(every), "distinct_questions": len(set(asked)),
            "p50_ms": round(percentile(every, 50), 1), "p95_ms": round(percentile(every, 95), 1),
            "p99_ms": round(percentile(every, 99), 1), "rps": round(len(every) / seconds, 1),
            "errors": len(errors), "seconds": round(seconds, 1),
            "first_asks": len(first), "first_p50_ms": round(percentile(first, 50), 1),
            "first_p95_ms": round(percentile(first, 95), 1), "repeat_p50_ms": round(percentile(repeat, 50), 1),
            "repeat_p95_ms": round(percentile(repeat, 95), 1)}


def uncached_probe(base: str, n: int = 40) -> dict:
    """Sequential asks of questions never asked before (no query-vector cache hit): one client."""
    latencies = []
    with httpx.Client(base_url=base, timeout=30) as client:
        for i in range(n):
            started = time.perf_counter()
            client.post("/ask", json={"question": f"第{i}个新问题：数据中心机架与算力规模目标{i * 7}？"})
            latencies.append((time.perf_counter() - started) * 1000)
    return {"p50_ms": round(percentile(latencies, 50), 1), "p95_ms": round(percentile(latencies, 95), 1)}


def run(env: dict[str, str], requests: int = 2000) -> dict:
    """Start a server; record time to healthy, then the 8- and 16-client load tests."""
    with launched(env, timeout=120, cwd=ROOT) as server:
        base, healthy_s = server.base, server.seconds
        first = time.perf_counter()
        httpx.post(f"{base}/ask", json={"question": "全市数据中心标准机架总数的目标是多少？"}, timeout=60)
        first_answer_s = healthy_s + time.perf_counter() - first
        ask8 = load_test(base, 8, requests)
        ask16 = load_test(base, 16, requests, seed=8)
        single = uncached_probe(base)
    return {"ask": ask8, "ask16": ask16, "ask_uncached_1client": single,
            "server_cold": {"healthy_s": round(healthy_s, 2), "first_answer_s": round(first_answer_s, 2)}}
