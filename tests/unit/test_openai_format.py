"""The OpenAI adapter's pure parts: messages → question and history, and answers with numbered notes."""

from __future__ import annotations

import json

import pytest

from assistant.errors import InvalidQuestionError
from assistant.interfaces.http.openai_format import (
    DONE,
    answer_chunks,
    call_with_history,
    conversation,
    error_body,
)
from assistant.interfaces.notes import with_notes
from assistant.records import Answer, Citation


def _citation(path: str, title: str = "标题", number: int | None = 1, doc_title: str = "某市工作要点") -> Citation:
    label = path.split()[-1]
    return Citation("doc", doc_title, label, number, title, "一", "原文。", 0.9, path)


def test_the_last_user_message_is_the_question_and_earlier_turns_the_history() -> None:
    messages = [
        {"role": "system", "content": "你是政策助手。"},
        {"role": "user", "content": "全市数据中心标准机架总数的目标是多少？"},
        {"role": "assistant", "content": "超6.5万架。（十七）[1]"},
        {"role": "user", "content": "这个任务还提到了什么合作模式？"},
        {"role": "assistant", "content": "算力飞地。（十七）[1]"},
        {"role": "user", "content": "再具体一点"},
        {"role": "user", "content": "那第十八项呢？"},
    ]
    question, history = conversation(messages)
    assert question == "那第十八项呢？"
    assert history == [
        {"question": "全市数据中心标准机架总数的目标是多少？", "answer": "超6.5万架。（十七）[1]"},
        {"question": "这个任务还提到了什么合作模式？", "answer": "算力飞地。（十七）[1]"},
        {"question": "再具体一点"},
    ]
    assert conversation([{"role": "user", "content": "机架"}]) == ("机架", [])


@pytest.mark.parametrize("messages", [[], [{"role": "user", "content": "问"}, {"role": "assistant", "content": "答"}],
                                      [{"role": "system", "content": "规则"}]])
def test_a_conversation_must_end_with_the_users_question(messages: list[dict]) -> None:
    with pytest.raises(InvalidQuestionError, match="role 'user'"):
        conversation(messages)


def test_history_is_passed_only_to_a_method_that_takes_it() -> None:
    calls: list[tuple] = []

    def with_history(question: str, mode: str = "extractive", history: list | None = None) -> str:
        calls.append((question, mode, history))
        return "ok"

    def without_history(question: str, mode: str = "extractive") -> str:
        calls.append((question, mode))
        return "ok"

    turns = [{"question": "全市数据中心标准机架总数的目标是多少？", "answer": "超6.5万架。"}]
    call_with_history(with_history, "这个任务还有什么要求？", turns, mode="generative")
    call_with_history(without_history, "这个任务还有什么要求？", turns, mode="generative")
    call_with_history(with_history, "机架", [], mode="extractive")
    assert calls == [("这个任务还有什么要求？", "generative", turns), ("这个任务还有什么要求？", "generative"),
                     ("机架", "extractive", None)]


def test_the_notes_number_the_cited_sections_and_mark_their_tags() -> None:
    citations = (_citation("（十七）", "夯实算力基础设施", 17), _citation("第三章 第十一条", "", 11),
                 _citation("二、1.", "统筹规划"), _citation("二、", "总体要求"), _citation("（七）", "不在正文", 7))
    text = "机架超6.5万架。（十七）须备案（第三章 第十一条）。统筹（《某市工作要点》二、1.）"
    answer = Answer("问", text, False, citations)
    text, notes = with_notes(answer).split("\n\n")
    assert text == "机架超6.5万架。（十七）[1]须备案（第三章 第十一条）[2]。统筹（《某市工作要点》二、1.）[3]"
    assert notes.splitlines() == ["[1] 《某市工作要点》（十七）夯实算力基础设施", "[2] 《某市工作要点》第三章 第十一条",
                                  "[3] 《某市工作要点》二、1.统筹规划"]


def test_a_label_inside_a_quote_is_not_taken_for_a_tag() -> None:
    citations = (_citation("第十一条", ""), _citation("第十二条", ""))
    answer = Answer("问", "依照第十一条办理。（第十二条）", False, citations)
    assert with_notes(answer) == "依照第十一条办理。（第十二条）[1]\n\n[1] 《某市工作要点》第十二条"


def test_a_fallback_and_a_refusal_read_plainly() -> None:
    fallback = Answer("问", "原文摘录。（十七）", False, (_citation("（十七）", "夯实算力基础设施", 17),),
                      fallback="unverified")
    assert "未能在原文中核实" in with_notes(fallback).split("\n\n")[1]
    refused = Answer("问", "文件中没有找到相关内容。", True, ())
    assert with_notes(refused) == "文件中没有找到相关内容。"


def test_a_streamed_answer_ends_with_citations_and_stop() -> None:
    answer = Answer("问", "机架超6.5万架。（十七）", False, (_citation("（十七）", "夯实算力基础设施", 17),))
    content, closing = (json.loads(c.removeprefix("data: ")) for c in answer_chunks("id1", "policyqa", answer, "a1"))
    assert content["choices"][0]["delta"] == {"content": with_notes(answer)}
    assert content["object"] == "chat.completion.chunk" and content["choices"][0]["finish_reason"] is None
    assert closing["choices"][0]["finish_reason"] == "stop"
    assert closing["choices"][0]["delta"]["citations"][0]["path"] == "（十七）"
    assert DONE == "data: [DONE]\n\n"
    assert error_body("坏", param="model") == {"error": {"message": "坏", "type": "invalid_request_error",
                                                         "param": "model", "code": None}}
