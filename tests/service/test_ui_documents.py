"""The documents page of the chat UI ("文档管理") in a real headless Chromium against a real server with a
reader's and a maintainer's key, over a private copy of the index: a maintainer uploads a small
regulation, follows its job to the end and sees it in the list with its metadata and outline, is told
in Chinese why a broken file is refused, re-indexes it after its source changed, and deletes it after
confirming; a reader never sees the page, and the page's handlers refuse a reader's direct calls.
Screenshots (desktop and 390×844) go to tests/artifacts/."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import httpx
import pytest
from support.browser import CHROMIUM, SKIP_REASON, chromium
from support.servers import ROOT, running_server

ARTIFACTS = ROOT / "tests" / "artifacts"
READER, ADMIN = "reader-k3y", "admin-k3y"
PLAN_ID = "qingdao-bigdata-2025-work-plan"
NAME = "gongxiang-banfa.md"
DOC_ID = "gongxiang-banfa"
TITLE = "青岛市公共数据共享管理办法（示例）"
RULES = f"""# {TITLE}

青数管发〔2025〕7号

## 第一章 总则

第一条 为了规范公共数据共享工作，提升数据共享效率，结合本市实际，制定本办法。

第二条 本办法适用于本市各级行政机关和公共服务机构之间的公共数据共享活动。

## 第二章 共享要求

第三条 公共数据提供单位应当在收到共享申请之日起五个工作日内完成审核。

第四条 数据使用单位应当按照申请的用途使用共享数据，不得向第三方提供。

## 第三章 附则

第五条 本办法自2025年6月1日起施行。

青岛市大数据发展管理局
2025年5月10日
"""
NOT_ALLOWED = "仅管理员可以管理文档，请使用管理员密钥登录。"
ADDED = "第六条 市大数据主管部门每半年通报一次各单位共享数据的使用情况。"

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=SKIP_REASON)
playwright = pytest.importorskip("playwright.sync_api", reason="needs the playwright package (dev extra)")
pytest.importorskip("gradio", reason="needs the ui extra")


@pytest.fixture(scope="module")
def server(assistant, tmp_path_factory):
    root = tmp_path_factory.mktemp("admin-ui")
    shutil.copytree(assistant.settings.corpus_dir, root / "corpus")
    shutil.copytree(assistant.settings.index_dir, root / "index")
    library = type("Library", (), {})()
    library.settings = type("S", (), {"corpus_dir": root / "corpus", "index_dir": root / "index"})()
    with running_server(library, root / "data", api_key=READER, admin_key=ADMIN, ui=True,
                        env={"GRADIO_TEMP_DIR": str(root / "gradio")}) as base:
        yield type("Server", (), {"base": base, "root": root})()


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


def _signed_in(browser, base: str, key: str, width: int = 1400, height: int = 1000):
    """A new page signed in with ``key`` on the login form, the chat page loaded."""
    page = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN").new_page()
    page.set_default_timeout(90_000)
    page.goto(f"{base}/ui/", wait_until="load")
    page.fill("#pq-key", key)
    page.click("#pq-login")
    page.wait_for_selector("#pq-question textarea")
    page.wait_for_selector("#pq-outline-col .pq-doc-title", state="attached")  # the load events have run
    return page


def _documents(base: str) -> list[str]:
    return [d["doc_id"] for d in httpx.get(f"{base}/documents", headers={"X-API-Key": ADMIN}).json()]


def _jobs(base: str) -> list[dict]:
    return httpx.get(f"{base}/jobs", headers={"X-API-Key": ADMIN}).json()


def _choose(page, doc_id: str) -> None:
    """Pick a document in the page's document choice, as a person does (open, type, click)."""
    page.click("#pq-doc-choice input")
    page.fill("#pq-doc-choice input", doc_id)
    page.locator("ul[role='listbox'] li", has_text=doc_id).first.click()
    page.wait_for_function("() => !document.querySelector(\"ul[role='listbox']\")")
    page.wait_for_function("id => document.querySelector('#pq-doc-detail').innerText.includes(id)", arg=doc_id)


def _wait_for_job(page, kind: str, label: str, count: int) -> str:
    """Wait until ``count`` jobs of ``kind`` on ``label`` are finished on the page; the last one's text."""
    page.wait_for_function(
        "([kind, label, n]) => [...document.querySelectorAll('#pq-jobs li.pq-job-done, #pq-jobs li.pq-job-failed')]"
        ".filter((e) => e.innerText.includes(kind) && e.innerText.includes(label)).length >= n",
        arg=[kind, label, count], timeout=600_000)
    return page.locator("#pq-jobs li.pq-job", has_text=label).first.inner_text()


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def test_a_maintainer_uploads_reindexes_and_deletes(server, browser, tmp_path: Path) -> None:
    page = _signed_in(browser, server.base, ADMIN)
    page.get_by_role("tab", name="文档管理").wait_for()  # shown by the page load for a maintainer
    assert page.get_by_role("tab", name="问答").is_visible()
    page.get_by_role("tab", name="文档管理").click()
    page.wait_for_function("() => document.querySelector('#pq-docs').innerText.includes('青岛市大数据发展管理局')")
    assert PLAN_ID in page.inner_text("#pq-docs")

    broken = tmp_path / "huaiwenjian.pdf"
    broken.write_bytes(b"this is not a PDF at all")
    page.set_input_files("#pq-upload input[type=file]", str(broken))
    page.click("#pq-upload-send")
    error = page.locator("#pq-admin-message .pq-admin-error")
    error.wait_for()
    assert "无法上传" in error.inner_text() and "huaiwenjian.pdf" in error.inner_text()
    assert not any(j["label"] == broken.name for j in _jobs(server.base))  # refused before any job

    source = tmp_path / NAME
    source.write_text(RULES, encoding="utf-8")
    page.set_input_files("#pq-upload input[type=file]", str(source))
    page.click("#pq-upload-send")
    page.wait_for_function("() => document.querySelector('#pq-admin-message').innerText.includes('已接收')")
    done = _wait_for_job(page, "上传", NAME, 1)
    assert "已完成" in done and DOC_ID in done, done
    page.wait_for_function("t => document.querySelector('#pq-docs').innerText.includes(t)", arg=TITLE)
    assert DOC_ID in _documents(server.base)
    row = page.locator("#pq-docs tr", has_text=DOC_ID).inner_text()
    assert "青数管发〔2025〕7号" in row and "2025-06-01" in row, row

    _choose(page, DOC_ID)
    detail = page.inner_text("#pq-doc-detail")
    for shown in ("青数管发〔2025〕7号", "青岛市大数据发展管理局", "第一章", "第三条", "第五条"):
        assert shown in detail, (shown, detail)
    assert ADDED[:3] not in detail
    _shot(page, "admin-uploaded.png")

    stored = server.root / "corpus" / NAME  # the source is edited in place; re-indexing reads it again
    stored.write_text(RULES.replace("## 第三章 附则", f"{ADDED}\n\n## 第三章 附则"), encoding="utf-8")
    page.click("#pq-reindex")
    done = _wait_for_job(page, "重新索引", TITLE, 1)
    assert "已完成" in done, done
    page.wait_for_function("t => document.querySelector('#pq-doc-detail').innerText.includes(t)", arg=ADDED[:3])
    unit = httpx.get(f"{server.base}/documents/{DOC_ID}/sections/第六条", headers={"X-API-Key": READER})
    assert unit.status_code == 200 and "每半年通报一次" in unit.json()["whole_text"], unit.text  # in the index

    page.click("#pq-doc-delete")
    page.locator("#pq-confirm-yes").wait_for(state="visible")
    assert TITLE in page.inner_text("#pq-confirm-text")
    assert DOC_ID in _documents(server.base)  # nothing is deleted before the confirmation
    _shot(page, "admin-confirm.png")
    page.click("#pq-confirm-yes")
    page.wait_for_function("() => document.querySelector('#pq-admin-message').innerText.includes('已删除')")
    page.wait_for_function("id => !document.querySelector('#pq-docs').innerText.includes(id)", arg=DOC_ID)
    assert DOC_ID not in _documents(server.base) and not stored.exists()


def test_the_documents_page_on_a_phone(server, browser) -> None:
    page = _signed_in(browser, server.base, ADMIN, 390, 844)
    question = page.locator("#pq-question textarea").bounding_box()
    assert question and question["y"] + question["height"] <= 844, question  # still on the first screen
    page.get_by_role("tab", name="文档管理").click()
    page.wait_for_function("() => document.querySelector('#pq-docs').innerText.includes('青岛市大数据发展管理局')")
    _choose(page, PLAN_ID)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width  # nothing wider than the screen (the table scrolls inside its box)
    _shot(page, "admin-phone.png")


def test_a_reader_neither_sees_nor_uses_the_documents_page(server, browser) -> None:
    page = _signed_in(browser, server.base, READER)
    assert page.get_by_role("tab", name="文档管理").count() == 0
    assert not page.get_by_role("tab", name="问答").is_visible()  # no bar of tabs for a single one
    assert not page.locator("#pq-docs").is_visible()
    _shot(page, "admin-reader.png")
    before = (_documents(server.base), len(_jobs(server.base)))
    for name, data in (("admin_reindex", [PLAN_ID]), ("admin_detail", [PLAN_ID]), ("admin_ask_delete", [PLAN_ID]),
                       ("admin_delete", []), ("admin_show", [])):
        started = page.request.post(f"{server.base}/ui/gradio_api/call/{name}", data={"data": data})
        assert started.status == 200, (name, started.text())  # the reader's session opens the UI ...
        event = started.json()["event_id"]
        kind, said = _outcome(page.request.get(f"{server.base}/ui/gradio_api/call/{name}/{event}").text())
        if name == "admin_show":  # ... the page load's handler answers a reader with nothing ...
            assert kind == "complete" and "青岛市" not in json.dumps(said, ensure_ascii=False), said
        else:  # ... and the others refuse it
            assert kind == "error" and said["error"] == NOT_ALLOWED, (name, said)
    by_key = httpx.post(f"{server.base}/ui/gradio_api/call/admin_reindex", json={"data": [PLAN_ID]},
                        headers={"X-API-Key": READER}, timeout=30)
    kind, said = _outcome(httpx.get(f"{server.base}/ui/gradio_api/call/admin_reindex/{by_key.json()['event_id']}",
                                    headers={"X-API-Key": READER}, timeout=60).text)
    assert kind == "error" and said["error"] == NOT_ALLOWED, said
    time.sleep(1)
    assert (_documents(server.base), len(_jobs(server.base))) == before


def _outcome(stream: str) -> tuple[str, object]:
    """The last event of a Gradio call's event stream: (its kind, its data)."""
    kinds = [line[7:] for line in stream.splitlines() if line.startswith("event: ")]
    datas = [line[6:] for line in stream.splitlines() if line.startswith("data: ")]
    return kinds[-1], json.loads(datas[-1])
