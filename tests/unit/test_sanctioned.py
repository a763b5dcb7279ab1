"""Which questions ask for the acts a document sanctions (pure): a list asked of what is punished, not a
question about when something may be done with a fine."""

from __future__ import annotations

import pytest

from assistant.answer.sanctioned import asks_sanctioned_acts


@pytest.mark.parametrize("question", ["校外培训机构哪些行为会被处罚", "违反哪些规定会被罚款", "哪些违法行为会受到处罚",
                                      "什么情形要承担法律责任", "哪些行为应当给予处分", "违反了哪些规定要承担责任",
                                      "哪些行為會被處罰"])
def test_a_list_of_punished_acts_is_asked(question: str) -> None:
    assert asks_sanctioned_acts(question)


@pytest.mark.parametrize("question", ["什么情况下执法人员可以当场把罚款收走", "哪些情形可以不予处罚",
                                      "超额收费会被怎么处罚", "罚款要交到哪里", "哪些部门负责处罚"])
def test_other_questions_about_fines_ask_no_list(question: str) -> None:
    assert not asks_sanctioned_acts(question)
