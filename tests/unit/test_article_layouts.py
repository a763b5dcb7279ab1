"""Article layouts other than "第N条 text" on one line: the label alone on its line, a short title on
the heading line, items without labels ("一是…；二是…。"), a table under a lead-in.

The articles are written for these tests in the style of a county's implementing rules.
"""

from __future__ import annotations

import pytest

from assistant.answer.citing import label_text
from assistant.answer.quotes import quote_spans
from assistant.ingest.documents import join_bare_labels
from assistant.ingest.outline import article_title, clause_of, title_only
from assistant.records import Chunk


def _quote(text: str, part: str) -> str:
    start = text.index(part)
    return "".join(text[s:e] for s, e in quote_spans(text, start, start + len(part)))


def test_a_label_alone_on_its_line_is_joined_to_its_text() -> None:
    text = "第一章\n总则\n第一条\n\n为规范补贴发放，制定本细则。\n第二章\n第二条　补贴对象\n一是特困人员；"
    joined = "第一章 总则\n第一条 为规范补贴发放，制定本细则。\n第二章\n第二条　补贴对象\n一是特困人员；"
    assert join_bare_labels(text) == joined
    assert join_bare_labels("依照本细则第三条\n规定办理。") == "依照本细则第三条\n规定办理。"  # running text
    assert join_bare_labels("第三条\n（一）特困人员；") == "第三条\n（一）特困人员；"  # items follow: left alone


@pytest.mark.parametrize(("line", "title", "only"), [
    ("第三条　补贴标准", "补贴标准", True),
    ("第三条（补贴标准）", "补贴标准", True),
    ("第一条（立法目的）为了规范补贴发放，制定本细则。", "立法目的", False),  # a title, then the text
    ("第九条 本细则自公布之日起施行", "", False),  # a short sentence is no title
    ("第二条 补贴对象为：", "", False),
])
def test_an_article_title_on_the_heading_line(line: str, title: str, only: bool) -> None:
    assert article_title(line.split("条", 1)[1]) == title
    assert title_only(line) is only


def test_a_heading_line_with_only_a_title_is_no_paragraph() -> None:
    art = "第三条　补贴标准\n1．重度失能老年人每人每月六百元；\n2．中度失能老年人每人每月四百元。\n补贴按月发放。"
    at = art.index("补贴按月")
    assert clause_of(art, at, at + 4) == ("第二款", "")  # not 第三款: the title line is not counted
    at = art.index("中度")
    assert clause_of(art, at, at + 2) == ("第一款", "第2项")
    assert _quote(art, "中度失能老年人每人每月四百元。") == art[: art.index("\n补贴按月")].replace("\n", "")


def test_items_without_labels_belong_to_their_lead_in() -> None:
    lead = "第二条 补贴对象为本县户籍的下列老年人："
    art = f"{lead}\n一是特困供养人员；\n二是低保家庭中的失能老年人。\n补贴对象每年复核一次。"
    at = art.index("二是")
    assert clause_of(art, at, at + 2)[0] == "第一款"  # an item of the first paragraph, not a 款 of its own
    at = art.index("每年复核")
    assert clause_of(art, at, at + 4)[0] == "第二款"
    assert _quote(art, "二是低保家庭中的失能老年人。") == f"{lead}二是低保家庭中的失能老年人。"
    plain = "第四条 补贴资金由县财政列支。\n申请人应当向乡镇人民政府提出申请。"  # no lead-in: two paragraphs
    assert clause_of(plain, plain.index("申请人"), plain.index("申请人") + 3)[0] == "第二款"


def test_an_item_labelled_with_a_numeral_and_a_comma_is_cited_as_labelled() -> None:
    art = "第六条 申请补贴应当提交下列材料：\n一、申请表；\n二、户籍证明；\n三、收入证明。\n材料不全的，一次告知补正。"
    at = art.index("户籍证明")
    assert clause_of(art, at, at + 4) == ("第一款", "第二项")  # "二、" is 第二项, not 第（二）项
    bracket = art.replace("一、", "（一）").replace("二、", "（二）").replace("三、", "（三）")
    at = bracket.index("户籍证明")
    assert clause_of(bracket, at, at + 4) == ("第一款", "第（二）项")
    subs = ("第七条 补贴按下列标准发放：\n一、初级证书，每人五百元；\n二、中级证书，分两档：\n"
            "1.首次取得的，一千元；\n2.再次取得的，八百元。")
    at = subs.index("再次取得")
    assert clause_of(subs, at, at + 4) == ("", "第二项第2目")
    at = subs.index("中级证书")  # an item quoted with its 目 is that item
    assert clause_of(subs, at, subs.index("八百元") + 4) == ("", "第二项")
    # a 目 is quoted with its 项 (lead-in, item line and the item's other 目), as under a "（二）" item
    assert _quote(subs, "八百元") == "第七条 补贴按下列标准发放：" + subs[subs.index("二、"):].replace("\n", "")


def test_an_article_title_is_shown_in_brackets_and_a_traditional_item_in_its_script() -> None:
    def article(label: str, title: str) -> Chunk:
        return Chunk(doc_id="r", doc_title="某县实施细则", label=label, number=3, title=title, part="", part_title="",
                     text="", start=0, end=0, level="article")

    assert label_text(article("第三条", "补贴标准")) == "第三条（补贴标准）"
    assert label_text(article("第三条", "")) == "第三条"
    assert label_text(article("第三條", ""), "第（二）项") == "第三條第（二）項"


def test_an_inserted_article_s_label_is_not_quoted() -> None:
    from assistant.answer.quotes import strip_label

    body = "承租人積欠租金達三個月者，出租人得終止租約。"
    assert strip_label(f"第四條之一 {body}") == body
    assert strip_label("第一百二十条之一 以暴力方法强迫他人的，依法处罚。") == "以暴力方法强迫他人的，依法处罚。"


def test_a_bracketed_title_line_is_no_quote_and_a_which_question_gets_every_item() -> None:
    from assistant.answer.candidates import heading_sentence
    from assistant.answer.clauses import asks_which

    art = "\n".join(["第四条（停放要求）", "任何单位和个人不得有下列行为：", "（一）在楼梯间停放电动自行车；",
                     "（二）私拉电线充电；", "（三）占用消防通道。"])
    chunk = Chunk(doc_id="r", doc_title="某市电动自行车停放充电管理办法", label="第四条", number=4, title="停放要求",
                  part="", part_title="", text=art, start=0, end=len(art), level="article")
    assert heading_sentence(chunk, "第四条（停放要求）") and not heading_sentence(chunk, "（二）私拉电线充电；")
    start = art.index("（一）")
    one = "".join(art[s:e] for s, e in quote_spans(art, start, start + 5))
    every = "".join(art[s:e] for s, e in quote_spans(art, start, start + 5, listing=True))
    assert one == "任何单位和个人不得有下列行为：（一）在楼梯间停放电动自行车；"
    assert every == one + "（二）私拉电线充电；（三）占用消防通道。"
    assert asks_which("停放要求有哪些") and asks_which("包括哪几类情形") and not asks_which("能在楼梯间停车吗")
    assert label_text(chunk, "第（二）项") == "第四条第（二）项"  # not "第四条第（二）项停放要求"
