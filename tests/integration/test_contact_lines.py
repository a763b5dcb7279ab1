"""A telephone number asked is quoted from the article that gives it, not from the article that speaks most of the
question's subject; a share or a time limit asked is no thing the documents fail to name; a question naming the
measures by their name ("…若干措施由哪个部门负责解释") is searched for its other words. The rule and the notice
issuing measures are written for this test in the style of municipal documents.
"""

from __future__ import annotations

import pytest
from support.corpora import ingested

from assistant.service import Assistant

RULE = """溪口市公共数据开放管理办法

第一条 为了规范公共数据开放，促进公共数据利用，制定本办法。
第二条 市大数据管理局是本市公共数据开放的主管部门，负责统筹、指导和监督全市公共数据开放工作，
建设和运行维护市公共数据开放平台。
第三条 公共数据开放目录由市大数据管理局组织编制，自收到目录之日起十五个工作日内完成审核。
第四条 公共数据开放不收取费用。
第五条 本办法由市大数据管理局负责解释。咨询单位：市大数据管理局数据资源处，联系电话：0571-6123456。
"""

MEASURES = """溪口市人民政府办公室关于印发溪口市促进数字经济发展若干措施的通知

各区人民政府，市政府各部门：
《溪口市促进数字经济发展若干措施》已经市人民政府同意，现印发给你们，请结合实际认真贯彻执行。
溪口市促进数字经济发展若干措施
为加快数字经济发展，推动数字技术与实体经济融合，制定以下措施。
一、鼓励企业上云。对中小企业购买云计算服务的，按实际支出费用的30%给予补贴，每家企业每年最高不超过10万元。
二、支持智能化改造。对工业企业实施智能化改造项目的，按实际投资额的10%给予补贴，单个项目最高不超过300万元。
三、其他事项
（一）本措施适用于在本市注册登记、依法纳税的企业。
（二）本措施由市经济和信息化局负责解释，自2025年3月1日起施行。
"""


@pytest.fixture(scope="module")
def helper(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("contact_lines"), {"kaifang.txt": RULE, "cuoshi.txt": MEASURES}, e5)


def test_a_telephone_asked_comes_from_the_article_giving_it(helper: Assistant) -> None:
    answer = helper.ask("公共数据开放的咨询电话是多少？")
    assert not answer.refused and answer.citations[0].label == "第五条" and "0571-6123456" in answer.answer


@pytest.mark.parametrize(("question", "label", "fact"), [
    ("中小企业购买云计算服务的补贴比例是多少？", "一、", "30%"),
    ("公共数据开放目录的审核时限是多少？", "第三条", "十五个工作日"),
])
def test_a_share_or_a_time_limit_asked_is_answered(helper: Assistant, question: str, label: str, fact: str) -> None:
    answer = helper.ask(question)
    assert not answer.refused, answer.answer
    assert answer.citations[0].label == label and fact in answer.answer


def test_a_question_naming_the_measures_searches_their_words_not_their_name(helper: Assistant) -> None:
    answer = helper.ask("数字经济若干措施由哪个部门负责解释？")
    assert not answer.refused and answer.citations[0].label.endswith("（二）") and "经济和信息化局" in answer.answer
    tokens = helper.retriever.retrieve("数字经济若干措施由哪个部门负责解释？").tokens
    assert "解释" in tokens and not {"若干", "措施"} & set(tokens)  # the name picks the document, not the units


GUIDE = """溪口市房屋登记办事指南

一、办理依据
《溪口市房屋登记办法》。
二、办理地点和咨询电话
办理地点：溪口市政务服务中心二楼房屋登记综合窗口（房屋登记咨询、受理和发证，地址：溪口市滨江区人民东路188号）。
办公时间：周一至周五上午9:00—12:00，下午13:30—17:30。
咨询电话：0571-8765432；监督电话：12345。
乘车路线：乘坐15路、K21路公交车至市民中心站下车，向东步行约200米。
"""


def test_a_telephone_asked_quotes_the_line_with_the_number_not_the_address(tmp_path, e5) -> None:
    guide = ingested(tmp_path, {"guide.md": GUIDE}, e5)
    for question in ("房屋登记的咨询电话是多少？", "房屋登記諮詢電話是多少？"):
        answer = guide.ask(question)  # the address line scores higher; "188号", "200米" are no telephone numbers
        assert not answer.refused and answer.answer.startswith("咨询电话：0571-8765432"), answer.answer
        assert "0571-8765432" in answer.citations[0].quote and "人民东路" not in answer.answer
