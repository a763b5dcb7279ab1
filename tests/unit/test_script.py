"""Traditional characters read word by word as the corpus writes them (real OpenCC and jieba)."""

from __future__ import annotations

from assistant.text.chinese import normalize_query
from assistant.text.script import simplified_question

MAINLAND = "本市不动产登记资料查询窗口设在政务服务中心。查询登记资料的，应当提交申请。"
TAIWAN_WORDS = "全市数据中心机架总数达到五千个。推进数据中心绿色化改造。"


def test_mainland_usage_in_traditional_characters_stays_as_the_corpus_writes_it() -> None:
    assert simplified_question("登記資料查詢收費嗎", MAINLAND.count) == "登记资料查询收费吗"


def test_taiwan_phrases_become_the_mainland_words_the_corpus_uses() -> None:
    assert simplified_question("資料中心有幾個機架", TAIWAN_WORDS.count) == "数据中心有几个机架"


def test_without_a_corpus_or_on_a_tie_taiwan_phrases_are_used() -> None:
    assert simplified_question("登記資料查詢收費嗎") == "登记数据查找收费吗"
    assert simplified_question("登記資料查詢收費嗎", "".count) == "登记数据查找收费吗"


def test_simplified_text_is_left_as_written() -> None:
    assert simplified_question("建立程序文件", MAINLAND.count) == "建立程序文件"
    assert normalize_query("  登記資料查詢　收費嗎 ", MAINLAND.count) == "登记资料查询 收费吗"


def test_a_phrase_read_across_two_words_stays_as_the_words_the_corpus_has() -> None:
    subsidy = "购买智能手机的，按照成交价的15%给予补贴，每部补贴最高500元，补贴总额设有上限。"
    assert simplified_question("智能手機的補貼上限是多少", subsidy.count) == "智能手机的补贴上限是多少"  # not 补粘贴限
    assert simplified_question("計程車怎麼收費", subsidy.count) == "出租车怎么收费"  # neither form: Taiwan's phrase
