"""The shipped glossary file: one entry a key, well-formed lines, and plain phrasings found."""

from __future__ import annotations

from collections import Counter

from assistant.text.glossary import GLOSSARY_PATH, expand_terms, load_glossary


def _lines() -> list[str]:
    return [ln for ln in GLOSSARY_PATH.read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.lstrip().startswith("#")]


def test_every_line_is_one_key_a_tab_and_formal_terms() -> None:
    bad = [ln for ln in _lines() if ln.count("\t") != 1 or not ln.split("\t")[1].split()]
    assert bad == []


def test_no_key_is_written_twice() -> None:
    # a second line for a key silently replaces the first one's terms (parse_glossary keeps the last)
    keys = Counter(ln.split("\t")[0].strip().lower() for ln in _lines())
    assert [k for k, n in keys.items() if n > 1] == []


def test_plain_words_reach_the_formal_terms_of_a_law() -> None:
    terms = expand_terms("几家小公司抱团投标，中标后能不能转给别人干", load_glossary())
    assert "联合体" in terms and "分包" in terms


def test_everyday_names_of_places_reach_their_formal_names() -> None:
    assert "医疗机构" in expand_terms("在医院门口燃放烟花爆竹罚多少", load_glossary())


def test_english_words_of_joint_action_and_liability_reach_the_formal_terms() -> None:
    terms = expand_terms("Can firms bid jointly, and are they jointly and severally liable?", load_glossary())
    assert "联合" in terms and "责任" in terms
    assert "退回" in expand_terms("How soon must a case outside its remit be sent back?", load_glossary())


def test_everyday_words_for_smoking_and_paying_reach_the_formal_ones() -> None:
    assert "吸烟" in expand_terms("在博物馆里抽烟会被罚多少钱", load_glossary())
    assert "免费" in expand_terms("图书馆看书要花钱吗", load_glossary())


def test_a_subsidys_two_names_and_its_payment_reach_each_other() -> None:
    terms = expand_terms("研发补贴的钱什么时候能到账", load_glossary())
    assert "补助" in terms and "拨付" in terms  # a notice writes "补助资金于…前拨付到企业"
    assert "补贴" in expand_terms("补助标准是多少", load_glossary())


def test_spans_of_time_in_words_reach_their_figures() -> None:
    terms = expand_terms("停车不到半小时就开走要交钱吗", load_glossary())
    assert "30分钟" in terms and "驶离" in terms  # a rule writes "首30分钟内驶离的免费"
    assert "6个月" in expand_terms("补贴半年发一次吗", load_glossary())


def test_everyday_names_of_fees_and_licences_reach_the_formal_ones() -> None:
    assert "佣金" in expand_terms("中介费最多收多少", load_glossary())
    assert "养犬登记证" in expand_terms("办狗证要交钱吗", load_glossary())
    assert "发放" in expand_terms("补贴钱什么时候打到卡上", load_glossary())
