"""A route by a section's title stands only when the question's other words fit the routed document."""

from __future__ import annotations

from assistant.records import Chunk
from assistant.retrieve.title_fit import document_texts, title_route_fits
from assistant.text.chinese import tokenize

TEXTS = {
    "guide": "一、办理对象\n二、收费标准\n首次申领免费；补领的，每证收取工本费十元。",
    "parking": "第五条 公共停车场实行政府指导价，白天每小时收费不超过六元。",
}


def fits(question: str, texts: dict[str, str] = TEXTS) -> bool:
    return title_route_fits(question, "收费标准", ["guide"], texts, tokenize)


def test_a_word_only_another_document_holds_drops_the_route() -> None:
    assert not fits("停车场的收费标准是多少")


def test_words_of_the_routed_document_or_of_no_document_keep_it() -> None:
    assert fits("补领的收费标准是多少")
    assert fits("居住证的收费标准是多少")  # 居住证: in no document, so nothing points elsewhere
    assert fits("停车场的收费标准是多少", {"guide": TEXTS["guide"]})  # one document: the route stands


def test_only_the_clause_holding_the_title_is_read() -> None:
    assert fits("收费标准是多少，停车场在哪里")


def test_the_words_asking_for_a_list_do_not_point_to_another_document() -> None:
    texts = {"guide": "二、收费标准\n补领的，每证收取工本费十元。",
             "rules": "第三条 采取下列措施：（一）公示收费项目。"}
    assert title_route_fits("收费标准有哪些措施", "收费标准", ["guide"], texts, tokenize)
    assert title_route_fits("收费标准那一部分讲了什么", "收费标准", ["guide"], texts, tokenize)
    assert not title_route_fits("收费项目的收费标准是多少", "收费标准", ["guide"], texts, tokenize)


def test_a_tie_of_levels_goes_to_the_deeper_one_whatever_the_hash_seed() -> None:
    from types import SimpleNamespace

    from assistant.retrieve.lookup import leaf_levels

    refs = [SimpleNamespace(key=("guide", label), number=n, level=level)
            for label, n, level in (("一、", 1, "part"), ("1.", 1, "point"), ("2.", 2, "point"), ("三、", 3, "part"))]
    assert leaf_levels(refs) == {"guide": "point"}
    assert leaf_levels(list(reversed(refs))) == {"guide": "point"}


def test_a_word_abbreviating_another_documents_title_drops_the_route() -> None:
    texts = document_texts([
        Chunk(doc_id="zone", doc_title="关于支持综合保税区发展新业态的意见", label="二、", number=2, title="基本原则",
              part="二", part_title="基本原则", text="二、基本原则\n坚持开放引领。", start=0, end=0, level="part"),
        Chunk(doc_id="law", doc_title="行政执法三项制度的指导意见", label="（二）", number=2, title="基本原则",
              part="一", part_title="总体要求", text="（二）基本原则。坚持依法规范。", start=0, end=0, level="task")],
        lambda t: t)
    assert not title_route_fits("综保区的基本原则有哪些", "基本原则", ["law"], texts, tokenize)
    assert title_route_fits("综保区的基本原则有哪些", "基本原则", ["zone"], texts, tokenize)
    assert title_route_fits("执法的基本原则有哪些", "基本原则", ["law"], texts, tokenize)


def test_a_run_of_characters_naming_another_documents_title_drops_the_route() -> None:
    # the routed plan has 政府 and 采购 apart, never 政府采购: the question names the procurement law
    texts = {"plan": "某市政府网站集约化方案\n（二）基本原则。\n1. 优先采购国产设备。\n2. 政府网站统一建设。",
             "law": "某市政府采购条例\n第三条 政府采购应当遵循公开透明原则。"}
    assert not title_route_fits("政府采购要坚持哪些基本原则", "基本原则", ["plan"], texts, tokenize)
    assert title_route_fits("网站集约化方案要坚持哪些基本原则", "基本原则", ["plan"], texts, tokenize)
