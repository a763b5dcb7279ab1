"""Pure logic: the structural router and reciprocal-rank fusion."""

from __future__ import annotations

import pytest

from assistant.retrieve.fusion import group_max, reciprocal_rank_fusion
from assistant.retrieve.router import SectionRef, missing_route, route
from assistant.text.chinese import normalize_query
from assistant.text.numerals import int_to_cn

PARTS = {1: "聚力数字青岛建设改革攻坚,在“统”上见真章", 3: "聚力数字政府建设综合改革攻坚,在“优”上攀新高",
         7: "聚力综合保障改革攻坚,在“强”上显担当"}
TASK_PART = {1: 1, 2: 1, 10: 3, 11: 3, 12: 3, 21: 7, 22: 7, 23: 7}
TITLES = {1: "统筹发展规划", 2: "统筹推进落实", 10: "优化机关一体化运行", 11: "优化政务便捷化服务",
          12: "优化政府智能化支撑", 21: "强化党建引领", 22: "强化安全保障", 23: "强化人才队伍"}
REFS = [SectionRef(("plan", f"（{int_to_cn(n)}）"), n, "task", int_to_cn(p), p, PARTS[p], TITLES[n])
        for n, p in TASK_PART.items()]


def numbers(question: str) -> list[int] | None:
    found = route(normalize_query(question), REFS)
    return None if found is None else [int(next(r.number for r in REFS if r.key == k)) for k in found.keys]


@pytest.mark.parametrize(("question", "expected"), [
    ("第十二项任务是什么", [12]), ("（二十三）讲了啥", [23]), ("(十)的内容", [10]), ("任务二十二", [22]),
    ("第1项工作", [1]), ("第 11 项", [11]), ("22条讲的啥", [22]), ("What does task 21 cover?", [21]),
    ("第三部分", [10, 11, 12]), ("第3部分有哪些任务", [10, 11, 12]), ("最后一部分讲啥", [21, 22, 23]),
    ("数字政府建设综合改革攻坚包括哪些任务", [10, 11, 12]), ("在“统”上见真章那部分", [1, 2]),
    ("What is in part three?", [10, 11, 12]), ("强化安全保障这一条说了什么", [22]),
    ("（十二）和（二十一）分别讲什么", [12, 21]),
    ("聚力综合保障改革攻坚有哪些措施", [21, 22, 23]),  # a weaker list cue with the part's whole title
])
def test_routes_named_tasks_and_parts(question: str, expected: list[int]) -> None:
    assert numbers(question) == expected


@pytest.mark.parametrize("question", [
    "新增不少于3个行业专区", "机架总数6.5万架是哪年的目标", "有3项任务吗", "2025年工作重点",
    "数字政府建设有哪些先行先试", "第八部分讲了什么", "第四十项任务",
])
def test_leaves_other_questions_to_search(question: str) -> None:
    assert numbers(question) is None


def test_rrf_hand_computed() -> None:
    fused = dict(reciprocal_rank_fusion([["a", "b", "c"], ["b", "c"]], k=1))
    assert fused["a"] == pytest.approx(1 / 2)
    assert fused["b"] == pytest.approx(1 / 3 + 1 / 2)
    assert fused["c"] == pytest.approx(1 / 4 + 1 / 3)
    order = [item for item, _ in reciprocal_rank_fusion([["a", "b", "c"], ["b", "c"]], k=1)]
    assert order == ["b", "c", "a"]


def test_rrf_weights_and_errors() -> None:
    fused = reciprocal_rank_fusion([["a"], ["b"]], k=0, weights=[1.0, 3.0])
    assert fused == [("b", 3.0), ("a", 1.0)]
    with pytest.raises(ValueError):
        reciprocal_rank_fusion([["a"]], weights=[1.0, 2.0])


def test_group_max_keeps_best_per_group() -> None:
    assert group_max([(1, 0.2), (2, 0.9), (3, 0.5)], {1: "x", 2: "y", 3: "x"}) == [("y", 0.9), ("x", 0.5)]


def test_normalize_query_folds_width_and_traditional() -> None:
    assert normalize_query("  全市資料中心　標準機架（十七）  ") == "全市数据中心 标准机架(十七)"


def test_normalize_query_writes_a_pinyin_document_number_in_chinese() -> None:
    assert normalize_query("Who issued Guo Fa [2025] No. 9?") == "Who issued 国发〔2025〕9号?"
    assert normalize_query("What does Guobanfa (2018) 118 say") == "What does 国办发〔2018〕118号 say"
    assert normalize_query("guo ban han [2018] No.71") == "国办函〔2018〕71号"
    assert normalize_query("Guo Fa 2025 9") == "Guo Fa 2025 9"  # no brackets: not read as a number


def test_a_part_without_units_at_the_leaf_level_routes_to_its_own_units() -> None:
    # An opinion whose most common level is 1./2. points, with one part made of （一）（二） tasks.
    refs = [SectionRef(("op", "一、（一）"), 1, "task", "一", 1, "总体要求", "坚持统筹", "part"),
            SectionRef(("op", "一、（二）"), 2, "task", "一", 1, "总体要求", "坚持创新", "part")]
    refs += [SectionRef(("op", f"{n}."), n, "point", "二", 2, "重点任务", f"任务要点{n}", "part") for n in range(1, 6)]
    found = route(normalize_query("总体要求有哪些"), refs)
    assert found is not None and found.kind == "part"
    assert [k[1] for k in found.keys] == ["一、（一）", "一、（二）"]


# An opinion whose tasks （三）（四） are split into 1./2. points, each point a unit of its own.
POINTS = [SectionRef(("op", "（一）"), 1, "task", "一", 1, "总体要求", "指导思想", "part")]
POINTS += [SectionRef(("op", f"（{int_to_cn(t)}）{n}."), n, "point", "二", 2, "重点任务", f"要点{t}{n}", "part")
           for t in (3, 4) for n in (1, 2, 3)]


@pytest.mark.parametrize(("question", "expected"), [
    ("（三）讲什么", ["（三）1.", "（三）2.", "（三）3."]),     # the task: every point under it
    ("实施意见(四)是什么内容", ["（四）1.", "（四）2.", "（四）3."]),
    ("（四）2.讲什么", ["（四）2."]),                          # one point, either bracket width
    ("(三)3.", ["（三）3."]),
    ("（一）是什么", ["（一）"]),                              # a task with its own unit
])
def test_a_task_split_into_points_routes_to_its_points(question: str, expected: list[str]) -> None:
    found = route(normalize_query(question), POINTS)
    assert found is not None and [k[1] for k in found.keys] == expected


def test_a_part_numeral_before_a_task_picks_that_parts_task() -> None:
    # Numbering restarts in each part: both parts have a （二） split into points.
    refs = [SectionRef(("op", f"{p}、（二）{n}."), n, "point", p, i, t, f"要点{p}{n}", "part")
            for i, (p, t) in enumerate((("一", "总体要求"), ("二", "重点任务")), 1) for n in (1, 2)]
    found = route(normalize_query("二、（二）讲什么"), refs)
    assert found is not None and [k[1] for k in found.keys] == ["二、（二）1.", "二、（二）2."]


def test_points_whose_own_label_does_not_name_their_task_route_by_their_parents() -> None:
    # "1." … "3." under 一、（二） (their path labels are short when unique in the document).
    refs = [SectionRef(("op", f"{n}."), n, "point", "一", 1, "总体要求", f"原则{n}", "part", ("一、", "（二）"))
            for n in (1, 2, 3)]
    refs.append(SectionRef(("op", "二、（二）"), 2, "task", "二", 2, "重点任务", "完善标准", "part", ("二、",)))
    found = route(normalize_query("一、（二）讲了什么"), refs)
    assert found is not None and [k[1] for k in found.keys] == ["1.", "2.", "3."]


@pytest.mark.parametrize(("question", "kind", "keys"), [
    ("（四）2是什么内容", "task", ["（四）2."]),           # without the dot
    ("（三）第1点是什么", "task", ["（三）1."]),
    ("（三）5.讲什么", "missing", []),                    # （三） has points 1-3 only
])
def test_a_point_of_a_task_is_found_or_reported_missing(question: str, kind: str, keys: list[str]) -> None:
    found = route(normalize_query(question), POINTS)
    assert found is not None and found.kind == kind and [k[1] for k in found.keys] == keys


@pytest.mark.parametrize(("question", "kind", "keys"), [
    ("二、（二）第1点是什么", "task", ["二、（二）1."]),     # the part numeral picks part 二's （二）
    ("一、（二）第2点讲什么", "task", ["2."]),              # points labelled short, found by their parents
    ("二、（二）第5点", "missing", []),                    # 二、（二） has points 1-2 only
    ("二、（二）讲什么", "task", ["二、（二）"]),             # no point asked: the task's own unit
    ("（二）第1点", "task", ["1.", "二、（二）1."]),         # no part numeral: every （二）'s point 1
    ("二、（二）第一点是什么", "task", ["二、（二）1."]),     # the point's number in Chinese numerals
    ("二、（二）的第2点有什么要求", "task", ["二、（二）2."]),
    ("二.（二）第1点", "task", ["二、（二）1."]),            # a full stop for the 、
    ("二、（三）讲什么", "missing", []),                    # part 二 has no （三）: not another part's
    ("四、（二）第1点", "missing", []),                     # no part 四
    ("二、（二）第1点和一、（二）第2点分别讲什么", "task", ["二、（二）1.", "2."]),  # both points asked
    ("二、（二）第5点和二、（二）第2点", "task", ["二、（二）2."]),    # the one that exists
    ("第二部分第（二）项第1点讲什么", "task", ["二、（二）1."]),  # the part by its number in words
    ("第一部分（二）2.是什么", "task", ["2."]),
    ("第二部分（二）第5点", "missing", []),
    ("第二部分第（二）项讲了什么", "task", ["二、（二）", "二、（二）1.", "二、（二）2."]),  # the task with its points
    ("第二部分第（四）项", "missing", []),  # part 二 has no （四）: not the whole part
])
def test_a_point_after_a_part_and_task_label_is_the_point_of_that_part(question: str, kind: str,
                                                                       keys: list[str]) -> None:
    # Numbering restarts in each part; 二、（二） has its own unit (a lead-in) and points of its own.
    refs = [SectionRef(("op", f"{n}."), n, "point", "一", 1, "总体要求", f"原则{n}", "part", ("一、", "（二）"))
            for n in (1, 2, 3)]
    refs.append(SectionRef(("op", "二、（二）"), 2, "task", "二", 2, "重点任务", "完善标准", "part", ("二、",)))
    refs += [SectionRef(("op", f"二、（二）{n}."), n, "point", "二", 2, "重点任务", f"标准{n}", "part",
                        ("二、", "（二）")) for n in (1, 2)]
    found = route(normalize_query(question), refs)
    assert found is not None and found.kind == kind and [k[1] for k in found.keys] == keys
    if kind == "missing" and "部分" in question:  # the refusal names the part asked about
        assert found.reference.startswith("第二部分")


def test_default_rrf_constant_is_the_one_calibration_uses() -> None:
    from assistant.retrieve.fusion import DEFAULT_RRF_K
    from assistant.settings import Settings

    # the refusal model is fitted at ingest with DEFAULT_RRF_K; a different default would skew it
    assert Settings(_env_file=None).rrf_k == DEFAULT_RRF_K


def test_a_task_title_above_its_points_names_the_points() -> None:
    from assistant.retrieve.lookup import heading_title

    assert heading_title("（二）基本原则。") == "基本原则"
    assert heading_title("三、保障措施：") == "保障措施"
    assert heading_title("第十一条　平台公司不得有下列行为：") == ""         # an article's lead-in
    assert heading_title("（二）推进数据共享。各地区要加快数据共享，建立目录。") == ""  # running text
    refs = [SectionRef(("op", "（一）"), 1, "task", "一", 1, "总体要求", "指导思想", "part")]
    refs += [SectionRef(("op", f"（二）{n}."), n, "point", "一", 1, "总体要求", title, "part", ("一、", "（二）"),
                        "基本原则") for n, title in ((1, "坚持便民利民"), (2, "坚持安全可控"))]
    refs += [SectionRef(("op", f"（三）{n}."), n, "point", "二", 2, "重点任务", f"要点{n}", "part", ("二、", "（三）"))
             for n in (1, 2)]
    found = route(normalize_query("社保卡服务的基本原则是什么"), refs)
    assert found is not None and found.kind == "task" and found.reference == "基本原则"
    assert [k[1] for k in found.keys] == ["（二）1.", "（二）2."]
    one = route(normalize_query("坚持安全可控是什么意思"), refs)   # a point's own title: that point
    assert one is not None and [k[1] for k in one.keys] == ["（二）2."]
    assert route(normalize_query("社保卡服务有哪些原则"), refs) is None  # not the title: searched


def test_a_heading_of_two_clauses_names_its_points_by_either_clause_when_a_list_is_asked() -> None:
    from assistant.retrieve.lookup import heading_title

    assert heading_title("（三）优化审批流程，打造便民服务窗口。") == "优化审批流程，打造便民服务窗口"
    assert heading_title("（三）优化流程，精简材料，压缩时限。") == "优化流程，精简材料，压缩时限"
    assert heading_title("（三）优化流程，精简材料，压缩时限，方便群众。") == ""  # four clauses: running text
    heading = heading_title("（三）优化审批流程，打造便民服务窗口。")
    refs = [SectionRef(("op", f"{n}."), n, "point", "二", 2, "主要任务", title, "part", ("二、", "（三）"), heading)
            for n, title in ((5, "精简申请材料"), (6, "推行帮办代办"))]
    refs += [SectionRef(("op", "7."), 7, "point", "二", 2, "主要任务", "扩大开放", "part", ("二、", "（四）"),
                        "深化对外合作，打造开放高地")]
    for question in ("打造便民服务窗口有哪些措施", "优化审批流程那一部分讲了什么",
                     "优化审批流程，打造便民服务窗口讲了什么"):
        found = route(normalize_query(question), refs)
        assert found is not None and found.kind == "task", question
        assert [k[1] for k in found.keys] == ["5.", "6."], question
    for fact in ("打造便民服务窗口需要多少资金", "打造便民服务窗口的任务由哪个部门牵头",
                 "优化审批流程这部分有多少资金"):
        assert route(normalize_query(fact), refs) is None, fact  # a fact asked, not the list: searched


def test_a_part_lists_its_tasks_without_points_beside_the_points_of_the_others() -> None:
    refs = [SectionRef(("op", f"（一）{n}."), n, "point", "二", 2, "重点任务", f"要点{n}", "part", ("二、", "（一）"))
            for n in (1, 2)]
    refs += [SectionRef(("op", "（二）"), 2, "task", "二", 2, "重点任务", "加强安全管理", "part", ("二、",))]
    refs += [SectionRef(("op", f"（三）{n}."), n, "point", "三", 3, "保障措施", f"措施{n}", "part", ("三、", "（三）"))
             for n in (1, 2, 3)]
    found = route(normalize_query("第二部分有哪些任务"), refs)
    assert found is not None and found.kind == "part"
    assert [k[1] for k in found.keys] == ["（一）1.", "（一）2.", "（二）"]  # （二） has no points: listed itself
    third = route(normalize_query("第三部分有哪些任务"), refs)
    assert third is not None and [k[1] for k in third.keys] == ["（三）1.", "（三）2.", "（三）3."]


@pytest.mark.parametrize(("question", "expected"), [
    ("第三项任务讲了什么", ["（三）1.", "（三）2.", "（三）3."]),   # a task split into points: its points
    ("第一项任务是什么", ["（一）"]),                            # a task of its own among split ones
])
def test_a_task_named_by_its_number_in_a_document_of_points(question: str, expected: list[str]) -> None:
    found = route(normalize_query(question), POINTS)
    assert found is not None and [k[1] for k in found.keys] == expected


# An opinion numbering its tasks again in each part: 二、（三） split into points, 三、（三） a task of its own.
RESTARTS = [SectionRef(("op", "一、（一）"), 1, "task", "一", 1, "总体要求", "指导思想", "part", ("一、",)),
            SectionRef(("op", "二、（三）1."), 1, "point", "二", 2, "重点任务", "要点一", "part", ("二、", "（三）")),
            SectionRef(("op", "二、（三）2."), 2, "point", "二", 2, "重点任务", "要点二", "part", ("二、", "（三）")),
            SectionRef(("op", "三、（三）"), 3, "task", "三", 3, "保障措施", "强化督导", "part", ("三、",))]


def test_an_article_number_is_no_task_of_a_document_numbering_tasks_again_in_each_part() -> None:
    found = route(normalize_query("意见第三条讲了什么"), RESTARTS)
    assert found is None or not found.keys  # two （三）: neither is its 第三条
    through = [r for r in RESTARTS if r.key[1] != "三、（三）"]  # one （三）, in one part: its 第三条
    found = route(normalize_query("意见第三条讲了什么"), through)
    assert found is not None and [k[1] for k in found.keys] == ["二、（三）1.", "二、（三）2."]


# A regulation whose 第二章 has two 节 and whose 第三章 has none.
SECTIONED = [SectionRef(("reg", f"第{int_to_cn(n)}条"), n, "article", chapter, c, title, f"条{n}", "chapter",
                        (chapter, *sections))
             for n, chapter, c, title, sections in (
                 (1, "第一章", 1, "总则", ()), (2, "第二章", 2, "登记", ("第一节",)),
                 (3, "第二章", 2, "登记", ("第一节",)), (4, "第二章", 2, "登记", ("第二节",)),
                 (5, "第三章", 3, "罚则", ()))]


@pytest.mark.parametrize(("question", "kind", "keys", "reference"), [
    ("第二章第一节讲了什么", "part", ["第二条", "第三条"], "第二章第一节"),
    ("第二章的第2节有哪些规定", "part", ["第四条"], "第二章的第2节"),
    ("第二章讲了什么", "part", ["第二条", "第三条", "第四条"], "第二章"),  # the whole chapter
    ("第二章第三节", "missing", [], "第二章第三节"),       # no such 节: not the whole chapter
    ("第三章第一节", "missing", [], "第三章第一节"),       # a chapter without 节
])
def test_a_section_of_a_chapter_is_its_articles_only(question: str, kind: str, keys: list[str],
                                                     reference: str) -> None:
    found = route(normalize_query(question), SECTIONED)
    assert found is not None and (found.kind, [k[1] for k in found.keys]) == (kind, keys)
    assert found.reference == reference


def test_a_traditional_document_s_inserted_article_and_section_are_found_by_a_folded_question() -> None:
    # Labels keep the document's script (條, 節); questions arrive folded to simplified.
    refs = [SectionRef(("tw", label), n, "article", "第一章", 1, "總則", "", "chapter", ("第一章", section))
            for label, n, section in (("第三條", 3, "第一節"), ("第四條", 4, "第二節"), ("第四條之一", 4, "第二節"))]
    found = route(normalize_query("第四條之一是什麼？"), refs)
    assert found is not None and [k[1] for k in found.keys] == ["第四條之一"]  # not 第四條 as well
    found = route(normalize_query("第一章第二節有哪些規定？"), refs)
    assert found is not None and (found.kind, [k[1] for k in found.keys]) == ("part", ["第四條", "第四條之一"])


@pytest.mark.parametrize(("question", "expected"), [
    ("意见三（三）讲了什么", ["三、（三）"]),            # the 、 left out after the part's numeral
    ("意见二(三)", ["二、（三）1.", "二、（三）2."]),
])
def test_a_part_numeral_written_straight_before_a_task_names_the_path(question: str, expected: list[str]) -> None:
    found = route(normalize_query(question), RESTARTS)
    assert found is not None and [k[1] for k in found.keys] == expected


def test_a_whole_task_among_points_is_named_by_its_title() -> None:
    point = SectionRef(("op", "二、（四）1."), 1, "point", "二", 2, "重点任务", "要点三", "part", ("二、", "（四）"))
    found = route(normalize_query("关于“强化督导”有哪些要求"), [*RESTARTS, point])
    assert found is not None and [k[1] for k in found.keys] == ["三、（三）"]


def test_the_points_of_the_one_task_split_into_them_are_named_by_its_heading() -> None:
    # whole tasks are the leaf level; （二）基本原则 alone is a heading over points 1. 2.
    refs = [SectionRef(("op", "（一）"), 1, "task", "一", 1, "总体要求", "指导思想", "part", ("一、",)),
            *[SectionRef(("op", f"{n}."), n, "point", "一", 1, "总体要求", t, "part", ("一、", "（二）"), "基本原则")
              for n, t in ((1, "政府引导"), (2, "居民自愿"))],
            SectionRef(("op", "（三）"), 3, "task", "二", 2, "重点任务", "试点范围", "part", ("二、",)),
            SectionRef(("op", "（四）"), 4, "task", "二", 2, "重点任务", "资金支持", "part", ("二、",))]
    found = route(normalize_query("工作方案的基本原则有哪些"), refs)
    assert found is not None and [k[1] for k in found.keys] == ["1.", "2."]


def test_an_attachment_no_document_mentions_is_missing() -> None:
    text = "现将《行动计划》印发给你们。\n附件1\n行动计划\n一、总体目标"
    found = missing_route(normalize_query("通知的附件3是什么"), text)
    assert found is not None and found.kind == "missing" and found.reference == "附件3"
    assert missing_route(normalize_query("通知的附件1是什么"), text) is None  # its heading is in the text: searched


def test_an_article_of_an_attachment_is_named_with_it() -> None:
    law = [SectionRef(("law", f"第{int_to_cn(n)}条"), n, "article", "", None, "", "") for n in (1, 2, 3)]
    rule = [SectionRef(("notice", f"附件2 第{int_to_cn(n)}条"), n, "article", "附件2", None, "资金管理办法", "",
                       parents=("附件2",)) for n in (1, 2, 3)]
    refs = [*law, SectionRef(("notice", "一、"), 1, "part", "一", 1, "目标", ""), *rule]
    for question in ("What does Article 3 of Attachment 2 say?", "附件二的第三条讲了什么", "Annex 2, Article 3"):
        found = route(normalize_query(question), refs)
        assert found is not None and found.keys == (("notice", "附件2 第三条"),), question
    found = route(normalize_query("附件2第九条"), refs)
    assert found is not None and found.kind == "missing" and found.reference == "附件2第九条"
    found = route(normalize_query("附件2讲了什么"), refs)
    assert found is not None and [k[1] for k in found.keys] == ["附件2 第一条", "附件2 第二条", "附件2 第三条"]


@pytest.mark.parametrize(("question", "keys"), [("第3点是什么内容", ["3."]), ("实施意见第四点讲了什么", ["4."]),
                                                ("第1点", ["1."])])
def test_a_point_numbered_across_the_text_is_looked_up_by_its_number(question: str, keys: list[str]) -> None:
    # An opinion whose points run 1.-4. across its tasks （一） and （二）: "第3点" is point 3.
    refs = [SectionRef(("op", f"{n}."), n, "point", "二", 2, "重点任务", f"举措{n}", "part",
                       ("二、", "（一）" if n < 3 else "（二）")) for n in (1, 2, 3, 4)]
    found = route(normalize_query(question), refs)
    assert found is not None and found.kind == "task" and [k[1] for k in found.keys] == keys
