"""Document metadata taken out of the text, and document identity (ids, duplicates, empty bodies)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.ingest.chunking import build_chunks
from assistant.ingest.documents import (
    EMPTY_BODY_REASON,
    distinct_id,
    doc_id_for,
    load_documents,
    read_document,
    strip_markdown,
)
from assistant.ingest.metadata import split_metadata
from assistant.ingest.outline import clause_of, find_node, units_by_number, whole_text
from assistant.ingest.tree import document_nodes
from assistant.text.dates import iso_date

LAW_MD = """# 河湾市河道管理条例

（2019年6月28日河湾市第十六届人大常委会第十次会议通过　2023年5月30日河湾市第十七届人大常委会第三次会议修订）

2023年7月12日 河湾省第十四届人民代表大会常务委员会第四次会议批准

<!-- INFO END -->

## 第一章 总则

第一条 为了加强河道管理，制定本条例。

第二条 本条例自2023年9月1日起施行。"""

NOTICE = """河湾市人民政府办公室关于印发
河道清理专项行动方案的通知
湾政办发〔2024〕12号
各区人民政府，市政府各部门：
现将《河道清理专项行动方案》印发给你们，请认真贯彻执行。
河湾市人民政府办公室
2024年3月8日
（此件公开发布）
河道清理专项行动方案
一、工作目标
（一）完成清理。年底前完成主要河道清理。
（二）建立机制。建立河长巡查机制。
"""


def test_markdown_law_history_and_effective_date_become_metadata() -> None:
    body, meta = split_metadata(strip_markdown(LAW_MD))
    assert meta.title == "河湾市河道管理条例"
    assert len(meta.history) == 2 and meta.history[1].startswith("2023年7月12日")
    assert meta.date_effective == "2023-09-01"
    assert body.startswith("第一章 总则")
    assert "修订" not in body and "INFO" not in body and "#" not in body
    assert "自2023年9月1日起施行" in body  # law text stays in its article


def test_notice_number_signature_and_publicity_note_become_metadata() -> None:
    body, meta = split_metadata(NOTICE, {"title": "河湾市人民政府办公室关于印发河道清理专项行动方案的通知"})
    assert meta.doc_number == "湾政办发〔2024〕12号"
    assert meta.issuer == "河湾市人民政府办公室" and meta.date_written == "2024-03-08"
    assert meta.publicity == "此件公开发布"
    assert body.startswith("各区人民政府，市政府各部门：")
    for noise in ("〔2024〕", "2024年3月8日", "此件公开发布", "关于印发"):
        assert noise not in body
    chunks = build_chunks(body, "n", meta.title, 2000)
    assert all("河湾市人民政府办公室" not in c.text for c in chunks)
    assert chunks[-1].text == "（二）建立机制。建立河长巡查机制。"


def test_format_metadata_wins_and_dates_are_iso() -> None:
    known = {"issuer": "河湾市水务局", "date_published": "2024年03月09日"}
    _, meta = split_metadata("为做好工作，制定本方案。\n", known)
    assert meta.issuer == "河湾市水务局" and meta.date_published == "2024-03-09"
    assert iso_date("二〇二四年三月八日") == "2024-03-08"


def test_order_number_in_a_promulgation_line_is_the_document_number() -> None:
    text = "河湾市政务服务规定\n2024年2月1日 河湾市人民政府令第35号公布\n第一条 本规定自公布之日起施行。\n"
    _, meta = split_metadata(text)
    assert meta.doc_number == "河湾市人民政府令第35号"
    assert meta.date_published == "2024-02-01" and meta.date_effective == "2024-02-01"


def test_an_order_number_right_after_the_date_and_its_issuer() -> None:
    text = ("河湾市公共数据共享管理办法\n（2025年3月1日河湾市人民政府令第12号公布　自2025年5月1日起施行）\n"
            "第一条 为了规范公共数据共享，制定本办法。\n")
    _, meta = split_metadata(text)
    assert meta.doc_number == "河湾市人民政府令第12号"  # not "日河湾市…"
    assert meta.issuer == "河湾市人民政府"
    assert meta.date_published == "2025-03-01" and meta.date_effective == "2025-05-01"


def test_a_traditional_issuing_line_gives_its_issuer_and_date_as_written() -> None:
    text = ("河灣市公共圖書館服務規範\n（2024年11月20日河灣市文化廣電和旅遊局發布）\n"
            "第一條　為規範服務行為，制定本規範。\n")
    body, meta = split_metadata(text)
    assert body.startswith("第一條") and meta.title == "河灣市公共圖書館服務規範"
    assert meta.issuer == "河灣市文化廣電和旅遊局" and meta.date_published == "2024-11-20"  # the document's script


def test_a_guides_publisher_line_gives_its_issuer() -> None:
    text = ("河湾市住房公积金提取办事指南\n发布单位：河湾市住房公积金管理中心　更新日期：2025年2月10日\n"
            "一、适用对象\n在本市缴存住房公积金的职工。\n")
    body, meta = split_metadata(text)
    assert meta.issuer == "河湾市住房公积金管理中心" and body.startswith("一、适用对象")  # not "…中心　更新日期…"
    assert meta.date_published == "2025-02-10"  # the version's date when the page gives no other


def test_a_reading_notes_source_line_gives_its_issuer_and_date_not_the_measures_effective_day() -> None:
    text = ("《临江市促进消费若干措施》政策解读\n来源：临江市商务局　发布时间：2025-05-06\n"
            "一、问：若干措施什么时候开始执行？\n答：《若干措施》自印发之日起施行，有效期两年。\n")
    body, meta = split_metadata(text)
    assert meta.issuer == "临江市商务局" and meta.date_published == "2025-05-06"
    assert meta.date_effective == ""  # the day is the 措施's, named right before it
    assert body.startswith("一、问")


def test_a_publish_date_before_an_update_date_on_one_line_is_kept() -> None:
    text = "某市办事指南\n发布日期：2024年1月5日　更新日期：2025年2月10日\n一、办理条件\n无。\n"
    assert split_metadata(text)[1].date_published == "2024-01-05"


def test_a_dated_sentence_in_the_body_is_not_a_signature() -> None:
    text = "第一条 申报时间如下。\n2024年3月8日\n起开始受理。\n"
    body, meta = split_metadata(text)
    assert body == text.strip("\n") and meta.date_written == ""


def test_bracket_width_variants_get_distinct_deterministic_ids() -> None:
    full, half = doc_id_for(Path("通知（一）.txt")), doc_id_for(Path("通知(一).txt"))
    assert full != half and full == doc_id_for(Path("other/通知（一）.txt"))
    assert doc_id_for(Path("plan-2025.txt")) == "plan-2025"  # lossless names keep their stem


def test_same_stem_different_suffix_never_replaces() -> None:
    taken = {"laji": "/c/laji.md"}
    assert distinct_id("laji", Path("/c/laji.txt"), taken) == "laji-txt"
    assert distinct_id("laji", Path("/c/laji.md"), taken) == "laji"


def test_duplicates_title_only_and_collisions_when_loading(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(LAW_MD, encoding="utf-8")
    plain = strip_markdown(LAW_MD).replace("\n\n", "\n")  # same body, other format and spacing
    (tmp_path / "b.txt").write_text(plain, encoding="utf-8")
    (tmp_path / "a.txt").write_text("河湾市河道巡查办法\n第一条 河长每周巡查一次。\n", encoding="utf-8")
    (tmp_path / "title.txt").write_text("河湾市节水宣传周活动安排\n", encoding="utf-8")
    frame = "河湾市城市更新条例\n（2025年6月20日河湾市人大常委会通过）\n第一章 总则\n第二章 规划管理\n第一节 通则\n"
    (tmp_path / "headings.txt").write_text(frame, encoding="utf-8")  # chapter titles only: nothing to quote
    heads = "# 关于加强节水工作的通知\n\n一、总体要求\n\n二、重点任务\n\n（一）完善节水设施\n"
    (tmp_path / "parts.md").write_text(heads, encoding="utf-8")
    docs, skipped = load_documents([tmp_path])
    ids = {Path(d.path).name: d.doc_id for d in docs}
    assert ids == {"a.md": "a", "a.txt": "a-txt"}
    reasons = {Path(s.path).name: s.reason for s in skipped}
    assert "doc_id a " in reasons["b.txt"].replace(";", " ")
    assert reasons["title.txt"] == reasons["headings.txt"] == reasons["parts.md"] == EMPTY_BODY_REASON
    again, _ = load_documents([tmp_path])
    assert [d.doc_id for d in again] == [d.doc_id for d in docs]


def test_read_document_keeps_metadata_out_of_the_body(tmp_path: Path) -> None:
    path = tmp_path / "law.md"
    path.write_text(LAW_MD, encoding="utf-8")
    doc = read_document(path)
    assert doc.title == "河湾市河道管理条例" and doc.metadata.history
    assert doc.text.startswith("第一章") and doc.body_sha256


def test_clause_of_names_paragraph_and_item() -> None:
    art = ("第十三条 有下列情形之一的，方可收集：\n（一）取得本人同意；\n（二）为履行法定职责所必需。\n"
           "依照前款第（一）项取得的同意，应当明示。")
    at = art.index("法定职责")
    assert clause_of(art, at, at + 4) == ("第一款", "第（二）项")
    at = art.index("应当明示")
    assert clause_of(art, at, at + 4) == ("第二款", "")
    assert clause_of("第一条 本条只有一款。", 7, 9) == ("", "")


def test_outline_lookup_by_path_and_number() -> None:
    text = "一、目标\n1. 完成目录。\n二、任务\n1. 开展普查。\n第一条 甲。\n"
    tree = [n.to_dict() for n in document_nodes(text)]
    assert find_node(tree, "二、1.")["text"] == "1. 开展普查。"
    assert find_node(tree, "二、１．") is not None  # width-folded
    assert [c["path"] for c in units_by_number(tree, 1, "point")] == ["一、1.", "二、1."]
    assert [c["path"] for c in units_by_number(tree, 1)] == ["第一条"]
    assert whole_text(find_node(tree, "一、")) == "一、目标\n1. 完成目录。"


def test_page_numbers_between_dashes_are_dropped() -> None:
    body, _ = split_metadata("第一条 甲应当登记，\n— 2 —\n并按期报送。\n- 3 -\n")
    assert body == "第一条 甲应当登记，\n并按期报送。"


def test_table_of_contents_is_not_a_second_set_of_chapters() -> None:
    text = ("河湾市节约用水条例\n目　　录\n第一章 总则\n第二章 用水管理\n第三章 附则\n"
            "第一章 总则\n第一条 为了节约用水，制定本条例。\n第二章 用水管理\n第二条 用水实行计量。\n"
            "第三章 附则\n第三条 本条例自公布之日起施行。")
    body, _ = split_metadata(text)
    assert body.startswith("第一章 总则\n第一条")
    chapters = [n for n in document_nodes(body) if n.level == "chapter"]
    assert [c.path for c in chapters] == ["第一章", "第二章", "第三章"]


def test_an_indexed_file_stays_the_original_when_a_copy_appears(tmp_path: Path) -> None:
    (tmp_path / "laji.txt").write_text("河湾市垃圾分类规定\n第一条 厨余垃圾每日投放。\n", encoding="utf-8")
    (tmp_path / "laji-copy.txt").write_text("河湾市垃圾分类规定\n第一条 厨余垃圾每日投放。\n", encoding="utf-8")
    first, _ = load_documents([tmp_path])
    assert [d.doc_id for d in first] == ["laji-copy"]  # sorted order when nothing is indexed yet
    docs, skipped = load_documents([tmp_path], prefer={str(tmp_path / "laji.txt")})
    assert [d.doc_id for d in docs] == ["laji"] and "laji-copy.txt" in skipped[0].path


def test_adoption_and_publication_dates_on_one_line() -> None:
    text = ("江城市物业管理条例\n（2024年10月30日江城市第十六届人民代表大会常务委员会第二十次会议通过　"
            "2024年11月12日江城市人民代表大会常务委员会公告第9号公布　自2025年1月1日起施行）\n"
            "第一条 为了规范物业管理活动，制定本条例。\n")
    _, meta = split_metadata(text)
    assert meta.date_published == "2024-11-12"  # the date of the 公布 clause, not the adoption date
    assert meta.date_effective == "2025-01-01"
    assert meta.doc_number == "江城市人民代表大会常务委员会公告第9号"
    assert meta.issuer == "江城市人民代表大会常务委员会"


def test_a_history_over_several_lines_is_taken_whole_and_the_contents_after_it_dropped() -> None:
    text = ("河湾市公园管理条例\n（2009年4月21日河湾市第十三届人民代表大会常务委员会第九次会议通过\n"
            "根据2016年8月30日河湾市第十五届人民代表大会常务委员会第三十次会议第一次修正\n"
            "根据2024年6月25日河湾市第十七届人民代表大会常务委员会第十次会议第二次修正）\n"
            "目录\n第一章 总则\n第二章 游园管理\n"
            "第一章 总则\n第一条 为了加强公园管理，制定本条例。\n第二章 游园管理\n第二条 公园每日开放。\n")
    body, meta = split_metadata(text)
    assert len(meta.history) == 3 and meta.history[-1].startswith("根据2024年6月25日")
    assert body.startswith("第一章 总则\n第一条")
    chapters = [n for n in document_nodes(body) if n.level == "chapter"]
    assert [c.path for c in chapters] == ["第一章", "第二章"]


def test_an_open_history_does_not_take_a_body_sentence_with_a_date() -> None:
    text = ("河湾市公园管理条例\n（2009年4月21日河湾市人民代表大会常务委员会通过\n"
            "第一条 本条例自2009年6月1日起施行。\n")
    body, meta = split_metadata(text)
    assert meta.history == ("（2009年4月21日河湾市人民代表大会常务委员会通过",)
    assert body.startswith("第一条")


def test_the_adopting_or_issuing_body_of_a_history_is_the_issuer() -> None:
    law = ("河湾市公园管理条例\n（2009年4月21日河湾市第十三届人民代表大会常务委员会第九次会议通过　"
           "根据2016年8月30日河湾市第十五届人民代表大会常务委员会第三十次会议修正）\n"
           "第一条 为了加强公园管理，制定本条例。")
    assert split_metadata(law)[1].issuer == "河湾市人民代表大会常务委员会"  # its term and session aside
    measures = ("河湾市技能培训补贴办法\n（2021年3月10日河湾市人力资源和社会保障局、河湾市财政局印发）\n"
                "第一条 为了规范补贴。")
    assert split_metadata(measures)[1].issuer == "河湾市人力资源和社会保障局、河湾市财政局"
    order = "河湾市停车办法\n（2019年8月1日河湾市人民政府令第88号公布）\n第一条 为了规范停车。"
    assert split_metadata(order)[1].issuer == "河湾市人民政府"  # the order number names it


def test_a_table_of_contents_right_after_the_history_without_a_title_line() -> None:
    text = ("（2019年6月10日河湾市人民政府令第45号公布\n根据2022年3月1日河湾市人民政府令第62号修正）\n目录\n"
            "第一章　总则\n第二章　附则\n第一章　总则\n第一条　为了规范管理，制定本规定。\n第二章　附则\n"
            "第二条　本规定自公布之日起施行。")
    body, _ = split_metadata(text)  # a .docx keeps its title in its properties: the text opens with the history
    assert [n.path for n in document_nodes(body) if n.level == "chapter"] == ["第一章", "第二章"]


@pytest.mark.parametrize(("title", "issuer"), [
    ("澄江市人民政府关于推进全民健身设施建设的实施意见", "澄江市人民政府"),
    ("财政部 税务总局关于延续小微企业税费优惠的公告", "财政部 税务总局"),   # joint issuers
    ("澄江市数据条例", ""),                                               # a law's title names none
    ("居民关于小区停车的建议汇编", ""),                                     # not a body's name
])
def test_an_issuer_is_read_from_a_title_that_opens_with_the_body(title: str, issuer: str) -> None:
    _, meta = split_metadata(f"{title}\n\n一、总体要求\n\n（一）目标。到2026年建成健身步道100公里。")
    assert meta.title == title and meta.issuer == issuer


def test_a_signature_line_wins_over_the_title() -> None:
    text = ("澄江市人民政府关于推进全民健身设施建设的实施意见\n\n一、总体要求\n\n（一）目标。到2026年建成步道。"
            "\n\n澄江市人民政府办公室\n2025年3月1日")
    assert split_metadata(text)[1].issuer == "澄江市人民政府办公室"


def test_a_publishers_note_after_the_signature_is_no_part_of_the_last_task() -> None:
    text = ("澄江市人民政府关于推进冷链物流建设的意见\n\n一、总体要求\n\n（一）目标。到2026年建成冷库10座。\n\n"
            "（二）组织实施。各区要加强组织领导。\n\n澄江市人民政府\n\n2025年3月18日\n\n（本文有删减）")
    body, meta = split_metadata(text)
    assert body.rstrip().endswith("各区要加强组织领导。") and "删减" not in body
    assert meta.issuer == "澄江市人民政府" and meta.date_written == "2025-03-18"


TWO_LINE_TITLE = """松原市商务局　松原市财政局
关于印发《松原市家电以旧换新补贴实施细则》的通知

松商发〔2026〕5号

各县（市、区）商务主管部门：
现将《松原市家电以旧换新补贴实施细则》印发给你们，请认真贯彻执行。

松原市商务局　　松原市财政局
2026年3月2日
"""


def test_a_title_printed_under_its_issuers_line_includes_them(tmp_path: Path) -> None:
    path = tmp_path / "jiadian.txt"
    path.write_text(TWO_LINE_TITLE, encoding="utf-8")
    doc = read_document(path)
    assert doc.title == "松原市商务局　松原市财政局关于印发《松原市家电以旧换新补贴实施细则》的通知"
    assert doc.metadata.doc_number == "松商发〔2026〕5号" and "关于印发" not in doc.text


def test_an_issuer_line_over_a_heading_is_no_split_title(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"  # "关于" opens no title line here: the first line stays the title
    path.write_text("松原市商务局\n关于做好家电以旧换新工作的几点意见：\n一、加强宣传。\n", encoding="utf-8")
    assert read_document(path).title == "松原市商务局"


def test_an_issuing_line_naming_the_body_before_the_day() -> None:
    text = ("白沙县住宅物业服务收费管理办法\n（白沙县发展和改革局2025年5月20日印发）\n第一章　总则\n"
            "第一条　为了规范收费行为，制定本办法。\n")
    body, meta = split_metadata(text)
    assert meta.issuer == "白沙县发展和改革局" and meta.date_published == "2025-05-20"
    assert body.startswith("第一章")


def test_two_issuers_signing_on_one_line_are_two_bodies() -> None:
    text = ("白沙县民政局　白沙县财政局关于养老补贴的通知\n各乡镇：\n一、补贴对象\n具有本县户籍的老年人。\n"
            "白沙县民政局　　　　　　白沙县财政局\n2025年6月12日\n")
    meta = split_metadata(text)[1]
    assert meta.issuer == "白沙县民政局 白沙县财政局" and meta.date_written == "2025-06-12"


def test_the_issuers_line_and_the_number_under_a_title_are_read() -> None:
    text = ("白沙县网约车管理细则\n白沙县交通运输局 白沙县公安局\n白交规〔2025〕3号\n"
            "（2025年2月8日印发 自2025年4月1日起施行）\n第一章 总则\n第一条 为了规范网约车经营，制定本细则。\n")
    body, meta = split_metadata(text)
    assert (meta.issuer, meta.doc_number) == ("白沙县交通运输局 白沙县公安局", "白交规〔2025〕3号")
    assert (meta.date_published, meta.date_effective) == ("2025-02-08", "2025-04-01")
    assert body.startswith("第一章")


def test_a_guides_number_and_dates_under_its_title_are_read() -> None:
    text = ("白沙县食品经营许可办事指南\n发布单位： 白沙县市场监督管理局\n编号： 白市监〔2025〕9号\n"
            "发布日期： 2025年3月10日　实施日期： 2025年4月1日\n本指南适用于本县食品经营许可。\n一、办理依据\n")
    body, meta = split_metadata(text)
    assert (meta.doc_number, meta.date_published, meta.date_effective) == ("白市监〔2025〕9号", "2025-03-10",
                                                                           "2025-04-01")
    assert body.startswith("本指南适用于")


def test_an_announcement_and_the_number_on_one_line_give_the_number() -> None:
    text = ("白沙县城市供水条例\n（2024年10月25日白沙县人民代表大会常务委员会第二十一次会议通过）\n"
            "白沙县人民代表大会常务委员会公告（第9号）　白人常〔2024〕9号\n第一条 为了加强供水管理，制定本条例。\n")
    body, meta = split_metadata(text)
    assert meta.doc_number == "白人常〔2024〕9号" and body.startswith("第一条")


def test_in_force_from_its_issue_is_the_day_written_not_the_day_published() -> None:
    text = ("青屿市科学技术局关于开展研发费用补助申报工作的通知\n青科发〔2026〕7号\n各区科技主管部门：\n"
            "一、补助对象。本市注册的科技型企业。\n本通知自印发之日起施行。\n青屿市科学技术局\n2026年2月10日\n")
    _, meta = split_metadata(text, {"date_published": "2026年2月12日"})
    assert meta.date_written == "2026-02-10" and meta.date_published == "2026-02-12"
    assert meta.date_effective == "2026-02-10"  # 印发 is the day it bears, not the day a website posted it
    unsigned_text = text.replace("青屿市科学技术局\n2026年2月10日\n", "")
    _, unsigned = split_metadata(unsigned_text, {"date_published": "2026年2月12日"})
    assert unsigned.date_effective == "2026-02-12"  # no day written: the day it was published


def test_a_reading_takes_no_effective_day_from_the_document_it_reads_however_it_names_it() -> None:
    text = ("《松江县托育补贴实施办法》政策解读\n来源：松江县卫生健康局　发布时间：2025-02-20\n"
            "近日，县政府印发了《松江县托育补贴实施办法》（松政规〔2025〕3号，以下简称《办法》），自2025年3月1日起施行。\n"
            "问1：哪些家庭可以申请？\n答：本县户籍家庭。\n")
    meta = split_metadata(text)[1]
    assert meta.date_published == "2025-02-20" and meta.date_effective == ""  # 3月1日 is the 办法's day
    own = "松江县托育补贴实施办法\n第一条　为了减轻家庭养育负担，制定本办法。\n第二条　本办法自2025年3月1日起施行。\n"
    assert split_metadata(own)[1].date_effective == "2025-03-01"  # a document's own clause still dates it


def test_a_history_wrapped_mid_word_is_one_line_not_a_title() -> None:
    """A PDF's centred history wraps where the line is full ("…河湾市人" over "民政府令第9号公布…"); the title is the
    file's own, so the second line must not be read as one."""
    text = ("（2025年3月18日河湾市人民政府第42次常务会议通过　河湾市人\n民政府令第9号公布　自2025年5月1日起施行）\n"
            "第一条 为了规范校外培训，制定本办法。\n")
    body, meta = split_metadata(text, {"title": "河湾市校外培训管理办法"})
    assert meta.history == (text.split("\n第一条")[0].replace("\n", ""),)
    assert (meta.doc_number, meta.issuer) == ("河湾市人民政府令第9号", "河湾市人民政府")
    assert (meta.date_effective, meta.title) == ("2025-05-01", "河湾市校外培训管理办法")
    assert body.startswith("第一条")


def test_a_history_wrapped_inside_its_last_date_keeps_its_closing_line() -> None:
    """"…自2025年5月" over "1日起施行）": the second line holds no date of its own but closes the history; it is
    neither lost nor left in the body."""
    text = ("河湾市校外培训管理办法\n（2025年3月18日河湾市人民政府令第9号公布　自2025年5月\n1日起施行）\n"
            "第一条 为了规范校外培训，制定本办法。\n")
    body, meta = split_metadata(text)
    assert meta.history == ("（2025年3月18日河湾市人民政府令第9号公布　自2025年5月1日起施行）",)
    assert meta.date_effective == "2025-05-01" and body.startswith("第一条")
    loose = "河湾市校外培训管理办法\n（2025年3月18日河湾市人民政府令第9号公布）\n1日起施行）\n第一条 为了规范。\n"
    assert "1日起施行）" in split_metadata(loose)[0]  # a closed history takes no more lines
