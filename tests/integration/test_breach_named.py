"""A fine asked of a breach in plain words is answered by the article that names that breach ("违反本办法第五条规定，
驾驶未经登记的电动自行车…"), not by another sanction whose penalty happens to share a word ("暂扣登记证"), even
when the duty article itself is not among the sections found. The measures are written for this test."""

from __future__ import annotations

import pytest
from support.corpora import ingested

from assistant.service import Assistant

MEASURES = "\n".join([
    "石门市电动自行车管理办法",
    "第一章　总则",
    "第一条　为了加强电动自行车管理，维护道路交通秩序，制定本办法。",
    "第二章　登记与通行",
    "第五条　本市对电动自行车实行登记制度。",
    "第六条　电动自行车驾驶人应当佩戴安全头盔。",
    "第七条　禁止在楼道、安全出口停放电动自行车或者为其充电。",
    "第八条　电动自行车不得加装遮阳棚、车篷。",
    "第三章　法律责任",
    "第二十条　违反本办法第五条规定，驾驶未经登记的电动自行车上道路行驶的，由公安机关交通管理部门责令改正，"
    "处五十元罚款。",
    "第二十一条　违反本办法第六条规定，驾驶人未佩戴安全头盔的，处二十元罚款，并可以暂扣电动自行车登记证。",
    "第二十二条　违反本办法第七条规定，在楼道停放电动自行车或者为其充电的，由消防救援机构责令改正，"
    "处五百元以上一千元以下罚款。",
    "第二十三条　违反本办法第八条规定，加装遮阳棚的，由公安机关交通管理部门责令拆除，处二十元罚款。",
])


@pytest.fixture(scope="module")
def measures(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("breach_named"), {"diandong.txt": MEASURES}, e5)


@pytest.mark.parametrize(("question", "label", "fine"), [
    ("电动车没登记就骑上路会被罚多少钱", "第二十条", "五十元"),
    ("電動車沒登記就騎上路會被罰多少錢", "第二十条", "五十元"),
    ("骑电动车不戴头盔罚多少", "第二十一条", "二十元"),
])
def test_the_sanction_naming_the_breach_comes_first(measures: Assistant, question: str, label: str, fine: str) -> None:
    answer = measures.ask(question)
    assert not answer.refused and answer.citations[0].label == label, answer.answer
    assert fine in answer.answer.split("（")[0] or fine in answer.answer[:80], answer.answer


WATER = "\n".join([
    "北川市城市供水条例",
    "第十八条　禁止下列行为：",
    "（一）盗用或者转供城市公共供水；",
    "（二）擅自在城市公共供水管道上连接取水；",
    "（三）损坏、擅自拆除或者改装公共供水计量装置。",
    "第十九条　供水企业应当定期检修供水设施，保证水质符合国家标准。",
    "第二十条　违反本条例第十八条规定的，由水务主管部门责令改正，并按照下列规定处罚：",
    "（一）有第一项、第二项行为的，处五千元以上三万元以下罚款；",
    "（二）有第三项行为的，处一千元以上一万元以下罚款。",
    "第二十一条　供水企业违反本条例第十九条规定，未定期检修供水设施的，给予警告；"
    "拒不改正的，处一万元以上五万元以下罚款。",
])


@pytest.fixture(scope="module")
def water(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("water_items"), {"gongshui.txt": WATER}, e5)


@pytest.mark.parametrize("question", ["盗用城市公共供水的罚款是多少？", "擅自改装水表的罚款数额是多少"])
def test_a_sanction_naming_the_breach_by_its_items_number_comes_first(water: Assistant, question: str) -> None:
    answer = water.ask(question)
    assert not answer.refused and answer.citations[0].label == "第二十条", answer.answer


@pytest.mark.parametrize(("question", "fine", "other"), [
    ("擅自改装公共供水计量装置会被罚多少？", "一千元以上一万元以下", "五千元以上三万元以下"),
    ("盗用城市公共供水罚多少", "五千元以上三万元以下", "一千元以上一万元以下"),
])
def test_the_item_of_a_sanction_citing_the_breachs_item_is_quoted(water: Assistant, question: str, fine: str,
                                                                   other: str) -> None:
    answer = water.ask(question)  # "（二）有第三项行为的" under "违反本条例第十八条规定的": 第十八条第（三）项
    assert answer.citations[0].label == "第二十条" and fine in answer.answer, answer.answer
    assert other not in answer.answer.split("（《")[0]


# A rule sanctioning one breach by its article's number and another in its own words (no 违反): the duty article
# shares one more word with the question ("检验合格后") than the sanction does. Written for this test.
QUALITY = "\n".join([
    "南溪县农村集中供水管理办法",
    "第八条　供水单位应当每月对出厂水进行水质检测。",
    "第九条　供水单位发现水质不符合标准的，应当立即停止供水并报告；经卫生健康部门检验合格后，方可恢复供水。",
    "第十条　用户应当按时缴纳水费。",
    "第二十条　违反本办法第八条规定，未进行水质检测的，由水行政主管部门责令改正，处一万元罚款。",
    "第二十一条　供水单位供水水质不符合标准的，由卫生健康部门责令改正，处五万元以上二十万元以下罚款。",
])


@pytest.mark.parametrize("question", ["供水单位水质不合格会被罚多少钱？", "供水單位水質不合格會被罰多少錢？"])
def test_a_breach_sanctioned_in_its_own_words_is_answered(tmp_path, e5, question: str) -> None:
    answer = ingested(tmp_path, {"water.txt": QUALITY}, e5).ask(question)
    assert not answer.refused and answer.citations[0].label == "第二十一条", answer.answer
    assert "五万元以上二十万元以下" in answer.answer
