"""A sanction named by the number of the duty it punishes, on a regulation written for this test.

The invented city regulation lists its duties as items of one article and punishes each breach in
its 法律责任 chapter by number only ("违反本条例第六条第一款第二项规定的"), so the question's words
("楼道", "充电") are found in the duty, not in its sanction.
"""

from __future__ import annotations

import pytest
from support.corpora import ingested

from assistant.answer.duties import cited_lines, covers, duty_lines
from assistant.service import Assistant

RULES = """# 江城市电动自行车停放充电管理条例

## 第一章 总则

第一条 为了预防电动自行车火灾事故，保护人身和财产安全，制定本条例。

第二条 市消防救援机构负责本条例的实施，住房城乡建设、市场监管部门按照各自职责做好相关工作。

## 第二章 停放和充电

第三条 物业服务企业应当在住宅小区内设置集中停放充电场所，并配备灭火器材。

第四条 集中充电场所的充电收费标准应当公示，不得超过市价格主管部门公布的标准。

第五条 任何单位和个人不得有下列行为：
（一）在疏散楼梯间、楼道和安全出口停放电动自行车或者为其充电；
（二）私拉电线为电动自行车充电；
（三）携带电动自行车进入电梯轿厢。

## 第三章 法律责任

第六条 违反本条例第三条规定的，由住房城乡建设部门责令限期改正，处一千元以上一万元以下罚款。

第七条 违反本条例第五条第一项规定的，由消防救援机构责令改正，对单位处五千元以上二万元以下罚款。

第八条 违反本条例第五条第二项规定私拉电线的，由消防救援机构责令改正，对个人处五十元以上五百元以下罚款。

第九条 国家机关工作人员在停放充电管理工作中滥用职权、玩忽职守的，依法给予处分。
"""


@pytest.fixture(scope="module")
def helper(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("sanctions"), {"rules.md": RULES}, e5)


def test_the_sanction_of_the_asked_duty_is_quoted_first(helper: Assistant) -> None:
    for question in ("单位在楼道里给电动车充电怎么处罚", "在楼道停放电动自行车会被罚多少钱"):
        answer = helper.ask(question)
        assert not answer.refused and answer.citations[0].path == "第七条", question
        assert "五千元以上二万元以下" in answer.answer, question


@pytest.mark.parametrize(("question", "label"), [("第三条罚多少", "第六条"), ("条例第三条怎么处罚", "第六条")])
def test_a_penalty_asked_of_a_duty_looked_up_is_its_sanction(helper: Assistant, question: str, label: str) -> None:
    answer = helper.ask(question)  # "罚多少？" after "第三条讲了什么" is searched as "第三条罚多少"
    assert not answer.refused and answer.citations[0].path == label


def test_a_penalty_asked_of_a_sanction_looked_up_is_that_article(helper: Assistant) -> None:
    assert helper.ask("第七条罚多少").citations[0].path == "第七条"


def test_a_question_about_paying_a_fine_is_no_question_about_a_sanction(helper: Assistant) -> None:
    found = helper.retrieve("被罚款以后，罚款交到哪里")
    assert found.hits[0].chunk.key[1] != "第七条" or "楼道" in found.question


def test_lines_and_citations_are_read_by_number() -> None:
    text = "第五条 任何单位和个人不得有下列行为：\n（一）在楼道充电；\n（二）私拉电线。\n前款行为由消防救援机构劝阻。"
    lines = [line for line, _ in duty_lines(text, 5)]
    assert lines == [(5, 1, None), (5, 1, 1), (5, 1, 2), (5, 2, None)]
    cited = cited_lines("违反本条例第五条第一款第二项、第六条规定的，处罚款。")
    assert cited == [(5, 1, 2), (6, None, None)]
    assert covers(cited[0], (5, 1, 2)) == 3 and covers(cited[0], (5, 1, 1)) == 0 and covers(cited[1], (6, 2, None)) == 1


def test_a_fine_asked_for_a_duty_no_article_sanctions_is_refused(helper: Assistant) -> None:
    # 第五条第三项 (lifts) is sanctioned by no article: another breach's fine is no answer
    for question in ("携带电动自行车进入电梯轿厢会被罚多少钱", "把电动自行车推进电梯轿厢怎么处罚"):
        answer = helper.ask(question)
        assert answer.refused and not answer.citations, (question, answer.answer)
    answer = helper.ask("私拉电线给电动自行车充电会被罚多少钱")  # 第八条 sanctions 第五条第二项
    assert not answer.refused and "五十元以上五百元以下" in answer.answer


def test_ranges_and_items_without_their_article_are_read_as_cited() -> None:
    assert cited_lines("违反本条例第十条第（一）项至第（四）项规定的") == [(10, None, n) for n in (1, 2, 3, 4)]
    assert cited_lines("违反本办法第七条第（一）项、第（三）项规定的") == [(7, None, 1), (7, None, 3)]
    assert cited_lines("违反本条例第五条至第七条规定的") == [(5, None, None), (6, None, None), (7, None, None)]
    assert cited_lines("违反本法第三条第一款至第三款规定的") == [(3, 1, None), (3, 2, None), (3, 3, None)]
    assert cited_lines("违反本条例规定的，依法处理。") == []


DOGS = """东岭市养犬管理规定

第四条 养犬人放弃饲养的，应当将犬只送交收容场所。
犬只死亡的，养犬人应当办理注销登记。
禁止遗弃、丢弃犬只。

第五条 养犬人携犬出户时，应当为犬只束犬链。

第九条 违反本规定第五条规定的，处五十元以上二百元以下罚款。

第十条 违反本规定第四条第三款规定，遗弃犬只的，处五百元以上一千元以下罚款。

第十一条 当事人对行政处罚决定不服的，可以依法申请行政复议。
"""


def test_the_sanctioned_one_of_two_equally_near_duty_lines_is_quoted(tmp_path, e5) -> None:
    from support.corpora import ingested

    helper = ingested(tmp_path, {"dogs.txt": DOGS}, e5)
    answer = helper.ask("把狗扔了不养了会怎么处罚")  # 扔了 -> 遗弃 丢弃 (第三款), 不养了 -> 放弃饲养 (第一款): a tie
    assert not answer.refused and answer.citations[0].path == "第十条", answer.answer
    assert "五百元以上一千元以下" in answer.answer


def test_a_breach_named_by_its_item_gets_that_items_sanction_or_none(helper: Assistant) -> None:
    answer = helper.ask("违反第五条第（二）项会怎么处罚")  # 第八条 sanctions that item, not 第七条
    assert not answer.refused and answer.citations[0].path == "第八条" and "五十元以上五百元以下" in answer.answer
    for question in ("违反本条例第五条第三项罚多少钱", "违反第五条第（三）项会受到什么处罚"):
        answer = helper.ask(question)  # the lift item: no article sanctions it
        assert answer.refused and not answer.citations, (question, answer.answer)
    assert not helper.ask("违反第五条规定罚多少钱").refused  # the article as a whole: its items' sanctions


def test_a_breach_of_a_whole_article_no_sanction_names_is_refused(tmp_path, e5) -> None:
    from support.corpora import ingested

    rules = ("东岭市养犬管理规定\n\n第四条 养犬人应当为犬只办理登记。\n\n第五条 养犬人应当及时清理犬只粪便。\n\n"
             "第九条 违反本规定第四条规定的，处二百元罚款。\n")
    helper = ingested(tmp_path, {"rules.txt": rules}, e5)
    assert helper.ask("违反第五条规定会怎么处罚").refused       # no article sanctions 第五条
    answer = helper.ask("违反第四条规定会怎么处罚")
    assert not answer.refused and answer.citations[0].path == "第九条"


def test_a_breach_in_everyday_words_finds_its_sanction(tmp_path, e5) -> None:
    from support.corpora import ingested

    rules = ("南岭市养犬管理规定\n\n第四条 养犬人携犬出户时，应当即时清除犬只排泄的粪便。\n\n"
             "第五条 养犬人因故不能继续饲养犬只的，应当将犬只转让他人或者送交收容场所。\n\n"
             "第九条 违反本规定第四条规定，未即时清除犬只粪便的，处二十元以上五十元以下罚款。\n")
    helper = ingested(tmp_path, {"rules.txt": rules}, e5)
    answer = helper.ask("狗拉屎不清理罚多少钱")  # 拉屎 -> 粪便 (glossary): the breach the sanction names
    assert not answer.refused and answer.citations[0].path == "第九条" and "二十元以上五十元以下" in answer.answer
    answer = helper.ask("不想养了怎么办")  # 不想养 -> 放弃饲养 转让
    assert not answer.refused and answer.citations[0].path == "第五条", answer.answer


def test_a_penalty_asked_of_a_duty_only_an_unpunishing_text_names_is_refused(tmp_path, e5) -> None:
    from support.corpora import ingested

    opinion = ("河湾市人民政府关于加强政务公开工作的意见\n\n一、主要任务\n（一）落实政务公开责任制。各部门主要负责人是"
               "本部门政务公开第一责任人。\n（二）规范依申请公开。答复期限不得超过二十个工作日。\n")
    rules = ("河湾市养犬管理规定\n\n第四条 养犬人应当为犬只办理登记。\n\n"
             "第五条 养犬人携犬出户时，应当为犬只束犬链。\n\n第九条 违反本规定第四条规定的，处二百元罚款。\n\n"
             "第十条 违反本规定第五条规定的，处五十元罚款。\n")
    helper = ingested(tmp_path, {"opinion.txt": opinion, "rules.txt": rules}, e5)
    answer = helper.ask("违反政务公开责任制怎么处罚")  # the opinion punishes nothing; the dog fines are no answer
    assert answer.refused and not answer.citations, answer.answer
    answer = helper.ask("遛狗不束犬链怎么处罚")  # a sanction of the breach asked is still found
    assert not answer.refused and "五十元罚款" in answer.answer, answer.answer


def test_a_bare_item_cited_after_an_article_belongs_to_that_article() -> None:
    text = ("第三十条 违反本办法第十二条第（一）项规定的，处一百元罚款；"
            "违反第（二）项至第（三）项规定的，处五十元罚款；违反第二款规定的，予以警告。")
    assert cited_lines(text) == [(12, None, 1), (12, None, 2), (12, None, 3), (12, 2, None)]
    assert cited_lines("违反第二款规定的，予以警告。") == []  # no article before it: its own, unread


PARKS = """西林市公园管理规定

第六条 在公园绿地内禁止下列行为：
（一）倾倒垃圾、渣土；
（二）攀折树木、采摘花果；
（三）践踏草坪。

第七条 新建居住区的绿地面积不得低于用地面积的百分之三十。

第十二条 违反本规定第七条规定，绿地面积达不到标准的，按照所缺绿地面积每平方米处一千元罚款。

第十三条 违反本规定第六条第（一）项规定的，处二百元以上一千元以下罚款；
违反第（二）项、第（三）项规定的，处五十元以上二百元以下罚款。
"""


def test_the_sanction_of_an_item_cited_without_its_article_is_found(tmp_path, e5) -> None:
    helper = ingested(tmp_path, {"parks.txt": PARKS}, e5)
    for question, fine in (("在公园里摘花会被罚吗", "五十元以上二百元以下"),
                           ("践踏草坪罚款多少", "五十元以上二百元以下"),
                           ("在绿地里倾倒垃圾罚多少钱", "二百元以上一千元以下")):
        answer = helper.ask(question)  # 第十三条 names the items; 第十二条's 绿地 is another breach
        assert not answer.refused and answer.citations[0].path == "第十三条" and fine in answer.answer, (
            question, answer.answer)


BENEFIT = """# 松溪县农业农村局关于做好2025年耕地地力保护补贴发放工作的通知

各乡镇人民政府：

现就有关事项通知如下。

一、补贴对象和标准

（一）补贴对象为拥有耕地承包权的种地农民，补贴标准为每亩110元。

（二）补贴资金通过“一卡通”直接发放到农户账户。

二、监督管理

（一）乡镇人民政府应当将补贴面积和金额在村务公开栏公示7天。

（二）农户虚报面积骗取补贴资金的，由乡镇人民政府追回已发放的补贴资金，三年内取消其享受补贴资格；涉嫌犯罪的，移送司法机关处理。
"""


def test_what_a_benefit_s_rules_do_to_a_cheat_answers_a_penalty_question(tmp_path, e5) -> None:
    """Benefit rules punish a cheat by taking the money back and the right away (追回, 取消资格), not by a 罚款:
    that answers "会有什么处罚", in simplified and traditional script alike."""
    helper = ingested(tmp_path, {"benefit.md": BENEFIT}, e5)
    for question in ("农户虚报面积骗取补贴会有什么处罚？", "農戶虛報面積騙取補貼會有什麼處罰？"):
        answer = helper.ask(question)
        assert not answer.refused and answer.citations[0].path == "二、（二）", answer.answer
        assert "追回已发放的补贴资金" in answer.answer
