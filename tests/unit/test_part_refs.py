"""Parts and chapters named by number: a chapter of a law, a notice's parts called chapters."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.retrieve.part_refs import numbered_parts, part_refs


@dataclass(frozen=True)
class Ref:
    part_title: str
    part_level: str


LAW = {("law", 1): Ref("总则", "chapter"), ("law", 2): Ref("销售和登记", "chapter")}
NOTICE = {("notice", 1): Ref("总体要求", "part"), ("notice", 2): Ref("重点任务", "part")}


def test_a_chapter_number_names_a_chapter_and_a_part_number_either() -> None:
    both = {**LAW, **NOTICE}
    assert part_refs("第二章讲了什么", both)[0] == {("law", 2)}
    assert part_refs("第二部分讲了什么", both)[0] == {("notice", 2)}
    assert part_refs("第二部分讲了什么", LAW)[0] == {("law", 2)}  # "条例第二部分": its 第二章


def test_a_notices_parts_are_its_chapters_when_no_chapter_is_there() -> None:
    assert part_refs("意见第二章讲了什么", NOTICE)[0] == {("notice", 2)}
    assert part_refs("第九章讲了什么", {**LAW, **NOTICE})[0] == set()  # a law's missing chapter stays missing


def test_a_part_a_notice_lacks_is_no_laws_chapter_when_a_notice_is_loaded() -> None:
    law = {**LAW, ("law", 3): Ref("法律责任", "chapter")}
    assert part_refs("第三部分讲了什么", {**law, **NOTICE})[0] == set()  # the notice has two parts
    assert part_refs("第三部分讲了什么", law)[0] == {("law", 3)}          # laws only: its 第三章


def test_a_rule_of_bare_articles_has_no_chapters_or_parts() -> None:
    rule = {("rule", 3): Ref("", "article"), ("rule", 2): Ref("", "article")}
    assert part_refs("供水办法第三章讲了什么", rule)[0] == set()      # not its 第三条
    assert part_refs("第二部分讲了什么", rule)[0] == set()


def test_a_weak_list_cue_asks_of_the_title_itself_not_of_a_longer_word() -> None:
    rules = {("reg", 2): Ref("使用管理", "chapter"), ("reg", 3): Ref("基本原则", "chapter")}
    assert part_refs("电梯使用管理单位有哪些义务", rules)[0] == set()  # 使用管理单位: a body, not the chapter
    assert part_refs("使用管理有哪些规定", rules)[0] == {("reg", 2)}
    assert part_refs("基本原则有哪几条", rules)[0] == {("reg", 3)}
    assert part_refs("使用管理单位这一章讲了什么", rules)[0] == {("reg", 2)}  # a strong cue: the chapter


def test_the_last_part_is_a_notices_part_and_the_last_chapter_a_laws() -> None:
    rule = {("rule", 3): Ref("", "article"), ("rule", 9): Ref("", "article")}
    assert part_refs("最后一部分讲了什么", {**LAW, **NOTICE, **rule})[0] == {("notice", 2)}
    assert part_refs("最后一章讲了什么", {**LAW, **NOTICE, **rule})[0] == {("law", 2)}
    assert part_refs("最后一部分讲了什么", {**LAW, **rule})[0] == {("law", 2)}  # laws only: the last chapter


def test_a_few_shared_words_name_a_part_only_when_what_it_holds_is_asked() -> None:
    notice = {("notice", 2): Ref("全面推行公共资源交易公开制度", "part"), ("notice", 3): Ref("强化监督保障", "part")}
    assert part_refs("交易公开这部分讲了什么", notice)[0] == {("notice", 2)}
    assert part_refs("交易公开那部分有几项任务", notice)[0] == {("notice", 2)}  # counting its units: the list
    assert part_refs("推行交易公开这几项制度，各地由谁负责", notice)[0] == set()   # a fact: searched
    assert part_refs("交易公开这部分要在多少天内完成", notice)[0] == set()


def test_an_english_question_names_a_part_by_the_glossary_s_chinese_for_its_title() -> None:
    notice = {("notice", 1): Ref("总体要求", "part"), ("notice", 2): Ref("重点任务", "part"),
              ("notice", 3): Ref("保障措施", "part")}
    assert part_refs("What are the safeguard measures in the notice?", notice)[0] == {("notice", 3)}
    assert part_refs("What does the notice say about its general requirements?", notice)[0] == {("notice", 1)}
    assert part_refs("Who pays for the safeguard measures?", notice)[0] == set()  # a fact, not what it holds
    both = {**notice, ("other", 3): Ref("保障措施", "part")}
    assert part_refs("What are the safeguard measures?", both)[0] == set()  # two such parts: searched


def test_english_chapters_and_parts_by_digit_word_or_roman_numeral() -> None:
    both = {**LAW, **NOTICE}
    assert part_refs("What does Chapter 2 say?", both)[0] == {("law", 2)}
    assert part_refs("Summarize chapter II", both)[0] == {("law", 2)}
    assert part_refs("What is in Part two?", both)[0] == {("notice", 2)}
    assert part_refs("What does Chapter IX say?", both)[0] == set()  # missing, not some notice's part


def test_numbered_parts_reads_the_level_and_number_of_each_wording() -> None:
    assert numbered_parts("第三章和Chapter IV") == [(3, "第三章", "chapter"), (4, "Chapter IV", "chapter")]
    assert numbered_parts("part 2 of the plan") == [(2, "part 2", "part")]
    assert numbered_parts("the parties' chapter of life") == []  # no number after the word
