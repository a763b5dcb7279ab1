"""The chat UI in a real headless Chromium (Debian's, driven by Playwright), offline."""

from __future__ import annotations

import json
import time
from pathlib import Path

import httpx
import pytest
from support.servers import ROOT, running_server

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
QUESTION = "全市数据中心标准机架总数的目标是多少？"

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian chromium (make test installs it)")
playwright = pytest.importorskip("playwright.sync_api", reason="needs the playwright package (dev extra)")
pytest.importorskip("gradio", reason="needs the ui extra")


@pytest.fixture(scope="module")
def ui_server(assistant, tmp_path_factory):
    with running_server(assistant, tmp_path_factory.mktemp("data-ui"), ui=True) as base:
        yield base


@pytest.fixture
def page():
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
        page = context.new_page()
        page.set_default_timeout(90_000)
        page.external = []  # requests that would leave the machine: aborted and recorded

        def only_local(route) -> None:
            if route.request.url.startswith(("http://127.0.0.1", "data:", "blob:")):
                route.continue_()
            else:
                page.external.append(route.request.url)
                route.abort()

        page.route("**/*", only_local)
        yield page
        browser.close()


def test_ask_in_the_browser(ui_server: str, page) -> None:
    page.goto(f"{ui_server}/", wait_until="load")  # "/" redirects to the UI
    assert page.url.rstrip("/").endswith("/ui")
    page.wait_for_selector("#pq-question textarea")
    page.fill("#pq-question textarea", QUESTION)
    page.click("#pq-send")
    card = page.wait_for_selector("#pq-chat details.pq-card")
    chat = page.inner_text("#pq-chat")
    assert "（十七）" in chat and "6.5万" in chat
    assert "夯实算力基础设施" in card.inner_text()
    card.query_selector("summary").click()  # expand: the whole task, the quote highlighted
    mark = page.wait_for_selector("#pq-chat details.pq-card[open] mark")
    assert "6.5万" in mark.inner_text()
    like = page.locator("#pq-chat button[aria-label='赞'], #pq-chat button[aria-label='Like']").last
    like.wait_for(state="visible")
    page.wait_for_function("!document.querySelector('#pq-chat .pending, #pq-chat .generating')")
    like.click()
    artifacts = ROOT / "tests" / "artifacts"
    artifacts.mkdir(exist_ok=True)
    page.screenshot(path=str(artifacts / "ui.png"))
    assert page.external == [], page.external
    rows = _wait_for_feedback(ui_server)
    assert rows and rows[0]["rating"] == "up" and rows[0]["tasks"][0] == 17


def test_refusal_and_outline(ui_server: str, page) -> None:
    page.goto(f"{ui_server}/ui/", wait_until="load")
    page.wait_for_selector("#pq-question textarea")
    page.fill("#pq-question textarea", "今天天气怎么样")
    page.click("#pq-send")
    refusal = page.wait_for_selector("#pq-chat .pq-refusal")
    assert "未找到依据" in refusal.inner_text() and refusal.query_selector("details.pq-related")
    page.locator("#pq-outline-col").get_by_text("第六部分", exact=False).first.click()
    page.get_by_role("button", name="（十七） 夯实算力基础设施").click()
    page.wait_for_function("document.querySelector('#pq-viewer').innerText.includes('6.5万')")
    assert page.external == [], page.external


def _wait_for_feedback(base: str, tries: int = 120) -> list[dict]:
    for _ in range(tries):
        rows = [json.loads(line) for line in httpx.get(f"{base}/feedback/export").text.splitlines()]
        if rows:
            return rows
        time.sleep(0.25)
    return []


def test_api_docs_render_offline(ui_server: str, page) -> None:
    page.goto(f"{ui_server}/docs", wait_until="load")
    page.wait_for_selector(".swagger-ui .opblock-summary-path")
    assert "/feedback/export" in page.inner_text(".swagger-ui")
    assert page.external == [], page.external
