"""The /ask token bucket on a controlled clock (burst, refill, per-client buckets) and the body caps by route."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from assistant.interfaces.http.limits import AskRateLimit, body_cap


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _limit(rate: float, clock: Clock) -> AskRateLimit:
    return AskRateLimit(app=None, settings=SimpleNamespace(ask_rate_per_minute=rate), clock=clock)


def test_a_client_gets_its_burst_then_waits_for_the_refill() -> None:
    clock = Clock()
    limit = _limit(6, clock)  # one token every 10 s
    assert [limit.take("10.0.0.1") for _ in range(6)] == [0.0] * 6
    assert limit.take("10.0.0.1") == pytest.approx(10.0)
    assert limit.take("10.0.0.2") == 0.0  # another client has its own bucket
    clock.now += 4
    assert limit.take("10.0.0.1") == pytest.approx(6.0)
    clock.now += 6
    assert limit.take("10.0.0.1") == 0.0
    clock.now += 3600  # an idle hour refills to the burst, not beyond
    assert [limit.take("10.0.0.1") for _ in range(7)].count(0.0) == 6


def test_body_caps_by_route() -> None:
    settings = SimpleNamespace(max_upload_bytes=10 * 1024 * 1024, max_body_bytes=65536, max_ui_body_bytes=1 << 20)
    upload = 10 * 1024 * 1024 + 64 * 1024
    assert body_cap(settings, "POST", "/documents") == body_cap(settings, "POST", "/ui/gradio_api/upload") == upload
    assert body_cap(settings, "DELETE", "/documents/x") == body_cap(settings, "POST", "/ask") == 65536
    assert body_cap(settings, "POST", "/ui/gradio_api/queue/join") == 1 << 20
    assert body_cap(settings, "POST", "/uix") == 65536
