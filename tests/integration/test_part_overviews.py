"""Overviews of a chapter and of a part that is one unit, on documents written for this test.

A city's invented regulation on night markets (a chapter whose article is a lead-in over items) and a
State Council-style opinion whose third part has no tasks under it.
"""

from __future__ import annotations

import pytest
from support.corpora import ingested

from assistant.service import Assistant

MARKETS = """# 江城市夜间集市管理办法

## 第一章 总则

第一条 为了规范夜间集市经营秩序，方便群众生活，制定本办法。

第二条 区人民政府负责本区夜间集市的设置和监督管理。

## 第二章 经营规范

第三条 摊位经营者应当亮照经营，明码标价。
摊位经营者不得销售过期变质食品。

第四条 摊位经营者有下列情形之一的，由市场管理部门责令限期改正：
（一）超出划定区域摆放商品的；
（二）营业结束后未清理摊位垃圾的；
（三）使用高音喇叭招揽顾客的。

第五条 集市营业时间为每日十八时至次日零时。
"""

OPINION = """# 江城市人民政府关于促进夜间经济发展的意见

各区人民政府，市政府各部门：

为繁荣夜间消费市场，现提出以下意见。

一、总体要求

坚持规划引领、规范有序，推动夜间经济健康发展。

二、重点任务

（一）优化街区布局。每个区至少建设一条夜间特色街区。街区周边应当配建临时停车泊位。

（二）丰富消费业态。支持商场、书店延长营业时间。

三、发展目标

到2027年，全市夜间消费额占全天消费额的比重达到百分之四十。培育十个具有全国影响力的夜间消费地标，形成一批夜间文旅品牌。
"""


# Most tasks whole, two split into points (the task line itself only a heading).
CANTEENS = """# 江城市人民政府关于发展社区食堂的实施意见

一、总体要求

（一）指导思想。坚持就近便利、保本微利，让老年人吃得上、吃得好。

（二）工作目标。到2027年底，每个街道至少建成一个社区食堂。

二、重点任务

（三）科学布点。
1. 以街道为单位编制食堂布局规划，报区民政部门备案。
2. 利用闲置公房建设食堂的，租金按评估价格的一半收取。

（四）拓展送餐服务。对行动不便的老年人提供送餐上门服务，每单送餐费不超过3元。

（五）分类补贴。
1. 六十周岁以上老年人每餐补贴2元。
2. 八十周岁以上老年人每餐补贴4元。

（六）守牢食品安全。食堂菜品留样保存48小时以上。

（七）推进智慧助餐。推行刷卡就餐、补贴自动结算。

（八）发展农村助餐。依托村级互助点开展集中用餐。
"""


# A short chapter whose one article is long (two 款 over 300 characters), and a long chapter (each article
# two 款, well over 3,000 characters together): the first is quoted whole, the second by first 款.
_CLAUSE = "设置单位应当对广告设施进行日常巡查，发现破损、松动、锈蚀等情形的，应当及时维修加固，并做好巡查记录。"
_LONG = "\n\n".join(f"第{n}条 第{n}类广告设施的设置，应当符合本市户外广告设置规划。{_CLAUSE * 6}\n\n"
                    f"第{n}类设施的第二款标记：每年检测一次。"
                    for n in ("五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四"))
ADVERTS = f"""# 江城市户外广告设施管理办法

## 第一章 总则

第一条 为了规范户外广告设施设置，制定本办法。

## 第二章 设置审批

第二条 设置户外广告设施，应当向城市管理部门提出申请，提交设施设计图、安全检测报告。{_CLAUSE * 5}

城市管理部门应当自受理申请之日起十个工作日内作出决定；准予设置的，核发设置许可证，许可证有效期不超过三年。

第三条 设置许可证有效期届满需要延续的，应当在届满三十日前提出申请。

第四条 本章审批事项的收费标准另行公布。

## 第三章 设施维护

{_LONG}
"""


@pytest.fixture(scope="module")
def helper(tmp_path_factory, e5) -> Assistant:
    files = {"markets.md": MARKETS, "opinion.md": OPINION, "canteens.md": CANTEENS, "adverts.md": ADVERTS}
    return ingested(tmp_path_factory.mktemp("part_overviews"), files, e5)


def test_a_chapter_overview_quotes_a_lead_in_with_its_items(helper: Assistant) -> None:
    answer = helper.ask("夜间集市管理办法第二章讲了什么")
    assert answer.route == "part"
    line = next(ln for ln in answer.answer.splitlines() if "第四条" in ln)
    assert "有下列情形之一的" in line and "（三）使用高音喇叭招揽顾客的" in line
    assert "第五条" in answer.answer and "包括以下3项" in answer.answer
    assert "不得销售过期变质食品" in answer.answer  # a short article whole, its second 款 too


def test_a_part_overview_quotes_each_short_point_whole(helper: Assistant) -> None:
    answer = helper.ask("夜间经济意见的第二部分讲了什么")
    assert answer.route == "part" and "包括以下2项" in answer.answer
    assert "每个区至少建设一条夜间特色街区" in answer.answer and "临时停车泊位" in answer.answer


def test_a_part_that_is_one_unit_is_quoted_whole(helper: Assistant) -> None:
    answer = helper.ask("夜间经济意见的第三部分讲了什么")
    assert answer.route == "part"
    assert "百分之四十" in answer.answer and "夜间文旅品牌" in answer.answer  # its last sentence too
    assert "包括以下1项" not in answer.answer


def test_a_chapter_named_by_a_few_words_of_its_title_and_the_word_chapter(helper: Assistant) -> None:
    answer = helper.ask("夜间集市管理办法里讲经营规矩的那一章有哪些内容")
    assert answer.route == "part" and "经营规范" in answer.answer and "第四条" in answer.answer


def test_a_part_lists_the_points_of_a_task_split_into_points_with_its_whole_tasks(helper: Assistant) -> None:
    answer = helper.ask("社区食堂实施意见的第二部分有哪些任务")
    assert answer.route == "part"
    for text in ("报区民政部门备案", "租金按评估价格的一半收取", "每单送餐费不超过3元", "每餐补贴4元", "48小时以上"):
        assert text in answer.answer, text


def test_a_task_split_into_points_is_looked_up_by_its_number_as_its_points(helper: Assistant) -> None:
    chunks = helper.section("canteens", 5)
    assert [c.key[1] for c in chunks] == ["（五）1.", "（五）2."]
    assert "每餐补贴4元" in "".join(c.text for c in chunks)


def test_a_chapter_named_by_a_short_title_right_before_the_ask(helper: Assistant) -> None:
    answer = helper.ask("夜间集市管理办法的总则讲了什么")
    assert answer.route == "part" and "第一条" in answer.answer and "第二条" in answer.answer
    assert helper.ask("总则里的主管部门是谁").route != "part"  # a question about it, not an overview


def test_a_short_chapter_is_quoted_whole_and_a_long_one_by_first_paragraphs(helper: Assistant) -> None:
    short = helper.ask("户外广告设施管理办法第二章讲了什么")
    assert short.route == "part" and "许可证有效期不超过三年" in short.answer  # 第二条's second 款
    long = helper.ask("户外广告设施管理办法第三章讲了什么")
    assert long.route == "part" and "第十四条" in long.answer
    assert "第二款标记" not in long.answer  # each article by its first 款
