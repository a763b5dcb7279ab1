"""Answers without a quote search: metadata questions, refusal frames, and article references."""

from __future__ import annotations

from dataclasses import replace

from assistant.answer.direct import (
    cn_date,
    meta_answer,
    meta_entry,
    meta_field,
    meta_fields,
    meta_targets,
    missing_unit_text,
)
from assistant.answer.extractive import refusal
from assistant.records import Chunk
from assistant.retrieve.router import SectionRef, number_refs, route

ENTRY = {"doc_id": "rules", "title": "江城市停车管理条例", "metadata": {
    "doc_number": "", "date_effective": "2021-03-01",
    "history": ["2020年11月5日 江城市人大常委会通过", "2020年12月1日 省人大常委会批准"]}}


def _chunk(label: str, text: str) -> Chunk:
    return Chunk(doc_id="rules", doc_title="江城市停车管理条例", label=label, number=1, title="", part="",
                 part_title="", text=text, start=0, end=len(text), level="article", path_label=label)


def test_metadata_cues() -> None:
    assert meta_field("这个文件的文号是多少") == "doc_number"
    rules = [{"doc_id": "rules", "title": "江城市停车管理条例"}]
    assert meta_field("《江城市停车管理条例》是哪天经省人大常委会批准的", ["rules"], rules) == "history"
    assert meta_field("条例的批准机关是谁", ["rules"], rules) == "history"
    assert meta_field("停车管理条例是哪个省批准的", ["rules"], rules) == "history"
    assert meta_field("停车场建设由谁批准", named=()) is None  # a question of its content
    assert meta_field("条例什么时候开始施行") == "date_effective"
    assert meta_field("When did the regulation come into force?") == "date_effective"
    assert meta_field("Who issued the implementation opinions?") == "issuer"
    assert meta_field("Which department issued the notice?") == "issuer"
    assert meta_field("When was the regulation published?") == "date_published"
    assert meta_field("Who issues parking permits under the regulation?") is None  # a question of its content
    assert meta_field("停车场收费标准由哪个部门制定") is None
    assert meta_field("违规停车罚多少钱") is None
    guide = [{"doc_id": "guide", "title": "江城市居住证办理指南"}]
    assert meta_field("居住证指南的发布单位是谁", ["guide"], guide) == "issuer"
    assert meta_field("居住证办理指南是什么时候更新的", ["guide"], guide) == "date_published"
    assert meta_field("指南的更新日期", ["guide"], guide) == "date_published"
    assert meta_field("居住证由哪个部门发放", ["guide"], guide) is None  # a question of its content


def test_metadata_cue_without_a_named_document_must_be_about_a_document() -> None:
    # named nowhere: the cue alone, or a word for a document, asks for metadata
    assert meta_field("什么时候施行的？", named=()) == "date_effective"
    assert meta_field("这个办法是什么时候发布的", named=()) == "date_published"
    assert meta_field("When did the regulation come into force?", named=()) == "date_effective"
    # the publication date of a report or of a list is no document's metadata
    assert meta_field("停车泊位年度统计表每年什么时候公布", named=()) is None
    assert meta_field("收费标准什么时候公布", named=()) is None
    named = [{"doc_id": "rules", "title": "江城市停车管理条例"}]
    assert meta_field("停车管理条例什么时候施行", named=["rules"], documents=named) == "date_effective"
    assert meta_field("停车条例规定收费标准什么时候公布", named=["rules"], documents=named) is None  # contents


def test_several_metadata_fields_in_one_question_in_the_order_asked() -> None:
    notice = [{"doc_id": "n", "title": "江城市人民政府关于加强农贸市场管理的通知"}]
    assert meta_fields("农贸市场通知是谁发的，文号是多少", ["n"], notice) == ["issuer", "doc_number"]
    assert meta_fields("这个通知的文号和成文日期", (), notice) == ["doc_number", "date_written"]
    assert meta_fields("农贸市场通知是哪天发的", ["n"], notice) == ["date_published"]  # a notice's 成文日期 then
    assert meta_fields("这个通知是什么时候下发的", (), notice) == ["date_published"]
    assert meta_fields("农贸市场通知的发文日期", ["n"], notice) == ["date_written"]  # the day it was issued
    assert meta_fields("这个通知的印发时间是哪天", (), notice) == ["date_written"]
    law = [{"doc_id": "r", "title": "江城市停车管理条例"}]
    assert meta_fields("停车管理条例是哪个机关通过的", ["r"], law) == ["issuer"]  # a 人大常委会's law is adopted
    assert meta_fields("停车管理条例什么时候实施", ["r"], law) == ["date_effective"]
    assert meta_fields("停车管理条例修改过吗", ["r"], law) == ["history"]
    assert meta_fields("停车管理条例是哪个政府令公布的", ["r"], law) == ["doc_number"]
    assert meta_fields("停车管理条例是以哪一号政府令公布的", ["r"], law) == ["doc_number"]
    assert meta_fields("停车管理条例是什么令", ["r"], law) == ["doc_number"]
    assert meta_fields("农贸市场的摊位费什么时候发的，文号是多少", ["n"], notice) == []  # contents asked too
    # a text the document mentions, or its contents, is not the document
    docs = [{"doc_id": "rules", "title": "江城市停车管理条例"},
            {"doc_id": "plan", "title": "江城市智慧停车试点工作方案"}]
    assert meta_field("实施细则什么时候公布", named=(), documents=docs) is None   # no 细则 loaded
    assert meta_field("智慧停车试点方案是哪天成文的", named=(), documents=docs) == "date_written"
    issued = [{"doc_id": "n", "title": "江城市人民政府办公厅关于印发智慧停车试点工作方案的通知"}]
    assert meta_field("智慧停车试点方案是哪天成文的", named=(), documents=issued) == "date_written"
    assert meta_field("停车的那个条例什么时候施行", named=(), documents=docs) == "date_effective"
    assert meta_field("依法停车的规定什么时候公布", named=(), documents=docs) is None  # 法 is no kind here
    parking = [{"doc_id": "rules", "title": "江城市停车管理条例"}]
    assert meta_field("停车条例规定的年度报告什么时候公布", ["rules"], parking) is None
    assert meta_field("停车条例中的收费目录什么时候发布", ["rules"], parking) is None


def test_metadata_question_goes_to_the_document_of_the_kind_it_names() -> None:
    docs = [{"doc_id": "rules", "title": "江城市停车管理条例"},
            {"doc_id": "measures", "title": "江城市充电设施管理办法（试行）"},
            {"doc_id": "notice", "title": "江城市人民政府关于推进智慧停车的通知"}]
    assert meta_entry("这个通知什么时候施行", docs, "measures", named=False)["doc_id"] == "notice"
    assert meta_entry("本办法什么时候施行", docs, "rules", named=False)["doc_id"] == "measures"  # （试行） set aside
    assert meta_entry("本办法什么时候施行", docs, "measures", named=False)["doc_id"] == "measures"
    assert meta_entry("什么时候施行的", docs, "rules", named=False)["doc_id"] == "rules"      # no kind: best
    assert meta_entry("这个意见什么时候印发", docs, "rules", named=False)["doc_id"] == "rules"  # none of that kind
    assert meta_entry("这个通知什么时候施行", docs, "rules", named=True)["doc_id"] == "rules"   # named wins
    assert meta_entry("什么时候施行的", docs, "gone", named=False) is None
    two = [*docs, {"doc_id": "notice2", "title": "江城市人民政府关于充电设施建设的通知"}]
    assert meta_entry("充电设施建设的通知什么时候印发", two, "rules", named=False)["doc_id"] == "notice2"
    assert meta_entry("本法什么时候施行", docs, "rules", named=False)["doc_id"] == "rules"  # a 办法 is no 法


def test_metadata_answer_cites_the_unit_that_states_the_value() -> None:
    chunks = [_chunk("第一条", "为了规范停车秩序，制定本条例。"), _chunk("第九条", "本条例自2021年3月1日起施行。")]
    text, cited = meta_answer("条例什么时候施行", "date_effective", ENTRY, chunks)
    assert "2021年3月1日" in text and cited[0].path == "第九条"
    text, cited = meta_answer("是哪天批准的", "history", ENTRY, chunks)
    assert "2020年12月1日" in text and "11月5日" not in text and cited[0].doc_id == "rules"
    assert meta_answer("文号是多少", "doc_number", ENTRY, chunks) is None
    labelled = [_chunk("第十条", "第十条　本条例自2021年3月1日起施行。")]  # the article's text opens with its label
    text, cited = meta_answer("条例什么时候施行", "date_effective", ENTRY, labelled)
    assert "第十条：本条例自" in text and cited[0].quote == "本条例自2021年3月1日起施行。"
    assert cn_date("2019-01-05") == "2019年1月5日"


def test_in_force_from_the_day_of_issue_gives_that_day() -> None:
    entry = {"doc_id": "rules", "title": "关于印发停车设施建设行动计划的通知",
             "metadata": {"date_effective": "印发之日", "date_written": "2025-04-02"}}
    attached = replace(_chunk("第八条", "第八条　本办法自印发之日起施行。"), path_label="附件2 第八条")
    chunks = [attached, _chunk("七、", "本计划自印发之日起施行，有效期三年。")]
    text, cited = meta_answer("行动计划从哪天起施行", "date_effective", entry, chunks)
    assert "印发之日（成文日期：2025年4月2日）" in text and cited[0].path == "七、"  # its own clause, not 附件2's
    published = {**entry, "metadata": {**entry["metadata"], "date_published": "2025-04-08"}}
    assert "（发布日期：2025年4月8日）" in meta_answer("什么时候施行", "date_effective", published, chunks)[0]
    english = meta_answer("When does the plan take effect?", "date_effective", entry, chunks, "en")[0]
    assert "(dated: 2025年4月2日)" in english
    undated = {**entry, "metadata": {"date_effective": "印发之日"}}
    assert "印发之日。" in meta_answer("什么时候施行", "date_effective", undated, chunks)[0]


def test_an_issuer_is_cited_from_its_signature_line_not_from_a_longer_name() -> None:
    entry = {"doc_id": "rules", "title": "国务院关于推进智慧停车的意见", "metadata": {"issuer": "国务院"}}
    addressees = _chunk("引言", "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：")
    text, cited = meta_answer("意见是谁发的", "issuer", entry, [addressees])
    assert "国务院" in text and cited[0].path == ""          # the document itself, not 引言
    signed = _chunk("五、", "各地区要抓好落实。\n国务院\n2025年3月1日")
    text, cited = meta_answer("意见是谁发的", "issuer", entry, [addressees, signed])
    assert cited[0].path == "五、" and cited[0].quote.startswith("国务院")


def test_refusal_frame_follows_the_language() -> None:
    assert refusal([], [], "en")[0].startswith("The loaded documents do not answer")
    assert refusal([], [])[0].startswith("文件中未找到")


def _refs() -> list[SectionRef]:
    refs = [SectionRef(("law", f"第{n}条"), i, "article", "第一章", 1, "总则与适用范围", "", "chapter")
            for i, n in enumerate("一二三四五", 1)]
    return [*refs, SectionRef(("law", "第六条"), 6, "article", "第二章", 2, "法律责任", "", "chapter")]


def test_articles_with_clause_or_item_are_look_ups_never_parts() -> None:
    for question in ("第三条讲了什么", "第三条第二款", "第三条第(二)项是什么", "第3条总则与适用范围讲了什么"):
        decision = route(question, _refs())
        assert decision is not None and decision.kind == "task", question
        assert decision.keys == (("law", "第三条"),), question
    assert [n for n, _, _ in number_refs("第十三条第(三)项")] == [13]
    part = route("第二章讲了什么", _refs())
    assert part.kind == "part" and part.keys == (("law", "第六条"),)


def _plan_refs() -> list[SectionRef]:
    titles = {1: "全面推进城乡供水一体化建设，在保障上见实效", 2: "持续加强农村道路养护管理，在畅通上下功夫"}
    return [SectionRef(("plan", f"（{n}）"), n, "task", "一" if n < 3 else "二", 1 if n < 3 else 2,
                       titles[1 if n < 3 else 2], f"任务{n}") for n in range(1, 5)]


def test_a_part_is_named_by_the_longest_run_it_shares_with_the_question() -> None:
    decision = route("城乡供水一体化那一块有哪些任务", _plan_refs())
    assert decision.kind == "part" and [k[1] for k in decision.keys] == ["（1）", "（2）"]
    assert route("供水那一条讲了什么", _plan_refs()) is None  # one unit, not a part
    assert route("建设有哪些任务", _plan_refs()) is None  # a run of two characters names nothing


def test_a_missing_label_is_shown_with_full_width_brackets() -> None:
    assert "没有二、（二）第5点" in missing_unit_text("", "二、(二)第5点", "zh-Hans")
    assert "《江城市停车条例》中没有第（三）项" in missing_unit_text("江城市停车条例", "第(三)项", "zh-Hans")


def test_a_missing_label_is_written_in_the_script_of_the_reply() -> None:
    # the label may come from a 繁體 document's article ("第五條") while the question is simplified
    assert "都没有第五条第（二）项" in missing_unit_text("", "第五條第（二）项", "zh-Hans")
    assert "都沒有第五條第（二）項" in missing_unit_text("", "第五条第（二）项", "zh-Hant")


def test_metadata_cues_for_the_meeting_and_the_issuer() -> None:
    rules = [{"doc_id": "rules", "title": "江城市停车管理条例"}]
    assert meta_field("停车管理条例是哪次会议通过的", ["rules"], rules) == "history"
    assert meta_field("118号文是哪个单位发的") == "issuer"
    assert meta_field("这个通知是谁发的", named=()) == "issuer"


def test_each_named_document_gets_its_own_metadata_line() -> None:
    from assistant.answer.direct import meta_answers

    docs = [{"doc_id": "rules", "title": "江城市停车管理条例",
             "metadata": {"date_effective": "2021-03-01",
                          "history": ["（2020年12月1日江城市人民代表大会常务委员会第九次会议通过）"]}},
            {"doc_id": "measures", "title": "江城市充电设施管理办法", "metadata": {"date_effective": "2022-01-01"}},
            {"doc_id": "notice", "title": "江城市关于智慧停车的通知", "metadata": {}}]
    text, cited = meta_answers("条例和办法分别什么时候施行", "date_effective", docs, [])
    assert text.splitlines() == ["《江城市停车管理条例》的施行日期：2021年3月1日。",
                                 "《江城市充电设施管理办法》的施行日期：2022年1月1日。"]  # the notice records none
    assert [c.doc_id for c in cited] == ["rules", "measures"]
    history, _ = meta_answers("条例是哪次会议通过的", "history", docs[:1], [])
    assert history == "《江城市停车管理条例》：2020年12月1日江城市人民代表大会常务委员会第九次会议通过。"  # no brackets
    # a document that does not record it: said so, with no citation (a refusal)
    assert meta_answers("这个通知什么时候施行", "date_effective", docs[2:], []) == (
        "《江城市关于智慧停车的通知》中没有写明施行日期。", [])
    assert meta_answers("什么时候施行", "date_effective", [], []) is None


def test_a_document_dated_but_not_published_gives_its_date_written() -> None:
    from assistant.answer.direct import meta_answers

    notice = [{"doc_id": "n", "title": "江城市人民政府关于推进智慧停车的通知",
               "metadata": {"date_written": "2025-04-10"}}]
    text, _ = meta_answers("这个通知是什么时候发布的", "date_published", notice, [])
    assert text == "《江城市人民政府关于推进智慧停车的通知》的成文日期：2025年4月10日。"


def test_a_guessed_document_without_the_field_is_searched_not_declared_silent() -> None:
    from assistant.answer.direct import meta_answers, meta_targets

    docs = [{"doc_id": "rules", "title": "江城市停车管理条例", "metadata": {}},
            {"doc_id": "notice", "title": "江城市关于智慧停车的通知", "metadata": {}}]
    assert meta_targets("这个通知什么时候施行", docs, (), ["rules"]) == ([docs[1]], True)     # said: 通知
    assert meta_targets("When did it come into force?", docs, (), ["rules"]) == ([docs[0]], False)  # guessed
    assert meta_targets("什么时候施行", docs, ("rules", "notice"), []) == (docs, True)          # named
    assert meta_answers("When did it come into force?", "date_effective", [docs[0]], [], "en", sure=False) is None
    assert meta_field("停车管理条例的成文日期是哪天", ["rules"], docs) == "date_written"  # the ask's own words


def test_this_measure_is_no_law() -> None:
    docs = [{"doc_id": "law", "title": "中华人民共和国停车法"}, {"doc_id": "measures", "title": "江城市停车收费办法"}]
    assert meta_entry("本办法什么时候施行", docs, "law", named=False)["doc_id"] == "measures"  # "本办法" ends in 法
    assert meta_entry("本法什么时候施行", docs, "measures", named=False)["doc_id"] == "law"


def test_a_kind_word_that_fits_several_documents_answers_for_each() -> None:
    from assistant.answer.direct import meta_targets

    docs = [{"doc_id": "a", "title": "江城市人民政府关于加强农贸市场管理的通知"},
            {"doc_id": "b", "title": "江城市人民政府关于做好防汛工作的通知"},
            {"doc_id": "c", "title": "江城市停车管理条例"}]
    entries, sure = meta_targets("这个通知是谁发的", docs, [], ["c"])
    assert [d["doc_id"] for d in entries] == ["a", "b"] and sure  # both 通知, not a guess of one
    entries, sure = meta_targets("防汛通知是谁发的", docs, [], ["a"])
    assert [d["doc_id"] for d in entries] == ["b"] and sure  # its words name one
    silver = [*docs, {"doc_id": "d", "title": "江城市人民政府关于促进银发经济发展的通知"}]
    entries, _ = meta_targets("这个通知是哪天发的", silver, [], ["c"])
    assert [d["doc_id"] for d in entries] == ["a", "b", "d"]  # "发" of the question names no 银发经济
    entries, _ = meta_targets("这个条例什么时候施行", docs, [], ["a"])
    assert [d["doc_id"] for d in entries] == ["c"]


def test_a_document_named_by_its_title_words_without_its_kind() -> None:
    """"加装电梯补贴的文号" names the notice "…申报既有住宅加装电梯补贴的通知" though it says no 通知."""
    docs = [{"doc_id": "notice", "title": "江城市住房和城乡建设局关于申报既有住宅加装电梯补贴的通知"},
            {"doc_id": "rules", "title": "江城省电梯安全管理办法"}]
    assert meta_fields("加装电梯补贴的文号是什么", (), docs) == ["doc_number"]
    assert meta_targets("加装电梯补贴的文号是什么", docs, (), ["rules"]) == ([docs[0]], True)
    assert meta_field("电梯安全管理是哪天施行的", (), docs) == "date_effective"
    assert meta_field("电梯补贴标准什么时候公布", (), docs) is None  # 标准: not words of a title
    assert meta_field("电梯什么时候施行", (), docs) == "date_effective"  # too short to name one: the cue alone
    apart = [{"doc_id": "m", "title": "江城省人民政府办公厅关于印发支持小微企业健康发展的若干措施的通知"},
             {"doc_id": "f", "title": "江城市既有住宅加装电梯财政补贴实施办法"}]
    assert meta_targets("小微企业措施的文号是多少", apart, (), ["f"])[0] == [apart[0]]  # words apart in the title
    assert meta_targets("加装电梯补贴的文号是什么", apart, (), ["m"])[0] == [apart[1]]
    two = [*docs, {"doc_id": "more", "title": "江城市关于加装电梯补贴资金管理的通知"}]
    assert meta_targets("加装电梯补贴的文号是什么", two, (), ["rules"])[0] != [docs[0]]  # two titles hold it


def test_whom_a_notice_is_sent_to_is_its_first_line() -> None:
    notice = [{"doc_id": "n", "title": "临湖市人民政府关于开展阅读活动的通知"}]
    assert meta_fields("阅读活动通知发给了哪些单位", ["n"], notice) == ["addressees"]
    assert meta_fields("这个通知的主送机关是什么", (), notice) == ["addressees"]
    preamble = "各区人民政府，市政府各部门：\n现将有关事项通知如下。"
    chunks = [Chunk("n", notice[0]["title"], "引言", None, "", "", "", preamble, 0, len(preamble), level="preamble")]
    entry = {**notice[0], "metadata": {}}
    text, cited = meta_answer("通知发给了谁", "addressees", entry, chunks)
    assert "主送机关：各区人民政府，市政府各部门。" in text and cited[0].label == "引言"
    body = "为加强管理，制定本办法。"
    law = [Chunk("n", "临湖市管理办法", "引言", None, "", "", "", body, 0, len(body), level="preamble")]
    assert meta_answer("办法发给了谁", "addressees", {"doc_id": "n", "title": "临湖市管理办法"}, law) is None


def test_the_day_issued_answers_when_issued_is_asked_and_only_that_day_is_recorded() -> None:
    from assistant.answer.direct import meta_answer

    entry = {"doc_id": "rules", "title": "江城市停车管理条例", "metadata": {"date_published": "2025-05-20"}}
    answer = meta_answer("条例是什么时候印发的", "date_written", entry, [])
    assert answer is not None and "2025年5月20日" in answer[0]
