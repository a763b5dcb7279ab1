"""The chat page's restore on load never overwrites a chat the user has already started, in a real
headless Chromium against a real server whose restore is held back (``POLICYQA_UI_RESTORE_DELAY_MS``,
standing for a busy server): the restore's answer is checked to arrive after the user's, so that the
race really happens in the test. Screenshots go to tests/artifacts/."""

from __future__ import annotations

import time

import pytest
from support.browser import CHROMIUM, SKIP_REASON, chromium
from support.servers import ROOT, running_server

ARTIFACTS = ROOT / "tests" / "artifacts"
DELAY_MS = 8000
FIRST, FOLLOW_UP = "全市数据中心标准机架总数的目标是多少？", "那第十八项呢？"

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=SKIP_REASON)
playwright = pytest.importorskip("playwright.sync_api", reason="needs the playwright package (dev extra)")
pytest.importorskip("gradio", reason="needs the ui extra")


@pytest.fixture(scope="module")
def slow_restore(assistant, tmp_path_factory):
    env = {"POLICYQA_UI_RESTORE_DELAY_MS": str(DELAY_MS)}
    with running_server(assistant, tmp_path_factory.mktemp("data-race"), ui=True, env=env) as base:
        yield base


@pytest.fixture
def page():
    with chromium() as browser:
        page = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN").new_page()
        page.set_default_timeout(90_000)
        page.slow_calls = []  # (arrival, seconds) of the UI's direct calls that took longer than the delay
        started: dict = {}

        def sent(request) -> None:
            started[request] = time.monotonic()

        def answered(response) -> None:
            begun = started.pop(response.request, None)
            if begun is not None and "/gradio_api/run/" in response.url:
                now = time.monotonic()
                if now - begun >= DELAY_MS / 1000 * 0.9:
                    page.slow_calls.append((now, now - begun))

        page.on("request", sent)
        page.on("response", answered)
        yield page


def _ask_at_once(page, question: str) -> float:
    """Ask as soon as the question box is there (before the page's restore came back); wait for the
    answer; the time it was shown."""
    before = page.locator("#pq-chat .pq-answer").count()
    page.fill("#pq-question textarea", question)
    page.click("#pq-send")
    page.wait_for_function("n => document.querySelectorAll('#pq-chat .pq-answer').length > n", arg=before)
    return time.monotonic()


def _wait_for_restore(page, after: float) -> None:
    """Wait until the held-back restore came back, and check that it came after ``after``."""
    deadline = time.monotonic() + DELAY_MS / 1000 + 60
    while not page.slow_calls and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    assert page.slow_calls, "the restore's call never came back"
    arrival, _ = page.slow_calls.pop(0)
    assert arrival > after, "the answer came after the restore: the race did not happen, nothing was tested"
    page.wait_for_timeout(1000)  # the browser applies what the restore sent


def test_the_restore_leaves_a_started_chat_alone(slow_restore: str, page) -> None:
    page.goto(f"{slow_restore}/ui/", wait_until="load")
    page.wait_for_selector("#pq-question textarea")
    shown = _ask_at_once(page, FIRST)
    _wait_for_restore(page, shown)
    chat = page.inner_text("#pq-chat")
    assert FIRST in chat and "6.5万" in chat, chat  # a fresh page: the empty restore did not wipe it
    assert page.locator("#pq-convos input:checked").count() == 1  # the new conversation stays open
    _shot(page, "race-fresh.png")

    # A reload restores it; a follow-up sent before that restore comes back continues the conversation,
    # and the restore (read before the follow-up was stored) does not take it away.
    page.reload(wait_until="load")
    page.wait_for_selector("#pq-question textarea")
    shown = _ask_at_once(page, FOLLOW_UP)
    _wait_for_restore(page, shown)
    answers = page.locator("#pq-chat .pq-answer")
    assert answers.count() == 2, page.inner_text("#pq-chat")
    assert "6.5万" in answers.first.inner_text()
    labels = page.locator("#pq-chat .pq-cards").last.locator(".pq-label").first.inner_text()
    assert labels == "（十八）", page.inner_text("#pq-chat")
    assert "按追问理解为" in page.inner_text("#pq-chat")  # the follow-up kept its context
    _shot(page, "race-reloaded.png")

    # With the chat left alone, a plain reload (no question sent) still restores both turns.
    page.reload(wait_until="load")
    page.wait_for_function("() => document.querySelectorAll('#pq-chat .pq-answer').length === 2")


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name))
