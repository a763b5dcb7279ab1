"""An English question naming a law that is not loaded is told so (as a Chinese one is); one naming
the loaded regulation in English is answered from it. The regulation is written for this test."""

from __future__ import annotations

import pytest
from support.corpora import ingested

from assistant.service import Assistant

REGULATION = "\n".join([
    "江城市公共数据管理条例",
    "第一条 为了规范公共数据的归集、共享和开放，提升城市治理水平，制定本条例。",
    "第二条 市大数据中心负责公共数据的统一归集和共享平台的建设运行。",
    "第三条 公共数据以共享为原则、不共享为例外。公共管理和服务机构应当在收到共享申请之日起五个工作日内答复。",
    "第四条 违反本条例规定，拒不提供共享数据的，由市大数据主管部门责令改正；情节严重的，依法给予处分。",
])


@pytest.fixture(scope="module")
def jiangcheng(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("public-data"), {"gonggong.txt": REGULATION}, e5)


@pytest.mark.parametrize("question", [
    "What does Article 3 of the Data Security Law say?",
    "Under the Personal Information Protection Law, when is consent required?",
])
def test_a_law_that_is_not_loaded_is_named_as_missing(jiangcheng: Assistant, question: str) -> None:
    answer = jiangcheng.ask(question)
    assert answer.refused and answer.route == "unknown_document", answer.answer
    assert "江城市公共数据管理条例" in answer.answer and not answer.citations


def test_the_loaded_regulation_named_in_english_is_answered(jiangcheng: Assistant) -> None:
    answer = jiangcheng.ask("Under the Public Data Regulations, within how many working days must "
                            "a sharing request be answered?")
    assert not answer.refused and answer.route != "unknown_document", answer.answer
    assert "五个工作日" in answer.answer
