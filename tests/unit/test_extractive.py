"""Extractive answers without a model: sentence candidates, sentence picking and answer composition.

The sections are written for these tests in the style of a municipal work plan; sentence scores
stand in for the dense similarities the retriever would give.
"""

from __future__ import annotations

import numpy as np
import pytest

from assistant.answer.candidates import UNIT_MATCH_WEIGHT, Sentence, candidate_sentences
from assistant.answer.extractive import (
    JOIN_MARGIN,
    MAX_ANSWER_SENTENCES,
    NOT_FOUND,
    cite_tag,
    compose_answer,
    pick_sentences,
    refusal,
    strip_label,
)
from assistant.records import Chunk, Hit
from assistant.text.sentences import split_sentences

PLAN = "某市交通运输局2026年工作计划"
SECTIONS = [
    # (label, number, title, part, part title, text)
    ("（一）", 1, "完善充电基础设施", "一", "聚焦绿色出行",
     "（一）完善充电基础设施。新建公共充电桩3000个。推动居住社区充电设施全覆盖。"),
    ("（二）", 2, "推进公交优先发展", "一", "聚焦绿色出行",
     "（二）推进公交优先发展。优化公交线路20条。新增公交专用道15公里。"),
    ("（三）", 3, "提升道路养护水平", "二", "聚焦安全韧性",
     "（三）提升道路养护水平。完成农村公路养护工程120公里。公共充电桩纳入道路养护巡查。"),
]
CHUNKS = [Chunk(doc_id="plan", doc_title=PLAN, label=label, number=number, title=title, part=part,
                part_title=part_title, text=text, start=0, end=len(text), level="task")
          for label, number, title, part, part_title, text in SECTIONS]
SPANS = np.asarray([(row, s, e) for row, c in enumerate(CHUNKS) for s, e in split_sentences(c.text)],
                   dtype=np.int32)


def sentence_rows(row: int) -> np.ndarray:
    return np.flatnonzero(SPANS[:, 0] == row)


def sentence_index(text: str) -> int:
    """The sentence index (row of SPANS) of a sentence, found by its text."""
    for i, (row, s, e) in enumerate(SPANS.tolist()):
        if text in CHUNKS[row].text[s:e]:
            return i
    raise KeyError(text)


def hits(*rows: int, routed: bool = False) -> list[Hit]:
    return [Hit(CHUNKS[r], 1.0 / (i + 1), routed=routed, chunk_ids=(r,)) for i, r in enumerate(rows)]


def candidates(found: list[Hit], scores: dict[str, float], tokens: tuple[str, ...] = ()) -> list[Sentence]:
    by_index = {sentence_index(text): score for text, score in scores.items()}
    return candidate_sentences(found, CHUNKS, sentence_rows, by_index, SPANS, tokens)


def test_candidates_leave_out_headings_and_keep_sentences_in_section_then_text_order() -> None:
    found = candidates(hits(1, 0), {})
    assert all(not s.text.startswith("（") for s in found)  # "（二）推进公交优先发展。" is only a heading
    assert [s.hit_rank for s in found] == sorted(s.hit_rank for s in found)
    assert [s.text for s in found if s.hit_rank == 0] == ["优化公交线路20条。", "新增公交专用道15公里。"]
    assert [s.position for s in found if s.hit_rank == 1] == [0, 1]


def test_candidate_score_adds_a_small_bonus_for_query_terms() -> None:
    found = candidates(hits(0), {"新建公共充电桩": 0.80, "居住社区": 0.80}, tokens=("充电桩",))
    scores = {s.text: s.score for s in found}
    assert scores["新建公共充电桩3000个。"] > scores["推动居住社区充电设施全覆盖。"]
    assert scores["新建公共充电桩3000个。"] - 0.80 <= 0.05 + 1e-9  # the bonus is at most 0.05


def test_a_sentence_of_a_unit_that_matches_less_as_a_whole_loses_a_near_tie() -> None:
    scores = {"新建公共充电桩": 0.850, "公共充电桩纳入道路养护巡查": 0.856}
    found = [hits(0, 2), {sentence_index(t): v for t, v in scores.items()}]
    plain = candidate_sentences(found[0], CHUNKS, sentence_rows, found[1], SPANS, ())
    assert pick_sentences(plain)[0].chunk.label == "（三）"  # the better single sentence
    weighed = candidate_sentences(found[0], CHUNKS, sentence_rows, found[1], SPANS, (), (0.88, 0.86))
    assert pick_sentences(weighed)[0].chunk.label == "（一）"  # its unit matches better as a whole
    gap = {s.text: s.score for s in plain}["公共充电桩纳入道路养护巡查。"] - {
        s.text: s.score for s in weighed}["公共充电桩纳入道路养护巡查。"]
    assert gap == pytest.approx(UNIT_MATCH_WEIGHT * 0.02)


def test_a_numbering_label_opening_a_section_is_not_quoted() -> None:
    text = "1. 每季度更新数据资源目录。按需开展数据质量评估。"
    chunk = Chunk("rules", "某市数据管理办法", "1.", 1, "", "", "", text, 0, len(text), level="item")
    spans = np.asarray([(0, s, e) for s, e in split_sentences(text)], dtype=np.int32)
    found = candidate_sentences([Hit(chunk, 1.0, chunk_ids=(0,))], [chunk],
                                lambda row: np.arange(len(spans)), {}, spans, ())
    assert found[0].text == "每季度更新数据资源目录。"


def _sentence(rank: int, text: str, score: float, position: int = 0) -> Sentence:
    return Sentence(rank, CHUNKS[rank], text, score, position)


def test_the_best_sentence_comes_first_and_a_clear_loser_stays_out() -> None:
    best = _sentence(1, "优化公交线路20条。", 0.90)
    loser = _sentence(0, "新建公共充电桩3000个。", 0.90 - 3 * JOIN_MARGIN)
    assert pick_sentences([loser, best]) == [best]


def test_a_near_tie_from_the_top_sections_joins_and_the_answer_keeps_at_most_three() -> None:
    near = [_sentence(rank, f"句子{rank}{i}。", 0.90 - 0.001 * (3 * rank + i), i)
            for rank in range(3) for i in range(2)]
    chosen = pick_sentences(near)
    assert len(chosen) == MAX_ANSWER_SENTENCES
    assert chosen[0].hit_rank == 0  # the best section's sentences come first
    far = _sentence(2, "完成农村公路养护工程120公里。", 0.90 - JOIN_MARGIN - 0.01)
    assert far not in pick_sentences([near[0], far])


def test_every_section_mentioning_the_same_long_term_joins() -> None:
    best = _sentence(0, "新建公共充电桩3000个。", 0.90)
    other = _sentence(2, "公共充电桩纳入道路养护巡查。", 0.60)
    unrelated = _sentence(1, "优化公交线路20条。", 0.70)
    chosen = pick_sentences([best, other, unrelated], tokens=("公共充电桩",))
    assert chosen == [best, other]
    # a figure asked ("新建多少个公共充电桩") is answered by the sentence holding it, not every mention
    assert pick_sentences([best, other, unrelated], tokens=("公共充电桩",), figure=True) == [best]


def test_a_free_question_quotes_sentences_each_with_its_section_tag() -> None:
    found = hits(0, 2, 1)
    sentences = candidates(found, {"新建公共充电桩": 0.9, "公共充电桩纳入": 0.5, "优化公交线路": 0.4})
    text, citations = compose_answer(found, sentences, "hybrid", False, top_k=2)
    assert text == f"新建公共充电桩3000个。{cite_tag(CHUNKS[0])}"
    assert [c.number for c in citations] == [1, 3]  # the quoted section first, then the next best, top_k in all
    assert all(c.quote in CHUNKS[c.number - 1].text for c in citations)


def test_citations_name_each_section_once_with_all_its_quoted_sentences() -> None:
    found = hits(0, 1)
    sentences = candidates(found, {"新建公共充电桩": 0.9, "推动居住社区": 0.9 - JOIN_MARGIN / 2})
    text, citations = compose_answer(found, sentences, "hybrid", False, top_k=5)
    both = "新建公共充电桩3000个。推动居住社区充电设施全覆盖。"
    assert text == both + cite_tag(CHUNKS[0])  # one quote, one tag
    assert [c.number for c in citations] == [1, 2] and citations[0].quote == both


def test_several_documents_name_the_document_in_each_tag() -> None:
    found = hits(0)
    text, _ = compose_answer(found, candidates(found, {"新建公共充电桩": 0.9}), "hybrid", False, 5,
                             with_title=True)
    assert f"《{PLAN}》" in text


def test_a_part_question_lists_each_routed_task_under_a_header() -> None:
    found = hits(0, 1, routed=True)
    sentences = candidates(found, {"新建公共充电桩": 0.9, "优化公交线路": 0.8})
    text, citations = compose_answer(found, sentences, "part", True, top_k=1)
    header, *lines = text.split("\n")
    assert header == "第一部分“聚焦绿色出行”包括以下2项任务："
    assert [line.split(" ", 1)[0] for line in lines] == ["1.", "2."]
    assert "（一）完善充电基础设施：" in lines[0] and "（二）推进公交优先发展：" in lines[1]
    assert [c.number for c in citations] == [1, 2]  # every routed task is cited, whatever top_k


def test_a_task_overview_quotes_the_opening_of_the_section() -> None:
    found = hits(1, routed=True)
    sentences = candidates(found, {"新增公交专用道": 0.9})  # the best-scored sentence is not the first
    text, _ = compose_answer(found, sentences, "task", True, top_k=5)
    assert text == "（二）推进公交优先发展：优化公交线路20条。新增公交专用道15公里。"
    text, _ = compose_answer(found, sentences, "task", False, top_k=5)  # a question beyond the name
    assert text == "（二）推进公交优先发展：新增公交专用道15公里。"


def test_a_refusal_names_at_most_three_nearest_sections_and_cites_none_as_support() -> None:
    found = hits(0, 1, 2)
    text, related = refusal(found, candidates(found, {}))
    assert text.startswith(NOT_FOUND) and len(related) == 3
    assert all(f"{c.label}{c.title}" in text for c in related)
    assert refusal([], []) == (NOT_FOUND, [])


def test_a_traditional_article_heading_is_not_quoted() -> None:
    sentence = "因建設需要臨時佔用綠地的，佔用期限不得超過一年。"
    assert strip_label(f"第四條 {sentence}") == sentence
    assert strip_label("第二節 登記") == "登記"


def test_each_question_of_a_q_and_a_units_title_is_its_heading() -> None:
    from assistant.answer.candidates import heading_sentence

    title = "哪些困难群众可以享受参保资助？资助标准是多少？"
    text = f"7．{title}\n对特困人员给予全额资助。资助标准是多少？以当年公布为准。"
    chunk = Chunk("qa", "城乡居民医保参保缴费问答", "7.", 7, title, "", "", text, 0, len(text), level="point")
    assert heading_sentence(chunk, "7．哪些困难群众可以享受参保资助？")
    assert heading_sentence(chunk, "资助标准是多少？")
    assert not heading_sentence(chunk, "对特困人员给予全额资助。")
    plain = Chunk("plan", "某市工作计划", "（一）", 1, "完善充电设施", "", "", "（一）完善充电设施。", 0, 9,
                  level="task")
    assert not heading_sentence(plain, "充电设施够用吗？")  # a title asking nothing


def test_a_title_line_atop_a_notice_is_nothing_to_quote() -> None:
    from assistant.answer.candidates import heading_sentence

    text = "夜间经济试点工作方案\n试点地区要在年底前完成夜市街区改造。"
    chunk = Chunk("notice", "江城市人民政府办公厅关于印发《夜间经济试点工作方案》的通知", "引言", None, "", "", "",
                  text, 0, len(text), level="part")
    assert heading_sentence(chunk, "夜间经济试点工作方案")
    assert not heading_sentence(chunk, "试点地区要在年底前完成夜市街区改造。")


def test_a_part_of_one_unit_with_a_table_is_quoted_once_without_its_title_twice() -> None:
    # A notice's part "二、补贴标准": its heading on a line of its own, a lead-in and a table's rows.
    rows = ["类别：独居老人；标准：每月200元", "类别：失能老人；标准：每月500元", "类别：高龄老人；标准：每月300元"]
    text = "\n".join(["二、补贴标准", "补贴按下表发放：", *rows])
    chunk = Chunk(doc_id="n", doc_title="某市养老服务补贴通知", label="二、", number=2, title="补贴标准", part="二",
                  part_title="补贴标准", text=text, start=0, end=len(text), level="part")
    spans = np.asarray([(0, s, e) for s, e in split_sentences(text)], dtype=np.int32)
    found = [Hit(chunk, 1.0, routed=True, chunk_ids=(0,))]
    sentences = candidate_sentences(found, [chunk], lambda r: np.arange(len(spans)), {}, spans, ())
    assert len(sentences) >= 3  # each row a sentence: each used to bring the whole unit again
    answer, citations = compose_answer(found, sentences, "part", True, top_k=5)
    assert all(answer.count(row) == 1 for row in rows)
    assert answer.count("补贴标准") == 2  # the header's and the unit's label, not the heading line again
    assert citations[0].quote.startswith("补贴按下表发放：") and rows[-1] in citations[0].quote


def test_a_part_answer_names_the_section_its_articles_all_lie_in() -> None:
    from assistant.answer.citing import part_header

    def article(n: int, path: tuple[str, ...]) -> Chunk:
        return Chunk(doc_id="r", doc_title="某市养犬管理条例", label=f"第{n}条", number=n, title="", part="第二章",
                     part_title="登记与年检", text="", start=0, end=0, level="article", path=path)

    one = [article(3, ("第二章", "第一节")), article(4, ("第二章", "第一节"))]
    assert part_header(one, False) == "第二章“登记与年检”第一节包括以下2项："
    both = [one[0], article(5, ("第二章", "第二节"))]
    assert part_header(both, False) == "第二章“登记与年检”包括以下2项："  # two 节: the chapter
    assert part_header([article(6, ("第二章",))], True) == "《某市养犬管理条例》第二章“登记与年检”："


def test_points_of_a_task_that_is_only_a_heading_are_listed_under_it() -> None:
    def unit(label: str, level: str, text: str, path: tuple[str, ...], context: str = "", title: str = "") -> Chunk:
        return Chunk(doc_id="n", doc_title="某市营商环境通知", label=label, number=len(text), title=title, part="二",
                     part_title="强化要素保障", text=text, start=0, end=len(text), level=level, path=path,
                     path_label=label, context=context)

    # （三） is a heading with points below it (no chunk of its own); （四） is a task of one paragraph.
    chunks = [unit("1.", "point", "1.设立转贷应急资金。", ("二、", "（三）"), "（三）强化融资支持"),
              unit("2.", "point", "2.扩大担保覆盖面。", ("二、", "（三）"), "（三）强化融资支持"),
              unit("（四）", "task", "（四）保障用地用能。重点项目应保尽保。", ("二、",), title="保障用地用能")]
    spans = np.asarray([(r, s, e) for r, c in enumerate(chunks) for s, e in split_sentences(c.text)], dtype=np.int32)
    found = [Hit(c, 1.0, routed=True, chunk_ids=(r,)) for r, c in enumerate(chunks)]
    sentences = candidate_sentences(found, chunks, lambda r: np.flatnonzero(spans[:, 0] == r), {}, spans, ())
    text, citations = compose_answer(found, sentences, "part", True, top_k=5)
    header, *lines = text.split("\n")
    assert header == "第二部分“强化要素保障”包括以下2项任务："
    assert lines[0] == "1. （三）强化融资支持：1.设立转贷应急资金。2.扩大担保覆盖面。"
    assert lines[1].startswith("2. （四）保障用地用能") and len(citations) == 3


def test_a_point_s_tag_carries_its_parents_labels() -> None:
    point = Chunk(doc_id="n", doc_title="某市供水通知", label="1.", number=1, title="摸清底数", part="一",
                  part_title="提升供水设施水平", text="1.摸清底数。完成管网普查。", start=0, end=14, level="point",
                  path=("一、", "（一）"), path_label="1.")  # its path is "1." when no other point is 1.
    assert cite_tag(point) == "（一、（一）1.）"
    assert cite_tag(CHUNKS[0]) == "（一）"  # a task: its own label, as before


def test_a_point_s_lead_in_is_not_said_twice_when_the_quote_holds_it() -> None:
    """A long point cut in pieces: a later piece's context is the point's own lead-in, which the quote of the
    whole point already holds ("答：有。…标准如下：" over the rows)."""
    from assistant.answer.extractive import expand

    unit = ("4. 有没有租房补贴？\n答：有。符合条件的可申请租房补贴，标准如下：\n学历：本科；补贴：每月800元\n"
            "学历：博士；补贴：每月2000元")
    piece = Chunk(doc_id="g", doc_title="某市就业政策问答", label="4.", number=4, title="有没有租房补贴？", part="一",
                  part_title="补贴", text=unit.split("\n", 3)[3], start=0, end=0, level="point", path=("一、",),
                  path_label="4.", piece=1, context="答：有。符合条件的可申请租房补贴，标准如下：")
    quoted = expand(Sentence(0, piece, "4. 有没有租房补贴？", 0.9, 0, 0, unit.index("\n"), unit=unit)).text
    assert quoted.count("标准如下：") <= 1 and "每月2000元" in quoted


def test_a_citation_s_reference_is_the_standard_form_with_the_document_s_title() -> None:
    from assistant.answer.citing import citation

    point = Chunk(doc_id="n", doc_title="某市供水通知", label="1.", number=1, title="摸清底数", part="一",
                  part_title="提升供水设施水平", text="1.摸清底数。完成管网普查。", start=0, end=14, level="point",
                  path=("一、", "（一）"), path_label="1.")
    article = Chunk(doc_id="r", doc_title="某市养犬管理条例", label="第十三条", number=13, title="", part="第三章",
                    part_title="管理", text="第十三条 …", start=0, end=6, level="article", path=("第三章",),
                    path_label="第十三条")
    assert citation(point, "完成管网普查。", 0.9).reference == "《某市供水通知》一、（一）1."
    assert citation(article, "…", 0.9, "第二款第（三）项").reference == "《某市养犬管理条例》第十三条第二款第（三）项"
    assert citation(CHUNKS[0], "…", 0.9).reference == f"《{PLAN}》（一）"


def test_a_task_s_points_are_listed_on_its_line() -> None:
    from assistant.answer.citing import routed_lines

    def unit(label: str, level: str, path: tuple[str, ...], title: str = "") -> Chunk:
        return Chunk(doc_id="n", doc_title="某市物业管理通知", label=label, number=1, title=title, part="二",
                     part_title="重点任务", text="", start=0, end=0, level=level, path=path, path_label=label,
                     context="（三）推进智慧物业建设。每年建成5个示范小区。" if level == "point" else "")

    units = [(unit("（三）", "task", ("二、",), "推进智慧物业建设"), "", "每年建成5个示范小区。"),
             (unit("1.", "point", ("二、", "（三）")), "", "推广智能门禁。"),
             (unit("2.", "point", ("二、", "（三）")), "", "建设信息平台。"),
             (unit("（四）", "task", ("二、",), "强化监督"), "", "定期通报。")]
    first, second = routed_lines(units, False)
    assert first == "（三）推进智慧物业建设：每年建成5个示范小区。1.推广智能门禁。2.建设信息平台。"
    assert second == "（四）强化监督：定期通报。"


def test_a_heading_ending_in_a_full_stop_is_not_followed_by_a_colon_too() -> None:
    from assistant.answer.citing import routed_lines

    point = Chunk(doc_id="n", doc_title="某市助餐服务通知", label="1.", number=1, title="", part="一",
                  part_title="重点任务", text="1.新建社区食堂。", start=0, end=9, level="point",
                  path=("一、", "（一）"), path_label="（一）1.", context="（一）扩大助餐服务供给。")
    assert routed_lines([(point, "", "新建社区食堂。")], False) == ["一、（一）扩大助餐服务供给：1.新建社区食堂。"]
