"""Glossary matching (pure): Latin terms found at word starts and in their inflected forms."""

from __future__ import annotations

from assistant.text.glossary import expand_terms, parse_glossary

GLOSSARY = parse_glossary("agency\t机构\ncompany\t企业\nfile\t备案\nfine\t罚款\nlicence\t许可\n违章\t违法行为\n")


def test_plural_and_past_forms_reach_their_entry() -> None:
    assert expand_terms("Which agencies must check the companies?", GLOSSARY) == ["机构", "企业"]
    assert expand_terms("Where is the plan filed?", GLOSSARY) == ["备案"]


def test_word_starts_still_match_and_other_words_do_not() -> None:
    assert expand_terms("How large are the fines?", GLOSSARY) == ["罚款"]
    assert expand_terms("What does the financial office do?", GLOSSARY) == []  # not 'fine'
    assert expand_terms("Profile of the fund", GLOSSARY) == []  # 'file' inside a word


def test_chinese_terms_match_as_substrings_without_stemming() -> None:
    assert expand_terms("路口违章怎么处理", GLOSSARY) == ["违法行为"]


def test_a_short_term_does_not_match_the_start_of_a_longer_word() -> None:
    glossary = parse_glossary("app\t应用\nlicens\t许可\n")
    assert expand_terms("Who applies for it?", glossary) == []  # 'app' + 'lies' is another word
    assert expand_terms("Which apps?", glossary) == ["应用"]
    assert expand_terms("licensing and licences", glossary) == ["许可"]


def test_a_word_found_at_a_word_start_is_not_found_again_by_stem() -> None:
    glossary = parse_glossary("charge\t收费\ncharging\t充电\nagency\t机构\n")
    assert expand_terms("charging an e-bike", glossary) == ["充电"]  # not also 收费 through "charg"
    assert expand_terms("the charges", glossary) == ["收费"]
    assert expand_terms("which agencies", glossary) == ["机构"]


def test_what_follows_a_term_must_be_an_inflection_not_more_of_another_word() -> None:
    glossary = parse_glossary("car\t车辆\nage\t年龄\nlate\t逾期\ncontract\t合同\nbuy\t购买\n")
    assert expand_terms("Who must carry out the check?", glossary) == []  # 'car' + 'ry'
    assert expand_terms("Which agency decides?", glossary) == []  # 'age' + 'ncy'
    assert expand_terms("Can a contractor be named?", glossary) == []  # 'contract' + 'or'
    assert expand_terms("Two cars were late, one buying", glossary) == ["车辆", "逾期", "购买"]


def test_a_doer_after_a_final_e_and_a_longer_entry_owning_the_word() -> None:
    glossary = parse_glossary("purchase\t采购\nmanage\t管理\noffice\t办公室\nofficers\t人员\n")
    assert expand_terms("Must purchasers and managers report?", glossary) == ["采购", "管理"]
    assert expand_terms("How many officers?", glossary) == ["人员"]  # not also 'office' + 'rs'


def test_a_derived_word_is_not_its_roots_entry_but_an_inflection_either_way_is() -> None:
    glossary = parse_glossary("import\t进口\ninstalment\t分期\nappointment\t预约\ndays\t日\nreview\t审核\n")
    assert expand_terms("Who keeps important records?", glossary) == []  # Snowball: both "import"
    assert expand_terms("Who pays for the installation?", glossary) == []  # both "instal"
    assert expand_terms("Must each district appoint a warden?", glossary) == []
    assert expand_terms("Within one day, may reviewers ask again?", glossary) == ["日", "审核"]
    assert expand_terms("Are imported goods checked?", glossary) == ["进口"]


def test_a_verb_entry_reaches_its_participle() -> None:
    glossary = parse_glossary("require\t要求\n")
    assert expand_terms("What rate is required?", glossary) == ["要求"]


def test_the_shipped_glossary_reads_everyday_and_english_words_as_formal_terms() -> None:
    from assistant.text.glossary import load_glossary

    shipped = load_glossary()
    assert "领导小组" in expand_terms("Who heads the leading group for digital government?", shipped)
    assert "粪便" in expand_terms("狗拉屎不清理罚多少钱", shipped)
    assert "放弃饲养" in expand_terms("不想养了怎么办", shipped)
