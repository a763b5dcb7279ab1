"""English names of laws in questions: found in both word orders, known or unknown against the loaded
titles through the glossary, and left undecided when a word has no glossary entry."""

from __future__ import annotations

import pytest

from assistant.retrieve.english_names import chinese_terms, english_names, unknown_english_names

GLOSSARY = {"data security": ("数据安全",), "data": ("数据",), "government procurement": ("政府采购",),
            "protection": ("保护",), "critical information infrastructure": ("关键信息基础设施",),
            "personal information": ("个人信息",), "civil code": ("民法典",)}
TITLES = ["中华人民共和国政府采购法", "关键信息基础设施安全保护条例", "江城市数据条例"]


def test_names_are_found_before_and_after_their_kind_word() -> None:
    assert english_names("What does Article 27 of the Data Security Law say?") == [
        ("Data Security Law", ("law", "data", "security"))]
    names = english_names("Under the Regulations on the Protection of Critical Information Infrastructure, who?")
    assert names and names[0][1] == ("regulations", "protection", "critical", "information", "infrastructure")
    assert english_names("What does the law say about fines?") == []  # no name, a common noun
    assert english_names("Which rules apply to Chinese Law students?") == []


def test_longest_glossary_entries_come_first_and_an_unknown_word_leaves_it_open() -> None:
    assert chinese_terms(("data", "security"), GLOSSARY) == [("数据安全",)]
    assert chinese_terms(("anyang", "data"), GLOSSARY) is None


@pytest.mark.parametrize(("question", "unknown"), [
    ("What does Article 27 of the Data Security Law say?", ["Data Security Law"]),
    ("Who supervises purchases under the Government Procurement Law?", []),
    ("Under the Regulations on the Protection of Critical Information Infrastructure, who reports?", []),
    ("What does the Personal Information Protection Law of the People's Republic of China require?",
     ["Personal Information Protection Law of the People's Republic of China"]),
    ("How does the Jiangcheng Data Regulation define public data?", []),   # 'jiangcheng': not in the glossary
    ("What does the Data Regulation say about trading?", []),               # 江城市数据条例 is loaded
    ("What does the Data Law say?", ["Data Law"]),                          # 数据 is loaded as a 条例, not a 法
    ("Under Personal Information Protection Law, who reports?", ["Personal Information Protection Law"]),
    ("Does Government Procurement Law allow single-source purchases?", []),  # the opening word is no part
    ("What does Article 1034 of the Civil Code say?", ["Civil Code"]),
])
def test_a_name_is_unknown_only_when_every_word_translates_and_no_title_holds_it(question: str,
                                                                                 unknown: list[str]) -> None:
    assert unknown_english_names(question, TITLES, GLOSSARY) == unknown


def test_a_measures_title_is_no_law_and_traditional_titles_are_compared_simplified() -> None:
    assert unknown_english_names("What does the Data Security Law say?", ["江城市数据安全管理办法"], GLOSSARY) == [
        "Data Security Law"]
    assert unknown_english_names("Under the Data Security Regulations, who reports?", ["澄江市數據安全條例"],
                                 GLOSSARY) == []
    assert unknown_english_names("the Data Regulations", ["江城市数据条例（试行）"], GLOSSARY) == []


@pytest.mark.parametrize("name", ["Food Safety Law", "Administrative Compulsion Law", "Labour Contract Law",
                                  "Road Traffic Safety Law", "Anti-Monopoly Law", "Individual Income Tax Law",
                                  "Regulations on Housing Provident Fund Management"])
def test_the_project_glossary_knows_the_words_of_common_national_law_names(name: str) -> None:
    from assistant.text.glossary import load_glossary
    question = f"What does the {name} say about this?"
    assert unknown_english_names(question, TITLES, load_glossary()) == [name]  # none of them is loaded
    assert unknown_english_names("Under the Government Procurement Law, who buys?", TITLES, load_glossary()) == []
