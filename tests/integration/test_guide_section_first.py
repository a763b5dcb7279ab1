"""A guide's own section on the detail asked ("办理时限" for "要多久") is quoted first, though its lines do not repeat
the guide's subject and an opinion's target on the same subject scores close: a guide and an opinion written for
this test in the style of municipal documents. (When the opinion's target ranks first, "企业开办要多久", it is
answered from it: moving another document's section first refused deadlines that a regulation sets.)
"""

from __future__ import annotations

import pytest
from support.corpora import ingested

from assistant.service import Assistant

GUIDE = """# 沙河市企业开办一窗通办服务指南

## 办理条件

申请人应当具有完全民事行为能力，住所真实有效。

## 申请材料

1. 公司登记申请书；
2. 公司章程；
3. 住所使用证明。

## 办理时限

申请材料齐全、符合法定形式的，0.5个工作日内办结；需要现场核查住所的，3个工作日内办结。

## 收费标准

不收费。
"""

OPINION = """沙河市人民政府关于进一步优化营商环境的若干意见

一、提升开办便利度
（一）压缩企业开办时间。
1. 将企业设立登记、公章刻制、发票申领等环节整合为一个环节，企业开办全流程时间压缩至1个工作日以内。
（牵头单位：市市场监管局）
2. 为新开办企业免费刻制首套公章。（牵头单位：市公安局）
"""


@pytest.fixture(scope="module")
def helper(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("guide_first"), {"zhinan.md": GUIDE, "yijian.txt": OPINION}, e5)


@pytest.mark.parametrize("question", ["一窗通办企业开办要多久", "企業開辦需要多久辦結？", "企业开办一般几个工作日办结"])
def test_the_guides_time_limit_is_quoted_first(helper: Assistant, question: str) -> None:
    answer = helper.ask(question)
    assert not answer.refused and answer.citations[0].doc_id == "zhinan"
    assert answer.answer.startswith("申请材料齐全") and "0.5个工作日" in answer.answer
