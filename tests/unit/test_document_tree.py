"""The document tree: levels by meaning, whole units, paths, cross-references (inputs written by us)."""

from __future__ import annotations

import itertools
from pathlib import Path

from assistant.ingest.chunking import build_chunks
from assistant.ingest.documents import document_from_bytes, join_spaced_labels
from assistant.ingest.structure import parse_tree
from assistant.ingest.tree import document_nodes, segments
from assistant.store.folder import passage_text

LAW = """第一章 总则
第一条 为了规范共享充电设施管理，制定本条例。
第二条 充电设施运营者应当遵守下列规定：
（一）公示收费标准；
（二）定期检修设施；
（三）及时处理投诉。
违反前款规定的，由主管部门责令改正。
第二章 运营管理
第一节 一般规定
第三条 运营者应当建立安全管理制度。
第二节 收费管理
第四条 收费标准实行明码标价。
第五条 本条例自2026年1月1日起施行。
"""


def _flat(text: str) -> list:
    return [n for n in parse_tree(text).walk() if n.role != "root"]


def _node(text: str, label: str):
    return next(n for n in _flat(text) if n.label == label)


def test_sections_nest_under_chapters_and_articles_under_sections() -> None:
    sec1, art3, art4 = _node(LAW, "第一节"), _node(LAW, "第三条"), _node(LAW, "第四条")
    assert sec1.role == "section" and [a.label for a in sec1.ancestors()] == ["第二章"]
    assert [a.label for a in art3.ancestors()] == ["第二章", "第一节"]
    assert [a.label for a in art4.ancestors()] == ["第二章", "第二节"]


def test_article_keeps_its_lead_in_and_the_paragraph_after_its_items() -> None:
    art2 = _node(LAW, "第二条")
    items = [c for c in art2.children]
    assert [(c.role, c.label) for c in items] == [("item", "（一）"), ("item", "（二）"), ("item", "（三）")]
    own = [LAW[s:e] for s, e in segments(LAW, art2.lines)]
    assert own[0].endswith("遵守下列规定：") and own[-1] == "违反前款规定的，由主管部门责令改正。"
    last_item = items[-1]
    assert [LAW[s:e] for s, e in last_item.lines] == ["（三）及时处理投诉。"]
    chunk = next(c for c in build_chunks(LAW, "law", "条例", 2000) if c.label == "第二条")
    assert chunk.text.startswith("第二条 充电设施运营者") and chunk.text.endswith("责令改正。")
    assert "（二）定期检修设施；" in chunk.text


def test_every_character_belongs_to_exactly_one_unit() -> None:
    root = parse_tree(LAW)
    owned = sorted(span for n in root.walk() for span in n.lines)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(owned))  # no overlap
    lines = [(i, i + len(line)) for i, line in _offsets(LAW) if line.strip()]
    assert owned == lines  # every non-blank line is owned


def _offsets(text: str):
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1


def test_chunks_are_articles_with_paths_by_article_number() -> None:
    chunks = build_chunks(LAW, "law", "条例", 2000)
    assert [c.path_label for c in chunks] == ["第一条", "第二条", "第三条", "第四条", "第五条"]
    assert {c.level for c in chunks} == {"article"}
    assert all(LAW[c.start : c.end] == c.text for c in chunks)
    art3 = chunks[2]
    assert art3.part == "第二章" and art3.path == ("第二章", "第一节")


def test_sections_that_restart_under_chapters_are_named_with_their_chapter() -> None:
    text = "第一章 总则\n第一节 定义\n第一条 甲。\n第二章 管理\n第一节 登记\n第二条 乙。\n第二节 变更\n第三条 丙。\n"
    paths = {n.path for n in document_nodes(text) for n in _all(n)}
    assert {"第一章 第一节", "第二章 第一节", "第二章 第二节", "第一条", "第三条"} <= paths


def _all(node):
    yield node
    for child in node.children:
        yield from _all(child)


def test_traditional_unit_words_are_recognised() -> None:
    text = "第一章 總則\n第一條 為了規範管理，制定本辦法。\n第一節 適用範圍\n第二條 本辦法適用於本市。\n"
    roles = [(n.role, n.label) for n in _flat(text)]
    assert roles == [("chapter", "第一章"), ("article", "第一條"), ("section", "第一節"), ("article", "第二條")]


def test_arabic_and_full_width_article_numbers_and_items() -> None:
    text = ("第１条 为加快推广，制定本细则。\n第２条 补贴标准如下：\n１．纯电动车每辆补贴五千元；\n"
            "２．混合动力车每辆补贴三千元。\n第３条 本细则自发布之日起施行。\n")
    chunks = build_chunks(text, "b", "细则", 2000)
    assert [c.label for c in chunks] == ["第一条", "第二条", "第三条"]
    art2 = _node(text, "第二条")
    assert [(c.role, c.label) for c in art2.children] == [("item", "1."), ("item", "2.")]
    assert "混合动力车" in chunks[1].text and chunks[1].text.startswith("第２条 补贴标准如下：")


def test_half_width_bracket_items_inside_an_article() -> None:
    text = ("第一条 本规定下列用语的含义：\n(一)电子证照，是指电子形式的证件。\n"
            "(二)电子印章，是指电子形式的印章(以下简称印章)。\n")
    art = _node(text, "第一条")
    assert [(c.role, c.label) for c in art.children] == [("item", "（一）"), ("item", "（二）")]


def test_wrapped_cross_reference_is_not_a_heading() -> None:
    text = ("第一条 为规范补助发放，制定本办法。\n第二条 每户给予一次性补助。\n第三条 符合本办法\n"
            "第二条规定条件但已享受市级补助的，按差额发放。\n第四条 本办法自公布之日起施行。\n")
    chunks = build_chunks(text, "x", "办法", 2000)
    assert [c.label for c in chunks] == ["第一条", "第二条", "第三条", "第四条"]
    assert chunks[2].text.endswith("按差额发放。")


def test_wrapped_item_cross_reference_is_not_an_item() -> None:
    text = "第一条 有下列情形之一的，依照本条第一款\n（二）项规定处理：\n（一）逾期未改正；\n（二）拒不配合。\n"
    art = _node(text, "第一条")
    assert [c.label for c in art.children] == ["（一）", "（二）"]


def test_article_numbers_must_continue_unless_set_apart() -> None:
    # a gap is accepted when the label stands apart ("第五条 ……"), a glued going-back number is not
    text = "第一条 甲。\n第二条 乙，依照\n第一条的规定执行。\n第五条 戊。\n"
    assert [n.label for n in _flat(text)] == ["第一条", "第二条", "第五条"]


def test_restarting_points_get_their_part_in_the_path() -> None:
    text = "一、目标\n1. 完成目录。\n2. 建立机制。\n二、任务\n1. 开展普查。\n2. 按季通报。\n"
    chunks = build_chunks(text, "n", "通知", 2000)
    assert [(c.path_label, c.level) for c in chunks] == [
        ("一、1.", "point"), ("一、2.", "point"), ("二、1.", "point"), ("二、2.", "point")]


def test_a_point_names_its_task_as_the_task_names_itself() -> None:
    # tasks restart in each part ("二、（二）", "三、（二）"); only part 二's （二） has points, yet
    # "（二）1." would read as any part's （二）: the point's path carries its task's whole path
    text = ("一、总体要求\n（一）指导思想。坚持引导。\n（二）工作目标。扩大供给。\n二、重点任务\n（一）扩大供给。\n"
            "1. 支持社区办托。\n（二）加强队伍。\n1. 比例不低于1:5。\n2. 每年培训。\n"
            "三、保障措施\n（二）用地保障。配套建设。\n")
    paths = {c.path_label: c.level for c in build_chunks(text, "y", "意见", 2000)}
    assert {"一、（二）", "三、（二）"} <= set(paths)
    assert [p for p, level in paths.items() if level == "point"] == ["二、（一）1.", "二、（二）1.", "二、（二）2."]


def test_a_point_may_open_with_a_year() -> None:
    text = "一、申报条件\n（一）规模要求。同时满足下列条件：\n1.2024年度营业收入在1000万元以上；\n2.投入不低于1.5倍。\n"
    points = [c for c in build_chunks(text, "y", "通知", 2000) if c.level == "point"]
    assert [c.label for c in points] == ["1.", "2."]
    assert "1.5倍" in points[1].text  # a decimal is no label


def test_a_points_only_sentence_is_no_title_beside_a_note_or_with_a_figure() -> None:
    text = ("二、重点任务\n（三）推进居家改造。\n1. 加快加装电梯，2026年底前新增加装电梯5万部。各地要统筹推进。\n"
            "2. 医院等场所应当保留现金支付方式。（牵头单位：人民银行）\n（四）保障措施。加强督促检查。\n")
    chunks = {c.path_label: c for c in build_chunks(text, "y", "意见", 2000)}
    assert chunks["1."].title == ""  # its first sentence holds figures: content, not a heading
    assert chunks["2."].title == ""  # one sentence and a lead department in brackets
    assert chunks["（四）"].title == "保障措施"


def test_tasks_that_never_restart_keep_short_paths() -> None:
    text = ("一、总体要求\n（一）加强统筹。统一部署。\n二、重点任务\n（二）完善制度。健全机制。\n"
            "（三）强化考核。定期通报。\n")
    assert [c.path_label for c in build_chunks(text, "p", "计划", 2000)] == ["（一）", "（二）", "（三）"]


def test_paragraph_after_a_list_of_one_paragraph_tasks_belongs_to_the_part() -> None:
    text = ("一、保障措施\n（一）加强领导。各地要高度重视。\n（二）强化考核。纳入年度考核。\n"
            "未纳入试点的地区，可参照本方案执行。\n")
    chunks = build_chunks(text, "p", "方案", 2000)
    assert [(c.path_label, c.level) for c in chunks] == [("（一）", "task"), ("（二）", "task"), ("一、", "part")]
    assert chunks[1].text == "（二）强化考核。纳入年度考核。"
    assert chunks[2].text == "未纳入试点的地区，可参照本方案执行。"


def test_a_closing_paragraph_after_tasks_with_points_belongs_to_the_part() -> None:
    text = ("二、保障措施\n（三）强化资金支持。具体如下：\n1.设立专项资金。\n2.扩大担保覆盖面。\n"
            "（四）保障用地。重点项目应保尽保。\n各区要高度重视，于每年12月底前报送落实情况。\n")
    chunks = build_chunks(text, "p", "通知", 2000)
    assert [c.path_label for c in chunks] == ["（三）", "1.", "2.", "（四）", "二、"]
    assert chunks[3].text == "（四）保障用地。重点项目应保尽保。"
    assert chunks[4].text == "各区要高度重视，于每年12月底前报送落实情况。"


def test_a_last_task_headed_by_a_short_sentence_keeps_its_body_when_the_others_head_points() -> None:
    # a crawled page: "（四）强化人才支撑。" and its body in two paragraphs, after tasks with points
    text = ("二、重点任务\n（三）丰富节庆活动。\n1.每年举办乡村旅游季。\n2.建成露营地50个。\n"
            "（四）强化人才支撑。\n每年培训乡村旅游人才不少于1万人次，给予一次性创业补贴5000元。\n")
    chunks = build_chunks(text, "p", "意见", 2000)
    task = next(c for c in chunks if c.path_label == "（四）")
    assert "创业补贴5000元" in task.text and not any(c.path_label == "二、" for c in chunks)


def test_a_last_part_that_is_a_bare_heading_keeps_its_body() -> None:
    # parts with tasks, then "四、联系方式" over two lines of its own: they are part 四's, not the preamble's
    text = ("前言段落。\n三、申报时间\n（一）企业申报。7月1日至7月31日。\n（二）区级初审。8月15日前完成。\n"
            "四、联系方式\n经信局中小企业处，联系电话：0571-88061234。\n财政局经建处，联系电话：0571-88069876。\n")
    chunks = build_chunks(text, "n", "通知", 2000)
    part = next(c for c in chunks if c.path_label == "四、")
    assert "88061234" in part.text and "88069876" in part.text
    assert not any("88061234" in c.text for c in chunks if c.level == "preamble")


def test_a_closing_paragraph_after_a_last_task_with_points_belongs_to_the_part() -> None:
    text = ("二、重点任务\n（一）规范收费。实行明码标价。\n（二）推进智慧物业。每年建成5个示范小区。\n"
            "1.推广智能门禁。\n2.建设信息平台。\n各区要高度重视，于每年12月底前报送工作情况。\n")
    chunks = build_chunks(text, "p", "通知", 2000)
    # tasks from （一） in one later part only name it (see the next test)
    assert [c.path_label for c in chunks] == ["二、（一）", "二、（二）", "1.", "2.", "二、"]
    assert chunks[1].text == "（二）推进智慧物业。每年建成5个示范小区。" and chunks[3].text == "2.建设信息平台。"


def test_tasks_from_one_in_a_single_later_part_are_named_with_it() -> None:
    notice = ("一、支持企业上云。给予补贴。\n二、支持改造。给予奖励。\n三、其他事项\n（一）本措施适用于本市企业。\n"
              "（二）本措施自印发之日起施行。\n")
    paths = [c.path_label for c in build_chunks(notice, "p", "通知", 2000)]
    assert paths == ["一、", "二、", "三、（一）", "三、（二）"]
    plan = "二、重点任务\n（三）规范收费。实行明码标价。\n（四）推进智慧物业。每年建成5个示范小区。\n"  # numbers run on
    assert [c.path_label for c in build_chunks(plan, "p", "计划", 2000)] == ["（三）", "（四）"]
    first = "一、重点任务\n（一）规范收费。实行明码标价。\n（二）推进智慧物业。每年建成5个示范小区。\n"
    assert [c.path_label for c in build_chunks(first, "p", "计划", 2000)] == ["（一）", "（二）"]


def test_part_lead_in_is_its_own_chunk_and_title_lines_are_not() -> None:
    text = ("一、试点任务\n试点地区要重点做好以下工作：\n（一）建设平台。统一部署。\n（二）形成规范。统一标准。\n"
            "二、工作要求\n（三）按期完成。及时报送。\n")
    chunks = build_chunks(text, "p", "方案", 2000)
    assert [c.path_label for c in chunks] == ["一、", "（一）", "（二）", "（三）"]
    assert chunks[0].text == "一、试点任务\n试点地区要重点做好以下工作："


def test_long_article_is_split_along_items_and_pieces_carry_the_lead_in() -> None:
    items = "\n".join(f"（{n}）第{n}类主体应当在规定期限内报送年度数据质量报告并接受抽查；" for n in "一二三四五六")
    text = f"第八条 下列主体应当履行数据质量报告义务：\n{items}\n报告格式由市主管部门另行规定。\n"
    chunks = build_chunks(text, "d", "办法", max_chars=80)
    assert len(chunks) >= 3 and {c.path_label for c in chunks} == {"第八条"}
    assert [c.piece for c in chunks] == list(range(len(chunks)))
    assert all(text[c.start : c.end] == c.text for c in chunks)
    for chunk in chunks[1:]:
        assert chunk.context == "第八条 下列主体应当履行数据质量报告义务：" and chunk.context not in chunk.text
        assert chunk.text.startswith("（") or chunk.text.startswith("报告格式")  # cut at item lines
    joined = "".join(c.text for c in chunks).replace("\n", "")
    assert joined == text.replace("\n", "")


def test_preamble_is_a_unit_only_with_content() -> None:
    assert document_nodes("一、目标\n（一）完成目录。\n")[0].level == "part"
    nodes = document_nodes("为做好数据治理工作，制定本方案。\n一、目标\n（一）完成目录。\n")
    assert nodes[0].level == "preamble" and nodes[0].text == "为做好数据治理工作，制定本方案。"


def test_notice_with_an_attached_regulation_mixes_levels() -> None:
    text = ("一、工作要求\n（一）认真执行。\n二、附件\n第一章 总则\n第一条 为规范管理，制定本办法。\n"
            "第二条 本办法适用于本市。\n")
    flat = {n.label: n for n in _flat(text)}
    assert flat["第一章"].ancestors() == [] and flat["第一条"].role == "article"
    assert [a.label for a in flat["第二条"].ancestors()] == ["第一章"]


def test_a_second_paragraph_of_the_last_article_stays_in_the_article() -> None:
    text = "第一节 一般规定\n第一条 甲应当登记。\n第二条 乙应当备案。\n备案材料应当真实。\n第二节 附则\n第三条 丙。\n"
    chunk = next(c for c in build_chunks(text, "x", "t", 2000) if c.label == "第二条")
    assert chunk.text == "第二条 乙应当备案。\n备案材料应当真实。"


def test_inserted_articles_keep_their_suffix() -> None:
    text = "第一百二十条 甲。\n第一百二十条之一 乙。\n第一百二十一条 丙，依照第一百二十条之一处理。\n"
    chunks = build_chunks(text, "x", "t", 2000)
    assert [(c.label, c.number) for c in chunks] == [
        ("第一百二十条", 120), ("第一百二十条之一", 120), ("第一百二十一条", 121)]


def test_a_point_carries_the_heading_of_its_task_as_context() -> None:
    text = ("某市关于推进数字政府建设的实施意见\n一、重点任务\n（一）推进政务数据共享。\n"
            "1.建立健全政务数据目录，每年更新一次。\n2.完善数据共享交换平台。\n"
            "（二）加强组织领导。市领导小组负责统筹推进。\n")
    by_label = {c.label: c for c in build_chunks(text, "op", "实施意见")}
    assert by_label["1."].context == by_label["2."].context == "（一）推进政务数据共享。"
    assert by_label["（二）"].context == ""                         # a task with its own text: none
    assert "推进政务数据共享" in passage_text(by_label["1."])          # searched with the point


def test_labels_spaced_apart_are_headings_once_read() -> None:
    raw = ("江城市停车场管理办法\n第 一 条　为了规范停车场管理，制定本办法。\n"
           "第 二 条　停车场经营者调整收费标准的，应当提前十五日公示。\n"
           "第 十 二 條　本办法自公布之日起施行。\n依照第 二 条规定公示的内容不得擅自变更。\n")
    doc = document_from_bytes(raw.encode("utf-8"), Path("tingche.txt"))
    assert "第二条　停车场经营者" in doc.text and "第十二條　本办法" in doc.text
    assert "依照第 二 条规定" in doc.text  # a reference inside a line is left as written
    labels = [c.label for c in build_chunks(doc.text, "d", "t", 200, 0, parse_tree(doc.text))]
    assert labels == ["第一条", "第二条", "第十二條"]  # the reference line stays inside 第十二條
    assert join_spaced_labels("第二条 已连写。\n") == "第二条 已连写。\n"
