"""A Q&A reading (政策解读) whose answers list items: each question stays one unit with its answer's list."""

from __future__ import annotations

from assistant.ingest.chunking import build_chunks

READING = """《枫林县家庭农场扶持办法》政策解读
问：哪些家庭农场可以申请扶持资金？
答：申请扶持的家庭农场应当同时具备下列条件：
（一）在县市场监管部门登记满一年；
（二）经营土地面积在五十亩以上；
（三）近两年无违法违规记录。
问：扶持资金标准是多少？
答：每个家庭农场一次性扶持三万元。
问：哪些情形不予扶持？
答：有下列情形之一的，不予扶持：
（一）已享受同类省级补助的；
（二）经营者为公职人员的。
问：资金什么时候拨付？
答：审核通过后二十个工作日内拨付。
"""

SECTIONED = """关于农机购置补贴的问答
（一）关于申请条件
问：谁可以申请农机购置补贴？
答：从事农业生产的个人和组织可以申请。
问：购买二手农机能申请吗？
答：二手农机不在补贴范围内。
（二）关于补贴标准
问：补贴比例是多少？
答：补贴比例不超过购机价格的百分之三十。
"""


def _units(text: str) -> dict[str, str]:
    return {c.path_label or c.label: c.text for c in build_chunks(text, "reading", "解读")}


def test_each_question_keeps_its_answers_list_and_the_next_question_is_not_under_an_item() -> None:
    units = _units(READING)
    questions = [label for label in units if label.startswith("问")]
    assert questions == ["问1", "问2", "问3", "问4"]  # 问2…问4 had been filed under "（三）", 问4 under "（二）"
    assert "（三）近两年无违法违规记录" in units["问1"] and "五十亩" in units["问1"]
    assert "（二）经营者为公职人员的" in units["问3"] and "不予扶持：" in units["问3"]
    assert not any(label.startswith("（") for label in units)  # no item is a unit of its own
    assert "二十个工作日" in units["问4"] and "公职人员" not in units["问4"]


def test_a_bracketed_heading_after_an_answer_still_heads_the_next_questions() -> None:
    chunks = build_chunks(SECTIONED, "faq", "问答")
    parents = {c.label: c.path[:1] for c in chunks if c.label.startswith("问")}
    assert parents == {"问1": ("（一）",), "问2": ("（一）",), "问3": ("（二）",)}, parents


def test_an_answer_that_leads_in_to_a_list_is_quoted_with_its_items() -> None:
    from assistant.answer.quotes import quote_spans

    text = _units(READING)["问1"]
    for start, end in ((text.index("申请扶持"), text.index("下列条件：") + 5), (0, text.index("？") + 1)):
        quoted = "".join(text[s:e] for s, e in quote_spans(text, start, end, False, True))
        assert "（一）在县市场监管部门登记满一年" in quoted and "（三）近两年无违法违规记录" in quoted, quoted
    text = _units(READING)["问2"]  # an answer with no list: its line alone
    start = text.index("每个")
    quoted = [text[s:e] for s, e in quote_spans(text, start, start + 5, False, True)]
    assert quoted == ["答：每个家庭农场一次性扶持三万元。"]


NUMBERED = """关于托育补贴的政策解读
一、总体情况
问1：为什么出台托育补贴？
答：为减轻家庭养育负担。
二、具体内容
（一）关于申请
问2：哪些家庭可以申请？
答：同时符合下列条件的家庭可以申请：
1. 婴幼儿未满3周岁；
2. 婴幼儿在本市登记户籍。
但是，婴幼儿已被收养的，由收养人申请。
问5：需要哪些材料？
答：申请人身份证件和户口簿。
（二）关于发放
问：补贴怎么发？
答：按月发放至社会保障卡。
"""


def test_a_question_numbered_by_the_document_keeps_its_number_and_owns_its_answer() -> None:
    chunks = {c.label: c for c in build_chunks(NUMBERED, "numbered", "解读")}
    assert [label for label in chunks if label.startswith("问")] == ["问1", "问2", "问5", "问6"]  # "问：" numbered on
    assert chunks["问2"].path[-1:] == ("（一）",) and chunks["问6"].path[-1:] == ("（二）",)
    assert "2. 婴幼儿在本市登记户籍" in chunks["问2"].text and "由收养人申请" in chunks["问2"].text
    assert "问5" not in chunks["问2"].text and "身份证件" in chunks["问5"].text


def test_a_reading_in_traditional_characters_has_its_questions_too() -> None:
    text = ("《某市充電設施補助辦法》政策解讀\n（一）關於補助對象\n問：哪些單位可以申請？\n答：應當同時符合下列條件：\n"
            "（一）在本市登記註冊；\n（二）建成公共充電設施。\n（二）關於補助標準\n問3：補助標準是多少？\n答：每千瓦補助200元。\n")
    chunks = {c.label: c for c in build_chunks(text, "trad", "解讀")}
    assert [label for label in chunks if label.startswith("问")] == ["问1", "问3"]
    assert "（二）建成公共充電設施" in chunks["问1"].text and chunks["问3"].path[-1:] == ("（二）",)
