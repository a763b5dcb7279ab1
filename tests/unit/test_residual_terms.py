"""What a routed question asks beyond naming its sections (answer.overview.residual_terms)."""

from __future__ import annotations

from assistant.answer.overview import residual_terms
from assistant.records import Chunk, Hit

CHUNK = Chunk("plan", "某市交通运输局关于推进绿色出行的实施意见", "（一）", 1, "完善充电基础设施", "一", "聚焦绿色出行",
              "（一）完善充电基础设施。新建公共充电桩3000个。到2027年，推动居住社区充电设施全覆盖。",
              0, 40, level="task", path_label="一、（一）")
ROUTED = (Hit(CHUNK, 1.0, routed=True, chunk_ids=(0,)),)


def test_naming_sections_leaves_nothing() -> None:
    assert residual_terms("第一项任务讲的是什么", "第一项", ROUTED) == []
    assert residual_terms("第一项任务完善充电基础设施讲的是什么", "第一项", ROUTED) == []


def test_words_of_the_routed_documents_title_name_it() -> None:
    # "实施意见" and "交通运输局" name the document the unit lies in: still an overview
    assert residual_terms("实施意见一、(一)", "一、（一）", ROUTED) == []
    assert residual_terms("交通运输局绿色出行意见一、（一）是什么", "一、（一）", ROUTED) == []


def test_a_topic_beyond_the_names_is_asked() -> None:
    assert residual_terms("第一项任务新建多少充电桩", "第一项", ROUTED) != []
    assert residual_terms("实施意见一、（一）的资金从哪里来", "一、（一）", ROUTED) != []


def test_a_short_task_looked_up_is_quoted_whole_and_a_long_one_by_its_first_sentences() -> None:
    from dataclasses import replace

    from assistant.answer.overview import WHOLE_ARTICLE_CHARS, overview_size

    assert overview_size(ROUTED[0], "task", whole=False) is None  # four sentences, 40 characters: all of them
    assert overview_size(ROUTED[0], "task", whole=False, units=2) == 2  # one of two units
    assert overview_size(ROUTED[0], "task", whole=False, chars=WHOLE_ARTICLE_CHARS + 1) == 2  # a long unit's piece
    long = replace(CHUNK, text=CHUNK.text + "推进充电设施建设。" * (WHOLE_ARTICLE_CHARS // 9))
    assert overview_size(Hit(long, 1.0, routed=True, chunk_ids=(0,)), "task", whole=False) == 2
