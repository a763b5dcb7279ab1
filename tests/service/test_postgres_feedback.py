"""Feedback and stored conversations in PostgreSQL (real server): the SQLite stores' behaviour, shared."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from support.pg import fresh_database

from assistant.records import Answer, Citation
from assistant.store.conversations import ConversationNotFoundError, InvalidTitleError, title_of
from assistant.store.feedback import AnswerNotFoundError, FeedbackStore
from assistant.store.postgres.db import open_pool
from assistant.store.postgres.feedback import PostgresFeedbackStore

psycopg = pytest.importorskip("psycopg", reason="the pg extra is not installed: pip install -e '.[pg]'")

CITED = Citation("city-plan", "某市数据局工作计划", "（七）", 7, "建设算力设施", "二", "新增标准机架1万架。", 0.9,
                 "（七）")


def _answer(question: str, resolved: str = "", refused: bool = False) -> Answer:
    return Answer(question=question, answer="新增标准机架1万架。（七）", refused=refused, citations=(CITED,),
                  resolved_question=resolved)


@pytest.fixture
def pool():
    for url in fresh_database():
        pool = open_pool(url)
        yield pool
        pool.close()


def _age(pool, table: str, column: str, row_id: str, days: float) -> None:
    with pool.connection() as conn:
        conn.execute(f"UPDATE {table} SET {column} = now() - make_interval(days => %s) WHERE id = %s",
                     (days, row_id))


def _ratings(store) -> list[tuple]:
    """The export without ids and times (those differ between two stores by nature)."""
    return [(r["question"], r["tasks"], r["type"], r["rating"], r["comment"], r["answer"]) for r in store.export()]


def test_answers_ratings_and_export_match_the_sqlite_store(pool, tmp_path: Path) -> None:
    stores = [FeedbackStore(tmp_path), PostgresFeedbackStore(pool, "test")]
    for store in stores:
        first, second, third = (store.record_answer(_answer(q, refused=q == "天气？")) for q in
                                ("机架目标？", "由谁牵头？", "天气？"))
        store.add_feedback(first, "down", "引用有误")
        store.add_feedback(first, "up")  # a later rating replaces the earlier one
        store.add_feedback(third, "up", "应当拒答")
        with pytest.raises(AnswerNotFoundError):
            store.add_feedback("no-such-answer", "up")
        with pytest.raises(ValueError):
            store.add_feedback(second, "meh")
        assert store.counts() == {"answers": 3, "ratings": 2}
    # SQLite keeps rating times to the second (ties in uuid order): compare as sets, PostgreSQL's order exactly
    assert sorted(map(repr, _ratings(stores[0]))) == sorted(map(repr, _ratings(stores[1])))
    assert [r["type"] for r in stores[1].export()] == ["feedback", "oos"] and _ratings(stores[1])[0][1] == [7]


def test_retention_and_cap_as_in_sqlite(pool) -> None:
    store = PostgresFeedbackStore(pool, "test", retention_days=30, max_rows=3)
    old, old_rated, recent = (store.record_answer(_answer(q)) for q in ("旧问题", "旧的已评价问题", "新问题"))
    store.add_feedback(old_rated, "down", "引用有误")
    _age(pool, "answers", "created", old, 31)
    _age(pool, "answers", "created", old_rated, 400)
    _age(pool, "answers", "created", recent, 29)
    report = store.prune()
    assert (report.expired, report.over_cap, report.answers, report.ratings) == (1, 0, 2, 1)
    more = [store.record_answer(_answer(f"问题{i}")) for i in range(3)]
    report = store.prune()  # 5 answers, cap 3: the two oldest unrated go (recent, more[0]); the rated stays
    assert (report.expired, report.over_cap, report.answers) == (0, 2, 3)
    assert [r["id"] for r in store.export()] == [old_rated]
    with pool.connection() as conn:
        left = {r[0] for r in conn.execute("SELECT id FROM answers")}
    assert left == {old_rated, more[1], more[2]}
    PostgresFeedbackStore(pool, "test", retention_days=1)  # opening prunes
    assert store.counts()["answers"] == 3  # all within a day


def test_conversations_turns_history_search_rename_delete_and_prune(pool) -> None:
    store = PostgresFeedbackStore(pool, "test", retention_days=10, max_rows=2)
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
    got = talks.get(first["id"])
    assert got["turns"][0]["answer"]["citations"][0]["doc_id"] == "city-plan" and got["created"].endswith("+00:00")
    assert [c["id"] for c in talks.summaries()] == [first["id"], other["id"]]  # latest continued first
    assert [c["id"] for c in talks.summaries("开放")] == [other["id"]] and talks.summary(first["id"])["turns"] == 2
    assert talks.rename(other["id"], "  公共\n数据 开放 ")["title"] == "公共 数据 开放"
    for bad in ("", "长" * 101, "a\x00b"):
        with pytest.raises(InvalidTitleError):
            talks.rename(other["id"], bad)
    with pytest.raises(ConversationNotFoundError):
        talks.add_turn("no-such-conversation", _answer("q"), None)
    third = talks.create("第三个")
    stale = talks.create("很久没继续")
    _age(pool, "conversations", "updated", stale["id"], 11)
    store.prune()  # expired, then the least recently continued over the cap (2)
    assert {c["id"] for c in talks.summaries()} == {first["id"], third["id"]}  # "other" was continued least
    assert talks.counts() == {"conversations": 2, "turns": 2}
    assert talks.delete(first["id"]) == 1 and talks.counts()["turns"] == 0  # its turns went with it
    assert talks.delete() == 1 and talks.summaries() == []
    with pytest.raises(ConversationNotFoundError):
        talks.get(first["id"])


def test_a_database_outage_is_the_stores_error_not_a_crash(pool) -> None:
    from assistant.store.feedback import FeedbackStoreError

    store = PostgresFeedbackStore(pool, "test")
    with pool.connection() as conn:
        conn.execute("DROP TABLE turns")
    conversation = store.conversations.create("对话")
    with pytest.raises(FeedbackStoreError):
        store.conversations.add_turn(conversation["id"], _answer("q"), None)
    assert datetime.now(UTC) - timedelta(minutes=5) < datetime.fromisoformat(conversation["created"])
