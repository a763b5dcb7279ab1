"""The OpenAI-compatible API on a real server, used through the official ``openai`` client and ``ChatOpenAI``."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import openai
import pytest
from support.fake_openai import FakeOpenAI
from support.servers import running_server

QUESTION = "全市数据中心标准机架总数的目标是多少？"
KEY = "reader-key-for-tests"
CORRECT = "全市数据中心标准机架总数的目标是超过6.5万架。（十七）同时，算力总规模超10000P，智能算力占比超35%。（十七）"
WRONG_ONLY = "全市数据中心标准机架总数超6.5万架。（七）"


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as server:
        yield server


@pytest.fixture(scope="module")
def server(assistant, fake, tmp_path_factory) -> Iterator[str]:
    """A server with a reader key and an LLM (the fake endpoint) configured."""
    env = {"POLICYQA_LLM_BASE_URL": fake.url, "POLICYQA_LLM_MODEL": "fake-model", "POLICYQA_LLM_TIMEOUT": "5"}
    with running_server(assistant, tmp_path_factory.mktemp("data-openai"), api_key=KEY, env=env) as base:
        yield base


@pytest.fixture(autouse=True)
def _correct_llm(fake: FakeOpenAI) -> None:
    fake.script(reply=CORRECT)


@pytest.fixture
def client(server: str) -> openai.OpenAI:
    return openai.OpenAI(base_url=f"{server}/v1", api_key=KEY, max_retries=0, timeout=60)


def _ask(server: str, question: str, mode: str = "extractive") -> dict:
    response = httpx.post(f"{server}/ask", json={"question": question, "mode": mode},
                          headers={"X-API-Key": KEY}, timeout=60)
    assert response.status_code == 200
    return response.json()


def _answer_part(content: str) -> str:
    """The answer paragraph of a reply without the ``[n]`` markers."""
    return re.sub(r"\[\d+\]", "", content.split("\n\n")[0])


def _streamed(client: openai.OpenAI, model: str, messages: list[dict]) -> tuple[str, list[dict], list]:
    chunks = list(client.chat.completions.create(model=model, messages=messages, stream=True))
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    extras = [c.choices[0].delta.model_extra or {} for c in chunks if c.choices]
    citations = next(e["citations"] for e in extras if "citations" in e)
    return text, citations, [c.choices[0].finish_reason for c in chunks if c.choices]


def test_the_models_include_the_generative_one_when_an_llm_is_configured(client: openai.OpenAI) -> None:
    assert sorted(m.id for m in client.models.list()) == ["policyqa", "policyqa-generative"]
    assert client.models.retrieve("policyqa").id == "policyqa"
    with pytest.raises(openai.NotFoundError) as caught:
        client.models.retrieve("gpt-4o")
    assert caught.value.body["code"] == "model_not_found"


def test_the_openai_client_gets_the_answer_and_citations_of_ask(server: str, client: openai.OpenAI) -> None:
    expected = _ask(server, QUESTION)
    reply = client.chat.completions.create(model="policyqa", messages=[{"role": "user", "content": QUESTION}])
    message = reply.choices[0].message
    assert reply.object == "chat.completion" and reply.choices[0].finish_reason == "stop"
    assert _answer_part(message.content) == expected["answer"]
    assert message.model_extra["citations"] == expected["citations"]
    assert "（十七）[1]" in message.content
    assert message.content.endswith("\n\n[1] 《青岛市大数据发展管理局2025年工作计划》（十七）夯实算力基础设施")
    streamed, citations, finishes = _streamed(client, "policyqa", [{"role": "user", "content": QUESTION}])
    assert streamed == message.content and citations == expected["citations"]
    assert finishes[-1] == "stop" and finishes.count("stop") == 1


def test_the_generative_model_streams_the_verified_answer_only(server: str, client: openai.OpenAI,
                                                                 fake: FakeOpenAI) -> None:
    messages = [{"role": "user", "content": QUESTION}]
    expected = _ask(server, QUESTION, "generative")
    assert expected["mode"] == "generative"
    reply = client.chat.completions.create(model="policyqa-generative", messages=messages).choices[0].message
    assert _answer_part(reply.content) == expected["answer"] == CORRECT
    assert reply.model_extra["citations"] == expected["citations"]
    assert _streamed(client, "policyqa-generative", messages)[:2] == (reply.content, expected["citations"])
    fake.script(reply=WRONG_ONLY)  # cites the wrong task: falls back to the extractive answer
    fallback = _ask(server, QUESTION, "generative")
    text, citations, _ = _streamed(client, "policyqa-generative", messages)
    assert fallback["fallback"] == "unverified" and _answer_part(text) == fallback["answer"]
    assert "（七）" not in text and "未能在原文中核实" in text and citations == fallback["citations"]


def test_earlier_turns_do_not_change_a_standalone_question(server: str, client: openai.OpenAI) -> None:
    expected = _ask(server, QUESTION)
    messages = [{"role": "system", "content": "请用中文回答。"},
                {"role": "user", "content": "量子信息方面有什么任务？"},
                {"role": "assistant", "content": "见（二十）。"},
                {"role": "user", "content": [{"type": "text", "text": QUESTION}]}]
    message = client.chat.completions.create(model="policyqa", messages=messages).choices[0].message
    assert _answer_part(message.content) == expected["answer"]


def test_a_wrong_or_missing_key_is_an_openai_shaped_401(server: str) -> None:
    for key in ("wrong-key", ""):
        wrong = openai.OpenAI(base_url=f"{server}/v1", api_key=key or "x", max_retries=0,
                              default_headers={} if key else {"Authorization": ""})
        with pytest.raises(openai.AuthenticationError) as caught:
            wrong.chat.completions.create(model="policyqa", messages=[{"role": "user", "content": QUESTION}])
        assert caught.value.status_code == 401
        assert caught.value.body == {"message": caught.value.body["message"], "type": "invalid_request_error",
                                     "param": None, "code": "invalid_api_key"}


@pytest.mark.parametrize(("messages", "model", "error", "param"), [
    ([{"role": "user", "content": QUESTION}], "gpt-4o", openai.NotFoundError, "model"),
    ([{"role": "user", "content": ""}], "policyqa", openai.UnprocessableEntityError, "messages"),
    ([{"role": "user", "content": "机" * 501}], "policyqa", openai.UnprocessableEntityError, "messages"),
    ([{"role": "assistant", "content": "答"}], "policyqa", openai.UnprocessableEntityError, "messages"),
    ([], "policyqa", openai.BadRequestError, "messages"),
    ([{"role": "user", "content": "问"}] * 51, "policyqa", openai.BadRequestError, "messages"),
    ([{"role": "user", "content": "机" * 4000}] * 5, "policyqa", openai.BadRequestError, "messages"),
    ([{"role": "user", "content": [{"type": "image_url", "image_url": {"url": "data:,"}}]}], "policyqa",
     openai.BadRequestError, "messages"),
    ([{"role": "wizard", "content": "问"}], "policyqa", openai.BadRequestError, "messages.0.role"),
])
def test_bad_requests_are_openai_shaped_errors(client: openai.OpenAI, messages, model, error, param) -> None:
    with pytest.raises(error) as caught:
        client.chat.completions.create(model=model, messages=messages)
    body = caught.value.body
    assert set(body) == {"message", "type", "param", "code"} and body["param"] == param and body["message"]


def test_an_unknown_v1_path_and_invalid_json_are_openai_shaped(server: str) -> None:
    headers = {"Authorization": f"Bearer {KEY}", "content-type": "application/json"}
    unknown = httpx.post(f"{server}/v1/embeddings", json={"input": "机架"}, headers=headers)
    broken = httpx.post(f"{server}/v1/chat/completions", content=b"{not json", headers=headers)
    assert (unknown.status_code, unknown.json()["error"]["code"]) == (404, "unknown_url")
    assert (broken.status_code, broken.json()["error"]["code"]) == (400, "invalid_json")


def test_langchain_chat_openai_pointed_at_the_server(server: str) -> None:
    from langchain_openai import ChatOpenAI

    expected = _ask(server, QUESTION)
    chat = ChatOpenAI(base_url=f"{server}/v1", api_key=KEY, model="policyqa", max_retries=0)
    reply = chat.invoke(QUESTION)
    assert _answer_part(reply.content) == expected["answer"] and "[1] 《" in reply.content
    assert "".join(part.content for part in chat.stream(QUESTION)) == reply.content


def test_a_follow_up_in_messages_is_resolved_as_ask_with_history(server: str, client: openai.OpenAI) -> None:
    first = _ask(server, QUESTION)
    follow = "这个任务还提到了什么合作模式？"
    response = httpx.post(f"{server}/ask", headers={"X-API-Key": KEY}, timeout=60, json={
        "question": follow, "history": [{"question": QUESTION, "answer": first["answer"]}]})
    assert response.status_code == 200
    expected = response.json()
    messages = [{"role": "user", "content": QUESTION}, {"role": "assistant", "content": first["answer"]},
                {"role": "user", "content": follow}]
    message = client.chat.completions.create(model="policyqa", messages=messages).choices[0].message
    cited = [(c["doc_id"], c["path"]) for c in message.model_extra["citations"]]
    assert _answer_part(message.content) == expected["answer"]
    assert cited == [(c["doc_id"], c["path"]) for c in expected["citations"]]
    assert expected["resolved_question"] != follow  # it was understood as a follow-up, not asked alone
