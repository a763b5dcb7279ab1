"""The lines of a section that speak of a question's words (``scope.lines_with``), and so where a figure
asked must stand (``scope.missing_answer_type``): an item's lead-in, a lead-in's items, a table's rows."""

from __future__ import annotations

import pytest

from assistant.answer.scope import lines_with, missing_answer_type

SANCTION = ("第三十一条　违反本条例第九条规定，经营单位有下列行为之一的，由区市场监督管理部门责令改正；"
            "拒不改正的，处一千元以上一万元以下罚款：\n"
            "（一）未建立消防安全台账的；\n（二）未组织员工消防演练的。")
TABLE = ("（一）按照车位数量给予建设补贴，具体标准见下表。\n"
         "车位数：50个以下；补贴金额：5万元\n车位数：50个以上；补贴金额：10万元\n（二）补贴资金一次性拨付。")


def test_an_item_brings_its_lead_in() -> None:
    lines = lines_with(SANCTION, ["消防演练"])
    assert lines[0].endswith("罚款：") and lines[1] == "（二）未组织员工消防演练的。"
    assert not missing_answer_type("商场不搞消防演练罚多少", SANCTION, ["消防演练"])


def test_a_line_pointing_to_a_table_brings_its_rows() -> None:
    lines = lines_with(TABLE, ["车位"])
    assert "车位数：50个以上；补贴金额：10万元" in lines and "（二）补贴资金一次性拨付。" not in lines


def test_a_five_storey_building_fits_the_row_of_its_range() -> None:
    rows = "楼层数：4至6层；补贴金额：15万元\n楼层数：7层及以上；补贴金额：25万元"
    assert not missing_answer_type("五层楼能补多少钱", rows, ["能补"])  # no line says 五层 or 能补
    assert missing_answer_type("五层楼能补多少钱", "补贴资金由区财政承担。", ["能补"])


def test_a_paragraph_referring_back_to_a_held_one_is_held_too() -> None:
    article = ("第九条　禁止在楼梯间、安全出口停放电动自行车或者为其充电。\n"
               "违反前款规定的，由消防救援机构责令改正，对个人处五十元以上二百元以下罚款。\n"
               "第三款　物业服务企业应当每月开展巡查。")
    assert lines_with(article, ["楼梯间"])[1].startswith("违反前款规定的")
    assert not any("巡查" in ln for ln in lines_with(article, ["楼梯间"]))
    assert not missing_answer_type("在楼梯间充电罚多少钱", article, ["楼梯间", "充电"])
    assert missing_answer_type("物业不巡查罚多少钱", article, ["巡查"])  # its 款 holds no fine


def test_a_paragraph_referring_back_to_the_two_before_it_is_held_too() -> None:
    article = ("第十条　餐饮服务提供者不得主动提供一次性餐具。\n"
               "旅馆经营者不得主动提供一次性牙刷、拖鞋等日用品。\n"
               "违反前两款规定的，由市场监督管理部门责令改正；拒不改正的，处五百元以上五千元以下罚款。")
    assert any(ln.startswith("违反前两款") for ln in lines_with(article, ["拖鞋"]))
    assert not missing_answer_type("宾馆提供一次性拖鞋罚多少", article, ["宾馆", "拖鞋"])


@pytest.mark.parametrize(("text", "missing"), [
    ("1.加强老年医学科建设。到2025年设立老年医学科的比例达到60%以上。（国家卫生健康委负责）", False),
    ("2.推进跨境电商发展。（商务部、海关总署负责）", False),
    ("3.推进医养结合，签约服务费用按规定纳入医保支付范围。", True),  # no body named
    ("4.老年医学科建设的部分经费从全部预算中列支。", True),        # 部分, 全部: no 部 of a ministry
])
def test_a_ministry_or_commission_in_a_lead_note_answers_which_body(text: str, missing: bool) -> None:
    assert missing_answer_type("这项工作由哪个部门负责？", text) is missing
