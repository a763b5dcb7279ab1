"""The shared answer presenter (CLI text, UI copy text and cards): quoted sources, others, fallback notes."""

from __future__ import annotations

from assistant.interfaces.present import FALLBACK_NOTES, answer_text, part_name, source_line, split_citations
from assistant.records import Answer, Citation

PLAN = "某市交通运输局2026年工作计划"
C1 = Citation("plan", PLAN, "（一）", 1, "完善充电基础设施", "一", "新建公共充电桩3000个。", 0.9, "（一）")
C2 = Citation("plan", PLAN, "（二）", 2, "推进公交优先发展", "一", "优化公交线路20条。", 0.5, "（二）")


def _answer(text: str, mode: str = "extractive", fallback: str | None = None) -> Answer:
    return Answer("新建多少公共充电桩？", text, False, (C1, C2), mode=mode, fallback=fallback)


def test_an_extractive_answer_quotes_the_sections_its_text_names() -> None:
    quoted, others = split_citations(_answer("新建公共充电桩3000个。（一）"))
    assert (quoted, others) == ([C1], [C2])
    assert split_citations(_answer("没有标签。"), min_quoted=1) == ([C1], [C2])
    assert split_citations(_answer("新建公共充电桩3000个（一）。", mode="generative")) == ([C1, C2], [])


def test_the_text_lists_quoted_sources_with_their_quotes_then_the_others() -> None:
    text = answer_text(_answer("新建公共充电桩3000个。（一）"))
    assert text.index("出处：") < text.index(f"[1] {source_line(C1)}") < text.index("其他相关：")
    assert f"“{C1.quote}”" in text and f"“{C2.quote}”" not in text
    assert text.endswith("其他相关：（二）推进公交优先发展")


def test_others_name_their_document_when_the_answer_draws_on_several() -> None:
    other = Citation("law", "某市停车管理条例", "第五条", 5, "", "", "登记有效期为一年。", 0.4, "第五条")
    answer = Answer("新建多少公共充电桩？", "新建公共充电桩3000个。（一）", False, (C1, C2, other))
    assert answer_text(answer).endswith(f"其他相关：《{PLAN}》（二）推进公交优先发展；《某市停车管理条例》第五条")
    quoted_elsewhere = Answer("新建多少公共充电桩？", "登记有效期为一年。（第五条）", False, (other, C2))
    assert answer_text(quoted_elsewhere).endswith(f"其他相关：《{PLAN}》（二）推进公交优先发展")


def test_a_fallback_is_explained_right_after_the_answer() -> None:
    for reason, note in FALLBACK_NOTES.items():
        lines = answer_text(_answer("新建公共充电桩3000个。（一）", fallback=reason)).split("\n")
        assert lines[1] == f"（{note}）"
    assert answer_text(_answer("…（一）", fallback="new_reason")).split("\n")[1] == "new_reason"


def test_parts_numbered_by_chinese_numerals_are_named_as_parts() -> None:
    assert part_name("六") == "第六部分" and part_name("第二章") == "第二章" and part_name("") == ""
    assert source_line(C1) == f"《{PLAN}》第一部分 （一）完善充电基础设施"
    nested = Citation("plan", PLAN, "1.", 1, "统一数据目录", "二", "每季度更新目录。", 0.5, "二、1.")
    assert source_line(nested) == f"《{PLAN}》二、1.统一数据目录"  # the path already names the part
    annex = Citation("plan", PLAN, "附件1", None, "项目申报书", "附件1", "项目申报书", 0.5, "附件1")
    assert source_line(annex) == f"《{PLAN}》附件1 项目申报书"  # not "附件1项目申报书"


def test_a_paragraph_quoted_alone_is_named_with_its_article() -> None:
    law = Citation("law", "某市停车管理条例", "第五条", 5, "", "", "登记有效期为一年。", 0.9, "第五条", "第二款")
    assert source_line(law) == "《某市停车管理条例》第五条第二款"
    assert source_line(Citation("law", "某市停车管理条例", "第五条", 5, "", "", "…", 0.9, "第五条")).endswith("第五条")


def test_a_label_inside_a_longer_one_or_another_paragraph_s_tag_quotes_nothing() -> None:
    law = "滨江市供水管理办法"
    inserted = Citation("w", law, "第十五条之一", 15, "", "", "超计划用水的，加价收取水费。", 0.9, "第十五条之一")
    plain = Citation("w", law, "第十五条", 15, "", "", "用水计划每年核定一次。", 0.5, "第十五条")
    second = Citation("w", law, "第十四条", 14, "", "", "宠物便溺应当清理。", 0.4, "第十四条", clause="第二款")
    text = "超计划用水的，加价收取水费。（第十五条之一）宠物应当拴绳。（第十四条第一款）"
    answer = Answer("超计划用水怎么收费？", text, False, (inserted, plain, second))
    assert split_citations(answer) == ([inserted], [plain, second])
    whole = Answer("第十四条讲什么？", "宠物便溺应当清理。（第十四条）", False, (second,))
    assert split_citations(whole) == ([second], [])  # a tag of the whole article names its paragraphs too
