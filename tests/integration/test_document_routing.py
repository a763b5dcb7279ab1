"""Questions that name documents, articles, laws that are not loaded, metadata, or say hello.

Two small regulations written for this test (a city's shared-bicycle rules and a national law on
community services, both invented) in the Markdown layout of published laws.
"""

from __future__ import annotations

import pytest

from assistant.service import Assistant
from assistant.settings import Settings

BIKES = """# 江城市互联网租赁自行车管理条例

2020年9月1日 江城市第五届人民代表大会常务委员会第十次会议通过

<!-- INFO END -->

## 第一章 总则

第一条 为了规范互联网租赁自行车经营和停放秩序，方便市民出行，制定本条例。

第二条 本市行政区域内互联网租赁自行车的投放、停放和监督管理，适用本条例。

## 第二章 停放管理

第三条 承租人应当在划定的停放区域内停放车辆，不得在盲道、消防通道和机动车道停放。

第四条 经营企业应当及时清理违规停放的车辆，并在接到通知后两小时内完成调度。

## 第三章 附则

第五条 本条例自2021年1月1日起施行。"""

SERVICES = """# 中华人民共和国社区服务法

2019年6月28日 第十三届全国人民代表大会常务委员会第十一次会议通过

<!-- INFO END -->

## 第一章 总则

第一条 为了发展社区服务，满足居民生活需要，制定本法。

第二条 社区服务坚持政府引导、居民参与、便民利民的原则。

第三条 街道办事处应当设立社区服务中心，为老年人、残疾人提供日间照料和上门服务。

第四条 本法自2020年1月1日起施行。"""


@pytest.fixture(scope="module")
def helper(tmp_path_factory, e5) -> Assistant:
    corpus = tmp_path_factory.mktemp("corpus")
    (corpus / "bikes.md").write_text(BIKES, encoding="utf-8")
    (corpus / "services.md").write_text(SERVICES, encoding="utf-8")
    root = tmp_path_factory.mktemp("state")
    settings = Settings(corpus_dir=corpus, index_dir=root / "index", data_dir=root / "data")
    assistant = Assistant(settings, embedder=e5)
    assistant.ingest(progress=False)
    return assistant


def test_a_short_name_and_an_article_is_a_look_up_in_that_document(helper: Assistant) -> None:
    for question in ("社区服务法第三条讲了什么", "《社区服务法》第3条", "社区服务法第三条第一款"):
        answer = helper.ask(question)
        assert answer.route == "task" and not answer.refused, question
        assert (answer.citations[0].doc_id, answer.citations[0].path) == ("services", "第三条"), question


def test_a_bare_article_follows_the_rest_of_the_question(helper: Assistant) -> None:
    answer = helper.ask("关于车辆停放区域的第三条是怎么规定的")
    assert (answer.citations[0].doc_id, answer.citations[0].path) == ("bikes", "第三条")
    assert "都有" not in answer.answer


def test_a_bare_article_in_several_documents_names_them(helper: Assistant) -> None:
    answer = helper.ask("第三条讲了什么")
    first = answer.citations[0]
    other = "中华人民共和国社区服务法" if first.doc_id == "bikes" else "江城市互联网租赁自行车管理条例"
    assert first.path == "第三条" and f"《{other}》" in answer.answer.splitlines()[0]
    assert f"《{first.doc_title}》" in answer.answer.splitlines()[0]


def test_the_other_documents_article_comes_right_after_the_one_answered(tmp_path, e5) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    cited = BIKES.replace("第五条 本条例", "第五条 违反本条例第三条规定的，处五十元罚款。\n\n第六条 本条例")
    (corpus / "bikes.md").write_text(cited, encoding="utf-8")  # an article citing 第三条 is nearer in words
    (corpus / "services.md").write_text(SERVICES, encoding="utf-8")
    settings = Settings(corpus_dir=corpus, index_dir=tmp_path / "index", data_dir=tmp_path / "data")
    assistant = Assistant(settings, embedder=e5)
    assistant.ingest(progress=False)
    first, second = assistant.ask("第三条是怎么规定的").citations[:2]
    assert first.path == second.path == "第三条" and first.doc_id != second.doc_id


def test_a_law_that_is_not_loaded_is_refused_by_name(helper: Assistant) -> None:
    answer = helper.ask("数据安全法第二十七条规定了什么")
    assert answer.route == "unknown_document" and answer.refused and not answer.citations
    assert "数据安全法" in answer.answer and "社区服务法" in answer.answer


def test_an_article_the_named_document_lacks_is_refused(helper: Assistant) -> None:
    answer = helper.ask("社区服务法第九十条是怎么规定的")
    assert answer.refused and not answer.citations and "第九十条" in answer.answer


def test_greetings_get_the_introduction(helper: Assistant) -> None:
    for question in ("你好", "谢谢！", "Hello"):
        answer = helper.ask(question)
        assert answer.route == "chitchat" and not answer.refused
        assert not answer.citations and not answer.related
        assert "社区服务法" in answer.answer and "1. " in answer.answer
    assert "loaded documents" in helper.ask("hello").answer


@pytest.mark.parametrize("opening", ["谢谢，再问一下", "你好！请问", "好的，另外，", "Thanks! "])
def test_a_question_after_small_talk_is_the_question(helper: Assistant, opening: str) -> None:
    plain = helper.ask("几小时内完成调度")  # the small talk adds nothing: the same answer and citations
    answer = helper.ask(opening + "几小时内完成调度")
    assert not answer.refused and answer.route == plain.route == "hybrid", answer.answer
    assert answer.citations[0].path == plain.citations[0].path == "第四条" and "两小时内" in answer.answer
    assert answer.answer == plain.answer and [c.path for c in answer.citations] == [c.path for c in plain.citations]


def test_metadata_questions_are_answered_from_the_document(helper: Assistant) -> None:
    answer = helper.ask("江城市互联网租赁自行车管理条例是哪天通过的")
    assert answer.route == "meta" and "2020年9月1日" in answer.answer
    assert answer.citations[0].doc_id == "bikes"
    effective = helper.ask("社区服务法什么时候施行")
    assert "2020年1月1日" in effective.answer and effective.citations[0].path == "第四条"
    both = helper.ask("社区服务法什么时候施行，哪天通过的")  # two fields: a line each, in the order asked
    lines = both.answer.split("\n")
    assert both.route == "meta" and len(lines) == 2
    assert "2020年1月1日" in lines[0] and "第十一次会议通过" in lines[1]


PARKS = """东湖市公园管理条例

第一条 为了加强公园管理，保护公园资源，制定本条例。
第二条 市园林绿化主管部门负责全市公园的监督管理工作。
第三条 公园应当免费向公众开放。
因举办展览需要临时收费的，应当报市价格主管部门批准。
第四条 在公园内禁止下列行为：
（一）攀折花木；
（二）在非指定区域游泳、垂钓；
（三）擅自设摊经营。
"""

LIBRARIES = """西岭市公共图书馆条例

第一条 为了促进公共图书馆事业发展，保障公民阅读权利，制定本条例。
第二条 市文化主管部门负责公共图书馆的管理工作。
第三条 公共图书馆的借阅服务不收取费用。
第四条 读者应当爱护图书馆的文献和设施。
"""


@pytest.mark.parametrize(("question", "doc_id", "quote"), [
    ("第三条第二款讲了什么", "parks", "临时收费"),
    ("第四条第（二）项是什么内容", "parks", "游泳"),
    ("第四条第二项", "parks", "游泳"),
])
def test_a_bare_clause_is_looked_up_in_the_document_that_has_it(tmp_path, e5, question: str, doc_id: str,
                                                                  quote: str) -> None:
    from support.corpora import ingested

    helper = ingested(tmp_path, {"parks.txt": PARKS, "libraries.txt": LIBRARIES}, e5)
    answer = helper.ask(question)
    assert not answer.refused and answer.citations[0].doc_id == doc_id and quote in answer.answer, answer.answer
    first = answer.answer.splitlines()[0]  # only the parks' article has that 款 or 项: the library's is not named
    assert "《东湖市公园管理条例》" in first and "《西岭市公共图书馆条例》" not in first and "都有" not in first


NOTICE = """南湖市人民政府办公厅关于推进社区食堂建设的实施意见

一、总体要求
（一）基本原则
1.政府引导，社会参与。
2.因地制宜，分类推进。
二、重点任务
（二）建设布局
1.每个街道至少建设一家社区食堂。
2.利用闲置用房改建社区食堂的，给予一次性建设补助。
"""

RULE = """南湖市社区食堂管理办法

第一条 为了规范社区食堂管理，制定本办法。
第二条 社区食堂应当取得食品经营许可证。
第三条 市民政局负责社区食堂的统筹指导。
"""


def test_numbers_a_document_does_not_have_are_missing_in_it(tmp_path, e5) -> None:
    from support.corpora import ingested

    helper = ingested(tmp_path, {"notice.txt": NOTICE, "rule.txt": RULE}, e5)
    answer = helper.ask("管理办法第三章讲了什么")  # the rule has no chapters
    assert answer.route == "missing" and answer.refused and "第三章" in answer.answer, answer.answer
    # the notice numbers its tasks through: 第二条 is task （二） (its points), not every part's point "2."
    answer = helper.ask("实施意见第二条讲了什么")
    assert {c.path for c in answer.citations[:2]} == {"（二）1.", "（二）2."}, answer.answer
    assert "因地制宜" not in answer.answer
    answer = helper.ask("管理办法第三条讲了什么")
    assert not answer.refused and answer.citations[0].path == "第三条"


RESTARTING = """北山市人民政府关于加强农贸市场管理的意见

一、提升市场设施
（一）改造老旧市场
1.对建成超过十年的农贸市场实施改造。
2.改造后的市场应当设置公共卫生间。
二、规范经营秩序
（一）加强价格监管。市场监管部门定期公布重点商品价格。
（二）落实食品安全责任。市场开办者应当配备食品安全员。
"""


def test_a_bare_bracket_number_of_two_parts_answers_both(tmp_path, e5) -> None:
    from support.corpora import ingested

    helper = ingested(tmp_path, {"market.txt": RESTARTING}, e5)
    answer = helper.ask("（一）讲了什么")  # 一、（一） is split into points, 二、（一） is one unit
    assert not answer.refused and "公共卫生间" in answer.answer and "定期公布重点商品价格" in answer.answer
    answer = helper.ask("二、（一）讲了什么")
    assert "定期公布重点商品价格" in answer.answer and "公共卫生间" not in answer.answer


def test_an_english_article_no_document_has_and_a_clause_none_has_are_missing(tmp_path, e5) -> None:
    from support.corpora import ingested

    helper = ingested(tmp_path, {"parks.txt": PARKS, "libraries.txt": LIBRARIES}, e5)
    answer = helper.ask("What does Article 30 say?")
    assert answer.route == "missing" and answer.refused and "Article 30" in answer.answer
    answer = helper.ask("第三条第五款讲了什么")  # both have 第三条, neither a 第五款: no document is named
    assert answer.route == "missing" and "已加载的文件中都没有第三条第五款" in answer.answer
    answer = helper.ask("第三十條講了什麼")
    assert answer.route == "missing" and "第三十條" in answer.answer  # the 繁體 frame's label in 繁體 too
    answer = helper.ask("Which documents do you have?")
    assert answer.route == "chitchat" and "东湖市公园管理条例" in answer.answer and not answer.citations


def test_a_paragraph_looked_up_by_number_is_quoted_alone(tmp_path, e5) -> None:
    from support.corpora import ingested

    rule = ("南山市物业管理条例\n\n第一条 为了规范物业管理活动，制定本条例。\n"
            "第七条 业主委员会委员任期五年，可以连选连任。\n但是，业主大会议事规则另有约定的，从其约定。\n")
    helper = ingested(tmp_path, {"wuye.txt": rule}, e5)
    for question, clause, quote, other in (("第七条第二款讲了什么", "第二款", "从其约定", "任期五年"),
                                           ("物业管理条例第七条第一款", "第一款", "任期五年", "从其约定")):
        answer = helper.ask(question)  # not glued to the rule or exception beside it, as a plain question is
        assert quote in answer.answer and other not in answer.answer, answer.answer
        assert (answer.citations[0].path, answer.citations[0].clause) == ("第七条", clause)
