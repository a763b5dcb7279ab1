"""How related sections are named in a refusal's list (answer.citing.related_names)."""

from __future__ import annotations

from assistant.answer.citing import related_names
from assistant.records import Citation


def _cite(doc: str, label: str, title: str = "") -> Citation:
    return Citation(doc, f"澄江市{doc}", label, 10, title, "", "……", 0.5, label)


def test_sections_of_one_document_are_named_bare_when_it_is_the_only_one() -> None:
    assert related_names([_cite("条例", "第十条"), _cite("条例", "第九条")]) == ["第十条", "第九条"]


def test_sections_of_one_document_carry_its_title_when_several_are_loaded() -> None:
    names = related_names([_cite("条例", "第十条"), _cite("条例", "第九条")], several=True)
    assert names == ["《澄江市条例》第十条", "《澄江市条例》第九条"]


def test_sections_of_several_documents_carry_their_titles() -> None:
    assert related_names([_cite("条例", "第十条"), _cite("办法", "第二条")])[1] == "《澄江市办法》第二条"
