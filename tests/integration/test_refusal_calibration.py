"""Refusal calibrated on the corpus at ingest: a one-document regulation refuses questions on other
topics and answers its own, with no word written for it; the quotes carry the whole provision.

The regulation is written for this test in the style of a municipal garbage-sorting rule.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support.corpora import ingested

from assistant.answer.refusal import REFUSAL_PARAMS
from assistant.service import Assistant

REGULATION = """东湖市餐厨垃圾分类投放办法

第一条 为了规范餐厨垃圾分类投放，减少垃圾填埋量，根据有关法律法规，制定本办法。
第二条 本办法所称餐厨垃圾，是指居民家庭日常生活中产生的菜帮菜叶、瓜果皮核、剩菜剩饭等易腐垃圾。
第三条 居民应当在每日六时至九时、十八时至二十一时将餐厨垃圾投放至小区指定的收集容器。
第四条 餐厨垃圾收集容器由物业服务企业负责设置和日常保洁，街道办事处负责监督检查。
第五条 单位和个人未按规定分类投放餐厨垃圾的，由城市管理部门责令改正，处五十元以上二百元以下罚款。
情节严重的，处二百元以上五百元以下罚款。
第六条 本办法自2026年3月1日起施行。
"""

OWN = ["餐厨垃圾几点可以扔", "谁负责设置餐厨垃圾收集容器", "不分类投放餐厨垃圾罚多少钱", "什么是餐厨垃圾"]
OTHER = ["共享单车应当停放在哪里", "电动自行车上牌需要带什么材料", "公积金贷款最高额度是多少",
         "运营企业多长时间内要清理乱停的车辆"]


@pytest.fixture(scope="module")
def helper(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("garbage"), {"canchu.txt": REGULATION}, e5)


def test_ingest_writes_a_fitted_refusal_model_into_the_index(helper: Assistant) -> None:
    data = json.loads((helper.settings.index_dir / "refusal.json").read_text(encoding="utf-8"))
    assert set(data["params"]) == set(REFUSAL_PARAMS)
    probes = data["probes"]
    assert probes["inside"] >= 30 and probes["outside"] >= 30
    assert probes["inside_refused"] <= helper.settings.refusal_max_false + 0.02
    assert probes["outside_refused"] >= 0.8  # the chosen model (fitted or default) tells them apart
    # the fitted model is kept over the defaults only when they refuse too many inside probes or fewer
    # outside ones (corpus_refusal.choose)
    default_ok = probes["default_inside_refused"] <= helper.settings.refusal_max_false
    assert data["params"] == REFUSAL_PARAMS or not default_ok or (
        probes["outside_refused"] >= probes["default_outside_refused"])
    assert helper.index.refusal["params"] == data["params"]  # the answer path reads it


# "共享单车应当停放在哪里" once scored near the threshold here (its "应当" counted as a covered word); it
# is now refused by the rule for questions none of whose words but legal modal words is found
# (refusal.unfounded), see test_unfounded_refusal.py.
@pytest.mark.parametrize("question", OTHER)
def test_questions_on_other_topics_are_refused(helper: Assistant, question: str) -> None:
    assert helper.ask(question).refused


@pytest.mark.parametrize("question", OWN)
def test_the_regulations_own_questions_are_answered(helper: Assistant, question: str) -> None:
    assert not helper.ask(question).refused


def test_a_fine_question_quotes_the_heavier_case_and_names_the_short_article_whole(helper: Assistant) -> None:
    answer = helper.ask("不分类投放餐厨垃圾罚多少钱")
    assert "五十元以上二百元以下" in answer.answer and "情节严重的" in answer.answer
    assert answer.citations[0].path == "第五条"
    assert answer.answer.endswith("（第五条）")  # both 款 quoted: the article is cited, not one 款 of it


def test_without_calibration_the_default_weights_are_used(tmp_path: Path, e5) -> None:
    assistant = ingested(tmp_path, {"canchu.txt": REGULATION}, e5, refusal_calibration=False)
    assert not (tmp_path / "index" / "refusal.json").exists()
    assert assistant.index.refusal == {}
