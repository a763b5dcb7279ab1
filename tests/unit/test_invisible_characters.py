"""Invisible format characters (zero-width, bidi overrides) in questions and conversation titles."""

from __future__ import annotations

import pytest

from assistant.errors import InvalidQuestionError
from assistant.store.conversations import InvalidTitleError, clean_title, title_of
from assistant.validation import validate_question


@pytest.mark.parametrize("text", ["   \u200b\u202e  ", "\ufeff", "\u2066\u2069"])
def test_only_invisible_characters_is_empty(text: str) -> None:
    with pytest.raises(InvalidQuestionError):
        validate_question(text, 500)
    with pytest.raises(InvalidTitleError):
        clean_title(text)


def test_invisible_characters_are_dropped_not_kept() -> None:
    assert validate_question("数据\u200b开放\u202e目录", 500) == "数据开放目录"
    assert clean_title("abc\u202e定规") == "abc定规"
    assert title_of("\u200b公共数据\u2067开放") == "公共数据开放"


def test_folding_traditional_text_leaves_simplified_words_alone() -> None:
    from assistant.text.chinese import fold_traditional, normalize_query

    for text in ("行政处罚的程序是什么", "规范性文件能设定罚款吗", "建立健全制度"):
        assert normalize_query(text) == text and fold_traditional(text) == text
    assert normalize_query("運營企業應當在多長時間內清理") == "运营企业应当在多长时间内清理"


@pytest.mark.parametrize("text", ["\udcff\udcfe数据开放", "数据\ud800开放"])
def test_lone_surrogates_are_refused_with_a_message(text: str) -> None:
    # A command-line argument with stray bytes reaches Python as lone surrogates (surrogateescape);
    # they used to pass here and crash the 繁體 folding with a UnicodeEncodeError.
    from assistant.answer.turns import InvalidHistoryError, turns_from

    with pytest.raises(InvalidQuestionError, match="无效字符"):
        validate_question(text, 500)
    with pytest.raises(InvalidHistoryError, match="无效字符"):
        turns_from([{"question": "数据开放目录是什么", "answer": text}])
