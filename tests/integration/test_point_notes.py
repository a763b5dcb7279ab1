"""A point's own note ("（牵头单位：…；…前完成）") is quoted with it: asked who leads a task or by when it is
done, the answer holds the note of the point asked about, not another point's note alone.

A provincial notice written for this test.
"""

from __future__ import annotations

import pytest
from support.corpora import ingested

from assistant.service import Assistant

NOTICE = """江北省人民政府办公厅关于加强农村饮水安全保障的通知

各市、县（区）人民政府，省政府各部门：

为保障农村群众饮水安全，现就有关事项通知如下。

一、完善供水设施

1.推进城乡供水一体化，到2027年底农村自来水普及率达到95%以上。（牵头单位：省水利厅、省发展改革委；2027年12月底前完成）
2.对日供水千吨以上的水厂配备消毒设备和在线监测仪表。（牵头单位：省水利厅、省卫生健康委）

二、强化水质监测

1.县级疾控机构每季度对农村集中供水工程出厂水和末梢水各抽检一次。（牵头单位：省卫生健康委；持续推进）
2.水质不达标的，供水单位应当在48小时内查明原因并向社会公告。（牵头单位：各市、县（区）人民政府）

三、落实资金保障

省级财政每年安排专项资金支持农村供水工程维修养护，对脱贫地区给予倾斜。（牵头单位：省财政厅、省水利厅）

江北省人民政府办公厅
2026年2月10日
"""


@pytest.fixture(scope="module")
def helper(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("point_notes"), {"notice.txt": NOTICE}, e5)


@pytest.mark.parametrize(("question", "note"), [
    ("水厂配备消毒设备由哪个部门牵头", "（牵头单位：省水利厅、省卫生健康委）"),
    ("城乡供水一体化什么时候完成", "2027年12月底前完成"),
    ("疾控机构抽检出厂水和末梢水由谁牵头", "（牵头单位：省卫生健康委；持续推进）"),
    ("农村供水维修养护资金由谁牵头", "（牵头单位：省财政厅、省水利厅）"),
])
def test_the_note_is_quoted_with_its_point(helper: Assistant, question: str, note: str) -> None:
    answer = helper.ask(question)
    assert not answer.refused
    first = answer.citations[0]
    assert note in first.quote and note in answer.answer
    assert first.quote.rstrip().endswith("）") and first.quote.strip() != note  # the sentence with it


def test_no_citation_is_a_note_alone(helper: Assistant) -> None:
    answer = helper.ask("水厂配备消毒设备由哪个部门牵头")
    assert all(not c.quote.startswith("（牵头单位") for c in answer.citations)


def test_a_bare_follow_up_asks_about_the_previous_question(helper: Assistant) -> None:
    first = helper.ask("农村自来水普及率要达到多少")
    history = [{"question": first.question, "answer": first.answer,
                "citations": [{"doc_id": c.doc_id, "path": c.path} for c in first.citations]}]
    answer = helper.ask("谁牵头？", history=history)
    assert answer.context is not None and answer.context["kind"] == "bare_ask"
    assert "（牵头单位：省水利厅、省发展改革委；2027年12月底前完成）" in answer.answer.split("\n")[0]
    alone = helper.ask("医保怎么报销？", history=history)  # no line of the notice speaks of it
    assert alone.context is None


CLOSING = "本通知自2026年3月1日起施行，有效期至2028年12月31日。"
SHORT = f"""江北省民政厅关于做好冬季救助工作的通知

各市民政局：

为保障困难群众温暖过冬，现就有关事项通知如下。

一、摸清底数

（一）各地要在11月底前完成困难群众排查。（牵头单位：各市民政局）

（二）建立救助对象动态台账。

二、加强保障

（一）对特困人员发放取暖补贴每人每月200元。（牵头单位：省民政厅、省财政厅）

（二）开通24小时救助热线。

{CLOSING}
"""


def test_the_closing_lines_are_the_documents_closing_not_its_preamble(tmp_path, e5) -> None:
    helper = ingested(tmp_path, {"notice.txt": SHORT}, e5)
    answer = helper.ask("这个通知的有效期到什么时候")
    assert answer.citations and answer.citations[0].path == "结语" and CLOSING in answer.answer
    preamble = [c for c in helper.index.chunks if c.label == "引言"]
    assert preamble and all(CLOSING not in c.text for c in preamble)


ONGOING = """江南市人民政府关于发展社区托育服务的实施意见

各区人民政府，市政府各部门：

为发展普惠托育服务，现提出以下意见。

一、扩大服务供给

（一）建设社区托育点。每个街道至少建成一个普惠托育服务中心。（牵头单位：市卫生健康委；2026年12月底前完成）

（二）培育托育人才。开展托育从业人员职业技能培训。（牵头单位：市人力资源社会保障局；持续推进）

二、加强监督管理

（一）落实安全责任。托育机构应当建立安全管理制度。（牵头单位：市市场监管局；2026年6月底前完成）
"""


def test_a_task_without_a_date_is_not_answered_with_another_tasks_date(tmp_path, e5) -> None:
    helper = ingested(tmp_path, {"opinion.txt": ONGOING}, e5)
    answer = helper.ask("托育从业人员培训什么时候完成")  # its note says 持续推进, no date
    assert "2026年12月底前完成" not in answer.answer and "2026年6月底前完成" not in answer.answer
    assert not answer.refused and "（牵头单位：市人力资源社会保障局；持续推进）" in answer.answer  # its own note

