"""Which loaded documents a question names (pure): every usual name, and names of documents not loaded."""

from __future__ import annotations

import pytest

from assistant.retrieve.docnames import (
    doc_kinds,
    doc_names,
    is_document_number,
    mentioned,
    name_spans,
    named,
    number_aliases,
    strip_document_numbers,
    strip_names,
    title_aliases,
    unknown_names,
)
from assistant.text.chinese import normalize_query

# Titles in the style of real laws and notices, with made-up subjects.
DOCS = doc_names([
    ("law", "中华人民共和国城市绿化管理法", ""),
    ("city", "清河市公共停车条例", ""),
    ("rules", "国务院关于电子证照应用的若干规定", ""),
    ("notice", "国务院办公厅关于印发《数字档案试点工作方案》的通知", "国办函〔2020〕35号"),
    ("opinion", "国务院办公厅关于全面推行公共资源交易平台整合共享的指导意见", "国办发〔2019〕12号"),
    ("infra", "城市供水设施安全保护条例", ""),
    ("zone", "清河市人民政府关于支持综合保税区发展外贸新业态的意见", ""),
])


@pytest.mark.parametrize(("question", "doc"), [
    ("城市绿化管理法第三条讲了什么", "law"),       # without 中华人民共和国
    ("《中华人民共和国城市绿化管理法》第五条", "law"),
    ("绿化法第九条", "law"),                      # abbreviation: same start, characters in order
    ("公共停车条例第二条", "city"),                # without the issuing city
    ("清河停车条例怎么规定的", "city"),
    ("电子证照应用规定第八条", "rules"),           # core of "X关于Y的若干规定"
    ("数字档案试点工作方案有哪些任务", "notice"),  # the inner 《》 title
    ("国办函[2020]35号讲了什么", "notice"),        # the document number, any brackets
    ("国办发(2019)12号第三项", "opinion"),
    ("公共资源交易平台整合共享的指导意见说了啥", "opinion"),
    ("供水设施保护条例第五条", "infra"),
    ("综保区意见的主要任务有哪些", "zone"),        # abbreviation of a phrase: 综(合)保(税)区
    ("数字档案方案有哪些任务", "notice"),          # shortened by the type of the plan it issues
    ("档案试点方案的第二部分", "notice"),
])
def test_a_document_is_found_by_every_usual_name(question: str, doc: str) -> None:
    assert named(question, DOCS) == [doc]


@pytest.mark.parametrize("question", ["依法行政有哪些要求", "停车收费标准是多少", "这个方案的目标是什么",
                                      "停车方案的第二部分"])
def test_ordinary_words_name_no_document(question: str) -> None:
    assert named(question, DOCS) == []
    assert unknown_names(question, DOCS) == []


@pytest.mark.parametrize(("question", "name"), [
    ("数据安全法第二十七条规定了什么", "数据安全法"),
    ("《电子签名法》第十三条", "电子签名法"),
    ("网络安全法规定的罚款是多少", "网络安全法"),
])
def test_a_law_that_is_not_loaded_is_reported(question: str, name: str) -> None:
    assert named(question, DOCS) == []
    assert any(span.endswith(name) for span in unknown_names(question, DOCS))


def test_aliases_are_derived_from_the_title_alone() -> None:
    assert "城市绿化管理法" in title_aliases("中华人民共和国城市绿化管理法")
    assert "公共停车条例" in title_aliases("清河市公共停车条例")
    assert "电子证照应用的若干规定" in title_aliases("国务院关于电子证照应用的若干规定")
    assert set(number_aliases("国办函〔2020〕35号")) >= {"国办函〔2020〕35号", "国办函[2020]35号"}
    assert number_aliases("没有文号") == ()


@pytest.mark.parametrize("question", ["河税意见有哪些要求", "综区意见讲了什么"])
def test_characters_spread_over_a_title_are_no_abbreviation(question: str) -> None:
    # 河…税 and 综…区 stand too far apart in the title to read as a shortened phrase of it
    assert named(question, DOCS) == []


@pytest.mark.parametrize(("question", "unknown"), [
    ("国办函〔2020〕36号对档案有什么要求", ["国办函〔2020〕36号"]),   # same series, another number
    ("粤府[2021]5号讲了什么", ["粤府〔2021〕5号"]),
    ("请问国办函[2020]35号讲了什么", []),                           # loaded, other brackets
    ("国办发（2019）12号第三项", []),
])
def test_document_numbers_not_loaded_are_unknown(question: str, unknown: list[str]) -> None:
    assert unknown_names(question, DOCS) == unknown


def test_a_document_number_is_no_topic_term() -> None:
    assert "2020" not in strip_document_numbers("国办函〔2020〕35号的工作目标")
    assert is_document_number("国办函〔2020〕35号") and not is_document_number("城市绿化管理法")


@pytest.mark.parametrize(("question", "span"), [
    ("清河市数据条例第二条", "清河市数据条例"),          # 数据 ends in 据: not the preposition 据 + 条例
    ("《清河市证据保全办法》第三条", "清河市证据保全办法"),
])
def test_names_ending_in_a_word_with_a_preposition_character_are_names(question: str, span: str) -> None:
    assert span in name_spans(question)
    assert span not in strip_names(question)


@pytest.mark.parametrize("question", ["依据条例怎么处理", "按照规定要交什么材料", "在条例里怎么写的"])
def test_a_preposition_before_a_type_word_is_no_name(question: str) -> None:
    assert name_spans(question) == []


@pytest.mark.parametrize("question", ["空气源热泵的运行补贴标准是什么", "老旧小区改造的具体措施有哪些",
                                      "夜间施工的审批规则是怎样的"])
def test_a_thing_asked_after_de_that_ends_in_an_ordinary_kind_word_is_no_name(question: str) -> None:
    assert name_spans(question) == []
    assert "热泵" in strip_names("空气源热泵的运行补贴标准是什么")  # the question keeps its topic


@pytest.mark.parametrize(("question", "span"), [
    ("《南屿市老旧小区改造的实施方案》第三部分", "南屿市老旧小区改造的实施方案"),  # quoted: a name
    ("关于推进老旧小区改造的实施方案第三部分讲了什么", "关于推进老旧小区改造的实施方案"),
    ("南屿市城市绿化管理办法的第五条", "南屿市城市绿化管理办法"),
])
def test_names_with_de_that_are_quoted_or_open_with_guanyu_stay_names(question: str, span: str) -> None:
    assert span in name_spans(question)


def test_a_name_the_documents_mention_is_asked_about_only_for_its_making() -> None:
    corpus = "推动制定《清河市数据条例》，加强宣贯。"
    assert mentioned("《清河市数据条例》", "清河市数据条例有在推动立法吗", corpus)
    assert not mentioned("清河市数据条例", "清河市数据条例对数据交易怎么规定", corpus)
    assert not mentioned("北岭市数据条例", "北岭市数据条例什么时候出台", corpus)
    # a status word elsewhere in a content question does not count
    assert not mentioned("清河市数据条例", "清河市数据条例对数据发布和修订记录有什么要求", corpus)


@pytest.mark.parametrize(("question", "names"), [
    ("送达要依照民事诉讼法的哪些规定", ["民事诉讼法"]),            # not "送达要依照民事诉讼法"
    ("申请执行要根据城市绿化条例的规定吗", ["城市绿化条例"]),
    ("噪声法和城市绿化管理法有什么不同", ["噪声法", "城市绿化管理法"]),
    ("中华人民共和国城市绿化管理法第三条", ["中华人民共和国城市绿化管理法"]),  # 共和 is no conjunction
    ("重要数据保护条例是什么时候出台的", ["重要数据保护条例"]),               # 重要 is no verb 要
    ("公众参与条例第三条", ["公众参与条例"]),
    ("噪声条例和绿化办法分别什么时候施行", ["噪声条例", "绿化办法"]),          # then 分别
    ("违反条例第十八条第（四）项的罚款是多少", []),  # 违反, then 条例 alone: the loaded regulation, no name
])
def test_a_name_starts_after_the_verb_or_conjunction_before_it(question: str, names: list[str]) -> None:
    assert name_spans(question) == names


def test_a_measures_title_is_no_law_and_a_traditional_title_is_named_in_simplified() -> None:
    docs = doc_names([("measures", "江城市公共数据安全管理办法", ""), ("trad", "澄江市數據安全條例", "")])
    assert named(normalize_query("《数据安全法》第三条规定了什么？"), docs) == []  # 办法 ends in 法, but is no 法
    assert unknown_names(normalize_query("數據安全法第三條是什麼？"), docs) == ["数据安全法"]
    assert named(normalize_query("公共数据安全管理办法第三条"), docs) == ["measures"]
    for question in ("数据安全条例第三条是什么？", "數據安全條例第三條"):
        assert named(normalize_query(question), docs) == ["trad"]
        assert unknown_names(normalize_query(question), docs) == []


def test_another_law_sharing_the_end_of_a_loaded_ones_name_is_not_it() -> None:
    assert named("乡村绿化管理法第三条讲了什么", DOCS) == []  # 乡村 is no word before 城市绿化管理法
    assert unknown_names("乡村绿化管理法第三条讲了什么", DOCS) == ["乡村绿化管理法"]
    assert named("修订后的城市绿化管理法第三条", DOCS) == ["law"]  # words before the name itself
    assert named("新城市绿化管理法有什么变化", DOCS) == ["law"]


def test_words_before_a_shortened_name_that_name_another_law_are_not_dropped() -> None:
    docs = doc_names([("parking", "江城市停车管理条例", "")])
    for question in ("道路停车条例第三条", "某某停车条例第五条"):
        assert named(question, docs) == [] and unknown_names(question, docs) != []
    for question in ("请问江城停车条例第三条", "关于江城停车条例第三条", "现行停车管理条例第三条"):
        assert named(question, docs) == ["parking"]


def test_a_place_then_a_qualifier_before_a_short_name_is_another_places_document() -> None:
    docs = doc_names([("city", "清河市数据条例", ""), ("county", "青山县农村供水条例", "")])
    assert named("数据条例第三条", docs) == ["city"]  # the short name alone
    assert named("江川省公共数据条例第三条", docs) == []  # 江川省 + 公共 + 数据条例: another province's
    assert unknown_names("江川省公共数据条例第三条", docs) == ["江川省公共数据条例"]
    assert named("北江省清河市数据条例第三条", docs) == ["city"]  # the province above the loaded city
    assert named("青山县农村供水条例第二条", docs) == ["county"]


def test_a_type_word_before_a_reference_names_the_one_document_of_that_type_only() -> None:
    from assistant.retrieve.doc_refs import named_documents

    docs = doc_names([("law", "中华人民共和国公共数据开放法", ""), ("dogs", "河灣市犬隻飼養管理辦法", "")])
    assert named_documents(normalize_query("办法第十一条第二款"), docs) == ["dogs"]  # 办法 is no 法
    assert named_documents("管理办法第十一条", docs) == ["dogs"]
    assert named_documents("法第三条", docs) == ["law"]
    assert named_documents("实施办法第三条", docs) == []  # another type than the loaded 管理办法


def test_an_english_question_names_a_document_by_its_name_or_by_its_only_type() -> None:
    docs = doc_names([("parking", "清河市公共停车条例", ""), ("infra", "城市供水设施安全保护条例", ""),
                      ("notice", "国务院办公厅关于印发《数字档案试点工作方案》的通知", ""),
                      ("opinion", "国务院办公厅关于推行公共资源交易平台整合共享的指导意见", ""),
                      ("zone", "清河市人民政府关于支持综合保税区发展外贸新业态的意见", "")])
    assert named("What does the Parking Regulation say about fees?", docs) == ["parking"]
    assert named("What does the guideline say about platform integration?", docs) == ["opinion"]  # one 指导意见
    assert named("By when must the pilot plan be carried out?", docs) == ["notice"]  # the 方案 it issues
    assert named("What does the regulation say about fees?", docs) == []   # two 条例: no guess
    assert named("What does the opinion require?", docs) == []            # two 意见
    assert named("停车条例的规定", docs) == ["parking"] and named("这个意见讲了什么", docs) == []


def test_the_only_document_of_a_type_is_named_before_a_reference_by_any_of_its_types() -> None:
    from assistant.retrieve.doc_refs import named_documents

    docs = doc_names([("rule", "清河市公共停车条例", ""), ("opinion", "清河市关于推行交易平台整合的意见", ""),
                      ("notice", "清河市人民政府办公室关于印发《老旧小区改造工作方案》的通知", "")])
    assert named_documents("方案第二条讲了什么", docs) == ["notice"]   # the 方案 it issues: its own 第二条 or none
    assert named_documents("通知第二部分讲了什么", docs) == ["notice"]
    assert named_documents("条例第二条讲了什么", docs) == ["rule"]
    assert named_documents("停车管理办法第二条", docs) == []           # no 办法 loaded


def test_a_title_carrying_another_is_shown_with_single_marks_inside() -> None:
    from assistant.text.chinese import book_title

    assert book_title("关于印发《老旧小区改造工作方案》的通知") == "《关于印发〈老旧小区改造工作方案〉的通知》"
    assert book_title("《清河市公共停车条例》") == "《清河市公共停车条例》"
    # a title opening with another's name keeps both marks of it ("《…措施》政策解读", "《甲》与《乙》")
    assert book_title("《临江市促进消费若干措施》政策解读") == "《〈临江市促进消费若干措施〉政策解读》"
    assert book_title("《甲条例》与《乙条例》对照") == "《〈甲条例〉与〈乙条例〉对照》"
    assert book_title("《甲条例》与《乙条例》") == "《〈甲条例〉与〈乙条例〉》"


@pytest.mark.parametrize("question", ["民法典第一千零四十三条", "民法典对赡养老人有什么规定",
                                      "《民法典》第十条讲了什么"])
def test_a_code_not_loaded_is_an_unknown_document(question: str) -> None:
    names = doc_names([("care", "江陵市养老服务条例", "")])
    assert unknown_names(question, names) == ["民法典"]
    assert unknown_names("养老服务条例第二十条", names) == []


def test_the_kind_of_the_plan_a_notice_issues_counts_quoted_or_not() -> None:
    assert doc_kinds("临湖市人民政府办公室关于印发《临湖市全民阅读促进行动方案》的通知")[:2] == ("行动方案", "方案")
    assert doc_kinds("临湖市人民政府办公室关于印发临湖市全民阅读促进行动方案的通知")[:2] == ("行动方案", "方案")
    assert doc_kinds("临湖市公共文化设施管理办法") == ("管理办法", "办法")


def test_measures_a_notice_issues_are_named_by_their_kind() -> None:
    from assistant.retrieve.doc_refs import named_documents

    assert doc_kinds("临湖市人民政府办公室关于印发临湖市促进会展经济发展若干措施的通知")[:2] == ("若干措施", "措施")
    docs = doc_names([("notice", "临湖市人民政府办公室关于印发临湖市促进会展经济发展若干措施的通知", ""),
                      ("rule", "临湖市会展场馆管理办法", "")])
    assert named("会展经济若干措施第三条", docs) == ["notice"]
    assert named("会展经济措施第五条讲了什么", docs) == ["notice"]
    assert named("会展经济若干措施由哪个部门负责解释", docs) == ["notice"]
    assert named_documents("若干措施第三条", docs) == ["notice"]
    assert named_documents("办法第三条", docs) == ["rule"]
    assert named("这些措施有哪些要求", docs) == [] and named("有哪些保障措施", docs) == []
    assert unknown_names("有哪些保障措施", docs) == [] and unknown_names("具体措施是什么", docs) == []


def test_norms_codes_and_charters_are_named_by_their_kind() -> None:
    from assistant.retrieve.doc_refs import named_documents

    docs = doc_names([("norm", "临湖市公共图书馆服务规范", ""), ("rule", "临湖市餐厨垃圾管理办法", ""),
                      ("code", "临湖市市民文明行为守则", "")])
    assert doc_kinds("临湖市公共图书馆服务规范")[0] == "规范"
    assert named("图书馆服务规范第十条", docs) == ["norm"]  # 公共 left out, as readers do
    assert named("文明行为守则第三条讲了什么", docs) == ["code"]
    assert named_documents("规范第十条", docs) == ["norm"]
    assert named("这个规范有哪些要求", docs) == [] and unknown_names("要规范管理吗", docs) == []
    assert named("图书馆服务规范二、（三）", docs) == ["norm"]  # a unit's path right after the name


def test_a_reading_of_another_document_answers_to_its_own_name_not_to_the_other_ones() -> None:
    from assistant.retrieve.doc_refs import named_documents

    docs = doc_names([("reading", "《临江市促进消费若干措施》政策解读", ""),
                      ("notice", "临江市人民政府关于印发临江市促进消费若干措施的通知", "临政发〔2025〕9号")])
    assert docs[0].title == "《临江市促进消费若干措施》政策解读" and docs[0].kinds == ("解读",)
    assert named_documents("促进消费若干措施第三部分有哪些措施", docs) == ["notice"]
    assert named_documents("措施第二部分第2点", docs) == ["notice"]        # the only 措施 loaded
    assert named_documents("若干措施政策解读第三部分", docs) == ["reading"]
    assert named_documents("解读第三部分讲什么", docs) == ["reading"]
    # alone, the reading still answers to the name it opens with
    assert named_documents("促进消费若干措施讲了什么", docs[:1]) == ["reading"]


def test_kinds_looked_up_that_no_loaded_title_has() -> None:
    from assistant.retrieve.kind_refs import unloaded_kinds

    titles = ["松川市退役军人就业服务办法", "松川市人民政府关于印发《松川市创业扶持实施细则》的通知", "臺灣某某條例"]
    assert unloaded_kinds("规定第三条讲了什么", titles) == ["规定"]
    assert unloaded_kinds("按照方案第二部分", titles) == ["方案"]
    assert unloaded_kinds("办法第三条", titles) == []  # a loaded 办法
    assert unloaded_kinds("实施细则第五条", titles) == []  # the 细则 a loaded notice issues
    assert unloaded_kinds("条例第三条", titles) == []  # a traditional title's 條例
    assert unloaded_kinds("这个规定第三条", titles) == []  # deictic: the router's business
    assert unloaded_kinds("规定的第三条", titles) == [] and unloaded_kinds("有什么规定", titles) == []
