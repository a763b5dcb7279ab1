"""The chat UI in a real headless Chromium (Debian's, driven by Playwright), offline."""

from __future__ import annotations

import json
import time
from urllib.parse import urlsplit

import httpx
import pytest
from support.browser import CHROMIUM, SKIP_REASON, chromium
from support.servers import ROOT, running_server

from assistant.service import Assistant
from assistant.settings import Settings

QUESTION = "全市数据中心标准机架总数的目标是多少？"

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=SKIP_REASON)
playwright = pytest.importorskip("playwright.sync_api", reason="needs the playwright package (dev extra)")
pytest.importorskip("gradio", reason="needs the ui extra")


@pytest.fixture(scope="module")
def ui_server(assistant, tmp_path_factory):
    with running_server(assistant, tmp_path_factory.mktemp("data-ui"), ui=True) as base:
        yield base


@pytest.fixture
def page():
    with chromium() as browser:
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


def test_ask_in_the_browser(ui_server: str, page) -> None:
    page.goto(f"{ui_server}/", wait_until="load")  # "/" redirects to the UI
    assert page.url.rstrip("/").endswith("/ui")
    page.wait_for_selector("#pq-question textarea")
    page.wait_for_selector("#pq-outline-col .pq-doc-title")  # load events done
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


def test_the_chat_ui_gets_its_favicon(ui_server: str, page) -> None:
    """The icon a browser asks for at /favicon.ico (headless Chromium asks for none of its own), decoded by
    the browser. Asked with a query: under ``page.route`` Playwright lets a fetch of exactly /favicon.ico fail."""
    page.goto(f"{ui_server}/ui/", wait_until="load")
    page.wait_for_selector("#pq-question textarea")
    size = page.evaluate("""async () => {
        const img = new Image(); img.src = '/favicon.ico?from=test'; await img.decode();
        return [img.naturalWidth, img.naturalHeight]; }""")
    assert size == [32, 32]


def test_refusal_and_outline(ui_server: str, page) -> None:
    page.goto(f"{ui_server}/ui/", wait_until="load")
    page.wait_for_selector("#pq-question textarea")
    page.wait_for_selector("#pq-outline-col .pq-doc-title")  # load events done
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


# A document whose title, chapter title and text carry Markdown, HTML and image payloads, with a blank line
# inside a section; every URL points at x.test, which the page's router refuses and records.
PAYLOAD_TITLE = "示例数据办法![t](http://x.test/a.png)<img src=http://x.test/b>"
PAYLOAD = f"""{PAYLOAD_TITLE}
第一章 总则<img src=http://x.test/c>
第一条 为了规范示例数据共享工作，制定本办法。

**出处**：[点此](http://x.test/link) ![p](http://x.test/p.png) <a href="http://x.test/h">链接</a> www.x.test
第二条 示例数据共享应当遵循安全可控原则<script>alert(1)</script>。
第二章 附则
第三条 本办法自发布之日起施行。
"""
DOM_URLS = """() => ({images: [...document.querySelectorAll('img, image, source, video, audio, iframe')]
                        .map(e => e.src || e.getAttribute('href') || ''),
                     links: [...document.querySelectorAll('a[href]')].map(a => a.href),
                     styled: [...document.querySelectorAll('[style*="url("]')].map(e => e.getAttribute('style'))})"""


@pytest.fixture(scope="module")
def payload_server(e5, tmp_path_factory):
    root = tmp_path_factory.mktemp("payload")
    (root / "corpus").mkdir()
    (root / "corpus" / "payload.txt").write_text(PAYLOAD, encoding="utf-8")
    library = Assistant(Settings(corpus_dir=root / "corpus", index_dir=root / "index", data_dir=root / "data"),
                        embedder=e5)
    library.ingest(progress=False)
    with running_server(library, root / "data", ui=True) as base:
        yield base


def test_document_and_question_text_never_become_markup(payload_server: str, page) -> None:
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{payload_server}/ui/", wait_until="load")
    page.wait_for_selector("#pq-question textarea")
    page.wait_for_selector("#pq-outline-col .pq-doc-title")  # load events done
    question = "示例数据共享工作的规范 ![q](http://x.test/q.png) <img src=http://x.test/q2>"
    page.fill("#pq-question textarea", question)
    page.click("#pq-send")
    page.wait_for_selector("#pq-chat details.pq-card")
    page.wait_for_function("!document.querySelector('#pq-chat .pending, #pq-chat .generating')")
    for summary in page.query_selector_all("#pq-chat details.pq-card > summary"):
        summary.click()
    outline = page.locator("#pq-outline-col")  # the outline column, not the cards in the chat
    outline.get_by_text("第一章", exact=False).first.click()
    outline.get_by_role("button", name="第一条", exact=False).first.click()
    page.wait_for_function("document.querySelector('#pq-viewer').innerText.includes('**出处**')")
    chat, viewer = page.inner_text("#pq-chat"), page.inner_text("#pq-viewer")
    # shown literally: the question, the payloads of the text, the title in the outline and the chapter label
    assert question in chat
    first = ("**出处**：[点此](http://x.test/link) ![p](http://x.test/p.png)",
             '<a href="http://x.test/h">链接</a> www.x.test')
    assert all(literal in chat and literal in viewer for literal in first)
    assert "<script>alert(1)</script>" in chat
    assert page.inner_text(".pq-doc-title") == PAYLOAD_TITLE
    assert page.get_by_text("总则<img src=http://x.test/c>", exact=False).count() >= 1
    # the blank line does not end the card: the text after it is inside the same element as the start
    whole = page.locator("#pq-chat details.pq-card[open] .pq-full", has_text="**出处**").first.inner_text()
    assert "为了规范示例数据共享工作" in whole and "www.x.test" in whole
    found = page.evaluate(DOM_URLS)
    # no image, style or link points at the payloads' host (our own document links may carry the
    # quoted text, payloads included, percent-encoded in their query)
    assert not [u for u in found["images"] + found["styled"] if "x.test" in u], found
    assert not [u for u in found["links"] if (urlsplit(u).hostname or "").endswith("x.test")], found
    assert page.external == [] and dialogs == []


def test_with_a_key_the_ui_asks_for_it_once(assistant, tmp_path, page) -> None:
    with running_server(assistant, tmp_path / "data", ui=True, api_key="reader-k3y", admin_key="admin-k3y") as base:
        page.goto(f"{base}/", wait_until="load")
        assert page.url == f"{base}/ui-login"
        page.fill("#pq-key", "wrong")
        page.click("#pq-login")
        assert "密钥不正确" in page.inner_text("body")
        page.fill("#pq-key", "reader-k3y")
        page.click("#pq-login")
        page.wait_for_selector("#pq-question textarea")
        page.wait_for_selector("#pq-outline-col .pq-doc-title")  # load events done
        page.fill("#pq-question textarea", QUESTION)
        page.click("#pq-send")
        page.wait_for_selector("#pq-chat details.pq-card")
        page.goto(f"{base}/ui/", wait_until="load")  # the session holds: no second prompt
        page.wait_for_selector("#pq-question textarea")
        page.wait_for_selector("#pq-outline-col .pq-doc-title")  # load events done
        cookie = next(c for c in page.context.cookies() if c["name"] == "pq_session")
        assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["path"] == "/ui"
        assert page.evaluate("document.cookie") == ""  # not readable by scripts
        assert page.external == [], page.external
