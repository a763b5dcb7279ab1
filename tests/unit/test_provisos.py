"""Provisos kept with their rules (assistant.answer.provisos) and list members (assistant.ingest.trailing)."""

from __future__ import annotations

from types import SimpleNamespace

from assistant.answer.provisos import with_proviso
from assistant.answer.sub_items import lead_once
from assistant.ingest.chunking import build_chunks

LINE = "（二）持证残疾人及一名陪同人员。但是，陪同人员第二次入馆的，按照标准购票；其他人员照常购票。"


def _span(text: str, piece: str) -> tuple[int, int]:
    return text.index(piece), text.index(piece) + len(piece)


def test_a_rule_quoted_takes_the_proviso_after_it_on_its_line() -> None:
    rule = _span(LINE, "持证残疾人及一名陪同人员。")
    (start, end), = with_proviso(LINE, [rule])
    assert LINE[start:end] == "持证残疾人及一名陪同人员。但是，陪同人员第二次入馆的，按照标准购票；"


def test_a_proviso_quoted_takes_the_sentence_before_it() -> None:
    proviso = _span(LINE, "但是，陪同人员第二次入馆的，按照标准购票；")
    (start, end), = with_proviso(LINE, [proviso])
    assert LINE[start:end] == LINE[: proviso[1]]


def test_a_proviso_opening_a_line_takes_the_line_before_it() -> None:
    text = "4.死亡或者被宣告失踪的。\n但是，因就医离开本市不超过六个月的，不影响补贴发放。"
    spans = with_proviso(text, [_span(text, "但是，因就医离开本市不超过六个月的，不影响补贴发放。")])
    assert [text[s:e] for s, e in spans] == ["4.死亡或者被宣告失踪的。", text.split("\n")[1]]


def test_other_spans_are_unchanged() -> None:
    text = "（一）基本陈列免费开放。特别展览门票不超过30元。但书之外的句子。"
    spans = [_span(text, "特别展览门票不超过30元。")]
    assert with_proviso(text, spans) == spans


ENUMERATION = """一、免收门票情形
下列人员参观免收门票：
（一）现役军人；
（二）持证残疾人及一名陪同人员。但是，陪同人员第二次入馆的，按照标准购票；
（三）中小学生在国际博物馆日参观的。
二、预约
（一）暂停预约。参观者有下列情形之一的，暂停预约资格：
1.连续三次未到馆的；
2.倒卖预约名额的。
但是，因突发疾病未到馆的，不计入次数。
（二）恢复预约。暂停期满自动恢复。
"""


def test_items_of_a_lead_in_have_no_title_and_the_proviso_after_a_list_stays_in_it() -> None:
    chunks = build_chunks(ENUMERATION, "n", "某市博物馆通知", 2000)
    items = [c for c in chunks if c.part == "一" and c.level == "task"]
    assert [c.title for c in items] == ["", "", ""]
    assert {c.context for c in items} == {"下列人员参观免收门票："}
    assert all("突发疾病" not in c.text for c in chunks if c.level == "part")
    assert any("突发疾病" in c.text for c in chunks if c.level in ("task", "point"))
    titled = [c.title for c in chunks if c.part == "二" and c.level == "task"]
    assert titled[0] == "暂停预约" and titled[-1] == "恢复预约"
    quotes = [SimpleNamespace(chunk=c, text="下列人员参观免收门票：" + c.text[3:]) for c in (items[0], items[2])]
    assert [t for _, t in lead_once(quotes)] == ["下列人员参观免收门票：现役军人；", "中小学生在国际博物馆日参观的。"]


READING = """一、政策背景
问：为什么要出台这些措施？
答：为了促进夜间消费。
二、重点政策
问：夜市摊位最少多少个？
答：每个夜市不少于40个。
问：商户可以外摆经营吗？
答：可以，时间为每日18时至次日1时。
"""


def test_a_reading_s_questions_are_units_numbered_in_order() -> None:
    """A reading's "问：…？" lines with their "答：" are units "问1", "问2", … (no title), under their parts."""
    units = [c for c in build_chunks(READING, "r", "某市夜间经济措施政策解读", 2000) if c.level == "point"]
    assert [(c.path_label, c.part, c.title) for c in units] == [("问1", "一", ""), ("问2", "二", ""), ("问3", "二", "")]
    assert units[1].text == "问：夜市摊位最少多少个？\n答：每个夜市不少于40个。"


_EXCLUSIONS = ("第六条　有下列情形之一的，不予发放安家补贴：\n（一）本人在本县拥有住房的；\n"
               "（二）正在承租公共租赁住房或者入住青年驿站的；\n（三）在机关单位在编在岗的；\n"
               "（四）曾因骗取安家补贴受到处理的。\n但是，入住青年驿站的人员迁出青年驿站后，可以申请安家补贴。")
_STOPS = ("第十二条　有下列情形之一的，停止发放：\n（一）离职的；\n（二）出国定居的；\n（三）中断缴纳社会保险的。\n"
          "但是，用人单位欠缴后补缴的，不适用前款第（三）项的规定。")


def _quoted(text: str, words: str) -> str:
    from assistant.answer.quotes import quote_spans

    start = text.index(words)
    return "".join(text[s:e] for s, e in quote_spans(text, start, start + len(words), False, True))


def test_an_exception_about_a_sibling_item_is_not_quoted_with_another_item() -> None:
    assert "但是" in _quoted(_EXCLUSIONS, "入住青年驿站的；")  # the item it is about
    for item in ("在机关单位在编在岗", "本人在本县拥有住房", "曾因骗取安家补贴"):  # the 补贴 of its lead-in is no tie
        assert "但是" not in _quoted(_EXCLUSIONS, item), item
    assert "但是" in _quoted(_STOPS, "中断缴纳社会保险") and "但是" not in _quoted(_STOPS, "离职的")  # 前款第（三）项


def test_an_exception_about_the_whole_list_stays_with_each_item() -> None:
    text = ("第九条　下列车辆免收停车费：\n（一）执行任务的军车、警车；\n（二）残疾人驾驶的机动车。\n"
            "但是，超过四小时的，按照标准收费。")
    assert "但是" in _quoted(text, "执行任务") and "但是" in _quoted(text, "残疾人驾驶")


def test_a_paragraph_naming_the_item_asked_is_quoted_with_it() -> None:
    text = ("第九条　物业服务企业应当履行下列职责：\n（一）每月巡查消防设施；\n（二）每年组织一次应急演练；\n"
            "（三）建立维修档案。\n违反前款第（二）项规定的，由住房城乡建设部门责令改正，处二千元以上一万元以下罚款。")
    assert "二千元以上一万元以下" in _quoted(text, "每年组织一次应急演练")  # its sanction, named by its number
    assert "违反前款" not in _quoted(text, "每月巡查消防设施")
