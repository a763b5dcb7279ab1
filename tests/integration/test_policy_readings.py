"""A 政策解读 loaded with the measures it reads: the measure is quoted first, its plain-words reading after
it. Both documents are written for this test."""

from __future__ import annotations

import pytest
from support.corpora import ingested

from assistant.service import Assistant

MEASURES = "\n".join([
    "临江市商务局　临江市人力资源和社会保障局关于印发临江市促进家政服务业发展若干措施的通知",
    "各区人民政府，市政府各部门：",
    "现将《临江市促进家政服务业发展若干措施》印发给你们，请认真贯彻执行。",
    "一、扶持家政企业",
    "1. 对新设立并正常经营满1年的员工制家政企业，给予一次性开办补贴3万元。",
    "2. 家政企业为员工缴纳社会保险的，按每人每月300元给予社保补贴，补贴期限最长3年。",
    "二、加强技能培训",
    "3. 家政服务人员参加母婴护理、养老护理等培训并取得证书的，按每人1200元给予培训补贴。",
    "4. 本措施自印发之日起施行，有效期3年。",
])

READING = "\n".join([
    # the notice's title, its issuers set apart by another space
    "《临江市商务局 临江市人力资源和社会保障局关于印发临江市促进家政服务业发展若干措施的通知》政策解读",
    "来源：临江市商务局　发布时间：2025-06-02",
    "一、问：开一家家政公司，政府给钱吗？",
    "答：新开的员工制家政企业，只要正常经营满1年，就能拿到3万元的一次性开办补贴。",
    "二、问：家政公司给阿姨交社保，有补贴吗？",
    "答：有。企业每给一名员工交社保，每月补300元，最多补3年。",
    "三、问：家政阿姨去学月嫂，能报销学费吗？",
    "答：学完拿到证书的，每人补1200元。",
])


@pytest.fixture(scope="module")
def both(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("readings"), {"measures.txt": MEASURES, "reading.md": READING}, e5)


@pytest.mark.parametrize(("question", "label"), [("家政公司给阿姨交社保，政府每月补多少", "2."),
                                                 ("开一家家政公司政府给钱吗", "1."),
                                                 ("家政阿姨参加母婴护理培训拿到证书能补多少钱", "3.")])
def test_the_measure_comes_before_its_reading(both: Assistant, question: str, label: str) -> None:
    answer = both.ask(question)
    assert not answer.refused, answer.answer
    assert (answer.citations[0].doc_id, answer.citations[0].label) == ("measures", label), answer.answer


def test_the_reading_answers_to_its_own_name(both: Assistant) -> None:
    answer = both.ask("政策解读是哪个部门发布的")
    assert "临江市商务局" in answer.answer, answer.answer


def test_a_readings_question_is_looked_up_by_its_number(both: Assistant) -> None:
    answer = both.ask("解读第二个问题是什么")
    assert answer.route == "part" and "家政公司给阿姨交社保" in answer.answer, answer.answer
    answer = both.ask("政策解读第三问怎么回答的")
    assert answer.route == "part" and "每人补1200元" in answer.answer, answer.answer


def test_numbering_ones_own_questions_is_no_look_up() -> None:
    from assistant.retrieve.part_refs import numbered_parts

    assert numbered_parts("我有两个问题，第一个问题：家政公司怎么补贴？") == []
    assert [n for n, _, _ in numbered_parts("解读第三个问题是什么")] == [3]
    for asked in ("政策解读第七问是怎么回答的", "解读第七个问题是如何解答的"):
        assert [n for n, _, _ in numbered_parts(asked)] == [7], asked
