"""The numbering parser on the plan and on documents of other schemes."""

from __future__ import annotations

from assistant.ingest.chunking import build_chunks, split_long
from assistant.ingest.tree import parse_sections

TITLES = [
    "统筹发展规划", "统筹推进落实", "统筹项目建设", "统筹场景应用与标准建设", "深化数据制度支撑",
    "深化数据高效供给", "深化数据开发利用", "深化数据产业发展", "深化数据要素生态培育", "优化机关一体化运行",
    "优化政务便捷化服务", "优化政府智能化支撑", "促进实体经济与数字经济融合发展", "促进数字经济核心产业发展",
    "全域推进新型智慧城市建设", "全面打造高水平智慧社区", "夯实算力基础设施", "夯实数据基础设施",
    "夯实政务基础设施", "夯实量子信息产业发展基础", "强化党建引领", "强化安全保障", "强化人才队伍",
]
PARTS_OF_TASKS = [1] * 4 + [2] * 5 + [3] * 3 + [4] * 2 + [5] * 2 + [6] * 4 + [7] * 3


def test_plan_has_7_parts_and_23_tasks(plan_text: str) -> None:
    sections = parse_sections(plan_text)
    parts = [s for s in sections if s.level == "part"]
    tasks = [s for s in sections if s.level == "task"]
    assert [p.number for p in parts] == list(range(1, 8))
    assert [t.number for t in tasks] == list(range(1, 24))
    assert [t.title for t in tasks] == TITLES
    assert parts[5].title == "聚力数字基础设施建设改革攻坚,在“实”上筑根基"


def test_plan_chunks_carry_labels_parts_and_offsets(plan_text: str) -> None:
    chunks = build_chunks(plan_text, "plan", "工作计划", max_chars=2000)
    preamble, tasks = chunks[0], chunks[1:]
    assert preamble.number is None and preamble.text.startswith("坚持以习近平")
    assert len(tasks) == 23
    for chunk in chunks:
        assert plan_text[chunk.start : chunk.end] == chunk.text
    t17 = tasks[16]
    assert (t17.label, t17.number, t17.title, t17.part) == ("（十七）", 17, "夯实算力基础设施", "六")
    assert "6.5万架" in t17.text
    assert [int(c.number) for c in tasks] == list(range(1, 24))
    assert [c.part for c in tasks] == ["一二三四五六七"[p - 1] for p in PARTS_OF_TASKS]


def test_web_page_trailer_is_not_part_of_the_last_task(plan_text: str) -> None:
    last = build_chunks(plan_text, "plan", "t", max_chars=2000)[-1]
    assert last.text.endswith("打造专业人才队伍。")
    assert "扫一扫" not in last.text


def test_long_tasks_split_along_sentences_and_keep_their_label(plan_text: str) -> None:
    chunks = build_chunks(plan_text, "plan", "t", max_chars=120)
    pieces = [c for c in chunks if c.label == "（十）"]
    assert len(pieces) >= 3
    assert [p.piece for p in pieces] == list(range(len(pieces)))
    assert all(p.text.endswith("。") for p in pieces)
    assert all(plan_text[p.start : p.end] == p.text for p in pieces)
    assert all(p.title == "优化机关一体化运行" and p.number == 10 for p in pieces)


def test_split_long_leaves_short_text_whole() -> None:
    assert split_long("短文本。", 100, 0) == [(0, 4)]


REGULATION = """青岛市公共数据共享管理办法（示例）
第一章 总则
第一条 为规范公共数据共享工作，提升数据供给质量，制定本办法。
第二条 本办法适用于本市行政区域内公共数据的共享活动。
第二章 共享管理
第三条 公共数据以共享为原则，不共享为例外。
数据提供部门应当遵守下列要求：
1.按照目录及时更新数据；
2.保证数据准确完整。
（1）每季度开展一次质量核查；
（2）发现问题及时整改。
第四条 数据使用部门应当按照申请的用途使用数据。
"""


def test_regulation_with_chapters_articles_and_items() -> None:
    # Level names are roles (issue 11): an article's outermost list level is "item" (here 1., as
    # the article has no （一）), the next one "point".
    sections = parse_sections(REGULATION)
    levels = [(s.level, s.label) for s in sections]
    assert levels == [
        ("chapter", "第一章"), ("article", "第一条"), ("article", "第二条"), ("chapter", "第二章"),
        ("article", "第三条"), ("item", "1."), ("item", "2."), ("point", "（1）"),
        ("point", "（2）"), ("article", "第四条"),
    ]
    by_label = {s.label: s for s in sections}
    assert by_label["第三条"].parents == ("第二章",)
    assert by_label["2."].parents == ("第二章", "第三条")
    assert by_label["（2）"].parents == ("第二章", "第三条", "2.")
    assert by_label["第四条"].parents == ("第二章",)
    assert by_label["第一章"].title == "总则"


def test_regulation_chunks_preamble_and_parts() -> None:
    chunks = build_chunks(REGULATION, "reg", "办法", max_chars=2000)
    assert chunks[0].label == "第一条"  # a preamble that is only the title line is no chunk
    # The chunk unit is the article, whole (issue 11); articles are unique, so the path is "第三条".
    assert [c.path_label for c in chunks] == ["第一条", "第二条", "第三条", "第四条"]
    art3 = next(c for c in chunks if c.label == "第三条")
    assert art3.part == "第二章" and art3.part_title == "共享管理"
    assert art3.text.startswith("第三条") and "不共享为例外" in art3.text
    assert art3.text.endswith("（2）发现问题及时整改。")
    for chunk in chunks:
        assert REGULATION[chunk.start : chunk.end] == chunk.text


def test_half_and_full_width_task_brackets_and_markdown_headings() -> None:
    text = ("## 一、总体要求\n（一）加强统筹。全面推进。\n(二)强化保障。落实责任。\n"
            "## 二、工作安排\n1. 组织实施。按期完成。\n")
    sections = parse_sections(text)
    assert [(s.level, s.label, s.title) for s in sections] == [
        ("part", "一、", "总体要求"), ("task", "（一）", "加强统筹"), ("task", "（二）", "强化保障"),
        ("part", "二、", "工作安排"), ("point", "1.", "组织实施"),  # 1. outside an article: point
    ]


def test_decimal_numbers_are_not_headings() -> None:
    assert parse_sections("6.5万架机架。\n2025年目标。\n") == []


NOTICE = "通知\n一、目标\n1. 完成目录。\n2. 建立机制。\n二、任务\n1. 开展普查。\n2. 每季度通报一次，按时报送。\n"


def test_restarting_numbering_gets_unambiguous_path_labels() -> None:
    chunks = build_chunks(NOTICE, "n", "通知", max_chars=2000)
    assert [(c.path_label, c.number, c.title) for c in chunks] == [
        ("一、1.", 1, ""), ("一、2.", 2, ""), ("二、1.", 1, ""), ("二、2.", 2, ""),
    ]  # one-sentence items have no title apart from their content
    assert len({c.key for c in chunks}) == 4


CLOSING_PLAN = "\n".join([
    "南屿市推进智慧停车建设实施方案",
    "一、主要任务",
    "（一）建设停车平台。",
    "2026年底前建成全市统一的智慧停车平台。",
    "（二）推进错时共享。",
    "鼓励机关单位停车场错时开放。",
    "二、保障措施",
    "（一）加强组织领导。",
    "成立市智慧停车工作专班。",
    "（二）做好宣传引导。",
    "每年开展停车政策宣传活动不少于20场。",
    "本方案自印发之日起施行，有效期至2028年12月31日。",
    "附件：1. 南屿市智慧停车重点任务分工表",
    "2. 南屿市公共停车场名录",
])


def test_a_documents_closing_after_its_last_tasks_body_is_the_closing_not_the_task() -> None:
    chunks = build_chunks(CLOSING_PLAN, "plan", "南屿市推进智慧停车建设实施方案")
    last = next(c for c in chunks if c.path_label == "二、（二）")
    closing = next(c for c in chunks if c.label == "结语")
    assert "不少于20场" in last.text and "施行" not in last.text and "附件" not in last.text
    assert closing.text.startswith("本方案自印发之日起施行") and "公共停车场名录" in closing.text


def test_a_closing_alone_under_a_bare_last_heading_stays_that_parts_body() -> None:
    text = "\n".join(["南屿市停车收费管理通知", "一、收费标准", "（一）中心城区每小时5元。",
                      "（二）其他区域每小时3元。", "二、执行时间", "本通知自2026年7月1日起执行，有效期五年。"])
    part = next(c for c in build_chunks(text, "notice", "南屿市停车收费管理通知") if c.label == "二、")
    assert "本通知自2026年7月1日起执行" in part.text
