"""The chat UI's conversations in a real headless Chromium (Debian's, driven by Playwright), offline:
follow-ups, the conversation list restored on reload, clearing as a new conversation that a reload
keeps, deleting after a confirmation, a question sent while an answer is on its way kept in the box,
the document page, the phone layout, Chinese tooltips, toasts, Gradio strings and message names in an
English browser, the 👎 comment, gold candidates of a 👍, the copy button after clearing, and the frame
of an English question. Screenshots go to tests/artifacts/."""

from __future__ import annotations

import json
import time

import httpx
import pytest
from support.browser import CHROMIUM, SKIP_REASON, chromium
from support.servers import ROOT, running_server

ARTIFACTS = ROOT / "tests" / "artifacts"
CHAIN = [("全市数据中心标准机架总数的目标是多少？", "（十七）"), ("这个任务还提到了什么合作模式？", "（十七）"),
         ("那第十八项呢？", "（十八）"), ("再具体一点", "（十八）"), ("量子信息方面呢？", "（二十）")]

# What floats (absolute, fixed or sticky) over the first line of element e, as text or tag names.
COVERING_JS = """e => {
  const r = e.getBoundingClientRect(); const top = r.top, bottom = r.top + 22;
  return [...document.querySelectorAll('body *')].filter((o) => {
    if (o.contains(e) || e.contains(o)) { return false; }
    const st = getComputedStyle(o);
    if (!['absolute', 'fixed', 'sticky'].includes(st.position) || st.visibility === 'hidden'
        || st.display === 'none' || st.opacity === '0') { return false; }
    const b = o.getBoundingClientRect();
    return b.width > 0 && b.height > 0 && b.left < r.right && b.right > r.left && b.top < bottom && b.bottom > top;
  }).map((o) => (o.innerText || o.tagName).trim());
}"""

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=SKIP_REASON)
playwright = pytest.importorskip("playwright.sync_api", reason="needs the playwright package (dev extra)")
pytest.importorskip("gradio", reason="needs the ui extra")


@pytest.fixture(scope="module")
def ui_server(assistant, tmp_path_factory):
    with running_server(assistant, tmp_path_factory.mktemp("data-convo-ui"), ui=True) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


def _page(browser, width: int = 1400, height: int = 1000, locale: str = "en-US"):
    """A new page (its own storage); requests leaving the machine are aborted and recorded."""
    context = browser.new_context(viewport={"width": width, "height": height}, locale=locale,
                                  permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.set_default_timeout(90_000)
    page.external = []

    def only_local(route) -> None:
        if route.request.url.startswith(("http://127.0.0.1", "data:", "blob:")):
            route.continue_()
        else:
            page.external.append(route.request.url)
            route.abort()

    page.route("**/*", only_local)
    return page


def _ask(page, question: str) -> None:
    """Ask, as a person does once the previous answer is done, and wait until the answer to it is the chat's
    last message. The page is idle only when its answer-done script has run: the answer may show a moment
    before that, and a question sent while the page is busy is held back (a notice says so), not sent."""
    page.wait_for_function("() => !document.body.dataset.pqBusy")
    before = page.locator("#pq-chat .message-row, #pq-chat .message").count()
    page.fill("#pq-question textarea", question)
    page.click("#pq-send")
    page.wait_for_function(
        "n => document.querySelectorAll('#pq-chat .message-row, #pq-chat .message').length > n "
        "&& !document.querySelector('#pq-chat .pending, #pq-chat .generating')", arg=before)
    page.wait_for_function("() => [...document.querySelectorAll('#pq-chat .pq-answer, #pq-chat .pq-error')]"
                           ".length > 0")


def _last_answer(page) -> str:
    return page.locator("#pq-chat .pq-answer").last.inner_text()


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name))


def test_a_follow_up_chain_is_kept_and_restored_on_reload(ui_server: str, browser) -> None:
    page = _page(browser)
    page.goto(f"{ui_server}/ui/", wait_until="load")
    page.wait_for_selector("#pq-question textarea")
    page.wait_for_selector("#pq-outline-col .pq-doc-title")  # the page's load events have run, as a person waits
    for i, (question, label) in enumerate(CHAIN):
        _ask(page, question)
        page.wait_for_function("n => document.querySelectorAll('#pq-chat .pq-cards').length >= n", arg=i + 1)
        first_card = page.locator("#pq-chat .pq-cards").last.locator(".pq-label").first.inner_text()
        assert first_card == label, (question, _last_answer(page))
    assert "算力飞地" in page.locator("#pq-chat .pq-answer").nth(1).inner_text()
    assert "按追问理解为：（十八）" in page.inner_text("#pq-chat")
    _shot(page, "convo-chain.png")
    listing = page.locator("#pq-convos label")
    assert listing.count() == 1 and CHAIN[0][0] in listing.first.inner_text()
    page.reload(wait_until="load")
    page.wait_for_function("() => document.querySelectorAll('#pq-chat .pq-cards').length >= 5")
    page.wait_for_selector("#pq-outline-col .pq-doc-title")
    assert page.locator("#pq-convos input:checked").count() == 1
    _ask(page, "第十九项呢？")  # the restored chat keeps its context
    assert "按追问理解为" in page.locator("#pq-chat .pq-resolved").last.inner_text()
    _shot(page, "convo-restored.png")
    assert page.external == [], page.external


def test_new_rename_search_and_delete(ui_server: str, browser) -> None:
    page = _page(browser)
    page.goto(f"{ui_server}/ui/", wait_until="load")
    page.wait_for_selector("#pq-question textarea")
    page.click("#pq-new")
    _ask(page, "新制发电子证照质检合格率要达到多少？")
    page.fill("#pq-title textarea, #pq-title input", "证照质检")
    page.click("#pq-rename")
    page.wait_for_function("() => document.querySelector('#pq-convos').innerText.includes('证照质检')")
    toast = page.locator(".toast-body").first
    toast.wait_for()
    assert "提示" in toast.inner_text() and "Info" not in toast.inner_text()
    page.fill("#pq-title textarea, #pq-title input", "")
    page.click("#pq-rename")  # the store's "标题不能为空 / title is empty", shown by its Chinese half
    page.locator(".toast-body", has_text="标题不能为空").wait_for()
    assert "title is empty" not in page.inner_text("body")
    page.fill("#pq-convo-search textarea, #pq-convo-search input", "证照")
    page.wait_for_function("() => document.querySelectorAll('#pq-convos label').length === 1")
    _shot(page, "convo-search.png")
    page.click("#pq-delete")  # asks first; 取消 keeps it
    page.locator("#pq-convo-confirm-yes").wait_for(state="visible")
    assert "证照质检" in page.inner_text("#pq-convo-confirm-text")
    _shot(page, "convo-confirm.png")
    page.click("#pq-convo-confirm-no")
    page.locator("#pq-convo-confirm-yes").wait_for(state="hidden")
    page.reload(wait_until="load")
    page.wait_for_selector("#pq-chat .pq-answer")  # not deleted: still open after a reload
    assert "证照质检" in page.inner_text("#pq-convos")
    page.click("#pq-delete")
    page.click("#pq-convo-confirm-yes")
    page.wait_for_function("() => !document.querySelector('#pq-convos').innerText.includes('证照质检')")
    assert page.locator("#pq-chat .pq-answer").count() == 0
    assert not page.locator("#pq-convo-confirm-yes").is_visible()


def test_clearing_starts_a_new_conversation_that_a_reload_keeps(ui_server: str, browser) -> None:
    page = _page(browser)
    page.goto(f"{ui_server}/ui/", wait_until="load")
    page.wait_for_selector("#pq-outline-col .pq-doc-title")
    page.click("#pq-new")
    for clear in ("#pq-chat button[aria-label='清空对话']", "#pq-clear", "#pq-new"):
        _ask(page, CHAIN[0][0])
        listed = page.locator("#pq-convos label").count()
        page.locator(clear).first.click()
        page.wait_for_function("() => !document.querySelector('#pq-chat .pq-answer')")
        # the server has answered the clear (the chat's own 🗑 empties the page at once, before it does)
        page.wait_for_function("() => document.querySelectorAll('#pq-convos input:checked').length === 0")
        page.reload(wait_until="load")
        page.wait_for_selector("#pq-outline-col .pq-doc-title")
        page.wait_for_function("n => document.querySelectorAll('#pq-convos label').length === n", arg=listed)
        page.wait_for_timeout(1500)  # the restore has run: the chat stays empty, the old one stays listed
        assert page.locator("#pq-chat .pq-answer").count() == 0, clear
        assert page.locator("#pq-convos input:checked").count() == 0, clear
    _ask(page, CHAIN[0][0])  # the empty chat's first question starts a new conversation
    page.wait_for_function("n => document.querySelectorAll('#pq-convos label').length === n + 1", arg=listed)


def test_a_question_sent_while_an_answer_is_coming_stays_in_the_box(ui_server: str, browser) -> None:
    page = _page(browser)
    page.goto(f"{ui_server}/ui/", wait_until="load")
    page.wait_for_selector("#pq-outline-col .pq-doc-title")
    page.click("#pq-new")
    page.wait_for_function("() => !document.body.dataset.pqBusy")  # 新对话 is done: the page is idle
    page.wait_for_timeout(300)
    held = []  # the first question's call to the server is held back, as on a busy server
    page.route("**/gradio_api/queue/join*", lambda route: held.append(route))
    box = "#pq-question textarea"
    questions = [CHAIN[0][0], "量子信息产业今年有哪些安排？", "全年至少开展几次攻防和应急演练？"]
    for question in questions:  # three at once, no pause
        page.fill(box, question)
        page.press(box, "Enter")
    page.locator("#pq-wait", has_text="请等待上一个回答完成").wait_for(state="visible")
    assert page.input_value(box) == questions[2]
    _shot(page, "convo-wait.png")
    for _ in range(50):
        if held:
            break
        page.wait_for_timeout(100)
    page.wait_for_timeout(500)
    page.unroute("**/gradio_api/queue/join*")
    assert len(held) == 1, held  # only the first was sent
    held[0].continue_()
    page.wait_for_selector("#pq-chat .pq-answer")
    page.wait_for_function("() => !document.body.dataset.pqBusy")
    assert page.input_value(box) == questions[2]  # the answer left what was typed alone
    page.press(box, "Enter")
    page.wait_for_function("() => document.querySelectorAll('#pq-chat .pq-answer').length === 2")
    asked = page.locator("#pq-chat .pq-question").all_inner_texts()
    assert asked == [questions[0], questions[2]] and page.input_value(box) == ""


def test_gradio_strings_and_message_names_are_chinese_in_an_english_browser(ui_server: str, browser) -> None:
    page = _page(browser, locale="en-US")
    page.goto(f"{ui_server}/ui/", wait_until="load")
    page.wait_for_selector("#pq-outline-col .pq-doc-title")
    page.wait_for_function("() => document.documentElement.lang === 'zh-CN'")
    page.click("#pq-new")
    _ask(page, CHAIN[0][0])
    names = page.locator("#pq-chat [aria-label]").evaluate_all("es => es.map((e) => e.getAttribute('aria-label'))")
    assert f"问题：{CHAIN[0][0]}" in names, names
    assert any(n.startswith("回答：全市数据中心标准机架总数超6.5万架") for n in names), names
    assert not [n for n in names if "message" in n or "<" in n], names
    page.get_by_role("tab", name="文档管理").click()
    upload = page.locator("#pq-upload")
    upload.get_by_text("点击上传").wait_for()
    assert "Drop File Here" not in upload.inner_text() and "Click to Upload" not in upload.inner_text()
    _shot(page, "convo-english-browser.png")


def test_a_card_links_to_its_place_in_the_whole_document(ui_server: str, browser) -> None:
    page = _page(browser)
    page.goto(f"{ui_server}/ui/", wait_until="load")
    page.wait_for_selector("#pq-question textarea")
    page.click("#pq-new")
    _ask(page, CHAIN[0][0])
    card = page.locator("#pq-chat details.pq-card").first
    card.locator("summary").click()
    link = card.locator("a.pq-goto")
    href = link.get_attribute("href")
    assert href and href.startswith("document/") and "#pq-target" in href
    with page.context.expect_page() as opened:
        link.click()
    doc = opened.value
    doc.wait_for_load_state()
    target = doc.locator("#pq-target")
    assert "夯实算力基础设施" in target.inner_text() and "6.5万" in target.locator("mark").inner_text()
    assert doc.locator("nav a.pq-current").inner_text().startswith("（十七）")
    box = target.bounding_box()
    assert box and 0 <= box["y"] < 1000  # scrolled to the cited unit
    _shot(doc, "convo-document.png")


def test_phone_layout(ui_server: str, browser) -> None:
    page = _page(browser, 390, 844, locale="zh-CN")
    page.goto(f"{ui_server}/ui/", wait_until="load")
    question = page.wait_for_selector("#pq-question textarea")
    box = question.bounding_box()
    assert box and box["y"] + box["height"] <= 844, box  # the question box on the first screen
    assert not page.locator("#pq-outline-col").is_visible()
    _ask(page, CHAIN[0][0])
    page.locator("#pq-chat .pq-answer").last.evaluate("e => e.scrollIntoView({block: 'start'})")
    time.sleep(0.3)
    # Nothing floats over the answer's first line (the chat's "对话" label used to).
    covering = page.locator("#pq-chat .pq-answer").last.evaluate(COVERING_JS)
    assert covering == [], covering
    _shot(page, "convo-phone.png")
    page.click("#pq-outline-toggle")
    page.locator("#pq-outline-col").wait_for(state="visible")
    page.locator("#pq-outline-col").get_by_text("第六部分", exact=False).first.click()
    page.get_by_role("button", name="（十七） 夯实算力基础设施").click()
    page.wait_for_function("document.querySelector('#pq-viewer').innerText.includes('6.5万')")
    time.sleep(0.5)
    viewer = page.locator("#pq-viewer").bounding_box()
    assert viewer and 0 <= viewer["y"] < 844, viewer  # opened where the user is looking
    _shot(page, "convo-phone-viewer.png")


def test_feedback_tooltips_comment_copy_and_english(ui_server: str, browser) -> None:
    page = _page(browser, locale="en-US")
    page.goto(f"{ui_server}/ui/", wait_until="load")
    page.wait_for_selector("#pq-question textarea")
    page.click("#pq-new")
    _ask(page, CHAIN[0][0])
    like = page.locator("#pq-chat button[aria-label='赞']").last
    dislike = page.locator("#pq-chat button[aria-label='踩']").last
    like.wait_for(state="visible")
    assert dislike.count() == 1 and page.locator("#pq-chat button[aria-label='Like']").count() == 0
    dislike.click()
    page.locator("#pq-comment-text textarea").wait_for(state="visible")
    page.fill("#pq-comment-text textarea", "引用的条目不全")
    page.click("#pq-comment-send")
    page.locator("#pq-comment-text textarea").wait_for(state="hidden")
    rows = _feedback(ui_server, lambda r: r["comment"] == "引用的条目不全")
    assert rows and rows[0]["rating"] == "down"
    page.click("#pq-copy")
    page.wait_for_function("() => document.querySelector('#pq-copy').dataset.copied === '1'")
    assert "6.5万" in page.evaluate("navigator.clipboard.readText()")
    page.evaluate("navigator.clipboard.writeText('旧内容')")
    page.click("#pq-clear")
    page.wait_for_function("() => !document.querySelector('#pq-chat .pq-answer')")
    page.click("#pq-copy")
    page.wait_for_function("() => document.querySelector('#pq-copy').dataset.copied === 'empty'")
    assert page.evaluate("navigator.clipboard.readText()") == "旧内容"
    _ask(page, CHAIN[0][0])  # the chat's own 🗑 button clears the copy text too
    page.locator("#pq-chat button[aria-label='清空对话']").first.click()
    page.wait_for_function("() => !document.querySelector('#pq-chat .pq-answer')")
    page.evaluate("document.querySelector('#pq-copy').dataset.copied = ''")
    page.click("#pq-copy")
    page.wait_for_function("() => document.querySelector('#pq-copy').dataset.copied === 'empty'")
    _ask(page, "What is the target for the total number of standard racks in data centers?")
    english = page.locator("#pq-chat .pq-answer").last.locator("xpath=..").inner_text()
    assert "Sources (click" in english and "出处" not in english, english
    _shot(page, "convo-english.png")


def _feedback(base: str, wanted, tries: int = 120) -> list[dict]:
    for _ in range(tries):
        rows = [json.loads(line) for line in httpx.get(f"{base}/feedback/export").text.splitlines()]
        rows = [r for r in rows if wanted(r)]
        if rows:
            return rows
        time.sleep(0.25)
    return []
