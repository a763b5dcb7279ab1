"""A bracketed note after a sentence ("（牵头单位：…；…前完成）") is quoted with that sentence (``attach_notes``,
a long line's quote); split into sentences for search, it stays one sentence of its own, a "；" inside it
no break; a note on a line of its own stays apart."""

from __future__ import annotations

import pytest

from assistant.answer.quotes import quote_spans
from assistant.text.sentences import attach_notes, split_sentences


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in attach_notes(text, split_sentences(text))]


def test_a_semicolon_inside_a_note_does_not_split_it() -> None:
    text = "推广家庭医生签约服务。（责任单位：市卫生健康委；2026年6月底前完成）"
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "推广家庭医生签约服务。", "（责任单位：市卫生健康委；2026年6月底前完成）"]


@pytest.mark.parametrize(("text", "expected"), [
    ("2.推广家庭医生签约服务。（责任单位：市卫生健康委；2026年6月底前完成）",
     ["2.推广家庭医生签约服务。（责任单位：市卫生健康委；2026年6月底前完成）"]),
    ("建成村级服务站120个。（牵头单位：各县（市、区）人民政府）\n另行部署。",
     ["建成村级服务站120个。（牵头单位：各县（市、区）人民政府）", "另行部署。"]),
    ("开展培训。\n（牵头单位：市人社局）", ["开展培训。", "（牵头单位：市人社局）"]),
    ("补贴标准为每人300元（含交通费）。逐年提高。", ["补贴标准为每人300元（含交通费）。", "逐年提高。"]),
    ("第一句；第二句。", ["第一句；", "第二句。"]),
])
def test_a_note_goes_with_its_sentence(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_a_sentence_after_a_note_on_the_same_line_stands_alone() -> None:
    text = "1.开展适老化改造。（牵头单位：市民政局）每年新增家庭养老床位五百张。"
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "1.开展适老化改造。", "（牵头单位：市民政局）", "每年新增家庭养老床位五百张。"]
    assert sentences(text)[-1] == "每年新增家庭养老床位五百张。"
    start = text.index("每年")
    (s, e), = quote_spans(text, start, len(text), whole_lines=False)
    assert text[s:e] == "每年新增家庭养老床位五百张。"


def test_a_long_line_is_quoted_with_its_note() -> None:
    first = "对新入职的社区护理人员给予每人3000元的一次性补助，补助资金由市、区两级财政按照1:1比例分担。"
    note = "（牵头单位：市民政局、市财政局；2026年底前完成）"
    rest = "各区应当建立护理人员信息台账，每半年向市民政局报送一次人员变动情况，并在区政府网站上公布补助名单。"
    text = "1." + first + note + rest
    start = text.index(first)
    (s, e), = quote_spans(text, start, start + len(first), whole_lines=False)
    assert text[s:e].endswith(first + note)  # the point's label aside
