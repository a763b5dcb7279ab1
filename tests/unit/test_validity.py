"""A document's own period of validity (``answer.validity``) and the questions that ask it
(``answer.direct.meta_fields``), on a plan written for these tests."""

from __future__ import annotations

from assistant.answer.direct import meta_fields
from assistant.answer.validity import validity_answer
from assistant.records import Chunk

TITLE = "南屿市推进智慧停车建设实施方案"
ENTRY = {"doc_id": "plan", "title": TITLE}
DOCUMENTS = [ENTRY]


def _chunk(label: str, text: str, level: str = "task") -> Chunk:
    return Chunk(doc_id="plan", doc_title=TITLE, label=label, number=None, title="", part="", part_title="",
                 text=text, start=0, end=len(text), level=level, path_label=label)


CHUNKS = [
    _chunk("二、（一）", "（一）发放停车优惠券。每张优惠券有效期不超过15日，逾期作废。"),
    _chunk("结语", "本方案自印发之日起施行，有效期至2028年12月31日。\n附件：南屿市公共停车场名录", "preamble"),
    _chunk("附件", "本名录有效期3年。", "attachment"),
]


def test_the_documents_own_period_is_read_from_its_closing_words_and_quoted() -> None:
    text, [cited] = validity_answer(ENTRY, CHUNKS)
    assert text.startswith(f"《{TITLE}》的有效期：至2028年12月31日。")
    assert cited.quote == "本方案自印发之日起施行，有效期至2028年12月31日。" and cited.label == "结语"


def test_a_period_in_years_and_none_stated() -> None:
    years = [_chunk("结语", "本通知自2026年7月1日起执行，有效期五年。", "preamble")]
    assert validity_answer(ENTRY, years)[0].startswith(f"《{TITLE}》的有效期：五年。")
    measures = [_chunk("4.", "4. 本措施自印发之日起施行，执行期至2027年6月30日。")]  # 执行期, under a label
    text, [cited] = validity_answer(ENTRY, measures)
    assert "至2027年6月30日" in text and cited.quote == "本措施自印发之日起施行，执行期至2027年6月30日。"
    assert validity_answer(ENTRY, CHUNKS[:1]) is None  # a coupon's period is no period of the plan's
    assert validity_answer(ENTRY, [CHUNKS[0], CHUNKS[2]]) is None  # nor an attachment's


def test_questions_asking_the_documents_period_and_one_asking_a_things() -> None:
    assert meta_fields("智慧停车方案有效期到什么时候", [], DOCUMENTS) == ["validity"]
    assert meta_fields("这个方案什么时候到期", [], DOCUMENTS) == ["validity"]
    assert meta_fields("智慧停车方案是谁印发的？有效期到什么时候？", [], DOCUMENTS) == ["issuer", "validity"]
    assert meta_fields("优惠券有效期多久", [], DOCUMENTS) == []  # a thing the plan speaks of
