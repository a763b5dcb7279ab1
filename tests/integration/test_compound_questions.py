"""A question that asks two things quotes the provision for each (pipeline → answer.compound).

The regulation is written for this test in the style of a municipal parking rule.
"""

from __future__ import annotations

import re

import pytest
from support.corpora import ingested

from assistant.service import Assistant

REGULATION = """南川市机动车停车场管理办法

第一条 为了加强机动车停车场管理，规范停车秩序，制定本办法。
第二条 新建住宅小区应当按照每户不少于一个停车位的标准配建停车场，并与主体工程同步设计、同步建设。
第三条 公共停车场的充电设施由停车场经营者负责安装和日常维护，供电企业应当予以配合。
第四条 停车场经营者应当在出入口显著位置公示收费标准和监督电话。
第五条 停车场经营者未按规定公示收费标准的，由价格主管部门责令改正，处二千元以上一万元以下罚款。
第六条 市交通运输主管部门负责停车场的统筹规划和监督管理工作。
城市管理部门负责道路停车秩序的管理工作。
公安机关交通管理部门负责查处违法停车行为。
第七条 本办法自2026年7月1日起施行。
"""


# A second city's rule on the same subject: a search restricted to the first must stay there.
OTHER_CITY = """北岭市停车设施建设管理规定

第一条 为了规范停车设施建设，制定本规定。
第二条 新建住宅项目的停车位按照每百平方米建筑面积不少于一点二个的标准配建。
第三条 公共停车场的充电设施由区人民政府组织建设，停车场管理单位负责日常维护。
"""


# A bicycle-sharing rule whose 第三条 gives three bodies in three paragraphs.
BICYCLES = """临江市互联网租赁自行车管理办法

第一条 为了规范互联网租赁自行车（以下简称共享单车）经营和使用行为，维护城市道路通行秩序，制定本办法。
第二条 本市行政区域内共享单车的投放、运营、停放及其监督管理，适用本办法。
第三条 市交通运输主管部门负责共享单车的统筹协调和监督管理工作。
城市管理部门负责共享单车停放秩序的管理工作。
公安机关交通管理部门负责查处共享单车使用人的交通违法行为。
第四条 运营企业应当在接到通知后两小时内清理违规停放的车辆；逾期未清理的，由城市管理部门代为清理。
第五条 使用人应当将共享单车停放在道路停放区或者其他指定停放区域，不得停放在机动车道、盲道、消防通道。
"""


@pytest.fixture(scope="module")
def parking(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("parking"),
                    {"tingche.txt": REGULATION, "beiling.txt": OTHER_CITY, "danche.txt": BICYCLES}, e5)


@pytest.mark.parametrize("question", [
    "新建小区的停车位按什么标准配建，充电桩由谁负责安装？",
    "停车位配建标准和充电设施的安装分别由谁负责",
])
def test_each_part_of_a_compound_question_is_quoted(parking: Assistant, question: str) -> None:
    answer = parking.ask(question, doc_ids=["tingche"])
    assert not answer.refused
    assert "每户不少于一个停车位" in answer.answer and "停车场经营者负责安装" in answer.answer
    assert {"第二条", "第三条"} <= {c.path for c in answer.citations}
    assert {c.doc_id for c in answer.citations} == {"tingche"}  # the parts stay in the documents asked


def test_a_part_quoted_already_is_not_repeated(parking: Assistant) -> None:
    answer = parking.ask("停车场要公示什么，没公示收费标准罚多少", doc_ids=["tingche"])
    assert answer.answer.count("公示收费标准和监督电话") <= 1
    assert "二千元以上一万元以下" in answer.answer


@pytest.mark.parametrize("question", [
    "停车场的充电设施和收费标准公示分别由谁负责",
    "新建小区停车位怎么配建，充电设施谁来装，收费标准在哪公示",
    "充电设施由谁安装，供电企业要做什么",
    "停车场的统筹监管和道路停车秩序分别由谁负责",
    "停车场统筹规划归谁管，违法停车谁来查处",
    "共享单车的统筹监管和停放秩序分别由谁负责？",
    "共享单车谁来统筹监管，停放秩序谁来管，交通违法谁来查",
])
def test_no_sentence_is_quoted_twice(parking: Assistant, question: str) -> None:
    answer = parking.ask(question, doc_ids=["danche" if "单车" in question else "tingche"])
    sentences = [s for s in re.split(r"[。；]", re.sub(r"（[^（）]*第[^（）]*条[^（）]*）", "", answer.answer)) if s]
    assert len(sentences) == len(set(sentences)), answer.answer


SERVICES = """东川市政务服务条例

第一条 为了优化政务服务，提高行政效能，制定本条例。
第二条 申请人自主选择中介服务机构，政务服务部门不得为申请人指定或者变相指定中介服务机构。
第三条 政务服务部门应当公开办事指南，一次性告知申请人需要补正的全部材料。
第四条 违反本条例第二条规定，为申请人指定中介服务机构的，由上级主管机关或者监察机关责令改正。
构成犯罪的，依法追究刑事责任。
"""

# A law that speaks of crimes more than the regulation does.
CRIMES = """某某行政执法监督办法

第一条 执法人员徇私舞弊，构成犯罪的，依法追究刑事责任；尚不构成犯罪的，依法给予处分。
第二条 违法行为构成犯罪的，行政机关应当将案件移送司法机关，依法追究刑事责任，不得以行政处罚代替刑事处罚。
第三条 执法人员将罚款据为己有，构成犯罪的，依法追究刑事责任。
"""


def test_an_unnamed_part_stays_in_the_document_the_question_was_answered_from(tmp_path, e5) -> None:
    assistant = ingested(tmp_path, {"dongchuan.txt": SERVICES, "jiandu.txt": CRIMES}, e5)
    answer = assistant.ask("东川市政务服务部门给申请人指定中介机构怎么处理，构成犯罪的呢")
    assert not answer.refused and "不得为申请人指定" in answer.answer
    assert "依法追究刑事责任" in answer.answer
    assert {c.doc_id for c in answer.citations if c.quote in answer.answer} == {"dongchuan"}


CARE = """澄江市居家养老服务条例

第一条 为了推进居家养老服务，制定本条例。
第二条 市、区人民政府应当推进老年人居家适老化改造，对特困、低保家庭中的失能老年人，给予每户不超过八千元的改造补助。
第三条 社区应当为独居老年人建立定期探访制度。
"""

CARE_OPINION = """澄江市人民政府关于发展银发经济的实施意见

一、重点任务
（一）推进适老化改造。每年完成特殊困难老年人家庭适老化改造不少于2000户。
（二）发展老年助餐。到2027年社区老年助餐点覆盖率达到百分之九十。
"""


def test_a_part_naming_no_document_is_not_kept_in_the_one_another_part_names(tmp_path, e5) -> None:
    assistant = ingested(tmp_path, {"care.txt": CARE, "opinion.txt": CARE_OPINION,
                                    "dongchuan.txt": SERVICES, "jiandu.txt": CRIMES}, e5)
    answer = assistant.ask("适老化改造补助每户多少钱，实施意见要求每年改造多少户？")
    assert not answer.refused
    assert "八千元" in answer.answer and "2000户" in answer.answer
    # a part that only continues the named document's question stays in it
    named = assistant.ask("东川市政务服务条例对给申请人指定中介机构的怎么处理，构成犯罪的呢")
    assert "依法追究刑事责任" in named.answer
    assert {c.doc_id for c in named.citations if c.quote in named.answer} == {"dongchuan"}
