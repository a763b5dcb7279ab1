"""Text and Markdown files: encodings detected, Markdown turned into plain lines, the character budget."""

from __future__ import annotations

import codecs

import pytest

from assistant.ingest.formats import DocumentTooComplexError, UnreadableDocumentError, UnsupportedTypeError, extract
from assistant.ingest.formats import base as budgets

NOTICE = (
    "关于做好2025年政务公开工作的通知（示例）\n"
    "　　各街道办事处，区政府各部门：\n"
    "　　一、加强政策解读\n"
    "　　（一）政策文件与解读材料同步组织、同步审签、同步部署。\n"
    "　　二、做好依申请公开\n"
    "　　答复期限为二十个工作日，不得擅自延长。\n"
)
EXPECTED = [line.strip("\u3000") for line in NOTICE.splitlines()]
TRADITIONAL = ("第一條 為規範本市政務數據共享工作，提高行政效能，制定本辦法。\n"
               "第二條 本辦法適用於本市行政區域內政務數據的共享活動。\n")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-le", "utf-16-be"])
def test_simplified_text_in_every_common_encoding(encoding: str) -> None:
    assert extract(NOTICE.encode(encoding), ".txt").text.splitlines() == EXPECTED


@pytest.mark.parametrize("bom, encoding", [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
                                           (codecs.BOM_UTF8, "utf-8")])
def test_a_byte_order_mark_decides_and_is_dropped(bom: bytes, encoding: str) -> None:
    text = extract(bom + NOTICE.encode(encoding), ".txt").text
    assert text.splitlines() == EXPECTED and "\ufeff" not in text


@pytest.mark.parametrize("encoding", ["big5", "utf-16-le", "gb18030"])
def test_traditional_text_in_big5_and_others(encoding: str) -> None:
    assert extract(TRADITIONAL.encode(encoding), ".txt").text == TRADITIONAL


def test_blank_lines_and_edge_spaces_are_dropped() -> None:
    data = "\r\n\r\n　第一条 总则。  \r\n\r\n\t第二条 附则。\r\n".encode()
    assert extract(data, ".txt").text == "第一条 总则。\n第二条 附则。\n"


def test_undecodable_and_binary_files_are_refused() -> None:
    with pytest.raises(UnreadableDocumentError, match="无法解码"):
        extract(b"\x80\x80\xff\xff\x80", ".txt")
    with pytest.raises(UnreadableDocumentError, match="无法解码"):
        extract(b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" * 8, ".txt")
    with pytest.raises(UnsupportedTypeError, match="不支持"):
        extract(b"x", ".xls")
    with pytest.raises(UnreadableDocumentError, match="没有文字"):
        extract(b"  \n\n ", ".txt")


MARKDOWN = """# 滨江区数据要素市场培育行动方案（示例）

2025年3月1日 滨江区人民政府办公室印发

<!-- INFO END -->

## 一、**主要目标**

到2026年，培育数据经纪人不少于[10家](http://example.invalid/x)。

### （一）完善数据交易规则
1. 制定数据产品登记办法。
2. 建立数据交易合规审查机制。

- 探索数据资产入表。
* 开展数据质量评价。

| 任务 | 牵头单位 | 完成时限 |
| --- | --- | --- |
| 建设数据交易平台 | 区大数据局 | 2025年底 |
| 发布数据产品目录 | 区发展改革委 | 2026年6月 |

第五条 本方案自印发之日起施行。
第六条 本方案由区大数据局负责解释。
"""


def test_markdown_becomes_plain_lines_without_markers() -> None:
    result = extract(MARKDOWN.encode(), ".md")
    assert result.text.splitlines() == [
        "滨江区数据要素市场培育行动方案（示例）",
        "2025年3月1日 滨江区人民政府办公室印发",
        "一、主要目标",
        "到2026年，培育数据经纪人不少于10家。",
        "（一）完善数据交易规则",
        "1.制定数据产品登记办法。",
        "2.建立数据交易合规审查机制。",
        "探索数据资产入表。",
        "开展数据质量评价。",
        "任务：建设数据交易平台；牵头单位：区大数据局；完成时限：2025年底",
        "任务：发布数据产品目录；牵头单位：区发展改革委；完成时限：2026年6月",
        "第五条 本方案自印发之日起施行。",
        "第六条 本方案由区大数据局负责解释。",
    ]
    assert result.title == "" and result.metadata == {}


def test_angle_brackets_in_a_law_name_survive_markdown() -> None:
    line = "2014年8月31日 《关于修改<中华人民共和国示例法>等五部法律的决定》第二次修正"
    assert extract(f"# 示例法\n\n{line}\n".encode(), ".md").text.splitlines()[1] == line


def test_the_character_budget_applies_to_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(budgets, "MAX_OUTPUT_CHARS", 50)
    with pytest.raises(DocumentTooComplexError, match="50"):
        extract(NOTICE.encode() * 3, ".txt")


def test_raw_html_blocks_in_markdown_give_their_text_and_comments_none() -> None:
    source = "# 示例通知\n\n<div align=\"center\">东湖区人民政府办公室</div>\n\n<!-- 编辑备注 -->\n\n第一条 总则。\n"
    assert extract(source.encode(), ".md").text.splitlines() == ["示例通知", "东湖区人民政府办公室", "第一条 总则。"]


@pytest.mark.parametrize("text", ["关于印发通知", "第一条 总则。", "政府資訊公開",
                                  "青岛市大数据发展管理局关于2025年工作要点的通知"])
@pytest.mark.parametrize("encoding", ["gb18030", "big5", "utf-16-le", "utf-16-be"])
def test_short_titles_decode_in_every_encoding_they_fit(text: str, encoding: str) -> None:
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        pytest.skip(f"{text} has no {encoding} form")
    assert extract(data, ".txt").text == text + "\n"


def test_markdown_headings_without_numbers_a_table_of_labels_and_bold_left_open() -> None:
    guide = ("# 河湾市户外广告设置许可办事指南\n\n## 基本信息\n\n"
             "| 事项名称 | 户外广告设置许可（新办） |\n| --- | --- |\n| 实施主体 | 河湾市城市管理局 |\n\n"
             "## 一、办理条件\n\n**申请条件：**设置人应当持有营业执照。\n\n## 目录\n")
    assert extract(guide.encode(), ".md").text.splitlines() == [
        "河湾市户外广告设置许可办事指南",  # the title keeps no mark
        "## 基本信息",  # a heading without a number keeps "## ": the parser makes it a part
        "事项名称：户外广告设置许可（新办）",  # labels and values, not the first row taken for a header
        "实施主体：河湾市城市管理局",
        "一、办理条件",  # a numbered heading needs no mark
        "申请条件：设置人应当持有营业执照。",
        "目录",
    ]


def test_a_pipe_table_typed_in_a_text_file_becomes_a_line_per_row() -> None:
    text = ("第十条　在线监测设备按照下表配置：\n| 工程规模 | 设备数量 |\n| --- | :---: |\n| 5万平方米以下 | 1台 |\n"
            "| 5万平方米以上 | 2台 |\n第十一条　数据保存一年。\n| 这一行不是表格 |\n")
    lines = extract(text.encode("utf-8"), ".txt").text.splitlines()
    assert lines == ["第十条　在线监测设备按照下表配置：", "工程规模：5万平方米以下；设备数量：1台",
                     "工程规模：5万平方米以上；设备数量：2台", "第十一条　数据保存一年。", "| 这一行不是表格 |"]
