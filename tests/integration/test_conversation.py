"""Follow-up conversations through the HTTP API (in process, real index and e5): the plan's five-turn
chain with ``history`` and with a stored ``conversation_id``, a law-style chain over two regulations
written here, the conversation routes, and LLM condensing against a real OpenAI-compatible server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from support.fake_openai import FakeOpenAI

from assistant.ingest.outline import section_record
from assistant.interfaces.http.app import create_app
from assistant.service import Assistant
from assistant.settings import Settings

PLAN = "qingdao-bigdata-2025-work-plan"
# (question, label the answer cites first); the standalone question is answered as if asked alone.
PLAN_CHAIN = [
    ("全市数据中心标准机架总数的目标是多少？", "（十七）"),
    ("这个任务还提到了什么合作模式？", "（十七）"),
    ("那第十八项呢？", "（十八）"),
    ("再具体一点", "（十八）"),
    ("新制发电子证照质检合格率要达到多少？", "（十一）"),
    ("量子信息方面呢？", "（二十）"),
]
STANDALONE = 4

LAW_A = "某市公共数据开放利用条例（示例）\n" + "\n".join([
    "第一章 总则",
    "第一条 为了促进公共数据开放和开发利用，提升政府治理能力和公共服务水平，结合本市实际，制定本条例。",
    "第二条 本市行政区域内公共数据的开放、开发利用及其监督管理活动，适用本条例。",
    "第三条 市人民政府应当加强对公共数据开放工作的领导，将其纳入国民经济和社会发展规划。",
    "第四条 市大数据主管部门负责统筹、指导、协调和监督全市公共数据开放利用工作。",
    "第五条 公共管理和服务机构负责本单位公共数据的汇聚、治理和开放工作。",
    "第六条 公共数据开放应当遵循需求导向、分类分级、安全可控的原则。",
    "第二章 数据目录",
    "第七条 市大数据主管部门应当组织编制公共数据开放目录，并向社会公布。",
    "第八条 公共数据开放目录应当载明数据名称、开放属性、更新频率和数据提供单位。",
    "第九条 公共数据开放目录每年至少更新一次。",
    "第十条 公共数据分为无条件开放、有条件开放和非开放三类。",
    "第十一条 涉及商业秘密、个人隐私的公共数据列入非开放类，依法脱敏后可以开放。",
    "第三章 开放平台",
    "第十二条 市大数据主管部门负责建设全市统一的公共数据开放平台，各单位不得新建独立的开放渠道。",
    "第十三条 数据提供单位应当通过开放平台按照目录开放数据，并保证数据的准确性和时效性。",
    "第十四条 开放平台应当提供数据检索、下载和接口调用等服务。",
    "第十五条 申请有条件开放数据的，应当提交数据用途、安全保障措施和使用期限等材料。",
    "第十六条 数据提供单位应当在十个工作日内答复有条件开放申请。",
    "第十七条 数据利用主体应当按照约定的用途和期限使用数据，不得转让或者超范围使用。",
    "第四章 开发利用",
    "第十八条 本市鼓励企业和科研机构利用公共数据开展产品研发和应用创新。",
    "第十九条 市大数据主管部门应当每年发布公共数据开发利用典型应用场景。",
    "第二十条 支持举办公共数据创新应用大赛，对优秀成果给予资金扶持。",
    "第二十一条 公共数据授权运营应当遵循公开透明、公平竞争的原则。",
    "第二十二条 授权运营单位应当建立数据安全管理制度，定期开展安全评估。",
    "第二十三条 授权运营形成的数据产品和服务，可以按照规定取得合理收益。",
    "第五章 监督管理",
    "第二十四条 市大数据主管部门应当建立公共数据开放评估制度，每年开展一次评估。",
    "第二十五条 评估结果纳入数字政府建设考核。",
    "第二十六条 任何单位和个人发现开放数据存在错误的，可以通过开放平台提出异议。",
    "第二十七条 数据提供单位应当在五个工作日内核实异议并予以答复。",
    "第六章 法律责任",
    "第二十八条 公共管理和服务机构未按照规定开放数据的，由市大数据主管部门责令限期改正。",
    "第二十九条 数据利用主体超范围使用有条件开放数据的，由市大数据主管部门责令改正，处一万元以上五万元以下罚款。",
    "第三十条 国家机关工作人员在公共数据开放工作中玩忽职守、滥用职权的，依法给予处分。",
    "第三十一条 授权运营单位泄露公共数据的，责令改正，没收违法所得，并处五万元以上五十万元以下罚款。",
    "第七章 附则",
    "第三十二条 本条例自2025年7月1日起施行。",
])
LAW_B = "某市电子证照管理办法（示例）\n" + "\n".join(
    ["第一条 为了规范电子证照的制发、归集和应用，制定本办法。",
     "第二条 电子证照与纸质证照具有同等法律效力。"]
    + [f"第{n}条 发证机关应当按照电子证照标准规范开展第{n}批证照的制发工作。" for n in
       ("三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五", "十六", "十七",
        "十八", "十九", "二十", "二十一", "二十二", "二十三", "二十四", "二十五", "二十六", "二十七", "二十八")]
    + ["第二十九条 伪造电子证照的，由公安机关依法处理，并处二千元以上一万元以下罚款。",
       "第三十条 发证机关未按时制发电子证照的，由本级人民政府责令改正，并处通报批评。",
       "第三十一条 本办法自2025年1月1日起施行。"])
LAW_CHAIN = [
    ("公共数据开放平台由哪个部门建设？", "第十二条"),
    ("第三十条呢？", "第三十条"),
    ("罚款呢？", None),
    ("再具体一点", None),
]


@pytest.fixture(scope="module")
def api(assistant, e5, tmp_path_factory) -> TestClient:
    """The API over the plan's index, with its feedback store in a temporary folder."""
    s = assistant.settings
    helper = Assistant(Settings(corpus_dir=s.corpus_dir, index_dir=s.index_dir,
                                data_dir=tmp_path_factory.mktemp("convo-data")), embedder=e5)
    return TestClient(create_app(helper))


@pytest.fixture(scope="module")
def law_api(e5, tmp_path_factory) -> TestClient:
    folder = tmp_path_factory.mktemp("laws")
    (folder / "open-data-regulation.txt").write_text(LAW_A, encoding="utf-8")
    (folder / "e-license-measures.txt").write_text(LAW_B, encoding="utf-8")
    settings = Settings(corpus_dir=folder, index_dir=folder.parent / f"{folder.name}-index",
                        data_dir=folder.parent / f"{folder.name}-data")
    helper = Assistant(settings, embedder=e5)
    helper.ingest(progress=False)
    return TestClient(create_app(helper))


def _post(client: TestClient, **body) -> dict:
    response = client.post("/ask", json=body)
    assert response.status_code == 200, response.text
    return response.json()


def _whole(client: TestClient, doc_id: str, number: int) -> str:
    """The whole text of a unit after its heading (the answer writes the heading its own way)."""
    text = section_record(client.app.state.assistant.section(doc_id, number))["text"].replace("\n", "")
    return text.split("。", 1)[1] if text.startswith("(") else text.split(" ", 1)[-1]


def _check_plan_turn(client: TestClient, i: int, body: dict) -> None:
    question, label = PLAN_CHAIN[i]
    assert not body["refused"] and body["citations"][0]["label"] == label, (question, body["resolved_question"])
    if i == 1:
        assert "算力飞地" in body["answer"] and body["context"]["kind"] == "reference"
    if i == 3:
        assert _whole(client, PLAN, 18) in body["answer"].replace("\n", "")
    if i == STANDALONE:
        alone = _post(client, question=question, conversation_id=None)
        assert body["context"] is None and body["resolved_question"] == question
        assert (body["answer"], body["citations"]) == (alone["answer"], alone["citations"])
    if i in (1, 2, 3, 5):
        assert body["context"]["turn"] == i - 1


def test_the_plan_chain_with_history(api: TestClient) -> None:
    history: list[dict] = []
    for i, (question, _) in enumerate(PLAN_CHAIN):
        body = _post(api, question=question, history=history)
        _check_plan_turn(api, i, body)
        assert body["conversation_id"] is None  # a stateless caller keeps its own history
        history.append({"question": question, "answer": body["answer"],
                        "citations": [{"doc_id": c["doc_id"], "path": c["path"]} for c in body["citations"]]})


def test_the_plan_chain_in_a_stored_conversation(api: TestClient) -> None:
    conversation = None
    for i, (question, _) in enumerate(PLAN_CHAIN):
        body = _post(api, question=question, **({"conversation_id": conversation} if conversation else {}))
        conversation = conversation or body["conversation_id"]
        assert body["conversation_id"] == conversation
        _check_plan_turn(api, i, body)
    stored = api.get(f"/conversations/{conversation}").json()
    assert [t["question"] for t in stored["turns"]] == [q for q, _ in PLAN_CHAIN]
    assert stored["title"] == PLAN_CHAIN[0][0] and stored["turns"][3]["answer"]["resolved_question"] == "（十八）"


def test_the_law_chain_stays_in_its_regulation(law_api: TestClient) -> None:
    body, conversation = None, None
    for question, label in LAW_CHAIN:
        body = _post(law_api, question=question, **({"conversation_id": conversation} if conversation else {}))
        conversation = body["conversation_id"]
        top = body["citations"][0]
        assert not body["refused"] and top["doc_id"] == "open-data-regulation", (question, body)
        if label:
            assert top["label"] == label
        if question == "罚款呢？":
            assert body["resolved_question"] == "罚款" and "罚款" in top["quote"]
            fined = top["number"]
    assert body["context"]["kind"] == "expand" and body["citations"][0]["number"] == fined
    assert _whole(law_api, "open-data-regulation", fined) in body["answer"]


def test_conversation_routes(api: TestClient) -> None:
    first = _post(api, question="要新增多少个公共数据授权运营典型应用场景？")
    cid = first["conversation_id"]
    renamed = api.patch(f"/conversations/{cid}", json={"title": "授权运营  场景"})
    assert renamed.status_code == 200 and renamed.json()["title"] == "授权运营 场景"
    found = api.get("/conversations", params={"q": "授权运营"}).json()["conversations"]
    assert [c["id"] for c in found] == [cid] and found[0]["turns"] == 1
    assert api.delete(f"/conversations/{cid}").json() == {"deleted": 1}
    assert api.get(f"/conversations/{cid}").status_code == 404
    assert api.post("/ask", json={"question": "那第十八项呢？", "conversation_id": cid}).status_code == 404
    _post(api, question="全年至少开展几次攻防和应急演练？")
    assert api.delete("/conversations").json()["deleted"] >= 1
    assert api.get("/conversations").json() == {"conversations": []}


@pytest.mark.parametrize("body", [
    {"question": "那第十八项呢？", "history": [{"question": "问"}] * 21},
    {"question": "那第十八项呢？", "history": [{"question": "问", "answer": "a" * 15_000}] * 3},
    {"question": "那第十八项呢？", "history": [{"answer": "答"}]},
    {"question": "那第十八项呢？", "history": [], "conversation_id": "x"},
    {"question": "那第十八项呢？", "history": [{"question": "问", "citations": [{"path": "（七）"}]}]},
])
def test_bad_history_is_refused_with_422(api: TestClient, body: dict) -> None:
    response = api.post("/ask", json=body)
    assert response.status_code == 422 and "error" in response.json()


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as server:
        yield server


def test_the_llm_condenses_and_the_rules_take_over_when_it_fails(assistant, e5, fake, tmp_path: Path) -> None:
    s = assistant.settings
    helper = Assistant(Settings(corpus_dir=s.corpus_dir, index_dir=s.index_dir, data_dir=tmp_path,
                                llm_base_url=fake.url, llm_model="fake", llm_timeout=2), embedder=e5)
    first = helper.ask(PLAN_CHAIN[0][0])
    history = [{"question": first.question, "answer": first.answer,
                "citations": [c.to_dict() for c in first.citations]}]
    fake.script(reply="（十八）有哪些任务？")
    condensed = helper.ask("那第十八项呢？", history=history)
    assert condensed.resolved_question == "（十八）有哪些任务？" and condensed.context["source"] == "llm"
    prompt = fake.requests[-1]["messages"][1]["content"]
    assert "<<<对话记录>>>" in prompt and first.question in prompt and "（十七）" in prompt
    fake.script(status=500)
    fallback = helper.ask("那第十八项呢？", history=history)
    assert fallback.context["source"] == "rules" and fallback.citations[0].label == "（十八）"


def test_history_kept_as_text_only_still_resolves(api: TestClient) -> None:
    first = _post(api, question=PLAN_CHAIN[0][0], history=[])
    body = _post(api, question=PLAN_CHAIN[1][0], history=[{"question": first["question"], "answer": first["answer"]}])
    assert body["resolved_question"].startswith("（十七）") and "算力飞地" in body["answer"]
