"""Stored conversations on real SQLite: turns in order, history for follow-ups, search, rename, delete,
retention and cap shared with the answers, owner-only file, and the SSE answer's conversation id."""

from __future__ import annotations

import json
import sqlite3
import stat
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from assistant.interfaces.http.app import create_app
from assistant.records import Answer, Citation
from assistant.service import Assistant
from assistant.settings import Settings
from assistant.store.conversations import ConversationNotFoundError, InvalidTitleError, title_of
from assistant.store.feedback import FeedbackStore

CITED = Citation("city-plan", "某市数据局工作计划", "（七）", 7, "建设算力设施", "二", "新增标准机架1万架。", 0.9,
                 "（七）")


def _answer(question: str, resolved: str = "") -> Answer:
    return Answer(question=question, answer="新增标准机架1万架。（七）", refused=False, citations=(CITED,),
                  resolved_question=resolved)


def test_turns_history_search_rename_and_delete(tmp_path) -> None:
    store = FeedbackStore(tmp_path)
    talks = store.conversations
    first = talks.create(title_of("全市新增标准机架的目标是多少？"))
    other = talks.create("数据开放")
    talks.add_turn(first["id"], _answer("全市新增标准机架的目标是多少？"), store.record_answer(_answer("q")))
    talks.add_turn(first["id"], _answer("这个任务由谁牵头？", "（七）由谁牵头？"), None)
    history = talks.history(first["id"])
    assert [t["question"] for t in history] == ["全市新增标准机架的目标是多少？", "这个任务由谁牵头？"]
    assert history[1]["resolved_question"] == "（七）由谁牵头？"
    assert history[0]["citations"][0] == {"doc_id": "city-plan", "path": "（七）", "label": "（七）",
                                          "title": "建设算力设施", "part": "二", "doc_title": "某市数据局工作计划"}
    assert [c["id"] for c in talks.summaries()] == [first["id"], other["id"]]  # latest continued first
    assert [c["id"] for c in talks.summaries("开放")] == [other["id"]]
    assert talks.rename(other["id"], "  公共\n数据 开放 ")["title"] == "公共 数据 开放"
    for bad in ("", "长" * 101, "a\x00b"):
        with pytest.raises(InvalidTitleError):
            talks.rename(other["id"], bad)
    assert talks.delete(first["id"]) == 1
    with pytest.raises(ConversationNotFoundError):
        talks.get(first["id"])
    with sqlite3.connect(store.path) as db:
        assert db.execute("SELECT COUNT(*) FROM turns").fetchone()[0] == 0
    assert talks.delete() == 1 and talks.summaries() == []
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600


def test_retention_and_cap_prune_conversations(tmp_path) -> None:
    store = FeedbackStore(tmp_path, retention_days=10, max_rows=2)
    ids = [store.conversations.create(f"对话{i}")["id"] for i in range(4)]
    old = (datetime.now(UTC) - timedelta(days=11)).isoformat()
    with sqlite3.connect(store.path) as db:
        db.execute("UPDATE conversations SET updated = ? WHERE id = ?", (old, ids[3]))
    store.prune()
    left = {c["id"] for c in store.conversations.summaries()}
    assert ids[3] not in left and len(left) == 2  # expired, then the least recently continued over the cap
    assert left == {ids[1], ids[2]}


def test_a_streamed_answer_carries_its_conversation(assistant, e5, tmp_path) -> None:
    s = assistant.settings
    helper = Assistant(Settings(corpus_dir=s.corpus_dir, index_dir=s.index_dir, data_dir=tmp_path), embedder=e5)
    client = TestClient(create_app(helper))
    first = client.post("/ask", json={"question": "全市数据中心标准机架总数的目标是多少？"}).json()
    response = client.post("/ask", json={"question": "那第十八项呢？", "stream": True,
                                         "conversation_id": first["conversation_id"]})
    final = json.loads(response.text.split("event: answer\ndata: ", 1)[1].split("\n", 1)[0])
    assert final["conversation_id"] == first["conversation_id"] and final["citations"][0]["label"] == "（十八）"
    assert final["context"]["kind"] == "ellipsis"
    assert len(client.get(f"/conversations/{first['conversation_id']}").json()["turns"]) == 2
