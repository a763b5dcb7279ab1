"""The order page over a rule (assistant.ingest.order_page): the rule's title, issuer and number, not the order's
name or the signer. Pages written for these tests."""

from __future__ import annotations

from pathlib import Path

from assistant.ingest.formats import extract
from assistant.ingest.metadata import split_metadata
from assistant.ingest.order_page import is_order_name, order_page

PAGE = """松溪市人民政府令
第12号
《松溪市城市绿化管理办法》已经2025年2月10日市人民政府第15次常务会议审议通过，现予公布，自2025年4月1日起施行。
市长　林某某
2025年2月20日
松溪市城市绿化管理办法
第一章　总则
第一条　为了加强城市绿化管理，制定本办法。"""


def test_an_order_page_gives_the_rule_s_title_issuer_and_number() -> None:
    page = order_page(PAGE.split("\n"))
    assert page is not None
    assert (page.title, page.issuer) == ("松溪市城市绿化管理办法", "松溪市人民政府")
    assert page.doc_number == "松溪市人民政府令第12号"
    assert (page.date_published, page.date_effective, page.end) == ("2025年2月20日", "2025年4月1日", 6)


def test_the_text_s_metadata_is_the_rule_s_and_its_body_starts_at_its_first_chapter() -> None:
    body, meta = split_metadata(PAGE)
    assert meta.title == "松溪市城市绿化管理办法" and meta.issuer == "松溪市人民政府"
    assert meta.doc_number == "松溪市人民政府令第12号"
    assert (meta.date_published, meta.date_effective) == ("2025-02-20", "2025-04-01")
    assert body.startswith("第一章　总则") and "林某某" not in body


def test_not_order_pages() -> None:
    assert order_page(["松溪市人民政府令", "第12号", "第一条　为了加强城市绿化管理，制定本办法。"]) is None
    assert order_page(["关于印发禁燃令的通知", "各区："]) is None
    assert not is_order_name("禁燃令") and is_order_name("交通运输部令第5号")


def test_a_docx_order_page_is_not_taken_for_the_title(tmp_path: Path) -> None:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = docx.Document()
    for text, bold in (("松溪市人民政府令", True), ("第12号", False)):
        paragraph = document.add_paragraph()
        paragraph.add_run(text).bold = bold
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in PAGE.split("\n")[2:]:
        document.add_paragraph(line)
    path = tmp_path / "order.docx"
    document.save(str(path))
    extracted = extract(path.read_bytes(), ".docx")
    assert extracted.metadata.get("title") != "松溪市人民政府令"
    _, meta = split_metadata(extracted.text, extracted.metadata)
    assert meta.title == "松溪市城市绿化管理办法" and meta.doc_number == "松溪市人民政府令第12号"
