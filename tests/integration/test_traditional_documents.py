"""A document written in traditional characters answers questions in either script: its words are
matched and its figures found as a simplified document's are, and its quotes stay as written."""

from __future__ import annotations

import pytest

from assistant.service import Assistant
from assistant.settings import Settings
from assistant.text.chinese import tokenize

REGULATION = "\n".join([
    "清河市公園綠地管理辦法（示例）",
    "第一章 總則",
    "第一條 為了加強公園綠地管理，改善生態環境，制定本辦法。",
    "第二條 市園林綠化部門負責全市公園綠地的監督管理。",
    "第二章 管理",
    "第三條 因建設需要臨時佔用公園綠地的，應當經市園林綠化部門批准，佔用期限不得超過一年。",
    "第四條 擅自佔用公園綠地的，由市園林綠化部門責令限期退還，並處每平方米一百元罰款。",
    "第五條 發現綠地設施損壞的，管理單位應當在二十四小時內修復。",
])


@pytest.fixture(scope="module")
def helper(e5, tmp_path_factory) -> Assistant:
    folder = tmp_path_factory.mktemp("trad")
    (folder / "park-measures.txt").write_text(REGULATION + "\n", encoding="utf-8")
    assistant = Assistant(Settings(corpus_dir=folder, index_dir=folder.parent / f"{folder.name}-index",
                                   data_dir=folder.parent / f"{folder.name}-data"), embedder=e5)
    assistant.ingest(progress=False)
    return assistant


def test_traditional_text_is_tokenised_as_simplified() -> None:
    assert {"绿地", "罚款"} <= set(tokenize("擅自佔用公園綠地的，並處罰款"))


@pytest.mark.parametrize(("question", "label", "fact"), [
    ("臨時佔用公園綠地最長可以多久？", "第三條", "不得超過一年"),
    ("临时占用公园绿地最长可以多久？", "第三條", "不得超過一年"),
    ("绿地设施损坏后管理单位多长时间内修复？", "第五條", "二十四小時內"),
    ("擅自佔用綠地罰款多少？", "第四條", "一百元罰款"),
])
def test_questions_in_either_script_are_answered_with_verbatim_quotes(helper: Assistant, question: str,
                                                                      label: str, fact: str) -> None:
    answer = helper.ask(question)
    assert not answer.refused, answer.answer
    assert answer.citations[0].label == label and fact in answer.answer
